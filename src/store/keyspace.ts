// The keyspace: numbered databases of key -> value, a separate map of volatile keys' expiry
// times, per-key access data for IDLETIME/LRU (or FREQ/LFU under an LFU maxmemory-policy), lazy
// expiry on lookup, random key choice and the incremental active expiry cycle. Knows nothing of
// clients or RESP: expiry of a key is reported to `hooks`.
//
// Expiry follows Redis: a key expires when the time is strictly past its expire time (`now > when`).
// Expire times are ms since the epoch as JS numbers; the rare time beyond 2^53 (PEXPIREAT up to
// INT64_MAX) is also kept exactly as a bigint in `expiresBig` so TTL/PEXPIRETIME print it exactly.
import type { RValue } from './types/value.js';

export interface KeyspaceHooks {
  /** A key was reclaimed because its TTL passed (propagate DEL, notify "expired"). */
  expired(db: Db, key: string): void;
  /** A key was created (Redis's dbAdd: the "new" keyspace event). */
  added(db: Db, key: string): void;
  /**
   * While true (CLIENT PAUSE), an expired key is reported as expired but not deleted, as
   * Redis's expireIfNeeded does during a pause.
   */
  expiryPaused?(): boolean;
}

/** Access times are kept in seconds since this origin (small integers stay unboxed in V8). */
const LRU_ORIGIN_MS = Date.now() - 1000;

export function lruClock(nowMs: number): number {
  return Math.floor((nowMs - LRU_ORIGIN_MS) / 1000);
}

/** LFU parameters (maxmemory-policy *-lfu): Redis's lfu-log-factor and lfu-decay-time. */
export interface LfuParams {
  logFactor: number;
  decayTime: number;
  /** Uniform [0, 1) source for the logarithmic counter increment. */
  random: () => number;
}

/** Redis's LFU_INIT_VAL: the counter of a new key. */
export const LFU_INIT_VAL = 5;

/** Minutes on Redis's 16-bit LFU clock. */
function lfuMinutes(nowMs: number): number {
  return Math.floor(nowMs / 60000) & 0xffff;
}

/** The LFU counter after decay (Redis's LFUDecrAndReturn); `data` is (minutes << 8) | counter. */
export function lfuDecayed(data: number, nowMs: number, decayTime: number): number {
  const ldt = (data >> 8) & 0xffff;
  const counter = data & 0xff;
  if (decayTime <= 0) return counter;
  const now = lfuMinutes(nowMs);
  const elapsed = now >= ldt ? now - ldt : 65535 - ldt + now;
  const periods = Math.floor(elapsed / decayTime);
  return periods > counter ? 0 : counter - periods;
}

/** Redis's updateLFU: decay, then logarithmic increment; returns the new access data. */
function lfuTouched(data: number | undefined, nowMs: number, p: LfuParams): number {
  let counter = data === undefined ? LFU_INIT_VAL : lfuDecayed(data, nowMs, p.decayTime);
  if (counter < 255) {
    const base = Math.max(0, counter - LFU_INIT_VAL);
    if (p.random() < 1 / (base * p.logFactor + 1)) counter++;
  }
  return (lfuMinutes(nowMs) << 8) | counter;
}

/** Access data for a key created now. */
function freshAccess(nowMs: number, lfu: LfuParams | null): number {
  return lfu === null ? lruClock(nowMs) : (lfuMinutes(nowMs) << 8) | LFU_INIT_VAL;
}

/** Largest map size for which RANDOMKEY walks to an exactly uniform position. */
const RANDOM_EXACT_LIMIT = 4096;
/** Beyond that, the longest random skip of the persistent random-walk iterator. */
const RANDOM_MAX_SKIP = 1024;

export class Db {
  dict = new Map<string, RValue>();
  /** Absolute expiry time (ms since epoch) of volatile keys only. */
  expires = new Map<string, number>();
  /** Exact expire times that are not safe JS integers (their rounded value is in `expires`). */
  expiresBig = new Map<string, bigint>();
  /** Last access (lruClock seconds) per key, or LFU data ((minutes << 8) | counter) under LFU. */
  access = new Map<string, number>();
  /** Set while maxmemory-policy is an LFU policy: access data is then LFU data, as in Redis. */
  lfu: LfuParams | null = null;
  /** Persistent iterator for RANDOMKEY on large databases (random walk). */
  private randomIter: Iterator<string> | null = null;
  /** Active-expiry iterator, kept between cycles so each cycle resumes where the last stopped. */
  private expireIter: Iterator<[string, number]> | null = null;
  /** Average TTL estimate for INFO keyspace, as Redis keeps it (sampled in the active cycle). */
  avgTtl = 0;

  constructor(
    readonly id: number,
    private readonly hooks: KeyspaceHooks,
  ) {}

  get size(): number {
    return this.dict.size;
  }

  /** The value without expiry checks or access tracking (internal use: SCAN filters, RDB). */
  peek(key: string): RValue | undefined {
    return this.dict.get(key);
  }

  /** True when the key exists and has expired by `now` (now > expire time); does not delete. */
  isExpired(key: string, now: number): boolean {
    if (this.expires.size === 0) return false;
    const when = this.expires.get(key);
    return when !== undefined && when < now;
  }

  /** Deletes the key if its TTL has passed; returns true when it did. */
  expireIfNeeded(key: string, now: number): boolean {
    if (this.expires.size === 0) return false;
    const when = this.expires.get(key);
    if (when === undefined || when >= now) return false;
    if (this.hooks.expiryPaused?.()) return true;
    this.remove(key);
    this.hooks.expired(this, key);
    return true;
  }

  /** Lookup for reading: lazily expires, records the access unless `touch` is false. */
  lookup(key: string, now: number, touch = true): RValue | undefined {
    const v = this.dict.get(key);
    if (v === undefined) return undefined;
    if (this.expires.size !== 0 && this.expireIfNeeded(key, now)) return undefined;
    if (touch) this.touch(key, now);
    return v;
  }

  /** Whether the key exists (after lazy expiry), without touching its access time. */
  exists(key: string, now: number): boolean {
    if (!this.dict.has(key)) return false;
    return !this.expireIfNeeded(key, now);
  }

  /** Records an access (LRU time, or the LFU counter's logarithmic increment). */
  touch(key: string, now: number): void {
    const lfu = this.lfu;
    if (lfu === null) this.access.set(key, lruClock(now));
    else this.access.set(key, lfuTouched(this.access.get(key), now, lfu));
  }

  /**
   * Sets a value; removes any TTL unless keepTtl. A new key starts a fresh access record; under
   * LFU an overwritten key keeps its counter (as Redis's dbSetValue).
   */
  set(key: string, value: RValue, now: number, keepTtl = false): void {
    const lfu = this.lfu;
    if (lfu === null || !this.dict.has(key)) this.access.set(key, freshAccess(now, lfu));
    const before = this.dict.size;
    this.dict.set(key, value);
    if (this.dict.size !== before) this.hooks.added(this, key);
    if (!keepTtl && this.expires.size !== 0) this.removeExpire(key);
  }

  /** Raw access data of a key (to carry it along on RENAME/MOVE, which keep the same object). */
  getAccess(key: string): number | undefined {
    return this.access.get(key);
  }

  setAccess(key: string, data: number): void {
    this.access.set(key, data);
  }

  /** Access data for a value created now (COPY's duplicate). */
  freshAccess(now: number): number {
    return freshAccess(now, this.lfu);
  }

  /**
   * The LFU counter of a key as OBJECT FREQ reports it (decayed, not updated). Access data
   * recorded under an LRU policy reads as garbage, as in Redis after switching policies.
   */
  lfuCounter(key: string, now: number, decayTime: number): number {
    const data = this.access.get(key);
    return data === undefined ? 0 : lfuDecayed(data, now, decayTime);
  }

  /** Replaces the value of an existing key in place, keeping its TTL. */
  replace(key: string, value: RValue): void {
    this.dict.set(key, value);
  }

  /** Removes a key; returns whether it existed (no expiry check: callers look up first). */
  remove(key: string): boolean {
    if (!this.dict.delete(key)) return false;
    this.access.delete(key);
    if (this.expires.size !== 0) this.removeExpire(key);
    return true;
  }

  /**
   * Sets the absolute expire time (ms). A bigint outside the safe integer range is kept exactly
   * for display; comparisons use its rounded value (it is millennia away either way).
   */
  setExpire(key: string, when: number | bigint): void {
    if (typeof when === 'bigint') {
      const n = Number(when);
      this.expires.set(key, n);
      if (Number.isSafeInteger(n)) {
        if (this.expiresBig.size !== 0) this.expiresBig.delete(key);
      } else {
        this.expiresBig.set(key, when);
      }
      return;
    }
    this.expires.set(key, when);
    if (this.expiresBig.size !== 0) this.expiresBig.delete(key);
  }

  getExpire(key: string): number | undefined {
    return this.expires.size === 0 ? undefined : this.expires.get(key);
  }

  /** The exact expire time: a bigint only for times beyond 2^53 ms. */
  getExpireExact(key: string): number | bigint | undefined {
    if (this.expires.size === 0) return undefined;
    if (this.expiresBig.size !== 0) {
      const big = this.expiresBig.get(key);
      if (big !== undefined) return big;
    }
    return this.expires.get(key);
  }

  removeExpire(key: string): boolean {
    if (this.expiresBig.size !== 0) this.expiresBig.delete(key);
    return this.expires.delete(key);
  }

  /**
   * A random key that is not expired, or undefined when the database is empty. Expired keys met
   * on the way are reclaimed (as Redis's dbRandomKey). `below(n)` is a uniform integer in [0, n).
   * Up to RANDOM_EXACT_LIMIT keys the choice is exactly uniform; above, a persistent iterator
   * advances by a random skip (JS Maps have no random access), which costs O(1024) at most.
   */
  randomKey(now: number, below: (n: number) => number): string | undefined {
    for (;;) {
      const size = this.dict.size;
      if (size === 0) return undefined;
      let key: string | undefined;
      if (size <= RANDOM_EXACT_LIMIT) {
        let skip = below(size);
        for (const k of this.dict.keys()) {
          if (skip-- === 0) {
            key = k;
            break;
          }
        }
      } else {
        let skip = below(Math.min(RANDOM_MAX_SKIP, size));
        let it = this.randomIter ?? this.dict.keys();
        for (;;) {
          const r = it.next();
          if (r.done) {
            it = this.dict.keys();
            continue;
          }
          if (skip-- === 0) {
            key = r.value;
            break;
          }
        }
        this.randomIter = it;
      }
      if (key === undefined) return undefined; // unreachable: size > 0
      if (!this.expireIfNeeded(key, now)) return key;
    }
  }

  /** Seconds since the key was last accessed. */
  idleSeconds(key: string, now: number): number {
    const t = this.access.get(key);
    if (t === undefined) return 0;
    return Math.max(0, lruClock(now) - t);
  }

  clear(): void {
    this.dict = new Map();
    this.expires = new Map();
    this.expiresBig = new Map();
    this.access = new Map();
    this.expireIter = null;
    this.randomIter = null;
    this.avgTtl = 0;
  }

  /** Swaps contents with another database (SWAPDB): clients keep their db number. */
  swapWith(other: Db): void {
    const { dict, expires, expiresBig, access, avgTtl } = this;
    this.dict = other.dict;
    this.expires = other.expires;
    this.expiresBig = other.expiresBig;
    this.access = other.access;
    this.avgTtl = other.avgTtl;
    other.dict = dict;
    other.expires = expires;
    other.expiresBig = expiresBig;
    other.access = access;
    other.avgTtl = avgTtl;
    this.expireIter = null;
    other.expireIter = null;
    this.randomIter = null;
    other.randomIter = null;
  }

  /**
   * One bounded step of active expiry: examines at most `budget` volatile keys, resuming where
   * the previous step stopped, and reclaims the expired ones. Returns how many keys it examined
   * and how many it reclaimed, so the caller can decide whether to keep going (as Redis repeats
   * while more than a quarter... of sampled keys were expired) within its time limit.
   */
  activeExpireStep(now: number, budget: number): { examined: number; expired: number } {
    let examined = 0;
    let expired = 0;
    if (this.expires.size === 0) {
      this.expireIter = null;
      return { examined, expired };
    }
    let ttlSum = 0;
    let ttlCount = 0;
    let iter = this.expireIter ?? this.expires.entries();
    let restarted = this.expireIter === null;
    while (examined < budget) {
      const step = iter.next();
      if (step.done) {
        if (restarted) break; // went over the whole map this step
        iter = this.expires.entries();
        restarted = true;
        continue;
      }
      examined++;
      const [key, when] = step.value;
      if (when < now) {
        this.remove(key);
        this.hooks.expired(this, key);
        expired++;
      } else {
        ttlSum += when - now;
        ttlCount++;
      }
    }
    this.expireIter = iter;
    if (ttlCount > 0) {
      const sampleAvg = ttlSum / ttlCount;
      // Running average with the same 2% weight Redis uses for new samples.
      this.avgTtl = this.avgTtl === 0 ? sampleAvg : (this.avgTtl / 50) * 49 + sampleAvg / 50;
    }
    return { examined, expired };
  }
}
