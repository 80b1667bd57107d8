// The engine: all server state that is not a socket — databases, clients, configuration,
// statistics, the command registry, propagation and keyspace-event hooks, and the periodic
// tasks (active expiry). Network adapters and the embedded API drive it through `execute`.
import { Config } from './config.js';
import { CONFIG_TABLE } from './config-table.js';
import { Client } from './client.js';
import { processCommand } from './pipeline.js';
import { Blocking } from './blocking.js';
import { Watches } from './multi.js';
import { Tracking } from './tracking.js';
import { Monitors } from './monitor.js';
import { Pause, PAUSE_NONE } from './pause.js';
import { Db, type KeyspaceHooks } from '../store/keyspace.js';
import { SystemClock, type Clock } from '../store/clock.js';
import { Random } from '../store/random.js';
import { scanCursorsOf } from '../store/scan.js';
import { CommandRegistry } from '../commands/registry.js';
import type { CommandSpec } from '../commands/spec.js';
import { bindEvictionPolicy } from '../commands/keyspace.js';
import { createLogger, pinoLevel, type Logger } from './log.js';

export interface EngineOptions {
  /** Configuration values by Redis name (applied as at startup: immutable ones allowed). */
  config?: Record<string, string>;
  clock?: Clock;
  /** Seed for the store's random choices. */
  seed?: number;
  logger?: Logger;
}

export interface CommandStats {
  calls: number;
  usec: number;
  rejectedCalls: number;
  failedCalls: number;
}

export interface SlowlogEntry {
  id: number;
  time: number; // unix seconds
  durationUs: number;
  argv: string[];
  addr: string;
  name: string;
}

export type PropagateFn = (dbId: number, argv: string[]) => void;
export type KeyspaceEventFn = (type: string, event: string, key: string, dbId: number) => void;

export class Engine {
  readonly config: Config;
  readonly clock: Clock;
  rng: Random;
  dbs: Db[] = [];
  readonly clients = new Map<number, Client>();
  readonly registry: CommandRegistry;
  readonly blocking: Blocking;
  readonly watches: Watches;
  /** Client-side caching: tracked keys, BCAST prefixes, invalidation messages. */
  readonly tracking: Tracking;
  /** Clients in MONITOR mode. */
  readonly monitors: Monitors;
  /** CLIENT PAUSE state and the clients it holds. */
  readonly pause: Pause;
  /** The client whose command is executing (Redis's server.current_client); null between commands. */
  currentClient: Client | null = null;
  readonly log: Logger;
  /** Time of the command being executed (ms). Read once per command. */
  now = 0;
  /** Count of changes since the last save (Redis's server.dirty). */
  dirty = 0;
  readonly startTime: number;
  readonly startMonotonic = performance.now();
  readonly runId: string;
  /** Statistics for INFO. */
  readonly stats = {
    totalConnections: 0,
    rejectedConnections: 0,
    totalCommands: 0,
    expiredKeys: 0,
    expiredStalePerc: 0,
    expiredTimeCapReached: 0,
    evictedKeys: 0,
    keyspaceHits: 0,
    keyspaceMisses: 0,
    totalErrorReplies: 0,
    netInputBytes: 0,
    netOutputBytes: 0,
    unexpectedErrorReplies: 0,
    totalReadsProcessed: 0,
    totalWritesProcessed: 0,
    ioThreadedReads: 0,
    startedAtReset: 0,
  };
  commandStats = new Map<string, CommandStats>();
  errorStats = new Map<string, number>();
  slowlog: SlowlogEntry[] = [];
  slowlogNextId = 0;
  activeExpireEnabled = true;
  /** Hot-path copies of config values, kept current by a config listener. */
  slowlogThreshold = 10000;
  private readonly propagators: PropagateFn[] = [];
  private readonly keyspaceListeners: KeyspaceEventFn[] = [];
  private readonly modifiedKeyListeners: ((db: Db, key: string) => void)[] = [];
  private nextClientId = 1;
  private timer: NodeJS.Timeout | null = null;
  private readonly shutdownHooks: (() => void)[] = [];

  constructor(opts: EngineOptions = {}) {
    this.config = new Config(CONFIG_TABLE);
    for (const [k, v] of Object.entries(opts.config ?? {})) {
      const err = this.config.set(k, v, true);
      if (err !== null) throw new Error(`Bad config '${k}': ${err}`);
    }
    this.clock = opts.clock ?? new SystemClock();
    this.rng = new Random(opts.seed);
    this.log = opts.logger ?? createLogger(this.config.get('loglevel'));
    this.slowlogThreshold = this.config.getNumber('slowlog-log-slower-than');
    this.config.onChange((name, value) => {
      if (name === 'loglevel') this.log.level = pinoLevel(value);
      else if (name === 'slowlog-log-slower-than') this.slowlogThreshold = Number(value);
      else if (name === 'hz' && this.timer) {
        clearInterval(this.timer);
        this.timer = null;
        this.start();
      }
    });
    this.registry = new CommandRegistry();
    this.blocking = new Blocking(this);
    this.watches = new Watches(this);
    this.tracking = new Tracking(this);
    this.monitors = new Monitors(this);
    this.pause = new Pause(this);
    this.startTime = this.clock.now();
    this.now = this.startTime;
    this.runId = randomHex(40, this.rng);
    const hooks: KeyspaceHooks = {
      expired: (db, key) => this.onKeyExpired(db, key),
      added: (db, key) => this.notify('n', 'new', key, db.id),
      expiryPaused: () => this.pause.type !== PAUSE_NONE,
    };
    const n = this.config.getNumber('databases');
    for (let i = 0; i < n; i++) this.dbs.push(new Db(i, hooks));
    bindEvictionPolicy(this);
  }

  // ---- clients -------------------------------------------------------------------------

  authRequired(): boolean {
    return this.config.get('requirepass') !== '';
  }

  createClient(): Client {
    const c = new Client(this, this.nextClientId++);
    c.reply.onError = (msg) => this.recordError(msg);
    this.clients.set(c.id, c);
    this.stats.totalConnections++;
    return c;
  }

  freeClient(c: Client): void {
    if (c.blocked !== null && this.pause.isPostponed(c)) this.pause.forget(c);
    this.blocking.unblock(c);
    if (c.tracking !== null) this.tracking.disable(c);
    if (c.monitor) this.monitors.remove(c);
    if (this.currentClient === c) this.currentClient = null;
    this.watches.unwatchAll(c);
    c.closed = true;
    this.clients.delete(c.id);
  }

  private readonly pendingWrites = new Set<Client>();
  private writesScheduled = false;

  /**
   * Output written to a client outside its own command (invalidations, MONITOR lines) goes out
   * once the current event-loop turn is done, one write per client, as Redis writes pending
   * replies in beforeSleep.
   */
  flushSoon(c: Client): void {
    this.pendingWrites.add(c);
    if (this.writesScheduled) return;
    this.writesScheduled = true;
    setImmediate(() => {
      this.writesScheduled = false;
      const list = [...this.pendingWrites];
      this.pendingWrites.clear();
      for (const cl of list) if (!cl.closed) cl.transport?.flush();
    });
  }

  /** Runs one command from a client through the single pipeline. */
  execute(c: Client, argv: string[]): void {
    processCommand(this, c, argv);
  }

  // ---- statistics ----------------------------------------------------------------------

  statsFor(spec: CommandSpec): CommandStats {
    const name = spec.fullName ?? spec.name;
    let s = this.commandStats.get(name);
    if (!s) {
      s = { calls: 0, usec: 0, rejectedCalls: 0, failedCalls: 0 };
      this.commandStats.set(name, s);
    }
    return s;
  }

  private recordError(msg: string): void {
    this.stats.totalErrorReplies++;
    const sp = msg.indexOf(' ');
    const code = sp > 0 ? msg.slice(0, sp) : msg;
    // Redis counts errors by their code; codes are upper-case words, else the error is "ERR".
    const key = /^[A-Z]+$/.test(code) ? code : 'ERR';
    this.errorStats.set(key, (this.errorStats.get(key) ?? 0) + 1);
  }

  resetStats(): void {
    this.commandStats = new Map();
    this.errorStats = new Map();
    for (const k of Object.keys(this.stats) as (keyof typeof this.stats)[]) this.stats[k] = 0;
  }

  // ---- propagation and events ----------------------------------------------------------

  onPropagate(fn: PropagateFn): void {
    this.propagators.push(fn);
  }

  /** Writes collected while a transaction (or script) runs, emitted together at its end. */
  private pendingPropagation: [number, string[]][] | null = null;

  propagate(dbId: number, argv: string[]): void {
    if (this.pendingPropagation !== null) {
      this.pendingPropagation.push([dbId, argv]);
      return;
    }
    for (const fn of this.propagators) fn(dbId, argv);
  }

  /** Whether propagated writes are being collected (inside EXEC, a script, or alsoPropagate). */
  get batchingPropagation(): boolean {
    return this.pendingPropagation !== null;
  }

  /**
   * Redis's alsoPropagate: a command that must replicate as several commands (SPOP with a
   * count as one SREM per member) adds them here; the pipeline emits them when the command
   * ends, wrapped in MULTI/EXEC when there is more than one, or with its transaction.
   */
  alsoPropagate(dbId: number, argv: string[]): void {
    if (this.pendingPropagation === null) this.pendingPropagation = [];
    this.pendingPropagation.push([dbId, argv]);
  }

  /** Starts collecting propagated writes (EXEC, scripts). */
  beginPropagationBatch(): void {
    this.pendingPropagation = [];
  }

  /**
   * Emits the collected writes: more than one is wrapped in MULTI/EXEC so replicas and the AOF
   * apply them atomically, as Redis 7.0 does; a single write goes out alone.
   */
  endPropagationBatch(): void {
    const ops = this.pendingPropagation ?? [];
    this.pendingPropagation = null;
    if (ops.length === 0) return;
    const first = ops[0] as [number, string[]];
    if (ops.length > 1) this.propagate(first[0], ['MULTI']);
    for (const [db, argv] of ops) this.propagate(db, argv);
    if (ops.length > 1) this.propagate((ops[ops.length - 1] as [number, string[]])[0], ['EXEC']);
  }

  onKeyspaceEvent(fn: KeyspaceEventFn): void {
    this.keyspaceListeners.push(fn);
  }

  /** Keyspace notification hook (Redis's notifyKeyspaceEvent); `type` is the class letter. */
  notify(type: string, event: string, key: string, dbId: number): void {
    for (let i = 0; i < this.keyspaceListeners.length; i++) {
      (this.keyspaceListeners[i] as KeyspaceEventFn)(type, event, key, dbId);
    }
  }

  onModifiedKey(fn: (db: Db, key: string) => void): void {
    this.modifiedKeyListeners.push(fn);
  }

  /** A key got data a blocked client may be waiting for (list push, zadd, xadd, ...). */
  signalKeyAsReady(db: Db, key: string): void {
    this.blocking.signalKeyAsReady(db, key);
  }

  /** Signals that a key's value changed (WATCH, client-side caching). */
  signalModifiedKey(db: Db, key: string): void {
    for (let i = 0; i < this.modifiedKeyListeners.length; i++) {
      (this.modifiedKeyListeners[i] as (db: Db, key: string) => void)(db, key);
    }
  }

  /**
   * Signals a whole-database change, before it happens: `db` is about to be emptied (null: all
   * of them) or, for SWAPDB, replaced by `other`'s contents.
   */
  signalFlushed(db: Db | null, other?: Db | null): void {
    for (const fn of this.flushListeners) fn(db, other);
  }
  private readonly flushListeners: ((db: Db | null, other?: Db | null) => void)[] = [];
  onFlushed(fn: (db: Db | null, other?: Db | null) => void): void {
    this.flushListeners.push(fn);
  }

  private onKeyExpired(db: Db, key: string): void {
    this.stats.expiredKeys++;
    this.propagate(db.id, ['DEL', key]);
    this.notify('x', 'expired', key, db.id);
    this.signalModifiedKey(db, key);
  }

  // ---- periodic work -------------------------------------------------------------------

  /** Starts the periodic tasks (active expiry); adapters call this once. */
  start(): void {
    if (this.timer) return;
    const hz = Math.max(1, Math.min(500, this.config.getNumber('hz') || 10));
    this.timer = setInterval(() => this.cron(), Math.floor(1000 / hz));
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const fn of this.shutdownHooks) fn();
  }

  private shutdownRequest: ((opts: { save?: boolean; now?: boolean; force?: boolean }) => void) | null = null;

  /** The adapter that can stop the process registers here (SHUTDOWN, signals). */
  onShutdownRequest(fn: (opts: { save?: boolean; now?: boolean; force?: boolean }) => void): void {
    this.shutdownRequest = fn;
  }

  /** Asks the adapter to shut down; returns false when nothing is registered (embedded use). */
  requestShutdown(opts: { save?: boolean; now?: boolean; force?: boolean } = {}): boolean {
    if (!this.shutdownRequest) return false;
    this.shutdownRequest(opts);
    return true;
  }

  onStop(fn: () => void): void {
    this.shutdownHooks.push(fn);
  }

  private expireDbCursor = 0;

  /**
   * Active expiry, as Redis's activeExpireCycle: each run spends at most ~25% of its period,
   * examining volatile keys in bounded steps and repeating on a database while more than 10%
   * of what it examined had expired.
   */
  cron(): void {
    if (!this.activeExpireEnabled) return;
    // A client pause (WRITE or ALL) also pauses active expiry, as in Redis.
    if (this.pause.type !== PAUSE_NONE) return;
    const hz = Math.max(1, this.config.getNumber('hz') || 10);
    const budgetMs = (1000 / hz) * 0.25;
    const start = performance.now();
    const now = this.clock.now();
    const ndb = this.dbs.length;
    for (let i = 0; i < ndb; i++) {
      const db = this.dbs[(this.expireDbCursor + i) % ndb] as Db;
      if (db.expires.size === 0) continue;
      for (;;) {
        const { examined, expired } = db.activeExpireStep(now, 20);
        if (examined === 0 || expired * 10 <= examined) break;
        if (performance.now() - start > budgetMs) {
          this.stats.expiredTimeCapReached++;
          this.expireDbCursor = (this.expireDbCursor + i) % ndb;
          return;
        }
      }
    }
    this.expireDbCursor = (this.expireDbCursor + 1) % ndb;
  }

  /** Removes every key in every database. */
  flushAll(): void {
    this.signalFlushed(null); // before clearing, as FLUSHALL does, so WATCH sees what existed
    const cursors = scanCursorsOf(this);
    for (const db of this.dbs) {
      cursors.forget(db.dict);
      db.clear();
    }
  }
}

function randomHex(n: number, rng: Random): string {
  let s = '';
  for (let i = 0; i < n; i++) s += (rng.nextU32() & 15).toString(16);
  return s;
}
