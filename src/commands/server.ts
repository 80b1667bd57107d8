// Server commands: CONFIG (GET/SET/RESETSTAT/REWRITE/HELP), INFO, TIME, DEBUG (the subcommands
// Memora can honour), SLOWLOG, SHUTDOWN, LASTSAVE, ROLE — replies and errors as redis-server
// 7.0.15 gives them; INFO with its real section and field layout, figures from the engine.
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { cmd, type CommandSpec } from './spec.js';
import type { Client } from '../engine/client.js';
import type { Engine } from '../engine/engine.js';
import { MEMORA_VERSION, REDIS_VERSION, cStrtoll, splitMulti, strerror } from '../engine/config.js';
import { parseLong, strtod } from '../util/numbers.js';
import {
  CONFIG_NO_FILE,
  DEBUG_NOT_ALLOWED,
  DEBUG_PROTOCOL_TYPE,
  RESP2_NOT_SUPPORTED,
  SHUTDOWN_FAILED,
  SHUTDOWN_NOT_IN_PROGRESS,
  SLOWLOG_COUNT,
  SYNTAX_ERR,
  subcommandSyntaxError,
} from '../engine/errors.js';

// ---- shared helpers --------------------------------------------------------------------------

/** Redis's addReplyHelp: the usage line, the given lines, then HELP, as status replies. */
function replyHelp(c: Client, container: string, lines: readonly string[]): void {
  c.reply.arrayLen(lines.length + 3);
  c.reply.simple(`${container} <subcommand> [<arg> [value] [opt] ...]. Subcommands are:`);
  for (const l of lines) c.reply.simple(l);
  c.reply.simple('HELP');
  c.reply.simple('    Prints this help.');
}

/** Redis's islocalClient: unix sockets, 127.0.0.1 and ::1 (and embedded clients). */
function isLocalClient(c: Client): boolean {
  const t = c.transport;
  if (t === null) return true;
  const addr = t.addr;
  const ip = addr.slice(0, addr.lastIndexOf(':'));
  return ip === '127.0.0.1' || ip === '::1' || ip === '::ffff:127.0.0.1' || ip === '' || addr.startsWith('/');
}

/** Redis's "enable-*-command / enable-protected-configs" check (no, yes, local). */
function protectedActionAllowed(c: Client, setting: string): boolean {
  return setting === 'yes' || (setting === 'local' && isLocalClient(c));
}

/** printf("%.2f") as glibc prints it (exact binary value, ties to even). */
export function fixed2(d: number): string {
  if (!Number.isFinite(d)) return d !== d ? 'nan' : d > 0 ? 'inf' : '-inf';
  const frac = Math.abs(d) * 8 - Math.floor(Math.abs(d) * 8);
  if (frac === 0 && Math.abs(d) < 2 ** 49) {
    // Multiples of 1/8 are the only values that can sit exactly on a .xx5 tie.
    const eighths = Math.round(Math.abs(d) * 8);
    if (eighths % 2 === 1) {
      const hundredths = (eighths * 100) / 8; // exact: ends in .5
      let r = Math.floor(hundredths);
      if (r % 2 === 1) r += 1;
      const s = (r / 100).toFixed(2);
      return d < 0 ? '-' + s : s;
    }
  }
  return d.toFixed(2);
}

/** Redis's bytesToHuman. */
export function bytesToHuman(n: number): string {
  const K = 1024;
  if (n < K) return `${n}B`;
  if (n < K ** 2) return `${fixed2(n / K)}K`;
  if (n < K ** 3) return `${fixed2(n / K ** 2)}M`;
  if (n < K ** 4) return `${fixed2(n / K ** 3)}G`;
  if (n < K ** 5) return `${fixed2(n / K ** 4)}T`;
  if (n < K ** 6) return `${fixed2(n / K ** 5)}P`;
  return `${n}B`;
}

/** Per-engine figures INFO keeps between calls (peak memory, ops/sec samples, replication id). */
interface InfoState {
  startupMemory: number;
  peakMemory: number;
  replId: string;
  samples: { last: number[]; lastTime: number; rings: number[][]; idx: number };
  timer: NodeJS.Timeout | null;
}

const STATS_SAMPLES = 16;
const infoStates = new WeakMap<Engine, InfoState>();
const MODULE_START_MEMORY = heapBytes();

function heapBytes(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
}

function newReplId(): string {
  return randomBytes(20).toString('hex');
}

function infoState(engine: Engine): InfoState {
  let s = infoStates.get(engine);
  if (s) return s;
  s = {
    startupMemory: MODULE_START_MEMORY,
    peakMemory: 0,
    replId: newReplId(),
    samples: { last: instantaneousReadings(engine), lastTime: performance.now(), rings: [[], [], []], idx: 0 },
    timer: null,
  };
  const state = s;
  // Like Redis's serverCron: a sample every 100 ms, averaged over the last 16.
  state.timer = setInterval(() => sampleMetrics(engine, state), 100);
  state.timer.unref();
  engine.onStop(() => {
    if (state.timer) clearInterval(state.timer);
    state.timer = null;
  });
  infoStates.set(engine, s);
  return s;
}

function instantaneousReadings(engine: Engine): number[] {
  return [engine.stats.totalCommands, engine.stats.netInputBytes, engine.stats.netOutputBytes];
}

function sampleMetrics(engine: Engine, s: InfoState): void {
  const now = performance.now();
  const cur = instantaneousReadings(engine);
  const dt = now - s.samples.lastTime;
  for (let i = 0; i < cur.length; i++) {
    const delta = (cur[i] as number) - (s.samples.last[i] as number);
    const perSec = dt > 0 ? Math.floor((delta * 1000) / dt) : 0;
    (s.samples.rings[i] as number[])[s.samples.idx] = Math.max(0, perSec);
  }
  s.samples.idx = (s.samples.idx + 1) % STATS_SAMPLES;
  s.samples.last = cur;
  s.samples.lastTime = now;
}

function instantaneous(s: InfoState, metric: number): number {
  const ring = s.samples.rings[metric] as number[];
  let sum = 0;
  for (const v of ring) sum += v ?? 0;
  return Math.floor(sum / STATS_SAMPLES);
}

/** An engine statistic by name, 0 when this engine does not keep it (yet). */
function stat(engine: Engine, name: string): number {
  const v = (engine.stats as unknown as Record<string, number | undefined>)[name];
  return typeof v === 'number' ? v : 0;
}

/** Time of the last successful save (Redis's server.lastsave); the start time until one happens. */
function lastSaveSeconds(engine: Engine): number {
  const e = engine as unknown as { lastSave?: number };
  return Math.floor((typeof e.lastSave === 'number' ? e.lastSave : engine.startTime) / 1000);
}

// ---- CONFIG ----------------------------------------------------------------------------------

function configGetCommand(c: Client): void {
  const matches = c.engine.config.getMatches(c.argv.slice(2));
  c.reply.mapLen(matches.length);
  for (const [k, v] of matches) {
    c.reply.bulk(k);
    c.reply.bulk(v);
  }
}

function configSetCommand(c: Client): void {
  const argv = c.argv;
  if ((argv.length & 1) === 1) {
    c.reply.error(SYNTAX_ERR);
    return;
  }
  const pairs: [string, string][] = [];
  for (let i = 2; i < argv.length; i += 2) pairs.push([argv[i] as string, argv[i + 1] as string]);
  const config = c.engine.config;
  let redacted: string[] | null = null;
  const err = config.setMany(pairs, {
    allowProtected: protectedActionAllowed(c, config.get('enable-protected-configs')),
    onSensitive: (i) => {
      // Passwords never reach the slow log (Redis's redactClientCommandArgument).
      redacted ??= argv.slice();
      redacted[2 + i * 2 + 1] = '(redacted)';
    },
  });
  if (redacted !== null) c.argv = redacted;
  if (err !== null) c.reply.error(err);
  else c.reply.ok();
}

function configResetStatCommand(c: Client): void {
  c.engine.resetStats();
  const s = infoStates.get(c.engine);
  if (s) s.peakMemory = 0;
  c.reply.ok();
}

function configRewriteCommand(c: Client): void {
  const file = c.engine.config.configFile;
  if (file === null) {
    c.reply.error(CONFIG_NO_FILE);
    return;
  }
  try {
    c.engine.config.rewrite(file);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    c.engine.log.warn(`CONFIG REWRITE failed: ${strerror(e.code)}`);
    c.reply.error(`ERR Rewriting config file: ${strerror(e.code)}`);
    return;
  }
  c.engine.log.warn('CONFIG REWRITE executed with success.');
  c.reply.ok();
}

const CONFIG_HELP = [
  'GET <pattern>',
  '    Return parameters matching the glob-like <pattern> and their values.',
  'SET <directive> <value>',
  '    Set the configuration <directive> to <value>.',
  'RESETSTAT',
  '    Reset statistics reported by the INFO command.',
  'REWRITE',
  '    Rewrite the configuration file.',
];

function configHelpCommand(c: Client): void {
  replyHelp(c, 'CONFIG', CONFIG_HELP);
}

// ---- INFO ------------------------------------------------------------------------------------

const DEFAULT_SECTIONS = [
  'server',
  'clients',
  'memory',
  'persistence',
  'stats',
  'replication',
  'cpu',
  'module_list',
  'errorstats',
  'cluster',
  'keyspace',
];

function lines(title: string, fields: [string, string | number][]): string {
  let s = `# ${title}\r\n`;
  for (const [k, v] of fields) s += `${k}:${v}\r\n`;
  return s;
}

function multiplexingApi(): string {
  switch (process.platform) {
    case 'linux':
      return 'epoll';
    case 'darwin':
    case 'freebsd':
    case 'openbsd':
    case 'netbsd':
      return 'kqueue';
    case 'sunos':
      return 'evport';
    case 'win32':
      return 'iocp';
    default:
      return 'poll';
  }
}

function listeningPort(c: Client): number {
  const laddr = c.transport?.laddr;
  if (laddr) {
    const p = Number(laddr.slice(laddr.lastIndexOf(':') + 1));
    if (Number.isInteger(p) && p > 0) return p;
  }
  return c.engine.config.getNumber('port');
}

function serverSection(c: Client): string {
  const e = c.engine;
  const nowUs = e.clock.nowMicros();
  const uptime = Math.max(0, Math.floor((Math.floor(nowUs / 1000) - e.startTime) / 1000));
  const hz = e.config.getNumber('hz');
  return lines('Server', [
    ['redis_version', REDIS_VERSION],
    ['redis_git_sha1', '00000000'],
    ['redis_git_dirty', 0],
    ['redis_build_id', '0'],
    ['redis_mode', 'standalone'],
    ['os', `${os.type()} ${os.release()} ${os.machine()}`],
    ['arch_bits', process.arch.includes('64') ? 64 : 32],
    ['monotonic_clock', 'POSIX clock_gettime'],
    ['multiplexing_api', multiplexingApi()],
    ['atomicvar_api', 'none'],
    ['gcc_version', '0.0.0'],
    ['process_id', process.pid],
    ['process_supervised', 'no'],
    ['run_id', e.runId],
    ['tcp_port', listeningPort(c)],
    ['server_time_usec', nowUs],
    ['uptime_in_seconds', uptime],
    ['uptime_in_days', Math.floor(uptime / 86400)],
    ['hz', hz],
    ['configured_hz', hz],
    ['lru_clock', Math.floor(nowUs / 1000000) & 0xffffff],
    ['executable', process.argv[1] ? path.resolve(process.argv[1]) : process.execPath],
    ['config_file', e.config.configFile ?? ''],
    ['io_threads_active', 0],
    ['memora_version', MEMORA_VERSION],
  ]);
}

function clientsSection(c: Client): string {
  const e = c.engine;
  let maxIn = 0;
  let maxOut = 0;
  let blocked = 0;
  for (const cl of e.clients.values()) {
    const t = cl.transport;
    if (t) {
      maxIn = Math.max(maxIn, t.queryBufferBytes());
      maxOut = Math.max(maxOut, t.pendingBytes());
    }
    if ((cl as unknown as { blocked?: unknown }).blocked) blocked++;
  }
  return lines('Clients', [
    ['connected_clients', e.clients.size],
    ['cluster_connections', 0],
    ['maxclients', e.config.get('maxclients')],
    ['client_recent_max_input_buffer', maxIn],
    ['client_recent_max_output_buffer', maxOut],
    ['blocked_clients', blocked],
    ['tracking_clients', e.tracking.clients],
    ['clients_in_timeout_table', 0],
  ]);
}

function memorySection(c: Client): string {
  const e = c.engine;
  const s = infoState(e);
  const m = process.memoryUsage();
  const used = m.heapUsed + m.external;
  if (used > s.peakMemory) s.peakMemory = used;
  const startup = Math.min(s.startupMemory, used);
  const overhead = startup;
  const dataset = Math.max(0, used - overhead);
  const net = used - startup || 1;
  const maxmemory = Number(e.config.get('maxmemory'));
  const allocated = used;
  const active = m.heapTotal + m.external;
  const resident = m.rss;
  const ratio = (a: number, b: number): string => fixed2(b > 0 ? a / b : 0);
  return lines('Memory', [
    ['used_memory', used],
    ['used_memory_human', bytesToHuman(used)],
    ['used_memory_rss', m.rss],
    ['used_memory_rss_human', bytesToHuman(m.rss)],
    ['used_memory_peak', s.peakMemory],
    ['used_memory_peak_human', bytesToHuman(s.peakMemory)],
    ['used_memory_peak_perc', `${fixed2((used * 100) / s.peakMemory)}%`],
    ['used_memory_overhead', overhead],
    ['used_memory_startup', startup],
    ['used_memory_dataset', dataset],
    ['used_memory_dataset_perc', `${fixed2((dataset * 100) / net)}%`],
    ['allocator_allocated', allocated],
    ['allocator_active', active],
    ['allocator_resident', resident],
    ['total_system_memory', os.totalmem()],
    ['total_system_memory_human', bytesToHuman(os.totalmem())],
    ['used_memory_lua', 0],
    ['used_memory_vm_eval', 0],
    ['used_memory_lua_human', bytesToHuman(0)],
    ['used_memory_scripts_eval', 0],
    ['number_of_cached_scripts', 0],
    ['number_of_functions', 0],
    ['number_of_libraries', 0],
    ['used_memory_vm_functions', 0],
    ['used_memory_vm_total', 0],
    ['used_memory_vm_total_human', bytesToHuman(0)],
    ['used_memory_functions', 0],
    ['used_memory_scripts', 0],
    ['used_memory_scripts_human', bytesToHuman(0)],
    ['maxmemory', maxmemory],
    ['maxmemory_human', bytesToHuman(maxmemory)],
    ['maxmemory_policy', e.config.get('maxmemory-policy')],
    ['allocator_frag_ratio', ratio(active, allocated)],
    ['allocator_frag_bytes', Math.max(0, active - allocated)],
    ['allocator_rss_ratio', ratio(resident, active)],
    ['allocator_rss_bytes', resident - active],
    ['rss_overhead_ratio', ratio(m.rss, resident)],
    ['rss_overhead_bytes', m.rss - resident],
    ['mem_fragmentation_ratio', ratio(m.rss, used)],
    ['mem_fragmentation_bytes', m.rss - used],
    ['mem_not_counted_for_evict', 0],
    ['mem_replication_backlog', 0],
    ['mem_total_replication_buffers', 0],
    ['mem_clients_slaves', 0],
    ['mem_clients_normal', 0],
    ['mem_cluster_links', 0],
    ['mem_aof_buffer', 0],
    ['mem_allocator', `v8-${process.versions.v8}`],
    ['active_defrag_running', 0],
    ['lazyfree_pending_objects', 0],
    ['lazyfreed_objects', 0],
  ]);
}

function persistenceSection(c: Client): string {
  const e = c.engine;
  return lines('Persistence', [
    ['loading', 0],
    ['async_loading', 0],
    ['current_cow_peak', 0],
    ['current_cow_size', 0],
    ['current_cow_size_age', 0],
    ['current_fork_perc', '0.00'],
    ['current_save_keys_processed', 0],
    ['current_save_keys_total', 0],
    ['rdb_changes_since_last_save', e.dirty],
    ['rdb_bgsave_in_progress', 0],
    ['rdb_last_save_time', lastSaveSeconds(e)],
    ['rdb_last_bgsave_status', 'ok'],
    ['rdb_last_bgsave_time_sec', -1],
    ['rdb_current_bgsave_time_sec', -1],
    ['rdb_saves', stat(e, 'rdbSaves')],
    ['rdb_last_cow_size', 0],
    ['rdb_last_load_keys_expired', 0],
    ['rdb_last_load_keys_loaded', 0],
    ['aof_enabled', 0],
    ['aof_rewrite_in_progress', 0],
    ['aof_rewrite_scheduled', 0],
    ['aof_last_rewrite_time_sec', -1],
    ['aof_current_rewrite_time_sec', -1],
    ['aof_last_bgrewrite_status', 'ok'],
    ['aof_rewrites', 0],
    ['aof_rewrites_consecutive_failures', 0],
    ['aof_last_write_status', 'ok'],
    ['aof_last_cow_size', 0],
    ['module_fork_in_progress', 0],
    ['module_fork_last_cow_size', 0],
  ]);
}

function statsSection(c: Client): string {
  const e = c.engine;
  const s = infoState(e);
  const st = e.stats;
  return lines('Stats', [
    ['total_connections_received', st.totalConnections],
    ['total_commands_processed', st.totalCommands],
    ['instantaneous_ops_per_sec', instantaneous(s, 0)],
    ['total_net_input_bytes', st.netInputBytes],
    ['total_net_output_bytes', st.netOutputBytes],
    ['total_net_repl_input_bytes', 0],
    ['total_net_repl_output_bytes', 0],
    ['instantaneous_input_kbps', fixed2(Math.fround(instantaneous(s, 1) / 1024))],
    ['instantaneous_output_kbps', fixed2(Math.fround(instantaneous(s, 2) / 1024))],
    ['instantaneous_input_repl_kbps', '0.00'],
    ['instantaneous_output_repl_kbps', '0.00'],
    ['rejected_connections', st.rejectedConnections],
    ['sync_full', 0],
    ['sync_partial_ok', 0],
    ['sync_partial_err', 0],
    ['expired_keys', st.expiredKeys],
    ['expired_stale_perc', fixed2(st.expiredStalePerc * 100)],
    ['expired_time_cap_reached_count', st.expiredTimeCapReached],
    ['expire_cycle_cpu_milliseconds', stat(e, 'expireCycleCpuMs')],
    ['evicted_keys', st.evictedKeys],
    ['evicted_clients', stat(e, 'evictedClients')],
    ['total_eviction_exceeded_time', 0],
    ['current_eviction_exceeded_time', 0],
    ['keyspace_hits', st.keyspaceHits],
    ['keyspace_misses', st.keyspaceMisses],
    ['pubsub_channels', stat(e, 'pubsubChannels')],
    ['pubsub_patterns', stat(e, 'pubsubPatterns')],
    ['pubsubshard_channels', stat(e, 'pubsubShardChannels')],
    ['latest_fork_usec', 0],
    ['total_forks', 0],
    ['migrate_cached_sockets', 0],
    ['slave_expires_tracked_keys', 0],
    ['active_defrag_hits', 0],
    ['active_defrag_misses', 0],
    ['active_defrag_key_hits', 0],
    ['active_defrag_key_misses', 0],
    ['total_active_defrag_time', 0],
    ['current_active_defrag_time', 0],
    ['tracking_total_keys', e.tracking.totalKeys],
    ['tracking_total_items', e.tracking.totalItems],
    ['tracking_total_prefixes', e.tracking.totalPrefixes],
    ['unexpected_error_replies', st.unexpectedErrorReplies],
    ['total_error_replies', st.totalErrorReplies],
    ['dump_payload_sanitizations', 0],
    ['total_reads_processed', st.totalReadsProcessed],
    ['total_writes_processed', st.totalWritesProcessed],
    ['io_threaded_reads_processed', st.ioThreadedReads],
    ['io_threaded_writes_processed', 0],
    ['reply_buffer_shrinks', 0],
    ['reply_buffer_expands', 0],
  ]);
}

function replicationSection(c: Client): string {
  const e = c.engine;
  const s = infoState(e);
  return lines('Replication', [
    ['role', 'master'],
    ['connected_slaves', 0],
    ['master_failover_state', 'no-failover'],
    ['master_replid', s.replId],
    ['master_replid2', '0000000000000000000000000000000000000000'],
    ['master_repl_offset', 0],
    ['second_repl_offset', -1],
    ['repl_backlog_active', 0],
    ['repl_backlog_size', e.config.get('repl-backlog-size')],
    ['repl_backlog_first_byte_offset', 0],
    ['repl_backlog_histlen', 0],
  ]);
}

function cpuTime(us: number): string {
  return `${Math.floor(us / 1e6)}.${String(Math.floor(us % 1e6)).padStart(6, '0')}`;
}

function cpuSection(): string {
  const u = process.cpuUsage();
  return lines('CPU', [
    ['used_cpu_sys', cpuTime(u.system)],
    ['used_cpu_user', cpuTime(u.user)],
    ['used_cpu_sys_children', '0.000000'],
    ['used_cpu_user_children', '0.000000'],
    ['used_cpu_sys_main_thread', cpuTime(u.system)],
    ['used_cpu_user_main_thread', cpuTime(u.user)],
  ]);
}

/** Redis's getSafeInfoString: characters that would break the INFO format become '_'. */
function safeInfo(s: string): string {
  return s.replace(/[:\r\n]/g, '_');
}

function commandStatsSection(c: Client): string {
  let s = '# Commandstats\r\n';
  for (const [name, st] of c.engine.commandStats) {
    if (!st.calls && !st.failedCalls && !st.rejectedCalls) continue;
    const perCall = st.calls === 0 ? 0 : Math.fround(Math.fround(st.usec) / Math.fround(st.calls));
    s += `cmdstat_${safeInfo(name)}:calls=${st.calls},usec=${st.usec},usec_per_call=${fixed2(perCall)}`;
    s += `,rejected_calls=${st.rejectedCalls},failed_calls=${st.failedCalls}\r\n`;
  }
  return s;
}

function errorStatsSection(c: Client): string {
  let s = '# Errorstats\r\n';
  const codes = [...c.engine.errorStats.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const code of codes) s += `errorstat_${safeInfo(code)}:count=${c.engine.errorStats.get(code)}\r\n`;
  return s;
}

function keyspaceSection(c: Client): string {
  let s = '# Keyspace\r\n';
  for (const db of c.engine.dbs) {
    const keys = db.dict.size;
    const vkeys = db.expires.size;
    if (keys || vkeys) s += `db${db.id}:keys=${keys},expires=${vkeys},avg_ttl=${Math.floor(db.avgTtl)}\r\n`;
  }
  return s;
}

/** The INFO text for the requested sections (Redis's genRedisInfoString). */
export function infoString(c: Client, args: readonly string[]): string {
  const wanted = new Set<string>();
  let all = false;
  if (args.length === 0) {
    for (const s of DEFAULT_SECTIONS) wanted.add(s);
  } else {
    for (const a of args) {
      const l = a.toLowerCase();
      if (l === 'default') for (const s of DEFAULT_SECTIONS) wanted.add(s);
      else if (l === 'all' || l === 'everything') all = true;
      else wanted.add(l);
    }
  }
  const want = (name: string): boolean => all || wanted.has(name);
  const parts: string[] = [];
  if (want('server')) parts.push(serverSection(c));
  if (want('clients')) parts.push(clientsSection(c));
  if (want('memory')) parts.push(memorySection(c));
  if (want('persistence')) parts.push(persistenceSection(c));
  if (want('stats')) parts.push(statsSection(c));
  if (want('replication')) parts.push(replicationSection(c));
  if (want('cpu')) parts.push(cpuSection());
  if (all || wanted.has('module_list') || wanted.has('modules')) parts.push('# Modules\r\n');
  if (want('commandstats')) parts.push(commandStatsSection(c));
  if (want('errorstats')) parts.push(errorStatsSection(c));
  // Memora keeps no per-command latency histograms yet: the section is present but empty.
  if (want('latencystats')) parts.push('# Latencystats\r\n');
  if (want('cluster')) parts.push(lines('Cluster', [['cluster_enabled', 0]]));
  if (want('keyspace')) parts.push(keyspaceSection(c));
  return parts.join('\r\n');
}

function infoCommand(c: Client): void {
  c.reply.verbatim(infoString(c, c.argv.slice(1)), 'txt');
}

// ---- TIME, LASTSAVE, ROLE ---------------------------------------------------------------------

function timeCommand(c: Client): void {
  const us = c.engine.clock.nowMicros();
  c.reply.arrayLen(2);
  c.reply.bulk(String(Math.floor(us / 1e6)));
  c.reply.bulk(String(us % 1e6));
}

function lastsaveCommand(c: Client): void {
  c.reply.integer(lastSaveSeconds(c.engine));
}

function roleCommand(c: Client): void {
  c.reply.arrayLen(3);
  c.reply.bulk('master');
  c.reply.integer(0);
  c.reply.arrayLen(0);
}

// ---- DEBUG -----------------------------------------------------------------------------------

const DEBUG_HELP = [
  'CHANGE-REPL-ID',
  '    Change the replication IDs of the instance.',
  '    Dangerous: should be used only for testing the replication subsystem.',
  'ERROR <string>',
  '    Return a Redis protocol error with <string> as message. Useful for clients',
  '    unit tests to simulate Redis errors.',
  'LOG <message>',
  '    Write <message> to the server log.',
  'PROTOCOL <type>',
  '    Reply with a test value of the specified type. <type> can be: string,',
  '    integer, double, bignum, null, array, set, map, attrib, push, verbatim,',
  '    true, false.',
  'SET-ACTIVE-EXPIRE <0|1>',
  '    Setting it to 0 disables expiring keys in background when they are not',
  '    accessed (otherwise the Redis behavior). Setting it to 1 reenables back the',
  '    default.',
  'SLEEP <seconds>',
  '    Stop the server for <seconds>. Decimals allowed.',
];

/** Blocks the whole server, as Redis's DEBUG SLEEP does. */
function sleepSync(ms: number): void {
  const cell = new Int32Array(new SharedArrayBuffer(4));
  let left = ms;
  // Atomics.wait takes a finite timeout; wait in bounded slices.
  while (left > 0) {
    const slice = Math.min(left, 2 ** 30);
    Atomics.wait(cell, 0, 0, slice);
    left -= slice;
  }
}

function debugProtocol(c: Client, type: string): void {
  const r = c.reply;
  switch (type.toLowerCase()) {
    case 'string':
      r.bulk('Hello World');
      return;
    case 'integer':
      r.integer(12345);
      return;
    case 'double':
      r.double(3.141);
      return;
    case 'bignum':
      r.bigNumber('1234567999999999999999999999999999999');
      return;
    case 'null':
      r.nullBulk();
      return;
    case 'array':
      r.arrayLen(3);
      for (let j = 0; j < 3; j++) r.integer(j);
      return;
    case 'set':
      r.setLen(3);
      for (let j = 0; j < 3; j++) r.integer(j);
      return;
    case 'map':
      r.mapLen(3);
      for (let j = 0; j < 3; j++) {
        r.integer(j);
        r.bool(j === 1);
      }
      return;
    case 'attrib':
      if (c.resp === 3) {
        r.raw('|1\r\n');
        r.bulk('key-popularity');
        r.arrayLen(2);
        r.bulk('key:123');
        r.integer(90);
      }
      r.bulk('Some real reply following the attribute');
      return;
    case 'push':
      if (c.resp === 2) {
        r.error(RESP2_NOT_SUPPORTED);
        return;
      }
      r.pushLen(2);
      r.bulk('server-cpu-usage');
      r.integer(42);
      r.bulk('Some real reply following the push reply');
      return;
    case 'true':
      r.bool(true);
      return;
    case 'false':
      r.bool(false);
      return;
    case 'verbatim':
      r.verbatim('This is a verbatim\nstring', 'txt');
      return;
    default:
      r.error(DEBUG_PROTOCOL_TYPE);
  }
}

function debugCommand(c: Client): void {
  const e = c.engine;
  if (!protectedActionAllowed(c, e.config.get('enable-debug-command'))) {
    c.reply.error(DEBUG_NOT_ALLOWED);
    return;
  }
  const argv = c.argv;
  const sub = (argv[1] as string).toLowerCase();
  const argc = argv.length;
  if (sub === 'help' && argc === 2) {
    replyHelp(c, 'DEBUG', DEBUG_HELP);
  } else if (sub === 'sleep' && argc === 3) {
    const secs = strtod(argv[2] as string).value;
    // Redis converts to whole microseconds; NaN, infinities and negatives do not sleep.
    const us = secs * 1e6;
    if (Number.isFinite(us) && us >= 1) sleepSync(Math.floor(us) / 1000);
    c.reply.ok();
  } else if (sub === 'set-active-expire' && argc === 3) {
    e.activeExpireEnabled = BigInt.asIntN(32, cStrtoll(argv[2] as string).value) !== 0n;
    c.reply.ok();
  } else if (sub === 'error' && argc === 3) {
    c.reply.error(argv[2] as string);
  } else if (sub === 'log' && argc === 3) {
    e.log.warn(`DEBUG LOG: ${argv[2]}`);
    c.reply.ok();
  } else if (sub === 'protocol' && argc === 3) {
    debugProtocol(c, argv[2] as string);
  } else if (sub === 'change-repl-id' && argc === 2) {
    infoState(e).replId = newReplId();
    e.log.warn('Changing replication IDs after receiving DEBUG change-repl-id');
    c.reply.ok();
  } else {
    c.reply.error(subcommandSyntaxError(argv[1] as string, argv[0] as string));
  }
}

// ---- SLOWLOG ---------------------------------------------------------------------------------

const SLOWLOG_HELP = [
  'GET [<count>]',
  '    Return top <count> entries from the slowlog (default: 10, -1 mean all).',
  '    Entries are made of:',
  '    id, timestamp, time in microseconds, arguments array, client IP and port,',
  '    client name',
  'LEN',
  '    Return the length of the slowlog.',
  'RESET',
  '    Reset the slowlog.',
];

function slowlogGetCommand(c: Client): void {
  const argv = c.argv;
  if (argv.length > 3) {
    c.reply.error(subcommandSyntaxError(argv[1] as string, argv[0] as string));
    return;
  }
  const log = c.engine.slowlog;
  let count = 10;
  if (argv.length === 3) {
    const v = parseLong(argv[2] as string);
    if (v === null || v < -1) {
      c.reply.error(SLOWLOG_COUNT);
      return;
    }
    count = v === -1 ? log.length : typeof v === 'bigint' ? Number.MAX_SAFE_INTEGER : v;
  }
  const n = Math.min(count, log.length);
  c.reply.arrayLen(n);
  for (let i = 0; i < n; i++) {
    const entry = log[i];
    if (!entry) break;
    c.reply.arrayLen(6);
    c.reply.integer(entry.id);
    c.reply.integer(entry.time);
    c.reply.integer(entry.durationUs);
    c.reply.bulkArray(entry.argv);
    c.reply.bulk(entry.addr);
    c.reply.bulk(entry.name);
  }
}

function slowlogLenCommand(c: Client): void {
  c.reply.integer(c.engine.slowlog.length);
}

function slowlogResetCommand(c: Client): void {
  c.engine.slowlog = [];
  c.reply.ok();
}

function slowlogHelpCommand(c: Client): void {
  replyHelp(c, 'SLOWLOG', SLOWLOG_HELP);
}

// ---- SHUTDOWN --------------------------------------------------------------------------------

function shutdownCommand(c: Client): void {
  let save = false;
  let nosave = false;
  let now = false;
  let force = false;
  let abort = false;
  for (let i = 1; i < c.argv.length; i++) {
    const a = (c.argv[i] as string).toLowerCase();
    if (a === 'nosave') nosave = true;
    else if (a === 'save') save = true;
    else if (a === 'now') now = true;
    else if (a === 'force') force = true;
    else if (a === 'abort') abort = true;
    else {
      c.reply.error(SYNTAX_ERR);
      return;
    }
  }
  if ((abort && (save || nosave || now || force)) || (save && nosave)) {
    c.reply.error(SYNTAX_ERR);
    return;
  }
  if (abort) {
    // Memora's shutdown never waits (no replicas to catch up): nothing is ever in progress.
    c.reply.error(SHUTDOWN_NOT_IN_PROGRESS);
    return;
  }
  const e = c.engine;
  const savePoints = splitMulti(e.config.get('save')).length > 0;
  const doSave = save || (!nosave && savePoints);
  if (!e.requestShutdown({ save: doSave, now, force })) {
    // Embedded: nothing owns the process, so there is nothing to shut down.
    e.log.warn('SHUTDOWN refused: Memora is embedded in another process (close it through its API)');
    c.reply.error(SHUTDOWN_FAILED);
  }
  // Otherwise the adapter closes every connection (this one included, with no reply) and exits.
}

// ---- the table -------------------------------------------------------------------------------

const ADMIN_FLAGS = ['admin', 'noscript', 'loading', 'stale'] as const;
const ADMIN_ACL = ['admin', 'slow', 'dangerous'];

export const SERVER_COMMANDS: CommandSpec[] = [
  cmd('config', -2, [], [0, 0, 0], ['slow'], 'server', undefined, {
    subcommands: [
      cmd('get', -3, [...ADMIN_FLAGS], [0, 0, 0], ADMIN_ACL, 'server', configGetCommand),
      cmd('help', 2, ['loading', 'stale'], [0, 0, 0], ['slow'], 'server', configHelpCommand),
      cmd('resetstat', 2, [...ADMIN_FLAGS], [0, 0, 0], ADMIN_ACL, 'server', configResetStatCommand),
      cmd('rewrite', 2, [...ADMIN_FLAGS], [0, 0, 0], ADMIN_ACL, 'server', configRewriteCommand),
      cmd('set', -4, [...ADMIN_FLAGS], [0, 0, 0], ADMIN_ACL, 'server', configSetCommand),
    ],
  }),
  cmd('info', -1, ['loading', 'stale'], [0, 0, 0], ['slow', 'dangerous'], 'server', infoCommand),
  cmd('time', 1, ['loading', 'stale', 'fast'], [0, 0, 0], ['fast'], 'server', timeCommand),
  cmd('lastsave', 1, ['loading', 'stale', 'fast'], [0, 0, 0], ['admin', 'fast', 'dangerous'], 'server', lastsaveCommand),
  cmd('role', 1, ['noscript', 'loading', 'stale', 'fast'], [0, 0, 0], ['admin', 'fast', 'dangerous'], 'server', roleCommand),
  cmd('debug', -2, [...ADMIN_FLAGS], [0, 0, 0], ADMIN_ACL, 'server', debugCommand),
  cmd('slowlog', -2, [], [0, 0, 0], ['slow'], 'server', undefined, {
    subcommands: [
      cmd('get', -2, ['admin', 'loading', 'stale'], [0, 0, 0], ADMIN_ACL, 'server', slowlogGetCommand),
      cmd('help', 2, ['loading', 'stale'], [0, 0, 0], ['slow'], 'server', slowlogHelpCommand),
      cmd('len', 2, ['admin', 'loading', 'stale'], [0, 0, 0], ADMIN_ACL, 'server', slowlogLenCommand),
      cmd('reset', 2, ['admin', 'loading', 'stale'], [0, 0, 0], ADMIN_ACL, 'server', slowlogResetCommand),
    ],
  }),
  cmd(
    'shutdown',
    -1,
    ['admin', 'noscript', 'loading', 'stale', 'no_multi', 'allow_busy'],
    [0, 0, 0],
    ADMIN_ACL,
    'server',
    shutdownCommand,
  ),
];
