// Shared helpers for handlers: keyspace lookups with Redis's hit/miss accounting and type
// checks, and strict argument readers that reply Redis's exact error and return null on failure.
import type { Client } from '../engine/client.js';
import {
  NOT_INTEGER,
  NOT_FLOAT,
  WRONGTYPE,
  SYNTAX_ERR,
  TIMEOUT_NOT_FLOAT,
  TIMEOUT_NOT_INTEGER,
  TIMEOUT_NEGATIVE,
} from '../engine/errors.js';
import { ldParse, ldIsNaN, ldMulInt, ldToInt64 } from '../util/longdouble.js';
import { isString, type RValue } from '../store/types/value.js';
import type { StringValue } from '../store/types/string.js';
import { parseLong, parseDouble } from '../util/numbers.js';
import { parseScanOptions, type ScanOptions } from '../store/scan.js';

/**
 * Redis's lookupKeyRead[WithFlags]: lazy expiry, keyspace hit/miss statistics, the "keymiss"
 * event unless `noNotify`, and the access time unless `touch` is false (LOOKUP_NOTOUCH) or the
 * client set CLIENT NO-TOUCH.
 */
export function lookupRead(c: Client, key: string, touch = true, noNotify = false): RValue | undefined {
  const e = c.engine;
  const v = c.db.lookup(key, e.now, touch && !c.noTouch);
  if (v === undefined) {
    e.stats.keyspaceMisses++;
    if (!noNotify) e.notify('m', 'keymiss', key, c.db.id);
  } else {
    e.stats.keyspaceHits++;
  }
  return v;
}

/** lookupKeyWrite: lazy expiry, no hit/miss accounting. */
export function lookupWrite(c: Client, key: string): RValue | undefined {
  return c.db.lookup(key, c.engine.now, true);
}

/**
 * Reads a string key. Returns the value, undefined when missing, or null after replying
 * WRONGTYPE (the caller just returns).
 */
export function readString(c: Client, key: string): StringValue | undefined | null {
  const v = lookupRead(c, key);
  if (v === undefined) return undefined;
  if (!isString(v)) {
    c.reply.error(WRONGTYPE);
    return null;
  }
  return v;
}

/** A 64-bit integer argument as a JS number when safe, bigint beyond 2^53; null after an error reply. */
export function readLong(c: Client, s: string, err: string = NOT_INTEGER): number | bigint | null {
  const v = parseLong(s);
  if (v === null) {
    c.reply.error(err);
    return null;
  }
  return v;
}

/** A 64-bit integer argument clamped into the safe JS range (fine for offsets, counts, indexes). */
export function readLongClamped(c: Client, s: string, err: string = NOT_INTEGER): number | null {
  const v = readLong(c, s, err);
  if (v === null) return null;
  if (typeof v === 'number') return v;
  return v > 0n ? Number.MAX_SAFE_INTEGER : Number.MIN_SAFE_INTEGER;
}

/** A double argument with Redis's rules; null after an error reply. */
export function readDouble(c: Client, s: string, err: string = NOT_FLOAT): number | null {
  const v = parseDouble(s);
  if (v === null) {
    c.reply.error(err);
    return null;
  }
  return v;
}

/** Case-insensitive option token comparison (argv tokens are ASCII for options). */
export function isToken(arg: string | undefined, token: string): boolean {
  return arg !== undefined && arg.length === token.length && arg.toLowerCase() === token;
}

const LLONG_MAX = 9223372036854775807n;

/**
 * A blocking timeout (Redis's getTimeoutFromObjectOrReply): seconds as a long double times
 * 1000 converted as C converts it, or milliseconds as an integer. Returns the absolute
 * deadline in ms on the engine clock, 0 for "forever", or null after replying the error.
 */
export function readTimeout(c: Client, s: string, unit: 'seconds' | 'ms' = 'seconds'): number | null {
  let ms: bigint;
  if (unit === 'seconds') {
    const ld = ldParse(s);
    if (ld === null || ldIsNaN(ld)) {
      c.reply.error(TIMEOUT_NOT_FLOAT);
      return null;
    }
    ms = ldToInt64(ldMulInt(ld, 1000n));
  } else {
    const v = parseLong(s);
    if (v === null) {
      c.reply.error(TIMEOUT_NOT_INTEGER);
      return null;
    }
    ms = BigInt(v);
  }
  if (ms < 0n) {
    c.reply.error(TIMEOUT_NEGATIVE);
    return null;
  }
  if (ms === 0n) return 0;
  // 7.0.15 has no range check here: a deadline past INT64_MAX wraps negative, which Redis
  // treats as no timeout at all (checked against redis-server: BLPOP k 9223372036854775 blocks).
  if (ms > LLONG_MAX - BigInt(c.engine.now)) return 0;
  return c.engine.now + Number(ms);
}

/** SCAN-family options (see parseScanOptions); null after replying Redis's error. */
export function readScanOptions(c: Client, argv: readonly string[], start: number, allowType = false): ScanOptions | null {
  const o = parseScanOptions(argv, start, allowType);
  if (o === 'not-integer') c.reply.error(NOT_INTEGER);
  else if (o === 'syntax') c.reply.error(SYNTAX_ERR);
  else return o;
  return null;
}
