// Redis 7.0.15's configuration parameters, all of them: names, aliases, kinds, bounds, enum
// values, immutability and defaults as redis-server 7.0.15 reports them (CONFIG GET), except
// Memora's own defaults for `dir` ("./data") and `bind` ("127.0.0.1 -::1"). Parameters whose
// feature Memora does not have yet are accepted and stored, so redis.conf files run unchanged.
// Behaviour hangs off the live values (engine, adapters and commands read them).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cStrtoll, memtoull, reprString, splitMulti, strerror, type ConfigDef, type NumericType, type ParseResult } from './config.js';
import { parseDouble } from '../util/numbers.js';

const INT_MAX = 2147483647n;
const INT_MIN = -2147483648n;
const UINT_MAX = 4294967295n;
const LONG_MAX = 9223372036854775807n;
const LLONG_MAX = LONG_MAX;
const ULLONG_MAX = 18446744073709551615n;
const SSIZE_MAX = LONG_MAX;

type Flags = Partial<Pick<ConfigDef, 'immutable' | 'protected' | 'hidden' | 'sensitive' | 'denyLoading' | 'alias'>>;

function bool(name: string, def: boolean, f: Flags = {}): ConfigDef {
  return { name, kind: 'bool', default: def ? 'yes' : 'no', ...f };
}

function str(
  name: string,
  def: string,
  f: Flags & { emptyIsNull?: boolean } = {},
  check?: (v: string) => string | null,
): ConfigDef {
  const d: ConfigDef = { name, kind: 'string', default: def, ...f };
  if (check) {
    d.parse = (raw) => {
      const err = check(raw);
      return err === null ? { value: raw } : { error: err };
    };
  }
  return d;
}

function enm(name: string, values: string[], def: string, f: Flags = {}, ids?: number[]): ConfigDef {
  return { name, kind: 'enum', values, valueIds: ids, default: def, ...f };
}

function num(
  name: string,
  numType: NumericType,
  min: bigint,
  max: bigint,
  def: bigint | string,
  f: Flags & { memory?: boolean; percent?: boolean; octal?: boolean } = {},
): ConfigDef {
  const { memory, ...rest } = f;
  return { name, kind: memory ? 'memory' : 'int', numType, min, max, default: String(def), ...rest };
}

// ---- special parameters ------------------------------------------------------------------

/** C `strtoll(s, &eptr, 10)` followed by `*eptr != '\0'` being an error. */
function strictStrtoll(s: string): bigint | null {
  const r = cStrtoll(s, 10);
  // No digits: endptr is the string start, valid only when the string is empty.
  if (r.end === 0) return s === '' ? 0n : null;
  return r.end === s.length ? r.value : null;
}

function parseSave(raw: string): ParseResult {
  const args = splitMulti(raw);
  if (args.length % 2 !== 0) return { error: 'Invalid save parameters' };
  const out: string[] = [];
  for (let j = 0; j < args.length; j++) {
    const v = strictStrtoll(args[j] as string);
    if (v === null || (j % 2 === 0 && v < 1n) || (j % 2 === 1 && v < 0n)) return { error: 'Invalid save parameters' };
    // seconds is a time_t, changes an int (truncated like the C assignment).
    out.push(j % 2 === 0 ? String(v) : String(BigInt.asIntN(32, v)));
  }
  return { value: out.join(' ') };
}

const OBUF_CLASSES = ['normal', 'slave', 'pubsub'] as const;
const OBUF_DEFAULT = 'normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60';

function parseObufLimits(raw: string, current: string): ParseResult {
  const args = splitMulti(raw);
  if (args.length % 4 !== 0) return { error: 'Wrong number of arguments in buffer limit configuration.' };
  const cur = current.split(' ');
  const values = new Map<string, [string, string, string]>();
  for (let i = 0; i < OBUF_CLASSES.length; i++) {
    values.set(OBUF_CLASSES[i] as string, [cur[i * 4 + 1] ?? '0', cur[i * 4 + 2] ?? '0', cur[i * 4 + 3] ?? '0']);
  }
  const updates: [string, [string, string, string]][] = [];
  for (let j = 0; j < args.length; j += 4) {
    let cls = (args[j] as string).toLowerCase();
    if (cls === 'replica') cls = 'slave';
    if (!values.has(cls)) return { error: 'Invalid client class specified in buffer limit configuration.' };
    const hard = memtoull(args[j + 1] as string);
    const soft = memtoull(args[j + 2] as string);
    const secsRaw = args[j + 3] as string;
    const r = cStrtoll(secsRaw, 10);
    const secsOk = r.end === secsRaw.length || (r.end === 0 && secsRaw === '');
    const secs = BigInt.asIntN(32, r.value);
    if (hard === null || soft === null || secs < 0n || !secsOk) {
      return { error: 'Error in hard, soft or soft_seconds setting in buffer limit configuration.' };
    }
    updates.push([cls, [String(hard), String(soft), String(secs)]]);
  }
  for (const [cls, v] of updates) values.set(cls, v);
  return { value: OBUF_CLASSES.map((c) => `${c} ${(values.get(c) as string[]).join(' ')}`).join(' ') };
}

function rewriteObufLimits(value: string): { line: string; force: boolean }[] {
  // One line per class, each forced when that class differs from its default.
  const cur = value.split(' ');
  const def = OBUF_DEFAULT.split(' ');
  const out: { line: string; force: boolean }[] = [];
  for (let i = 0; i < OBUF_CLASSES.length; i++) {
    const name = OBUF_CLASSES[i] === 'slave' ? 'replica' : (OBUF_CLASSES[i] as string);
    const [h, s, t] = [cur[i * 4 + 1] ?? '0', cur[i * 4 + 2] ?? '0', cur[i * 4 + 3] ?? '0'];
    const force = h !== def[i * 4 + 1] || s !== def[i * 4 + 2] || t !== def[i * 4 + 3];
    out.push({ line: `client-output-buffer-limit ${name} ${fmtMem(h)} ${fmtMem(s)} ${t}`, force });
  }
  return out;
}

function fmtMem(v: string): string {
  const b = BigInt(v);
  const gb = 1073741824n;
  const mb = 1048576n;
  const kb = 1024n;
  if (b !== 0n && b % gb === 0n) return `${b / gb}gb`;
  if (b !== 0n && b % mb === 0n) return `${b / mb}mb`;
  if (b !== 0n && b % kb === 0n) return `${b / kb}kb`;
  return v;
}

function parseOomValues(raw: string): ParseResult {
  const args = splitMulti(raw);
  if (args.length !== 3) return { error: 'wrong number of arguments' };
  const out: string[] = [];
  for (const a of args) {
    const v = strictStrtoll(a);
    if (v === null || v < -2000n || v > 2000n) {
      return { error: 'Invalid oom-score-adj-values, elements must be between -2000 and 2000.' };
    }
    out.push(String(v));
  }
  return { value: out.join(' ') };
}

// Keyspace notification classes, as notify.c maps them.
const NOTIFY: Record<string, number> = {
  g: 1 << 2, $: 1 << 3, l: 1 << 4, s: 1 << 5, h: 1 << 6, z: 1 << 7, x: 1 << 8, e: 1 << 9,
  K: 1 << 0, E: 1 << 1, t: 1 << 10, m: 1 << 11, d: 1 << 12, n: 1 << 13,
};
const NOTIFY_ALL = NOTIFY.g! | NOTIFY.$! | NOTIFY.l! | NOTIFY.s! | NOTIFY.h! | NOTIFY.z! | NOTIFY.x! | NOTIFY.e! | NOTIFY.t! | NOTIFY.d!;

/** Parses notify-keyspace-events classes into Redis's flag bits (-1 when a letter is unknown). */
export function keyspaceEventsStringToFlags(s: string): number {
  let flags = 0;
  for (const c of s) {
    if (c === 'A') flags |= NOTIFY_ALL;
    else if (NOTIFY[c] !== undefined) flags |= NOTIFY[c] as number;
    else return -1;
  }
  return flags;
}

/** The classes as Redis prints them (CONFIG GET notify-keyspace-events). */
export function keyspaceEventsFlagsToString(flags: number): string {
  let res = '';
  if ((flags & NOTIFY_ALL) === NOTIFY_ALL) {
    res += 'A';
  } else {
    for (const c of ['g', '$', 'l', 's', 'h', 'z', 'x', 'e', 't', 'd', 'n']) if (flags & (NOTIFY[c] as number)) res += c;
  }
  if (flags & NOTIFY.K!) res += 'K';
  if (flags & NOTIFY.E!) res += 'E';
  if (flags & NOTIFY.m!) res += 'm';
  return res;
}

function parseNotify(raw: string): ParseResult {
  const flags = keyspaceEventsStringToFlags(raw);
  if (flags < 0) return { error: "Invalid event class character. Use 'Ag$lshzxeKEtmdn'." };
  return { value: keyspaceEventsFlagsToString(flags) };
}

function parseBind(raw: string): ParseResult {
  const args = splitMulti(raw);
  if (args.length > 16) return { error: 'Too many bind addresses specified.' };
  return { value: args.join(' ') };
}

function parseReplicaOf(raw: string): ParseResult {
  const args = splitMulti(raw);
  if (raw === '') return { value: '' }; // the default: not a replica
  if (args.length !== 2) return { error: 'wrong number of arguments' };
  if ((args[0] as string).toLowerCase() === 'no' && (args[1] as string).toLowerCase() === 'one') return { value: '' };
  const r = cStrtoll(args[1] as string, 10);
  const port = BigInt.asIntN(32, r.value);
  const ok = r.end === (args[1] as string).length || (r.end === 0 && args[1] === '');
  if (port < 0n || port > 65535n || !ok) return { error: 'Invalid master port' };
  return { value: `${args[0]} ${port}` };
}

/** "%f" then trailing zeros (and a trailing point) removed, as Redis's trimDoubleString. */
function trimmedFixed(d: number): string {
  let s = d.toFixed(6);
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s;
}

function parsePercentiles(raw: string): ParseResult {
  const args = splitMulti(raw);
  const out: string[] = [];
  for (const a of args) {
    const d = parseDouble(a);
    if (d === null) return { error: 'Invalid latency-tracking-info-percentiles parameters' };
    if (d > 100 || d < 0) return { error: 'latency-tracking-info-percentiles parameters should sit between [0.0,100.0]' };
    out.push(trimmedFixed(d));
  }
  return { value: out.join(' ') };
}

/**
 * dir: stored as an absolute path (Redis reports its working directory). At runtime the
 * directory must exist, as Redis's chdir() requires; at startup the server creates it.
 */
function parseDir(raw: string, ctx: { startup: boolean }): ParseResult {
  if (!ctx.startup) {
    try {
      const st = fs.statSync(raw === '' ? '\0' : raw);
      if (!st.isDirectory()) return { error: 'Not a directory' };
      fs.accessSync(raw, fs.constants.X_OK);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      return { error: strerror(raw === '' ? 'ENOENT' : code) };
    }
  }
  return { value: path.resolve(raw) };
}

function isBaseName(v: string): boolean {
  return !v.includes('/');
}

function validHostname(v: string): string | null {
  if (v.length >= 256) return 'Hostnames must be less than 256 characters';
  if (!/^[A-Za-z0-9.-]*$/.test(v)) return 'Hostnames may only contain alphanumeric characters, hyphens or dots';
  return null;
}

const PROC_TITLE_VARS = new Set(['{title}', '{listen-addr}', '{server-mode}', '{port}', '{tls-port}', '{unixsocket}', '{config-file}']);

function validProcTitle(v: string): string | null {
  const bad = 'template format is invalid or contains unknown variables';
  let i = 0;
  let out = '';
  while (i < v.length) {
    const c = v[i] as string;
    if (c === '{') {
      const close = v.indexOf('}', i);
      if (close < 0) return bad;
      const name = v.slice(i, close + 1);
      if (!PROC_TITLE_VARS.has(name)) return bad;
      i = close + 1;
      out += 'x';
    } else if (c === '}') {
      return bad;
    } else {
      out += c;
      i++;
    }
  }
  // The expanded title must not be empty or all whitespace.
  if (out.trim() === '') return bad;
  return null;
}

const SHUTDOWN_SIG_VALUES = ['default', 'save', 'nosave', 'now', 'force'];
const SHUTDOWN_SIG_IDS = [0, 1, 2, 4, 8];

function shutdownSig(name: string): ConfigDef {
  return {
    name,
    kind: 'enum',
    flagsEnum: true,
    multiArg: true,
    values: SHUTDOWN_SIG_VALUES,
    valueIds: SHUTDOWN_SIG_IDS,
    default: 'default',
    parse: (v) => {
      const words = v.split(' ');
      if (words.includes('save') && words.includes('nosave')) {
        return { error: 'shutdown options SAVE and NOSAVE can\'t be used simultaneously' };
      }
      return { value: v };
    },
  };
}

export const CONFIG_TABLE: ConfigDef[] = [
  // ---- bool ----
  bool('rdbchecksum', true, { immutable: true }),
  bool('daemonize', false, { immutable: true }),
  bool('io-threads-do-reads', false, { immutable: true }),
  bool('always-show-logo', false, { immutable: true }),
  bool('protected-mode', true),
  bool('rdbcompression', true),
  bool('rdb-del-sync-files', false),
  bool('activerehashing', true),
  bool('stop-writes-on-bgsave-error', true),
  bool('set-proc-title', true, { immutable: true }),
  bool('dynamic-hz', true),
  bool('lazyfree-lazy-eviction', false),
  bool('lazyfree-lazy-expire', false),
  bool('lazyfree-lazy-server-del', false),
  bool('lazyfree-lazy-user-del', false),
  bool('lazyfree-lazy-user-flush', false),
  bool('repl-disable-tcp-nodelay', false),
  bool('repl-diskless-sync', true),
  bool('aof-rewrite-incremental-fsync', true),
  bool('no-appendfsync-on-rewrite', false),
  bool('cluster-require-full-coverage', true),
  bool('rdb-save-incremental-fsync', true),
  bool('aof-load-truncated', true),
  bool('aof-use-rdb-preamble', true),
  bool('aof-timestamp-enabled', false),
  bool('cluster-replica-no-failover', false, { alias: 'cluster-slave-no-failover' }),
  bool('replica-lazy-flush', false, { alias: 'slave-lazy-flush' }),
  bool('replica-serve-stale-data', true, { alias: 'slave-serve-stale-data' }),
  bool('replica-read-only', true, { alias: 'slave-read-only' }),
  bool('replica-ignore-maxmemory', true, { alias: 'slave-ignore-maxmemory' }),
  bool('jemalloc-bg-thread', true),
  // Like Debian's redis-server (built without Redis's jemalloc), Memora cannot defragment.
  {
    ...bool('activedefrag', false),
    parse: (v) =>
      v === 'yes'
        ? {
            error:
              'Active defragmentation cannot be enabled: it requires a Redis server compiled with a modified Jemalloc like the one shipped by default with the Redis source distribution',
          }
        : { value: v },
  },
  bool('syslog-enabled', false, { immutable: true }),
  bool('cluster-enabled', false, { immutable: true }),
  bool('appendonly', false, { denyLoading: true }),
  bool('cluster-allow-reads-when-down', false),
  bool('cluster-allow-pubsubshard-when-down', true),
  bool('crash-log-enabled', true),
  bool('crash-memcheck-enabled', true),
  bool('use-exit-on-panic', false, { hidden: true }),
  bool('disable-thp', true, { immutable: true }),
  bool('cluster-allow-replica-migration', true),
  bool('replica-announced', true),
  bool('latency-tracking', true),
  bool('aof-disable-auto-gc', false),
  bool('replica-ignore-disk-write-errors', false),

  // ---- strings ----
  str('aclfile', '', { immutable: true }),
  str('unixsocket', '', { immutable: true, emptyIsNull: true }),
  str('pidfile', '', { immutable: true, emptyIsNull: true }),
  str('replica-announce-ip', '', { alias: 'slave-announce-ip', emptyIsNull: true }),
  str('masteruser', '', { sensitive: true, emptyIsNull: true }),
  str('cluster-announce-ip', '', { emptyIsNull: true }),
  str('cluster-config-file', 'nodes.conf', { immutable: true }),
  str('cluster-announce-hostname', '', { emptyIsNull: true }, validHostname),
  str('syslog-ident', 'redis', { immutable: true }),
  str('dbfilename', 'dump.rdb', { protected: true }, (v) => (isBaseName(v) ? null : "dbfilename can't be a path, just a filename")),
  str('appendfilename', 'appendonly.aof', { immutable: true }, (v) =>
    v === '' ? "appendfilename can't be empty" : isBaseName(v) ? null : "appendfilename can't be a path, just a filename",
  ),
  str('appenddirname', 'appendonlydir', { immutable: true }, (v) =>
    v === '' ? "appenddirname can't be empty" : isBaseName(v) ? null : "appenddirname can't be a path, just a dirname",
  ),
  str('server_cpulist', '', { immutable: true, emptyIsNull: true }),
  str('bio_cpulist', '', { immutable: true, emptyIsNull: true }),
  str('aof_rewrite_cpulist', '', { immutable: true, emptyIsNull: true }),
  str('bgsave_cpulist', '', { immutable: true, emptyIsNull: true }),
  str('ignore-warnings', ''),
  str('proc-title-template', '{title} {listen-addr} {server-mode}', {}, validProcTitle),
  str('bind-source-addr', '', { emptyIsNull: true }),
  str('logfile', '', { immutable: true }),
  str('masterauth', '', { sensitive: true, emptyIsNull: true }),
  str('requirepass', '', { sensitive: true, emptyIsNull: true }),

  // ---- enums ----
  enm('supervised', ['upstart', 'systemd', 'auto', 'no'], 'no', { immutable: true }),
  enm('syslog-facility', ['user', 'local0', 'local1', 'local2', 'local3', 'local4', 'local5', 'local6', 'local7'], 'local0', {
    immutable: true,
  }),
  enm('repl-diskless-load', ['disabled', 'on-empty-db', 'swapdb'], 'disabled', { denyLoading: true }),
  enm('loglevel', ['debug', 'verbose', 'notice', 'warning'], 'notice'),
  enm(
    'maxmemory-policy',
    ['volatile-lru', 'volatile-lfu', 'volatile-random', 'volatile-ttl', 'allkeys-lru', 'allkeys-lfu', 'allkeys-random', 'noeviction'],
    'noeviction',
  ),
  enm('appendfsync', ['everysec', 'always', 'no'], 'everysec'),
  enm('oom-score-adj', ['no', 'yes', 'relative', 'absolute'], 'no', {}, [0, 1, 1, 2]),
  enm('acl-pubsub-default', ['allchannels', 'resetchannels'], 'resetchannels'),
  enm('sanitize-dump-payload', ['no', 'yes', 'clients'], 'no'),
  enm('enable-protected-configs', ['no', 'yes', 'local'], 'no', { immutable: true }),
  enm('enable-debug-command', ['no', 'yes', 'local'], 'no', { immutable: true }),
  enm('enable-module-command', ['no', 'yes', 'local'], 'no', { immutable: true }),
  enm('cluster-preferred-endpoint-type', ['ip', 'hostname', 'unknown-endpoint'], 'ip'),
  enm('propagation-error-behavior', ['ignore', 'panic', 'panic-on-replicas'], 'ignore'),
  shutdownSig('shutdown-on-sigint'),
  shutdownSig('shutdown-on-sigterm'),

  // ---- integers ----
  num('databases', 'int', 1n, INT_MAX, 16n, { immutable: true }),
  { ...num('port', 'int', 0n, 65535n, 6379n), needsApplier: 'Unable to listen on this port. Check server logs.' },
  num('io-threads', 'int', 1n, 128n, 1n, { immutable: true }),
  num('auto-aof-rewrite-percentage', 'int', 0n, INT_MAX, 100n),
  num('cluster-replica-validity-factor', 'int', 0n, INT_MAX, 10n, { alias: 'cluster-slave-validity-factor' }),
  num('list-max-listpack-size', 'int', INT_MIN, INT_MAX, -2n, { alias: 'list-max-ziplist-size' }),
  num('tcp-keepalive', 'int', 0n, INT_MAX, 300n),
  num('cluster-migration-barrier', 'int', 0n, INT_MAX, 1n),
  num('active-defrag-cycle-min', 'int', 1n, 99n, 1n),
  num('active-defrag-cycle-max', 'int', 1n, 99n, 25n),
  num('active-defrag-threshold-lower', 'int', 0n, 1000n, 10n),
  num('active-defrag-threshold-upper', 'int', 0n, 1000n, 100n),
  num('lfu-log-factor', 'int', 0n, INT_MAX, 10n),
  num('lfu-decay-time', 'int', 0n, INT_MAX, 1n),
  num('replica-priority', 'int', 0n, INT_MAX, 100n, { alias: 'slave-priority' }),
  num('repl-diskless-sync-delay', 'int', 0n, INT_MAX, 5n),
  num('maxmemory-samples', 'int', 1n, INT_MAX, 5n),
  num('maxmemory-eviction-tenacity', 'int', 0n, 100n, 10n),
  num('timeout', 'int', 0n, INT_MAX, 0n),
  num('replica-announce-port', 'int', 0n, 65535n, 0n, { alias: 'slave-announce-port' }),
  num('tcp-backlog', 'int', 0n, INT_MAX, 511n, { immutable: true }),
  num('cluster-port', 'int', 0n, 65535n, 0n, { immutable: true }),
  num('cluster-announce-bus-port', 'int', 0n, 65535n, 0n),
  num('cluster-announce-port', 'int', 0n, 65535n, 0n),
  num('cluster-announce-tls-port', 'int', 0n, 65535n, 0n),
  num('repl-timeout', 'int', 1n, INT_MAX, 60n),
  num('repl-ping-replica-period', 'int', 1n, INT_MAX, 10n, { alias: 'repl-ping-slave-period' }),
  num('list-compress-depth', 'int', 0n, INT_MAX, 0n),
  num('rdb-key-save-delay', 'int', INT_MIN, INT_MAX, 0n, { hidden: true }),
  num('key-load-delay', 'int', INT_MIN, INT_MAX, 0n, { hidden: true }),
  num('active-expire-effort', 'int', 1n, 10n, 1n),
  // Redis accepts any hz but keeps it within 1..500 (CONFIG GET shows the clamped value).
  {
    ...num('hz', 'int', 0n, INT_MAX, 10n),
    parse: (v) => ({ value: String(Math.min(500, Math.max(1, Number(v)))) }),
  },
  num('min-replicas-to-write', 'int', 0n, INT_MAX, 0n, { alias: 'min-slaves-to-write' }),
  num('min-replicas-max-lag', 'int', 0n, INT_MAX, 10n, { alias: 'min-slaves-max-lag' }),
  num('watchdog-period', 'int', 0n, INT_MAX, 0n, { hidden: true }),
  num('shutdown-timeout', 'int', 0n, INT_MAX, 10n),
  num('repl-diskless-sync-max-replicas', 'int', 0n, INT_MAX, 0n),
  num('maxclients', 'uint', 1n, UINT_MAX, 10000n),
  num('unixsocketperm', 'uint', 0n, 0o777n, 0n, { immutable: true, octal: true }),
  num('socket-mark-id', 'uint', 0n, UINT_MAX, 0n, { immutable: true }),
  num('active-defrag-max-scan-fields', 'ulong', 1n, LONG_MAX, 1000n),
  num('slowlog-max-len', 'ulong', 0n, LONG_MAX, 128n),
  num('acllog-max-len', 'ulong', 0n, LONG_MAX, 128n),
  num('busy-reply-threshold', 'llong', 0n, LONG_MAX, 5000n, { alias: 'lua-time-limit' }),
  num('cluster-node-timeout', 'llong', 0n, LLONG_MAX, 15000n),
  num('slowlog-log-slower-than', 'llong', -1n, LLONG_MAX, 10000n),
  num('latency-monitor-threshold', 'llong', 0n, LLONG_MAX, 0n),
  num('proto-max-bulk-len', 'llong', 1024n * 1024n, LONG_MAX, 512n * 1024n * 1024n, { memory: true }),
  num('stream-node-max-entries', 'llong', 0n, LLONG_MAX, 100n),
  // A runtime change resizes the backlog, which is never smaller than 16kb (startup keeps the value).
  {
    ...num('repl-backlog-size', 'llong', 1n, LLONG_MAX, 1024n * 1024n, { memory: true }),
    parse: (v, ctx) => ({ value: !ctx.startup && BigInt(v) < 16384n ? '16384' : v }),
  },
  num('maxmemory', 'ullong', 0n, ULLONG_MAX, 0n, { memory: true }),
  num('cluster-link-sendbuf-limit', 'ullong', 0n, ULLONG_MAX, 0n, { memory: true }),
  num('hash-max-listpack-entries', 'size', 0n, LONG_MAX, 512n, { alias: 'hash-max-ziplist-entries' }),
  num('set-max-intset-entries', 'size', 0n, LONG_MAX, 512n),
  num('zset-max-listpack-entries', 'size', 0n, LONG_MAX, 128n, { alias: 'zset-max-ziplist-entries' }),
  num('active-defrag-ignore-bytes', 'size', 1n, LLONG_MAX, 100n << 20n, { memory: true }),
  num('hash-max-listpack-value', 'size', 0n, LONG_MAX, 64n, { memory: true, alias: 'hash-max-ziplist-value' }),
  num('stream-node-max-bytes', 'size', 0n, LONG_MAX, 4096n, { memory: true }),
  num('zset-max-listpack-value', 'size', 0n, LONG_MAX, 64n, { memory: true, alias: 'zset-max-ziplist-value' }),
  num('hll-sparse-max-bytes', 'size', 0n, LONG_MAX, 3000n, { memory: true }),
  num('tracking-table-max-keys', 'size', 0n, LONG_MAX, 1000000n),
  num('client-query-buffer-limit', 'size', 1024n * 1024n, LONG_MAX, 1024n * 1024n * 1024n, { memory: true }),
  num('maxmemory-clients', 'ssize', -100n, SSIZE_MAX, 0n, { memory: true, percent: true }),
  num('repl-backlog-ttl', 'time', 0n, LONG_MAX, 3600n),
  num('auto-aof-rewrite-min-size', 'off', 0n, LLONG_MAX, 64n * 1024n * 1024n, { memory: true }),
  num('loading-process-events-interval-bytes', 'off', 1024n, INT_MAX, 2n * 1024n * 1024n, { hidden: true }),

  // ---- TLS (stored; Memora has no TLS listener yet) ----
  num('tls-port', 'int', 0n, 65535n, 0n),
  num('tls-session-cache-size', 'int', 0n, INT_MAX, 20n * 1024n),
  num('tls-session-cache-timeout', 'int', 0n, INT_MAX, 300n),
  bool('tls-cluster', false),
  bool('tls-replication', false),
  enm('tls-auth-clients', ['no', 'yes', 'optional'], 'yes'),
  bool('tls-prefer-server-ciphers', false),
  bool('tls-session-caching', true),
  str('tls-cert-file', '', { emptyIsNull: true }),
  str('tls-key-file', '', { emptyIsNull: true }),
  str('tls-key-file-pass', '', { emptyIsNull: true }),
  str('tls-client-cert-file', '', { emptyIsNull: true }),
  str('tls-client-key-file', '', { emptyIsNull: true }),
  str('tls-client-key-file-pass', '', { emptyIsNull: true }),
  str('tls-dh-params-file', '', { emptyIsNull: true }),
  str('tls-ca-cert-file', '', { emptyIsNull: true }),
  str('tls-ca-cert-dir', '', { emptyIsNull: true }),
  str('tls-protocols', '', { emptyIsNull: true }),
  str('tls-ciphers', '', { emptyIsNull: true }),
  str('tls-ciphersuites', '', { emptyIsNull: true }),

  // ---- special ----
  {
    name: 'dir',
    kind: 'special',
    default: './data', // Memora's default (Redis's is its working directory)
    protected: true,
    denyLoading: true,
    parse: (raw, ctx) => parseDir(raw, ctx),
    rewrite: (v) => [{ line: `dir ${reprString(v)}`, force: true }],
  },
  {
    name: 'save',
    kind: 'special',
    default: '3600 1 300 100 60 10000',
    multiArg: true,
    parse: (raw) => parseSave(raw),
    rewrite: (v) => {
      const a = splitMulti(v);
      if (a.length === 0) return [{ line: 'save ""', force: true }];
      const lines: { line: string; force: boolean }[] = [];
      for (let i = 0; i < a.length; i += 2) lines.push({ line: `save ${a[i]} ${a[i + 1]}`, force: true });
      return lines;
    },
  },
  {
    name: 'client-output-buffer-limit',
    kind: 'special',
    default: OBUF_DEFAULT,
    multiArg: true,
    parse: (raw, ctx) => parseObufLimits(raw, ctx.current),
    rewrite: (v) => rewriteObufLimits(v),
  },
  {
    name: 'oom-score-adj-values',
    kind: 'special',
    default: '0 200 800',
    multiArg: true,
    parse: (raw) => parseOomValues(raw),
    rewrite: (v) => [{ line: `oom-score-adj-values ${v}`, force: v !== '0 200 800' }],
  },
  {
    name: 'notify-keyspace-events',
    kind: 'special',
    default: '',
    parse: (raw) => parseNotify(raw),
    rewrite: (v) => [{ line: `notify-keyspace-events ${reprString(v)}`, force: v !== '' }],
  },
  {
    name: 'bind',
    kind: 'special',
    default: '127.0.0.1 -::1', // Memora's default: loopback only (Redis's redis.conf default)
    multiArg: true,
    parse: (raw) => parseBind(raw),
    needsApplier: 'Failed to bind to specified addresses.',
    rewrite: (v) => (v === '127.0.0.1 -::1' ? null : [{ line: `bind ${v === '' ? '""' : v}`, force: true }]),
  },
  {
    name: 'replicaof',
    alias: 'slaveof',
    kind: 'special',
    default: '',
    immutable: true,
    multiArg: true,
    parse: (raw) => parseReplicaOf(raw),
    rewrite: (v) => (v === '' ? null : [{ line: `replicaof ${v}`, force: true }]),
  },
  {
    name: 'latency-tracking-info-percentiles',
    kind: 'special',
    default: '50 99 99.9',
    multiArg: true,
    parse: (raw) => parsePercentiles(raw),
    rewrite: (v) => [{ line: `latency-tracking-info-percentiles ${v === '' ? '""' : v}`, force: true }],
  },
];
