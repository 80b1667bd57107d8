// Shared benchmark plumbing: starting Memora and redis-server side by side on free loopback
// ports, cleaning every child up on exit / Ctrl-C, /proc readings (CPU ticks, RSS), a tiny RESP
// client, running external tools, and table formatting. Self-contained on purpose: the
// benchmarks must not depend on Memora's own internals.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ReplyParser, plainReply, type PlainReply } from '../src/protocol/client-parser.js';
import { encodeCommand } from '../src/protocol/encode.js';

/** Repository root (dist/bench/lib.js -> ../..). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const MEMORA_MAIN = path.join(ROOT, 'dist', 'src', 'server', 'main.js');

// ---------------------------------------------------------------------------------------------
// Cleanup: every child and temp dir we create is registered here and removed on any exit path.

const children = new Set<ChildProcess>();
const tempDirs = new Set<string>();
let handlersInstalled = false;

function killAllSync(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      try {
        process.kill(child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
  }
  children.clear();
  for (const dir of tempDirs) {
    try {
      fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      /* ignore */
    }
  }
  tempDirs.clear();
}

/** Installs exit/signal handlers that kill our servers and remove temp dirs. Idempotent. */
export function installCleanup(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', killAllSync);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(sig, () => {
      process.stderr.write(`\n${sig}: stopping servers and exiting\n`);
      killAllSync();
      process.exit(sig === 'SIGINT' ? 130 : 143);
    });
  }
  process.on('uncaughtException', (err) => {
    process.stderr.write(`fatal: ${err.stack ?? String(err)}\n`);
    killAllSync();
    process.exit(1);
  });
  process.on('unhandledRejection', (err) => {
    process.stderr.write(`fatal: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    killAllSync();
    process.exit(1);
  });
}

export function makeTempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

// ---------------------------------------------------------------------------------------------
// Small utilities.

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function median(xs: number[]): number {
  const v = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const mid = v.length >> 1;
  return v.length % 2 ? (v[mid] as number) : ((v[mid - 1] as number) + (v[mid] as number)) / 2;
}

/** Quotes an argv for display so it can be pasted into a POSIX shell. */
export function shellQuote(argv: readonly string[]): string {
  return argv
    .map((a) => (a === '' ? "''" : /^[A-Za-z0-9_@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`))
    .join(' ');
}

/** A free TCP port on 127.0.0.1 (bind to 0, read the port, close). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Kernel clock ticks per second, for /proc/<pid>/stat (almost always 100). */
export function clockTicks(): number {
  const r = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  const n = Number(r.stdout?.trim());
  return Number.isFinite(n) && n > 0 ? n : 100;
}

/** utime + stime of a process (all its threads), in clock ticks. */
export function cpuTicks(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
  // The command name (field 2) may hold spaces: fields resume after the last ')'.
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // rest[0] is field 3 (state); utime is field 14, stime field 15.
  return Number(rest[11]) + Number(rest[12]);
}

/** A field of /proc/<pid>/status in kB (VmRSS, VmHWM, RssAnon, ...). */
export function statusKb(pid: number, field: string): number {
  const text = fs.readFileSync(`/proc/${pid}/status`, 'latin1');
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
  return m ? Number(m[1]) : NaN;
}

// ---------------------------------------------------------------------------------------------
// Running external commands.

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/**
 * Runs a command to completion, collecting its output. `abortIf` is polled every 250 ms; when it
 * returns a reason the command is killed (redis-benchmark spins forever once its server is gone).
 */
export function run(
  cmd: string,
  args: readonly string[],
  timeoutMs = 180_000,
  abortIf?: () => string | null,
  /** Called on timeout before the kill; its text is added to stderr (e.g. the server's CLIENT LIST). */
  diagnose?: () => Promise<string>,
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = track(spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] }));
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      stderr += `\n[killed after ${timeoutMs} ms]`;
      const kill = (): void => void child.kill('SIGKILL');
      if (diagnose === undefined) return kill();
      diagnose().then(
        (text) => {
          stderr += `\n${text}`;
          kill();
        },
        (err: unknown) => {
          stderr += `\n[diagnosis failed: ${String(err)}]`;
          kill();
        },
      );
    }, timeoutMs);
    const poll = abortIf
      ? setInterval(() => {
          const reason = abortIf();
          if (reason !== null) {
            stderr += `\n[killed: ${reason}]`;
            child.kill('SIGKILL');
          }
        }, 250)
      : undefined;
    child.once('error', (err) => {
      clearTimeout(timer);
      clearInterval(poll);
      reject(err);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      clearInterval(poll);
      resolve({ code, signal, stdout, stderr, ms: performance.now() - t0 });
    });
  });
}

/** First line of `cmd args` output, or a note that it failed. */
export function versionOf(cmd: string, args: readonly string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.error) return `(${cmd} not available: ${r.error.message})`;
  return (r.stdout || r.stderr || '').trim().split('\n')[0] ?? '';
}

export function machineDescription(memoraMain = MEMORA_MAIN): string[] {
  let cpu = 'unknown CPU';
  try {
    const m = /^model name\s*:\s*(.*)$/m.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'));
    if (m?.[1]) cpu = m[1];
  } catch {
    /* ignore */
  }
  const load = os.loadavg().map((x) => x.toFixed(2)).join(' ');
  return [
    `machine:          ${cpu}, ${os.availableParallelism()} CPUs, Linux ${os.release()}, load average ${load}`,
    `node:             ${process.version} (${process.execPath})`,
    `redis-server:     ${versionOf('redis-server', ['--version'])}`,
    `redis-benchmark:  ${versionOf('redis-benchmark', ['--version'])}`,
    `memora:           ${versionOf(process.execPath, [memoraMain || MEMORA_MAIN, '--version'])}`,
  ];
}

// ---------------------------------------------------------------------------------------------
// A minimal RESP2 client: one command at a time, enough for PING / INFO / DBSIZE / CONFIG.

export type Reply = PlainReply;

/** Sends one command on a fresh connection and returns its reply (Error replies are returned, not thrown). */
export function command(port: number, argv: readonly string[], timeoutMs = 5000): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const sock = net.connect({ port, host: '127.0.0.1' });
    const timer = setTimeout(() => {
      sock.destroy();
      reject(new Error(`timeout waiting for reply to ${argv[0]}`));
    }, timeoutMs);
    const parser = new ReplyParser();
    sock.once('connect', () => sock.write(encodeCommand([...argv])));
    sock.on('data', (d: Buffer) => {
      parser.feed(d);
      const r = parser.next();
      if (r !== undefined) {
        clearTimeout(timer);
        sock.destroy();
        resolve(plainReply(r));
      }
    });
    sock.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

/** Parses an INFO reply into a field map (empty if the server has no INFO). */
export async function info(port: number, section: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  try {
    const r = await command(port, ['INFO', section]);
    if (typeof r === 'string') {
      for (const line of r.split('\r\n')) {
        const i = line.indexOf(':');
        if (i > 0 && !line.startsWith('#')) out.set(line.slice(0, i), line.slice(i + 1));
      }
    }
  } catch {
    /* no INFO */
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Servers.

export type ServerKind = 'memora' | 'redis';

export interface ServerOptions {
  kind: ServerKind;
  /** Label printed in reports. */
  label: string;
  /** Extra node flags for Memora (e.g. --max-old-space-size=4096). */
  nodeFlags?: string[];
  /** Memora entry point to run instead of this tree's dist/src/server/main.js (compare builds). */
  main?: string;
}

export interface Server {
  kind: ServerKind;
  label: string;
  port: number;
  pid: number;
  /** The exact command line used to start it. */
  argv: string[];
  logFile: string;
  /** null while the server runs; otherwise how it ended, with the tail of its log. */
  exitReason(): string | null;
  stop(): Promise<void>;
}

async function waitReady(port: number, child: ChildProcess, logFile: string, label: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  let lastErr = '';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${label} exited during startup (${child.exitCode ?? child.signalCode}); log:\n${tail(logFile)}`);
    }
    try {
      const r = await command(port, ['PING'], 1000);
      if (r === 'PONG') return;
      lastErr = String(r);
    } catch (err) {
      lastErr = (err as Error).message;
    }
    await sleep(100);
  }
  throw new Error(`${label} did not answer PING on port ${port} (${lastErr}); log:\n${tail(logFile)}`);
}

function tail(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-20).join('\n');
  } catch {
    return '(no log)';
  }
}

export async function startServer(opts: ServerOptions): Promise<Server> {
  const port = await freePort();
  const dir = makeTempDir(`memora-bench-${opts.kind}-`);
  const logFile = path.join(dir, 'server.log');
  const common = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir];
  let cmd: string;
  let args: string[];
  if (opts.kind === 'memora') {
    const main = opts.main || MEMORA_MAIN;
    if (!fs.existsSync(main)) throw new Error(`${main} not found: run npm run build`);
    cmd = process.execPath;
    args = [...(opts.nodeFlags ?? []), main, ...common];
  } else {
    cmd = 'redis-server';
    args = common;
  }
  const fd = fs.openSync(logFile, 'a');
  const child = track(spawn(cmd, args, { stdio: ['ignore', fd, fd] }));
  fs.closeSync(fd);
  const spawnError = new Promise<never>((_, reject) => child.once('error', reject));
  await Promise.race([waitReady(port, child, logFile, opts.label), spawnError]);
  const pid = child.pid as number;
  return {
    kind: opts.kind,
    label: opts.label,
    port,
    pid,
    argv: [opts.kind === 'memora' ? 'node' : cmd, ...args],
    logFile,
    exitReason(): string | null {
      if (child.exitCode === null && child.signalCode === null) return null;
      return `${opts.label} exited (${child.exitCode ?? child.signalCode}); log:\n${tail(logFile)}`;
    },
    async stop(): Promise<void> {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Command-line options: `--name value` / `--flag`, with BENCH_<NAME> environment fallbacks.

export class Options {
  private readonly map = new Map<string, string>();

  /** `valueOptions` always take the next argument, even one starting with `--` (--node-flags). */
  constructor(argv: readonly string[], valueOptions: readonly string[] = ['node-flags', 'flag-sets', 'memora']) {
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i] as string;
      if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}`);
      const eq = a.indexOf('=');
      if (eq > 0) {
        this.map.set(a.slice(2, eq), a.slice(eq + 1));
      } else {
        const next = argv[i + 1];
        if (next !== undefined && (!next.startsWith('--') || valueOptions.includes(a.slice(2)))) {
          this.map.set(a.slice(2), next);
          i++;
        } else {
          this.map.set(a.slice(2), 'true');
        }
      }
    }
  }

  private raw(name: string): string | undefined {
    return this.map.get(name) ?? process.env[`BENCH_${name.toUpperCase().replace(/-/g, '_')}`];
  }

  flag(name: string): boolean {
    const v = this.raw(name);
    return v !== undefined && v !== '0' && v !== 'false' && v !== 'no';
  }

  string(name: string, dflt: string): string {
    return this.raw(name) ?? dflt;
  }

  number(name: string, dflt: number): number {
    const v = this.raw(name);
    if (v === undefined) return dflt;
    const n = Number(v);
    if (!Number.isFinite(n)) throw new Error(`--${name} expects a number, got ${v}`);
    return n;
  }
}

// ---------------------------------------------------------------------------------------------
// Output.

/** Formats rows as a left/right aligned text table (numbers right-aligned). */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const fmt = (cells: string[], isHeader: boolean): string =>
    cells
      .map((c, i) => {
        const w = widths[i] as number;
        const numeric = !isHeader && /^[-+]?[\d.,]+[×%]?$|^n\/a$/.test(c);
        return numeric ? c.padStart(w) : c.padEnd(w);
      })
      .join('  ')
      .trimEnd();
  const lines = [fmt(header, true), widths.map((w) => '-'.repeat(w)).join('  ')];
  for (const r of rows) lines.push(fmt(r, false));
  return lines.join('\n');
}

export function fmtInt(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a';
}

export function fmtNum(n: number, digits: number): string {
  return Number.isFinite(n) ? n.toFixed(digits) : 'n/a';
}
