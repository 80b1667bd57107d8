// Cursor-based incremental iteration for SCAN (and later HSCAN/SSCAN/ZSCAN) over JS Maps/Sets,
// which cannot be indexed by position like Redis's hash tables. A cursor is the id of a saved
// live iterator: JS Map/Set iterators visit every entry that is present for the whole iteration
// exactly once, whatever is added or removed in between, which is exactly SCAN's guarantee.
// Iteration is in insertion order, so the entries present at the start all come before any
// added later: a scan stops after as many elements as the source held when it started. That
// covers every survivor and makes every scan terminate, even over a collection that keeps
// changing (an unbounded iterator would chase keys inserted faster than it reads them).
// Saved iterators sit in a bounded table (least recently used evicted first); a cursor that is
// unknown (evicted, reused, made up, or from another collection) restarts the iteration from the
// beginning — SCAN allows duplicates, never misses. Each continuation gets a fresh id, so a cursor
// replayed by a client (a retry) restarts rather than skipping what the lost reply held.
//
// The table is bound to an owner (one per engine) through `scanCursorsOf`, shared by every
// collection of that owner; a saved iterator also remembers its source object, so a cursor used
// against another collection (another db, a hash that was replaced or re-encoded) restarts.
import { parseLong } from '../util/numbers.js';
import { compileGlob } from './glob.js';

/** Default bound on saved iterators per owner. */
export const SCAN_CURSOR_LIMIT = 4096;

interface Saved {
  source: object;
  iter: Iterator<unknown>;
  /** One element read ahead (so the last batch can already say "done"). */
  pending: unknown;
  /** How many more elements may be read after `pending`. */
  left: number;
}

export interface ScanBatch<T> {
  /** The next cursor: 0 when the iteration is complete. */
  cursor: number;
  /**
   * Up to `count` elements in iteration order. The first one may have been read during the
   * previous call: callers re-check membership (and re-read values) before replying.
   */
  items: T[];
}

export class ScanCursors {
  private readonly saved = new Map<number, Saved>();
  private nextId = 1;

  constructor(readonly limit = SCAN_CURSOR_LIMIT) {}

  get size(): number {
    return this.saved.size;
  }

  /**
   * Continues the scan named by `cursor` over `source` (or starts one when the cursor is 0 or
   * unknown) and returns up to `count` elements. `iterate` makes a fresh insertion-ordered
   * iterator over `source`, whose current number of elements is `size`.
   */
  next<T>(source: object, iterate: () => Iterator<T>, size: number, cursor: number, count: number): ScanBatch<T> {
    const items: T[] = [];
    let iter: Iterator<T> | undefined;
    let left = 0;
    if (cursor !== 0) {
      const s = this.saved.get(cursor);
      if (s !== undefined) {
        this.saved.delete(cursor);
        if (s.source === source) {
          iter = s.iter as Iterator<T>;
          items.push(s.pending as T);
          left = s.left;
        }
      }
    }
    if (iter === undefined) {
      iter = iterate();
      left = size;
    }
    while (items.length < count) {
      if (left === 0) return { cursor: 0, items };
      left--;
      const r = iter.next();
      if (r.done) return { cursor: 0, items };
      items.push(r.value);
    }
    if (left === 0) return { cursor: 0, items };
    const ahead = iter.next();
    if (ahead.done) return { cursor: 0, items };
    const id = this.allocate();
    this.saved.set(id, { source, iter, pending: ahead.value, left: left - 1 });
    if (this.saved.size > this.limit) {
      const oldest = this.saved.keys().next();
      if (!oldest.done) this.saved.delete(oldest.value);
    }
    return { cursor: id, items };
  }

  /** Drops every saved iterator over `source` (it was flushed or freed). */
  forget(source: object): void {
    for (const [id, s] of this.saved) if (s.source === source) this.saved.delete(id);
  }

  clear(): void {
    this.saved.clear();
  }

  private allocate(): number {
    const id = this.nextId;
    // Ids stay below 2^53 and never 0; wrapping after 2^53 calls is harmless (stale ids restart).
    this.nextId = id >= Number.MAX_SAFE_INTEGER ? 1 : id + 1;
    return id;
  }
}

const tables = new WeakMap<object, ScanCursors>();

/** The cursor table of an owner (the engine): created on first use. */
export function scanCursorsOf(owner: object): ScanCursors {
  let t = tables.get(owner);
  if (t === undefined) {
    t = new ScanCursors();
    tables.set(owner, t);
  }
  return t;
}

/**
 * Redis's parseScanCursorOrReply: strtoul(s, 10) over the whole string, no leading space.
 * Accepts an optional sign ("-1" is ULONG_MAX), leading zeros and "" (cursor 0). Returns the
 * cursor (values beyond 2^53 lose precision, which is fine: they are never live ids), or null
 * when Redis answers "invalid cursor".
 */
export function parseScanCursor(s: string): number | null {
  const n = s.length;
  let i = 0;
  if (n === 0) return 0;
  if (n <= 15) {
    let fast = 0;
    for (; i < n; i++) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      fast = fast * 10 + d;
    }
    if (i === n) return fast;
    i = 0;
  }
  const c0 = s.charCodeAt(0);
  if (c0 === 43 /* + */ || c0 === 45 /* - */) i = 1;
  if (i === n) return null; // a sign without digits: strtoul parses nothing, eptr != end
  let v = 0n;
  for (let j = i; j < n; j++) {
    const d = s.charCodeAt(j) - 48;
    if (d < 0 || d > 9) return null;
    v = v * 10n + BigInt(d);
    if (v > 18446744073709551615n) return null; // ERANGE
  }
  if (c0 === 45 && v !== 0n) v = 18446744073709551616n - v; // unsigned negation
  return Number(v);
}

export interface ScanOptions {
  count: number;
  /** null when there is no MATCH or it is "*" (everything matches). */
  match: ((s: string) => boolean) | null;
  /** SCAN's TYPE filter, lower-cased; null when absent. */
  type: string | null;
}

/**
 * Redis's scanGenericCommand option loop over argv[start..]: [MATCH pattern] [COUNT n]
 * (and TYPE t when `allowType`), any order, repeats allowed (the last wins). Returns the
 * options, or which error Redis would reply (a COUNT that is not an integer; anything else).
 */
export function parseScanOptions(
  argv: readonly string[],
  start: number,
  allowType: boolean,
): ScanOptions | 'not-integer' | 'syntax' {
  let count = 10;
  let pattern: string | null = null;
  let type: string | null = null;
  for (let i = start; i < argv.length; i += 2) {
    const opt = (argv[i] as string).toLowerCase();
    const hasArg = i + 1 < argv.length;
    if (opt === 'count' && hasArg) {
      const n = parseLong(argv[i + 1] as string);
      if (n === null) return 'not-integer';
      if (n < 1) return 'syntax';
      count = typeof n === 'bigint' ? Number.MAX_SAFE_INTEGER : n;
    } else if (opt === 'match' && hasArg) {
      pattern = argv[i + 1] as string;
    } else if (allowType && opt === 'type' && hasArg) {
      type = (argv[i + 1] as string).toLowerCase();
    } else {
      return 'syntax';
    }
  }
  return { count, match: pattern === null || pattern === '*' ? null : compileGlob(pattern), type };
}
