// The keyspace: numbered databases of key -> value, a separate map of volatile keys' expiry
// times, per-key access times for IDLETIME/LRU, lazy expiry on lookup and the incremental active
// expiry cycle. Knows nothing of clients or RESP: expiry of a key is reported to `hooks`.
import type { RValue } from './types/value.js';

export interface KeyspaceHooks {
  /** A key was reclaimed because its TTL passed (propagate DEL, notify "expired"). */
  expired(db: Db, key: string): void;
}

/** Access times are kept in seconds since this origin (small integers stay unboxed in V8). */
const LRU_ORIGIN_MS = Date.now() - 1000;

export function lruClock(nowMs: number): number {
  return Math.floor((nowMs - LRU_ORIGIN_MS) / 1000);
}

export class Db {
  dict = new Map<string, RValue>();
  /** Absolute expiry time (ms since epoch) of volatile keys only. */
  expires = new Map<string, number>();
  /** Last access (lruClock seconds) per key. */
  access = new Map<string, number>();
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

  /** True when the key exists and has expired by `now`; does not delete. */
  isExpired(key: string, now: number): boolean {
    if (this.expires.size === 0) return false;
    const when = this.expires.get(key);
    return when !== undefined && when <= now;
  }

  /** Deletes the key if its TTL has passed; returns true when it did. */
  expireIfNeeded(key: string, now: number): boolean {
    if (this.expires.size === 0) return false;
    const when = this.expires.get(key);
    if (when === undefined || when > now) return false;
    this.remove(key);
    this.hooks.expired(this, key);
    return true;
  }

  /** Lookup for reading: lazily expires, records the access unless `touch` is false. */
  lookup(key: string, now: number, touch = true): RValue | undefined {
    const v = this.dict.get(key);
    if (v === undefined) return undefined;
    if (this.expires.size !== 0 && this.expireIfNeeded(key, now)) return undefined;
    if (touch) this.access.set(key, lruClock(now));
    return v;
  }

  /** Whether the key exists (after lazy expiry), without touching its access time. */
  exists(key: string, now: number): boolean {
    if (!this.dict.has(key)) return false;
    return !this.expireIfNeeded(key, now);
  }

  /** Sets a value; removes any TTL unless keepTtl. */
  set(key: string, value: RValue, now: number, keepTtl = false): void {
    this.dict.set(key, value);
    this.access.set(key, lruClock(now));
    if (!keepTtl && this.expires.size !== 0) this.expires.delete(key);
  }

  /** Replaces the value of an existing key in place, keeping its TTL. */
  replace(key: string, value: RValue): void {
    this.dict.set(key, value);
  }

  /** Removes a key; returns whether it existed (no expiry check: callers look up first). */
  remove(key: string): boolean {
    if (!this.dict.delete(key)) return false;
    this.access.delete(key);
    if (this.expires.size !== 0) this.expires.delete(key);
    return true;
  }

  setExpire(key: string, when: number): void {
    this.expires.set(key, when);
  }

  getExpire(key: string): number | undefined {
    return this.expires.size === 0 ? undefined : this.expires.get(key);
  }

  removeExpire(key: string): boolean {
    return this.expires.delete(key);
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
    this.access = new Map();
    this.expireIter = null;
    this.avgTtl = 0;
  }

  /** Swaps contents with another database (SWAPDB): clients keep their db number. */
  swapWith(other: Db): void {
    const { dict, expires, access, avgTtl } = this;
    this.dict = other.dict;
    this.expires = other.expires;
    this.access = other.access;
    this.avgTtl = other.avgTtl;
    other.dict = dict;
    other.expires = expires;
    other.access = access;
    other.avgTtl = avgTtl;
    this.expireIter = null;
    other.expireIter = null;
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
      if (when <= now) {
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
