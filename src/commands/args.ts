// Shared helpers for handlers: keyspace lookups with Redis's hit/miss accounting and type
// checks, and strict argument readers that reply Redis's exact error and return null on failure.
import type { Client } from '../engine/client.js';
import { NOT_INTEGER, NOT_FLOAT, WRONGTYPE } from '../engine/errors.js';
import { isString, type RValue } from '../store/types/value.js';
import type { StringValue } from '../store/types/string.js';
import { parseLong, parseDouble } from '../util/numbers.js';

/** lookupKeyRead: lazy expiry, access time (unless CLIENT NO-TOUCH), keyspace hit/miss stats. */
export function lookupRead(c: Client, key: string): RValue | undefined {
  const v = c.db.lookup(key, c.engine.now, !c.noTouch);
  if (v === undefined) c.engine.stats.keyspaceMisses++;
  else c.engine.stats.keyspaceHits++;
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
