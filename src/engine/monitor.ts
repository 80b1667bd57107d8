// MONITOR: the clients that asked to see every command, and the line each executed command
// becomes for them, formatted as Redis's replicationFeedMonitors does —
// `+<secs>.<usecs> [<db> <addr>] "arg" ...` with sdscatrepr quoting and passwords redacted.
import type { Client } from './client.js';
import type { Engine } from './engine.js';
import { FLAG_BITS, type CommandSpec } from '../commands/spec.js';

const F_SKIP = FLAG_BITS.skip_monitor | FLAG_BITS.admin;
const REDACTED = '(redacted)';

/** Redis's sdscatrepr: a double-quoted string with C escapes and \xHH for other bytes. */
export function quoteRepr(s: string): string {
  let out = '"';
  let plainFrom = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    if (ch >= 0x20 && ch <= 0x7e && ch !== 0x22 && ch !== 0x5c) continue;
    if (i > plainFrom) out += s.slice(plainFrom, i);
    plainFrom = i + 1;
    switch (ch) {
      case 0x22:
        out += '\\"';
        break;
      case 0x5c:
        out += '\\\\';
        break;
      case 0x0a:
        out += '\\n';
        break;
      case 0x0d:
        out += '\\r';
        break;
      case 0x09:
        out += '\\t';
        break;
      case 0x07:
        out += '\\a';
        break;
      case 0x08:
        out += '\\b';
        break;
      default:
        out += '\\x' + (ch & 0xff).toString(16).padStart(2, '0');
    }
  }
  if (plainFrom < s.length) out += s.slice(plainFrom);
  return out + '"';
}

/**
 * Argument positions Redis replaces with "(redacted)" before anyone sees the command
 * (redactClientCommandArgument): AUTH's password (and user), HELLO's AUTH pair for each AUTH
 * option parsed before an error, MIGRATE's AUTH/AUTH2 credentials.
 */
export function redactedPositions(engine: Engine, spec: CommandSpec, argv: readonly string[]): number[] | null {
  const name = spec.parent ? spec.parent.name : spec.name;
  const argc = argv.length;
  if (name === 'auth') {
    if (argc > 3) return null; // syntax error before redaction
    return argc === 3 ? [1, 2] : [1];
  }
  if (name === 'hello') {
    if (argc >= 2) {
      const v = argv[1] as string;
      if (v !== '2' && v !== '3') return null; // a bad protocol version stops before the options
    }
    // 7.0 applies HELLO's options one by one and stops at the first that fails (a wrong
    // password, a bad name, an unknown option): AUTH pairs after that stay as they were.
    const out: number[] = [];
    const required = engine.config.get('requirepass');
    for (let j = 2; j < argc; j++) {
      const opt = (argv[j] as string).toLowerCase();
      const more = argc - 1 - j;
      if (opt === 'auth' && more >= 2) {
        out.push(j + 1, j + 2);
        if (argv[j + 1] !== 'default' || (required !== '' && argv[j + 2] !== required)) break;
        j += 2;
      } else if (opt === 'setname' && more >= 1) {
        if (!/^[\x21-\x7e]*$/.test(argv[j + 1] as string)) break;
        j++;
      } else {
        break;
      }
    }
    return out.length ? out : null;
  }
  if (name === 'migrate') {
    const out: number[] = [];
    for (let j = 6; j < argc; j++) {
      const opt = (argv[j] as string).toLowerCase();
      const more = argc - 1 - j;
      if (opt === 'auth' && more >= 1) {
        out.push(j + 1);
        j++;
      } else if (opt === 'auth2' && more >= 2) {
        out.push(j + 1, j + 2);
        j += 2;
      } else if (opt === 'keys') {
        break;
      }
    }
    return out.length ? out : null;
  }
  return null;
}

export class Monitors {
  /** Clients in MONITOR mode, in the order they started. */
  readonly clients: Client[] = [];

  constructor(private readonly engine: Engine) {}

  add(c: Client): void {
    c.monitor = true;
    c.flags = 'O' + c.flags;
    this.clients.push(c);
  }

  /** Leaves MONITOR mode (RESET, disconnect). */
  remove(c: Client): void {
    if (!c.monitor) return;
    c.monitor = false;
    c.flags = c.flags.replace('O', '');
    const i = this.clients.indexOf(c);
    if (i >= 0) this.clients.splice(i, 1);
  }

  /** Whether a command is shown (Redis hides admin and skip_monitor commands). */
  static shows(spec: CommandSpec): boolean {
    return ((spec.bits ?? 0) & F_SKIP) === 0;
  }

  /** Where a line says the command came from: "lua", "unix:<path>" or the peer address. */
  private origin(c: Client): string {
    if (c.monitorName !== null) return c.monitorName;
    const addr = c.transport?.addr ?? '';
    if (addr.startsWith('/')) return 'unix:' + addr.replace(/:0$/, '');
    return addr;
  }

  /** Sends the executed command `argv` of `c` (in database `dbId`) to every monitor. */
  feed(c: Client, spec: CommandSpec, dbId: number, argv: readonly string[]): void {
    const us = this.engine.clock.nowMicros();
    const secs = Math.floor(us / 1e6);
    const micros = String(us - secs * 1e6).padStart(6, '0');
    const redact = redactedPositions(this.engine, spec, argv);
    let line = `+${secs}.${micros} [${dbId} ${this.origin(c)}]`;
    for (let j = 0; j < argv.length; j++) {
      line += ' ' + (redact !== null && redact.includes(j) ? `"${REDACTED}"` : quoteRepr(argv[j] as string));
    }
    line += '\r\n';
    const current = this.engine.currentClient;
    for (const m of this.clients) {
      if (m.closed || m.closeAfterReply) continue; // Redis writes nothing more to a closing client
      m.reply.raw(line);
      if (m !== current) this.engine.flushSoon(m);
    }
  }
}
