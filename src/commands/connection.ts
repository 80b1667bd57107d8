// Connection commands: PING, ECHO, QUIT, RESET, HELLO, AUTH, SELECT, MONITOR and the CLIENT
// container (ID, GETNAME, SETNAME, INFO, LIST, KILL, REPLY, NO-EVICT, UNBLOCK, TRACKING, CACHING,
// GETREDIR, TRACKINGINFO, PAUSE, UNPAUSE, HELP), as redis-server 7.0.15 has them. Also owns the
// default user's password check and the CLIENT LIST line of a client.
import { createHash, timingSafeEqual } from 'node:crypto';
import { cmd, type CommandSpec } from './spec.js';
import type { Client } from '../engine/client.js';
import type { Db } from '../store/keyspace.js';
import { INT64_MAX, parseLong } from '../util/numbers.js';
import { PAUSE_ALL, PAUSE_WRITE, type PauseType } from '../engine/pause.js';
import {
  AUTH_NOT_CONFIGURED,
  CACHING_NOT_TRACKING,
  CACHING_NO_NOT_OPTOUT,
  CACHING_YES_NOT_OPTIN,
  MONITOR_DENY_BLOCKING,
  PAUSE_MODE,
  TIMEOUT_NEGATIVE,
  TIMEOUT_NOT_INTEGER,
  TRACKING_BCAST_SWITCH,
  TRACKING_OPTIN_AND_OPTOUT,
  TRACKING_OPTIN_OPTOUT_BCAST,
  TRACKING_OPT_SWITCH,
  TRACKING_PREFIX_NEEDS_BCAST,
  TRACKING_REDIRECT_MISSING,
  TRACKING_SINGLE_REDIRECT,
  CLIENT_ID_INVALID,
  CLIENT_ID_NOT_POSITIVE,
  CLIENT_NAME_SPACES,
  DB_INDEX_OUT_OF_RANGE,
  HELLO_NOAUTH,
  HELLO_PROTOVER_NOT_INT,
  INT_OUT_OF_RANGE,
  NOPROTO,
  NOT_INTEGER,
  NO_SUCH_CLIENT,
  RESET_NOT_NORMAL,
  SYNTAX_ERR,
  UNBLOCKED_BY_CLIENT,
  UNBLOCK_REASON,
  WRONGPASS,
  helloSyntaxError,
  noSuchUser,
  subcommandSyntaxError,
  unknownClientType,
  wrongArity,
} from '../engine/errors.js';

const SERVER_VERSION = '7.0.15';
const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

// ---- hooks for state owned elsewhere ------------------------------------------------------

/**
 * RESET clears connection state that other modules own (MULTI, pub/sub, MONITOR, tracking,
 * READONLY/ASKING): they register a hook here, run before RESET's own clean-up.
 */
const resetHooks: ((c: Client) => void)[] = [];

export function onClientReset(fn: (c: Client) => void): void {
  resetHooks.push(fn);
}

// Redis's clearClientConnectionState starts with MONITOR and tracking.
onClientReset((c) => {
  c.engine.monitors.remove(c);
  c.engine.tracking.disable(c);
});

// ---- client types (CLIENT LIST/KILL TYPE) -------------------------------------------------

export type ClientType = 'normal' | 'replica' | 'pubsub' | 'master';

/** Redis's getClientTypeByName: null for an unknown name. */
function clientTypeByName(name: string): ClientType | null {
  switch (name.toLowerCase()) {
    case 'normal':
      return 'normal';
    case 'slave':
    case 'replica':
      return 'replica';
    case 'pubsub':
      return 'pubsub';
    case 'master':
      return 'master';
    default:
      return null;
  }
}

/**
 * Redis's getClientType, from the flag letters other modules keep in `c.flags` (the letters
 * CLIENT LIST prints: M master, S replica, O monitor, P pub/sub). A MONITOR counts as normal.
 */
export function clientType(c: Client): ClientType {
  const f = c.flags;
  if (f.includes('M')) return 'master';
  if (f.includes('S')) return 'replica';
  if (f.includes('P')) return 'pubsub';
  return 'normal';
}

// ---- authentication -----------------------------------------------------------------------

function sha256(s: string): Buffer {
  return createHash('sha256').update(s, 'latin1').digest();
}

/**
 * ACLAuthenticateUser for the one user Memora has: "default", whose password is requirepass
 * (no password configured = nopass: any password is accepted). On success the client is
 * authenticated as that user; on failure nothing changes.
 */
export function authenticateUser(c: Client, user: string, pass: string): boolean {
  if (user !== 'default') return false;
  const required = c.engine.config.get('requirepass');
  if (required !== '' && !timingSafeEqual(sha256(pass), sha256(required))) return false;
  c.user = 'default';
  c.authenticated = true;
  return true;
}

/** Whether the client may run commands: authenticated, or the default user needs no password. */
function isAuthenticated(c: Client): boolean {
  return c.authenticated || !c.engine.authRequired();
}

// ---- client names ---------------------------------------------------------------------------

/** validateClientName: printable ASCII without spaces ('!'..'~'); the empty name is allowed. */
function validClientName(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const ch = name.charCodeAt(i);
    if (ch < 33 || ch > 126) return false;
  }
  return true;
}

/** Sets the name or replies the error; "" removes the name. */
function setNameOrReply(c: Client, name: string): boolean {
  if (!validClientName(name)) {
    c.reply.error(CLIENT_NAME_SPACES);
    return false;
  }
  c.name = name;
  return true;
}

// ---- PING, ECHO, QUIT, SELECT ---------------------------------------------------------------

function pingCommand(c: Client): void {
  if (c.argv.length > 2) {
    c.reply.error(wrongArity('ping'));
    return;
  }
  // A RESP2 client in subscribed state ('P', kept by src/pubsub/pubsub.ts) gets PING's pub/sub
  // form: ["pong", argument or ""] as an array.
  if (c.resp === 2 && c.flags.includes('P')) {
    c.reply.arrayLen(2);
    c.reply.bulk('pong');
    c.reply.bulk(c.argv.length === 2 ? (c.argv[1] as string) : '');
    return;
  }
  if (c.argv.length === 2) c.reply.bulk(c.argv[1] as string);
  else c.reply.simple('PONG');
}

function echoCommand(c: Client): void {
  c.reply.bulk(c.argv[1] as string);
}

function quitCommand(c: Client): void {
  c.reply.ok();
  c.closeAfterReply = true;
}

function selectCommand(c: Client): void {
  const v = parseLong(c.argv[1] as string);
  if (v === null) {
    c.reply.error(NOT_INTEGER);
    return;
  }
  if (v < INT_MIN || v > INT_MAX) {
    c.reply.error(INT_OUT_OF_RANGE);
    return;
  }
  const id = Number(v);
  const db = c.engine.dbs[id];
  if (id < 0 || db === undefined) {
    c.reply.error(DB_INDEX_OUT_OF_RANGE);
    return;
  }
  c.db = db;
  c.reply.ok();
}

// ---- AUTH, HELLO, RESET ---------------------------------------------------------------------

function authCommand(c: Client): void {
  const argc = c.argv.length;
  if (argc > 3) {
    c.reply.error(SYNTAX_ERR);
    return;
  }
  let user: string;
  let pass: string;
  if (argc === 2) {
    if (!c.engine.authRequired()) {
      c.reply.error(AUTH_NOT_CONFIGURED);
      return;
    }
    user = 'default';
    pass = c.argv[1] as string;
  } else {
    user = c.argv[1] as string;
    pass = c.argv[2] as string;
  }
  if (authenticateUser(c, user, pass)) c.reply.ok();
  else c.reply.error(WRONGPASS);
}

function helloCommand(c: Client): void {
  const argv = c.argv;
  const argc = argv.length;
  let ver = 0;
  if (argc >= 2) {
    const v = parseLong(argv[1] as string);
    if (v === null) {
      c.reply.error(HELLO_PROTOVER_NOT_INT);
      return;
    }
    if (v < 2 || v > 3) {
      c.reply.error(NOPROTO);
      return;
    }
    ver = Number(v);
  }
  // Options take effect one by one, as Redis 7.0 applies them: an error stops at that option,
  // keeping what the options before it did (a name set, a successful AUTH).
  for (let j = 2; j < argc; j++) {
    const opt = argv[j] as string;
    const more = argc - 1 - j;
    const lower = opt.toLowerCase();
    if (lower === 'auth' && more >= 2) {
      if (!authenticateUser(c, argv[j + 1] as string, argv[j + 2] as string)) {
        c.reply.error(WRONGPASS);
        return;
      }
      j += 2;
    } else if (lower === 'setname' && more >= 1) {
      if (!setNameOrReply(c, argv[j + 1] as string)) return;
      j++;
    } else {
      c.reply.error(helloSyntaxError(opt));
      return;
    }
  }
  if (!isAuthenticated(c)) {
    c.reply.error(HELLO_NOAUTH);
    return;
  }
  if (ver !== 0) c.resp = ver as 2 | 3;
  const r = c.reply;
  r.mapLen(7);
  r.bulk('server');
  r.bulk('redis');
  r.bulk('version');
  r.bulk(SERVER_VERSION);
  r.bulk('proto');
  r.integer(c.resp);
  r.bulk('id');
  r.integer(c.id);
  r.bulk('mode');
  r.bulk('standalone');
  r.bulk('role');
  r.bulk('master');
  r.bulk('modules');
  r.arrayLen(0);
}

/**
 * clearClientConnectionState as Redis 7.0 has it: db 0, RESP2, default user (authenticated only
 * if it needs no password), no name, replies ON; modules' state through onClientReset hooks.
 * CLIENT NO-EVICT survives RESET in 7.0 (7.2 clears it).
 */
function resetCommand(c: Client): void {
  if (c.flags.includes('S') || c.flags.includes('M')) {
    c.reply.error(RESET_NOT_NORMAL);
    return;
  }
  for (const fn of resetHooks) fn(c);
  c.db = c.engine.dbs[0] as Db;
  c.resp = 2;
  c.user = 'default';
  c.authenticated = !c.engine.authRequired();
  c.name = '';
  c.replyOff = false;
  c.replySkipNext = false;
  // REPLY OFF ends now, so "+RESET" is sent; a REPLY SKIP aimed at this very command still holds.
  c.reply.muted = c.replySkip;
  c.reply.simple('RESET');
}

// ---- CLIENT -------------------------------------------------------------------------------

/** Redis prints ages in whole seconds of its cached unixtime. */
function seconds(ms: number): number {
  return Math.floor(ms / 1000);
}

function flagLetters(cl: Client): string {
  // Redis's order: S/O M P (kept in cl.flags by their modules), x b, t R B, d c ... e.
  let f = cl.flags.replace(/[tRB]/g, '');
  if (cl.multi) f += 'x';
  if (cl.blocked) f += 'b';
  for (const t of 'tRB') if (cl.flags.includes(t)) f += t;
  if (cl.dirtyCas) f += 'd';
  if (cl.closeAfterReply) f += 'c';
  if (cl.noEvict) f += 'e';
  return f === '' ? 'N' : f;
}

/** One CLIENT LIST line (without the trailing newline), fields in 7.0.15's order. */
export function clientInfoString(cl: Client, current: Client | null): string {
  const now = cl.engine.now;
  const t = cl.transport;
  const qbuf = t ? t.queryBufferBytes() : 0;
  const omem = t ? t.pendingBytes() : 0;
  let argvMem = 0;
  if (cl === current) for (const a of cl.argv) argvMem += a.length;
  const rbs = 1024;
  const last = cl.lastCmd;
  return (
    `id=${cl.id} addr=${t ? t.addr : ''} laddr=${t ? t.laddr : ''} fd=${t ? t.fd : -1} name=${cl.name}` +
    ` age=${seconds(now) - seconds(cl.createdAt)} idle=${seconds(now) - seconds(cl.lastInteraction)}` +
    ` flags=${flagLetters(cl)} db=${cl.db.id} sub=${cl.subCount} psub=${cl.psubCount} ssub=${cl.ssubCount}` +
    ` multi=${cl.multiCount} qbuf=${qbuf} qbuf-free=0 argv-mem=${argvMem} multi-mem=0 rbs=${rbs} rbp=${qbuf}` +
    ` obl=0 oll=0 omem=${omem} tot-mem=${1800 + rbs + qbuf + argvMem + omem}` +
    ` events=${omem > 0 ? 'rw' : 'r'} cmd=${last ? (last.fullName ?? last.name) : 'NULL'}` +
    ` user=${cl.user} redir=${cl.tracking !== null ? cl.tracking.redirect : -1} resp=${cl.resp}`
  );
}

function clientIdCommand(c: Client): void {
  c.reply.integer(c.id);
}

function clientGetnameCommand(c: Client): void {
  if (c.name === '') c.reply.nullBulk();
  else c.reply.bulk(c.name);
}

function clientSetnameCommand(c: Client): void {
  if (setNameOrReply(c, c.argv[2] as string)) c.reply.ok();
}

function clientInfoCommand(c: Client): void {
  c.reply.verbatim(clientInfoString(c, c) + '\n');
}

function clientListCommand(c: Client): void {
  const argv = c.argv;
  const argc = argv.length;
  let out = '';
  if (argc === 4 && argv[2]?.toLowerCase() === 'type') {
    const type = clientTypeByName(argv[3] as string);
    if (type === null) {
      c.reply.error(unknownClientType(argv[3] as string));
      return;
    }
    for (const cl of c.engine.clients.values()) {
      if (clientType(cl) === type) out += clientInfoString(cl, c) + '\n';
    }
  } else if (argc > 3 && argv[2]?.toLowerCase() === 'id') {
    // Clients come out in the order of the ids given; a bad id fails the whole command.
    for (let j = 3; j < argc; j++) {
      const id = parseLong(argv[j] as string);
      if (id === null) {
        c.reply.error(CLIENT_ID_INVALID);
        return;
      }
      const cl = typeof id === 'number' ? c.engine.clients.get(id) : undefined;
      if (cl !== undefined) out += clientInfoString(cl, c) + '\n';
    }
  } else if (argc !== 2) {
    c.reply.error(SYNTAX_ERR);
    return;
  } else {
    for (const cl of c.engine.clients.values()) out += clientInfoString(cl, c) + '\n';
  }
  c.reply.verbatim(out);
}

/** Closes another client now (Redis's freeClient): no more commands run for it. */
function killClient(target: Client): void {
  target.closeAfterReply = true;
  target.transport?.close();
  if (!target.closed) target.engine.freeClient(target);
}

function clientKillCommand(c: Client): void {
  const argv = c.argv;
  const argc = argv.length;
  let addr: string | null = null;
  let laddr: string | null = null;
  let user: string | null = null;
  let type: ClientType | null = null;
  let id = 0;
  let skipMe = true;
  if (argc === 3) {
    // Old form CLIENT KILL <ip:port>: may kill the caller itself.
    addr = argv[2] as string;
    skipMe = false;
  } else {
    for (let i = 2; i < argc; i += 2) {
      const opt = (argv[i] as string).toLowerCase();
      const val = argv[i + 1];
      if (val === undefined) {
        c.reply.error(SYNTAX_ERR);
        return;
      }
      if (opt === 'id') {
        const v = parseLong(val);
        if (v === null || v < 1) {
          c.reply.error(CLIENT_ID_NOT_POSITIVE);
          return;
        }
        id = Number(v);
      } else if (opt === 'type') {
        type = clientTypeByName(val);
        if (type === null) {
          c.reply.error(unknownClientType(val));
          return;
        }
      } else if (opt === 'addr') {
        addr = val;
      } else if (opt === 'laddr') {
        laddr = val;
      } else if (opt === 'user') {
        if (val !== 'default') {
          c.reply.error(noSuchUser(val));
          return;
        }
        user = val;
      } else if (opt === 'skipme') {
        const yn = val.toLowerCase();
        if (yn === 'yes') skipMe = true;
        else if (yn === 'no') skipMe = false;
        else {
          c.reply.error(SYNTAX_ERR);
          return;
        }
      } else {
        c.reply.error(SYNTAX_ERR);
        return;
      }
    }
  }
  let killed = 0;
  let closeSelf = false;
  for (const cl of [...c.engine.clients.values()]) {
    if (addr !== null && (cl.transport?.addr ?? '') !== addr) continue;
    if (laddr !== null && (cl.transport?.laddr ?? '') !== laddr) continue;
    if (type !== null && clientType(cl) !== type) continue;
    if (id !== 0 && cl.id !== id) continue;
    if (user !== null && cl.user !== user) continue;
    if (cl === c && skipMe) continue;
    if (cl === c) closeSelf = true;
    else killClient(cl);
    killed++;
  }
  if (argc === 3) {
    if (killed === 0) c.reply.error(NO_SUCH_CLIENT);
    else c.reply.ok();
  } else {
    c.reply.integer(killed);
  }
  // Flagged only after the reply is queued, so the caller still gets it.
  if (closeSelf) c.closeAfterReply = true;
}

function clientReplyCommand(c: Client): void {
  const mode = (c.argv[2] as string).toLowerCase();
  if (mode === 'on') {
    // ON also ends a pending SKIP, and its own +OK is sent even when this command was skipped.
    c.replyOff = false;
    c.replySkip = false;
    c.reply.muted = false;
    c.reply.ok();
  } else if (mode === 'off') {
    c.replyOff = true;
  } else if (mode === 'skip') {
    if (!c.replyOff) c.replySkipNext = true;
  } else {
    c.reply.error(SYNTAX_ERR);
  }
}

function clientNoEvictCommand(c: Client): void {
  const v = (c.argv[2] as string).toLowerCase();
  if (v === 'on') c.noEvict = true;
  else if (v === 'off') c.noEvict = false;
  else {
    c.reply.error(SYNTAX_ERR);
    return;
  }
  c.reply.ok();
}

/**
 * CLIENT UNBLOCK <id> [TIMEOUT|ERROR]: a client blocked on keys gets its timeout reply, or the
 * -UNBLOCKED error; 1 when a blocked client was found, else 0. The reason is checked before the id.
 */
function clientUnblockCommand(c: Client): void {
  const argv = c.argv;
  if (argv.length > 4) return c.reply.error(subcommandSyntaxError(argv[1] as string, 'client'));
  let asError = false;
  if (argv.length === 4) {
    const reason = (argv[3] as string).toLowerCase();
    if (reason === 'error') asError = true;
    else if (reason !== 'timeout') return c.reply.error(UNBLOCK_REASON);
  }
  const id = parseLong(argv[2] as string);
  if (id === null) return c.reply.error(NOT_INTEGER);
  const target = typeof id === 'number' ? c.engine.clients.get(id) : undefined;
  // A client held by CLIENT PAUSE is not blocked on keys: left alone (7.0.15 crashes here).
  if (target === undefined || target.blocked === null || c.engine.pause.isPostponed(target)) return c.reply.integer(0);
  if (asError) c.engine.blocking.error(target, UNBLOCKED_BY_CLIENT);
  else c.engine.blocking.timeout(target);
  c.reply.integer(1);
}

// ---- CLIENT TRACKING / CACHING / GETREDIR / TRACKINGINFO (client-side caching) ---------------

/** CLIENT TRACKING ON|OFF [REDIRECT id] [BCAST] [PREFIX p ...] [OPTIN] [OPTOUT] [NOLOOP]. */
function clientTrackingCommand(c: Client): void {
  const argv = c.argv;
  const argc = argv.length;
  const e = c.engine;
  let redirect = 0;
  let bcast = false;
  let optin = false;
  let optout = false;
  let noloop = false;
  const prefixes: string[] = [];
  for (let j = 3; j < argc; j++) {
    const opt = (argv[j] as string).toLowerCase();
    const more = argc - 1 - j;
    if (opt === 'redirect' && more > 0) {
      j++;
      if (redirect !== 0) return c.reply.error(TRACKING_SINGLE_REDIRECT);
      const id = parseLong(argv[j] as string);
      if (id === null) return c.reply.error(NOT_INTEGER);
      // The redirect client must exist now (it may go away later: see tracking-redir-broken).
      const target = typeof id === 'number' && id > 0 ? e.clients.get(id) : undefined;
      if (target === undefined || target.closed) return c.reply.error(TRACKING_REDIRECT_MISSING);
      redirect = target.id;
    } else if (opt === 'bcast') {
      bcast = true;
    } else if (opt === 'optin') {
      optin = true;
    } else if (opt === 'optout') {
      optout = true;
    } else if (opt === 'noloop') {
      noloop = true;
    } else if (opt === 'prefix' && more > 0) {
      j++;
      prefixes.push(argv[j] as string);
    } else {
      return c.reply.error(SYNTAX_ERR);
    }
  }
  const mode = (argv[2] as string).toLowerCase();
  if (mode === 'on') {
    const st = c.tracking;
    if (!bcast && prefixes.length > 0) return c.reply.error(TRACKING_PREFIX_NEEDS_BCAST);
    if (st !== null && st.bcast !== bcast) return c.reply.error(TRACKING_BCAST_SWITCH);
    if (bcast && (optin || optout)) return c.reply.error(TRACKING_OPTIN_OPTOUT_BCAST);
    if (optin && optout) return c.reply.error(TRACKING_OPTIN_AND_OPTOUT);
    if (st !== null && ((optin && st.optout) || (optout && st.optin))) return c.reply.error(TRACKING_OPT_SWITCH);
    // 0 = an error was replied; an overlap among the given prefixes past the first one is
    // replied as an error and tracking is still enabled (and +OK follows), as 7.0.15 does.
    if (bcast && e.tracking.checkPrefixCollisions(c, prefixes) === 0) return;
    e.tracking.enable(c, { redirect, bcast, optin, optout, noloop, prefixes });
  } else if (mode === 'off') {
    e.tracking.disable(c);
  } else {
    return c.reply.error(SYNTAX_ERR);
  }
  c.reply.ok();
}

function clientCachingCommand(c: Client): void {
  const st = c.tracking;
  if (st === null) return c.reply.error(CACHING_NOT_TRACKING);
  const opt = (c.argv[2] as string).toLowerCase();
  if (opt === 'yes') {
    if (!st.optin) return c.reply.error(CACHING_YES_NOT_OPTIN);
  } else if (opt === 'no') {
    if (!st.optout) return c.reply.error(CACHING_NO_NOT_OPTOUT);
  } else {
    return c.reply.error(SYNTAX_ERR);
  }
  st.caching = true;
  c.reply.ok();
}

function clientGetredirCommand(c: Client): void {
  c.reply.integer(c.tracking !== null ? c.tracking.redirect : -1);
}

function clientTrackinginfoCommand(c: Client): void {
  const st = c.tracking;
  const r = c.reply;
  r.mapLen(3);
  r.bulk('flags');
  const flags = [st !== null ? 'on' : 'off'];
  if (st !== null) {
    if (st.bcast) flags.push('bcast');
    if (st.optin) {
      flags.push('optin');
      if (st.caching) flags.push('caching-yes');
    }
    if (st.optout) {
      flags.push('optout');
      if (st.caching) flags.push('caching-no');
    }
    if (st.noloop) flags.push('noloop');
    if (st.brokenRedir) flags.push('broken_redirect');
  }
  r.setLen(flags.length);
  for (const f of flags) r.bulk(f);
  r.bulk('redirect');
  r.integer(st !== null ? st.redirect : -1);
  r.bulk('prefixes');
  const prefixes = st !== null ? st.prefixes : [];
  r.arrayLen(prefixes.length);
  for (const p of prefixes) r.bulk(p);
}

// ---- CLIENT PAUSE / UNPAUSE, MONITOR ----------------------------------------------------------

/** CLIENT PAUSE timeout-ms [WRITE|ALL]: the mode is checked before the timeout, as in 7.0.15. */
function clientPauseCommand(c: Client): void {
  const argv = c.argv;
  if (argv.length > 4) return c.reply.error(subcommandSyntaxError(argv[1] as string, 'client'));
  let type: PauseType = PAUSE_ALL;
  if (argv.length === 4) {
    const mode = (argv[3] as string).toLowerCase();
    if (mode === 'write') type = PAUSE_WRITE;
    else if (mode !== 'all') return c.reply.error(PAUSE_MODE);
  }
  const ms = parseLong(argv[2] as string);
  if (ms === null) return c.reply.error(TIMEOUT_NOT_INTEGER);
  if (ms < 0) return c.reply.error(TIMEOUT_NEGATIVE);
  const now = c.engine.now;
  // Redis adds the timeout to the time in 64 bits: an overflow wraps into the past, which
  // ends the pause at once.
  const end = BigInt(ms) + BigInt(now) > INT64_MAX ? -1 : now + Number(ms);
  c.engine.pause.pause(end, type);
  c.reply.ok();
}

function clientUnpauseCommand(c: Client): void {
  c.engine.pause.unpause();
  c.reply.ok();
}

/** MONITOR: from now on every command any client runs is streamed to this connection. */
function monitorCommand(c: Client): void {
  if (c.denyBlocking) return c.reply.error(MONITOR_DENY_BLOCKING);
  // Already monitoring (or a replica): ignored, without a reply.
  if (c.monitor || c.flags.includes('S')) return;
  c.engine.monitors.add(c);
  c.reply.ok();
}

/** CLIENT HELP of redis-server 7.0.15, line for line. */
const CLIENT_HELP = [
  'CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  'CACHING (YES|NO)',
  '    Enable/disable tracking of the keys for next command in OPTIN/OPTOUT modes.',
  'GETREDIR',
  '    Return the client ID we are redirecting to when tracking is enabled.',
  'GETNAME',
  '    Return the name of the current connection.',
  'ID',
  '    Return the ID of the current connection.',
  'INFO',
  '    Return information about the current client connection.',
  'KILL <ip:port>',
  '    Kill connection made from <ip:port>.',
  'KILL <option> <value> [<option> <value> [...]]',
  '    Kill connections. Options are:',
  '    * ADDR (<ip:port>|<unixsocket>:0)',
  '      Kill connections made from the specified address',
  '    * LADDR (<ip:port>|<unixsocket>:0)',
  '      Kill connections made to specified local address',
  '    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)',
  '      Kill connections by type.',
  '    * USER <username>',
  '      Kill connections authenticated by <username>.',
  '    * SKIPME (YES|NO)',
  '      Skip killing current connection (default: yes).',
  'LIST [options ...]',
  '    Return information about client connections. Options:',
  '    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)',
  '      Return clients of specified type.',
  'UNPAUSE',
  '    Stop the current client pause, resuming traffic.',
  'PAUSE <timeout> [WRITE|ALL]',
  '    Suspend all, or just write, clients for <timeout> milliseconds.',
  'REPLY (ON|OFF|SKIP)',
  '    Control the replies sent to the current connection.',
  'SETNAME <name>',
  '    Assign the name <name> to the current connection.',
  'UNBLOCK <clientid> [TIMEOUT|ERROR]',
  '    Unblock the specified blocked client.',
  'TRACKING (ON|OFF) [REDIRECT <id>] [BCAST] [PREFIX <prefix> [...]]',
  '         [OPTIN] [OPTOUT] [NOLOOP]',
  '    Control server assisted client side caching.',
  'TRACKINGINFO',
  '    Report tracking status for the current connection.',
  'NO-EVICT (ON|OFF)',
  '    Protect current client connection from eviction.',
  'HELP',
  '    Prints this help.',
];

function clientHelpCommand(c: Client): void {
  c.reply.arrayLen(CLIENT_HELP.length);
  for (const line of CLIENT_HELP) c.reply.simple(line);
}

// ---- the table ------------------------------------------------------------------------------

const CONN_ADMIN = ['admin', 'noscript', 'loading', 'stale'] as const;
const CONN_PLAIN = ['noscript', 'loading', 'stale'] as const;
const ACL_ADMIN = ['admin', 'slow', 'dangerous', 'connection'];
const ACL_PLAIN = ['slow', 'connection'];
const NO_AUTH_FLAGS = ['noscript', 'loading', 'stale', 'fast', 'no_auth', 'allow_busy'] as const;

const CLIENT_SUBCOMMANDS: CommandSpec[] = [
  cmd('id', 2, [...CONN_PLAIN], [0, 0, 0], ACL_PLAIN, 'connection', clientIdCommand),
  cmd('getname', 2, [...CONN_PLAIN], [0, 0, 0], ACL_PLAIN, 'connection', clientGetnameCommand),
  cmd('kill', -3, [...CONN_ADMIN], [0, 0, 0], ACL_ADMIN, 'connection', clientKillCommand),
  cmd('list', -2, [...CONN_ADMIN], [0, 0, 0], ACL_ADMIN, 'connection', clientListCommand),
  cmd('help', 2, ['loading', 'stale'], [0, 0, 0], ACL_PLAIN, 'connection', clientHelpCommand),
  cmd('no-evict', 3, [...CONN_ADMIN], [0, 0, 0], ACL_ADMIN, 'connection', clientNoEvictCommand),
  cmd('reply', 3, [...CONN_PLAIN], [0, 0, 0], ACL_PLAIN, 'connection', clientReplyCommand),
  cmd('info', 2, [...CONN_PLAIN], [0, 0, 0], ACL_PLAIN, 'connection', clientInfoCommand),
  cmd('setname', 3, [...CONN_PLAIN], [0, 0, 0], ACL_PLAIN, 'connection', clientSetnameCommand),
  cmd('unblock', -3, [...CONN_ADMIN], [0, 0, 0], ACL_ADMIN, 'connection', clientUnblockCommand),
  cmd('tracking', -3, [...CONN_PLAIN], [0, 0, 0], ACL_PLAIN, 'connection', clientTrackingCommand),
  cmd('caching', 3, [...CONN_PLAIN], [0, 0, 0], ACL_PLAIN, 'connection', clientCachingCommand),
  cmd('getredir', 2, [...CONN_PLAIN], [0, 0, 0], ACL_PLAIN, 'connection', clientGetredirCommand),
  cmd('trackinginfo', 2, [...CONN_PLAIN], [0, 0, 0], ACL_PLAIN, 'connection', clientTrackinginfoCommand),
  cmd('pause', -3, [...CONN_ADMIN], [0, 0, 0], ACL_ADMIN, 'connection', clientPauseCommand),
  cmd('unpause', 2, [...CONN_ADMIN], [0, 0, 0], ACL_ADMIN, 'connection', clientUnpauseCommand),
];

export const CONNECTION_COMMANDS: CommandSpec[] = [
  cmd('ping', -1, ['fast'], [0, 0, 0], ['fast', 'connection'], 'connection', pingCommand),
  cmd('echo', 2, ['loading', 'stale', 'fast'], [0, 0, 0], ['fast', 'connection'], 'connection', echoCommand),
  cmd('quit', -1, [...NO_AUTH_FLAGS], [0, 0, 0], ['fast', 'connection'], 'connection', quitCommand),
  cmd('reset', 1, [...NO_AUTH_FLAGS], [0, 0, 0], ['fast', 'connection'], 'connection', resetCommand),
  cmd('hello', -1, [...NO_AUTH_FLAGS], [0, 0, 0], ['fast', 'connection'], 'connection', helloCommand),
  cmd('auth', -2, [...NO_AUTH_FLAGS], [0, 0, 0], ['fast', 'connection'], 'connection', authCommand),
  cmd('select', 2, ['loading', 'stale', 'fast'], [0, 0, 0], ['fast', 'connection'], 'connection', selectCommand),
  cmd('client', -2, [], [0, 0, 0], ['slow'], 'connection', undefined, { subcommands: CLIENT_SUBCOMMANDS }),
  cmd('monitor', 1, [...CONN_ADMIN], [0, 0, 0], ['admin', 'slow', 'dangerous'], 'server', monitorCommand),
];
