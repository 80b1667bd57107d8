// Client-side caching (Redis's tracking.c): the table of keys read by tracking clients, the
// per-prefix broadcast state of BCAST clients, and the invalidation messages — RESP3 pushes
// (`>2 invalidate [keys]`), or `message __redis__:invalidate` for a RESP2 pub/sub client that
// receives another client's invalidations through REDIRECT. The table is keyed by key name
// only, across databases, as Redis's is. Invalidations meant for the client whose command is
// running wait until its reply is written (Redis's tracking_pending_keys).
import type { Client } from './client.js';
import type { Engine } from './engine.js';
import { FLAG_BITS, commandKeys, type CommandSpec } from '../commands/spec.js';

/** Per-client tracking state (Redis's CLIENT_TRACKING_* flags and fields); null = tracking off. */
export interface TrackingState {
  /** Client id invalidations go to; 0 = this client. */
  redirect: number;
  bcast: boolean;
  optin: boolean;
  optout: boolean;
  noloop: boolean;
  /** CLIENT CACHING YES (OPTIN) / NO (OPTOUT) given for the next command or transaction. */
  caching: boolean;
  /** The redirect client went away (CLIENT LIST flag R, TRACKINGINFO broken_redirect). */
  brokenRedir: boolean;
  /** BCAST prefixes, kept sorted as Redis's radix tree lists them. */
  prefixes: string[];
}

export interface TrackingOptions {
  redirect: number;
  bcast: boolean;
  optin: boolean;
  optout: boolean;
  noloop: boolean;
  prefixes: string[];
}

interface BcastState {
  /** Keys modified since the last broadcast, with the client that last modified each. */
  keys: Map<string, Client | null>;
  clients: Set<Client>;
}

const F_PUBSUB = FLAG_BITS.pubsub;
const CHANNEL = '__redis__:invalidate';
const PUSH_HEADER = '>2\r\n$10\r\ninvalidate\r\n';
const PUBSUB_HEADER = `*3\r\n$7\r\nmessage\r\n$${CHANNEL.length}\r\n${CHANNEL}\r\n`;
/** Redis's shared.null[resp]: what a flush sends, in the tracking client's own protocol. */
const NULL_BY_RESP = { 2: '$-1\r\n', 3: '_\r\n' } as const;

/** Writes out-of-band bytes to a client even under CLIENT REPLY OFF/SKIP (Redis's CLIENT_PUSHING). */
function pushRaw(target: Client, bytes: string): void {
  if (target.closeAfterReply) return; // Redis writes nothing more to a closing client
  const w = target.reply;
  const muted = w.muted;
  w.muted = false;
  w.raw(bytes);
  w.muted = muted;
}

function keysArray(keys: readonly string[]): string {
  let s = `*${keys.length}\r\n`;
  for (const k of keys) s += `$${k.length}\r\n${k}\r\n`;
  return s;
}

/** The bytes of a C string: Redis prints prefixes with %s, which stops at a NUL byte. */
function cString(s: string): string {
  const i = s.indexOf('\0');
  return i < 0 ? s : s.slice(0, i);
}

export class Tracking {
  /** Key name -> ids of the clients that may have cached it. */
  private readonly table = new Map<string, Set<number>>();
  private readonly prefixTable = new Map<string, BcastState>();
  /** Sum of client ids over the table (INFO tracking_total_items). */
  totalItems = 0;
  /** Clients with tracking on (INFO tracking_clients). */
  clients = 0;
  /** Invalidations for the client whose command runs: `null` = flush (all keys). */
  pending: (string | null)[] = [];
  private broadcastScheduled = false;

  constructor(private readonly engine: Engine) {
    engine.onModifiedKey((_db, key) => {
      if (this.table.size !== 0 || this.prefixTable.size !== 0) this.invalidateKey(key, true);
    });
    engine.onFlushed((_db, other) => {
      // SWAPDB does not invalidate (the table knows key names, not databases); flushes do.
      if (other === undefined || other === null) this.invalidateOnFlush();
    });
  }

  get totalKeys(): number {
    return this.table.size;
  }

  get totalPrefixes(): number {
    return this.prefixTable.size;
  }

  // ---- enabling and disabling ---------------------------------------------------------------

  /**
   * Redis's checkPrefixCollisionsOrReply, faithfully: 0 when an error was replied and tracking
   * must not change; otherwise non-zero. An overlap between two given prefixes is reported with
   * the index of the first one as result, so for an index > 0 Redis replies the error and then
   * goes on to enable tracking (and reply +OK) anyway — 7.0.15 answers twice.
   */
  checkPrefixCollisions(c: Client, prefixes: readonly string[]): number {
    const existing = c.tracking?.prefixes ?? [];
    const overlaps = (a: string, b: string): boolean => {
      const n = Math.min(a.length, b.length);
      return a.slice(0, n) === b.slice(0, n);
    };
    for (let i = 0; i < prefixes.length; i++) {
      const p = prefixes[i] as string;
      for (const e of existing) {
        if (overlaps(e, p)) {
          c.reply.error(
            `ERR Prefix '${cString(p)}' overlaps with an existing prefix '${cString(e)}'. Prefixes for a single client must not overlap.`,
          );
          return 0;
        }
      }
      for (let j = i + 1; j < prefixes.length; j++) {
        const q = prefixes[j] as string;
        if (overlaps(p, q)) {
          c.reply.error(
            `ERR Prefix '${cString(p)}' overlaps with another provided prefix '${cString(q)}'. Prefixes for a single client must not overlap.`,
          );
          return i;
        }
      }
    }
    return 1;
  }

  /** Redis's enableTracking: (re)sets the mode flags and redirect; BCAST prefixes accumulate. */
  enable(c: Client, opts: TrackingOptions): void {
    let st = c.tracking;
    if (st === null) {
      this.clients++;
      st = { redirect: 0, bcast: false, optin: false, optout: false, noloop: false, caching: false, brokenRedir: false, prefixes: [] };
      c.tracking = st;
    }
    st.brokenRedir = false;
    st.redirect = opts.redirect;
    st.bcast = opts.bcast;
    st.optin = opts.optin;
    st.optout = opts.optout;
    st.noloop = opts.noloop;
    if (opts.bcast) {
      if (opts.prefixes.length === 0) this.addPrefix(c, st, '');
      for (const p of opts.prefixes) this.addPrefix(c, st, p);
    }
    this.updateFlags(c);
  }

  private addPrefix(c: Client, st: TrackingState, prefix: string): void {
    let bs = this.prefixTable.get(prefix);
    if (bs === undefined) {
      bs = { keys: new Map(), clients: new Set() };
      this.prefixTable.set(prefix, bs);
    }
    if (bs.clients.has(c)) return;
    bs.clients.add(c);
    st.prefixes.push(prefix);
    st.prefixes.sort();
  }

  /**
   * Redis's disableTracking (CLIENT TRACKING OFF, RESET, disconnect). The client's id stays in
   * the key table and is dropped lazily when those keys are invalidated.
   */
  disable(c: Client): void {
    const st = c.tracking;
    if (st === null) return;
    if (st.bcast) {
      for (const p of st.prefixes) {
        const bs = this.prefixTable.get(p);
        if (!bs) continue;
        bs.clients.delete(c);
        if (bs.clients.size === 0) this.prefixTable.delete(p);
      }
    }
    c.tracking = null;
    this.clients--;
    this.updateFlags(c);
  }

  /** CLIENT LIST letters: t (tracking), R (broken redirect), B (broadcast). */
  private updateFlags(c: Client): void {
    let f = c.flags.replace(/[tRB]/g, '');
    const st = c.tracking;
    if (st !== null) {
      f += 't';
      if (st.brokenRedir) f += 'R';
      if (st.bcast) f += 'B';
    }
    c.flags = f;
  }

  // ---- reads -------------------------------------------------------------------------------

  /**
   * After a read-only command of a tracking client in default mode (Redis's
   * trackingRememberKeys): remember its keys, unless OPTIN without CACHING YES or OPTOUT with
   * CACHING NO says otherwise.
   */
  rememberKeys(c: Client, spec: CommandSpec, argv: readonly string[]): void {
    const st = c.tracking;
    if (st === null || st.bcast) return;
    if (((spec.bits ?? 0) & F_PUBSUB) !== 0) return;
    if ((st.optin && !st.caching) || (st.optout && st.caching)) return;
    const positions = commandKeys(spec, argv);
    for (const pos of positions) {
      const key = argv[pos];
      if (key === undefined) continue;
      let ids = this.table.get(key);
      if (ids === undefined) {
        ids = new Set();
        this.table.set(key, ids);
      }
      if (!ids.has(c.id)) {
        ids.add(c.id);
        this.totalItems++;
      }
    }
  }

  // ---- invalidation ------------------------------------------------------------------------

  /**
   * Redis's trackingInvalidateKey: every client that read `key` gets one invalidation and is
   * forgotten for it until it reads it again. `bcast` also records the key for the BCAST
   * prefixes it matches (false when the table is trimmed to tracking-table-max-keys).
   */
  invalidateKey(key: string, bcast: boolean): void {
    const current = this.engine.currentClient;
    if (bcast && this.prefixTable.size !== 0) this.rememberForBroadcast(key, current);
    const ids = this.table.get(key);
    if (ids === undefined) return;
    for (const id of ids) {
      const target = this.engine.clients.get(id);
      if (target === undefined || target.closed) continue;
      const st = target.tracking;
      if (st === null || st.bcast) continue;
      if (st.noloop && target === current) continue;
      if (target === current) this.pending.push(key);
      else this.send(target, keysArray([key]));
    }
    this.totalItems -= ids.size;
    this.table.delete(key);
  }

  /**
   * FLUSHALL/FLUSHDB (Redis's trackingInvalidateKeysOnFlush): every tracking client, BCAST ones
   * included, gets a null invalidation ("everything"), and the key table is emptied.
   */
  private invalidateOnFlush(): void {
    if (this.clients !== 0) {
      const current = this.engine.currentClient;
      for (const c of this.engine.clients.values()) {
        if (c.tracking === null || c.closed) continue;
        if (c === current) this.pending.push(null);
        else this.send(c, NULL_BY_RESP[c.resp]);
      }
    }
    this.table.clear();
    this.totalItems = 0;
  }

  /** Sends what waited for the end of the current client's command (after its reply). */
  flushPending(c: Client): void {
    const keys = this.pending;
    this.pending = [];
    if (c.closed || c.tracking === null) return;
    for (const k of keys) this.send(c, k === null ? NULL_BY_RESP[c.resp] : keysArray([k]));
  }

  /**
   * Redis's sendTrackingMessage: `payload` is the RESP value (an array of keys, or a null) sent
   * after the header; it goes to the redirect client when there is one.
   */
  private send(c: Client, payload: string): void {
    const st = c.tracking;
    if (st === null) return;
    let target = c;
    let redirected = false;
    if (st.redirect !== 0) {
      const r = this.engine.clients.get(st.redirect);
      if (r === undefined || r.closed) {
        if (!st.brokenRedir) {
          st.brokenRedir = true;
          this.updateFlags(c);
        }
        if (c.resp === 3) {
          pushRaw(c, `>2\r\n$21\r\ntracking-redir-broken\r\n:${st.redirect}\r\n`);
          this.flushIfIdle(c);
        }
        return;
      }
      target = r;
      redirected = true;
    }
    if (target.resp === 3) pushRaw(target, PUSH_HEADER + payload);
    else if (redirected && target.flags.includes('P')) pushRaw(target, PUBSUB_HEADER + payload);
    else return; // RESP2 without a pub/sub redirect: nowhere to send it
    this.flushIfIdle(target);
  }

  /** The running client's bytes go out with its reply; another client's at the end of this turn. */
  private flushIfIdle(target: Client): void {
    if (target !== this.engine.currentClient) this.engine.flushSoon(target);
  }

  // ---- broadcast mode ----------------------------------------------------------------------

  private rememberForBroadcast(key: string, modifier: Client | null): void {
    for (const [prefix, bs] of this.prefixTable) {
      if (prefix.length > key.length) continue;
      if (prefix.length !== 0 && !key.startsWith(prefix)) continue;
      bs.keys.set(key, modifier);
      if (!this.broadcastScheduled) {
        this.broadcastScheduled = true;
        // Redis broadcasts in beforeSleep: after every command of this event-loop turn.
        setImmediate(() => this.broadcast());
      }
    }
  }

  /**
   * Redis's trackingBroadcastInvalidationMessages: per prefix (in byte order), the keys modified
   * since the last run, sorted, to every client of that prefix; NOLOOP clients get the keys
   * last modified by someone else, or nothing.
   */
  broadcast(): void {
    this.broadcastScheduled = false;
    if (this.clients === 0) {
      for (const bs of this.prefixTable.values()) bs.keys = new Map();
      return;
    }
    const prefixes = [...this.prefixTable.keys()].sort();
    for (const p of prefixes) {
      const bs = this.prefixTable.get(p) as BcastState;
      if (bs.keys.size !== 0) {
        const keys = [...bs.keys.keys()].sort();
        const proto = keysArray(keys);
        for (const c of bs.clients) {
          if (c.closed || c.tracking === null) continue;
          if (c.tracking.noloop) {
            const own = keys.filter((k) => bs.keys.get(k) !== c);
            if (own.length !== 0) this.send(c, keysArray(own));
          } else {
            this.send(c, proto);
          }
        }
      }
      bs.keys = new Map();
    }
  }

  // ---- table size limit --------------------------------------------------------------------

  /**
   * Redis's trackingLimitUsedSlots: above tracking-table-max-keys, keys are dropped from the
   * table (their readers get an invalidation, as if the key changed). Redis picks them by a
   * random walk; here the oldest entries go first. The effort grows while the limit stays
   * exceeded, as in Redis.
   */
  private limitTimeouts = 0;

  limitUsedSlots(): void {
    const max = this.engine.config.getNumber('tracking-table-max-keys');
    if (max === 0 || this.table.size <= max) {
      this.limitTimeouts = 0;
      return;
    }
    let effort = 100 * (this.limitTimeouts + 1);
    while (effort-- > 0) {
      const first = this.table.keys().next();
      if (first.done) break;
      this.invalidateKey(first.value, false);
      if (this.table.size <= max) {
        this.limitTimeouts = 0;
        return;
      }
    }
    this.limitTimeouts++;
  }
}
