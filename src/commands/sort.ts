// SORT and SORT_RO over lists, sets and sorted sets, as sort.c in Redis 7.0.15: BY patterns
// (constant = no sorting, "*" substitution, "->field" hash lookups), LIMIT, GET patterns ('#'
// for the element), ASC/DESC, ALPHA (byte order: strcoll under the C.UTF-8 locale Redis runs
// with, up to the first NUL byte; plain byte order when storing), and STORE into a list.
import { cmd, type CommandSpec } from './spec.js';
import type { Client } from '../engine/client.js';
import { NOT_INTEGER, SORT_SCORE_NOT_DOUBLE, SYNTAX_ERR, WRONGTYPE } from '../engine/errors.js';
import { lookupRead, lookupWrite } from './args.js';
import { parseLong, strtod } from '../util/numbers.js';
import { isString, type RValue } from '../store/types/value.js';
import { stringOf } from '../store/types/string.js';
import { HashValue } from '../store/types/hash.js';
import { ListValue } from '../store/types/list.js';
import { SetValue } from '../store/types/set.js';
import { ZSet } from '../store/types/zset.js';

// ---- pattern lookups -----------------------------------------------------------------------

/** The length of `s` as a C string (Redis runs strchr/strstr over patterns: NUL ends them). */
function cLength(s: string): number {
  const z = s.indexOf('\0');
  return z < 0 ? s.length : z;
}

/**
 * lookupKeyByPattern: '#' is the element itself; otherwise the first '*' is replaced by the
 * element and the key read as a string, or with "->field" after the '*' as a hash field.
 * Undefined when the pattern has no '*', the key is missing or of another type.
 */
function lookupByPattern(c: Client, pattern: string, elem: string): string | undefined {
  const clen = cLength(pattern);
  if (clen === 1 && pattern.charCodeAt(0) === 35 /* # */) return elem;
  const star = pattern.indexOf('*');
  if (star < 0 || star >= clen) return undefined;
  const arrow = pattern.indexOf('->', star + 1);
  // A trailing "->" (nothing after it, as a C string) is part of the key name.
  const hasField = arrow >= 0 && arrow + 2 < clen;
  const key = pattern.slice(0, star) + elem + pattern.slice(star + 1, hasField ? arrow : pattern.length);
  const o = lookupRead(c, key);
  if (o === undefined) return undefined;
  if (hasField) {
    if (!(o instanceof HashValue)) return undefined;
    return o.get(pattern.slice(arrow + 2));
  }
  if (!isString(o)) return undefined;
  return stringOf(o);
}

/** Smallest positive normal double: glibc's strtod reports ERANGE for inexact results below it. */
const DBL_MIN = 2.2250738585072014e-308;

/**
 * The score SORT gives a value (strtod over the C string), or null where Redis reports "One or
 * more scores can't be converted into double": trailing garbage, overflow, underflow, NaN.
 */
function sortScore(s: string): number | null {
  const r = strtod(s);
  if (r.end < s.length && s.charCodeAt(r.end) !== 0) return null;
  if (r.erange || Number.isNaN(r.value)) return null;
  const a = Math.abs(r.value);
  // A decimal that lands among the subnormals is inexact there: glibc sets ERANGE. (Hex floats
  // are exact unless they carry more bits than fit; those rare cases are not told apart.)
  if (a !== 0 && a < DBL_MIN && !/^[\s]*[+-]?0[xX]/.test(s)) return null;
  return r.value;
}

/** strcoll under C.UTF-8: byte order of the C strings (up to the first NUL). */
function collate(a: string, b: string): number {
  const za = a.indexOf('\0');
  const zb = b.indexOf('\0');
  if (za >= 0) a = a.slice(0, za);
  if (zb >= 0) b = b.slice(0, zb);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** compareStringObjects: binary-safe byte order. */
function binaryCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---- SORT ----------------------------------------------------------------------------------

interface SortItem {
  elem: string;
  score: number;
  /** ALPHA with BY: the value sorted by (null when the BY key is missing). */
  cmp: string | null;
}

/**
 * `n` members of a sorted set from 0-based position `from` (counted from the lowest score, or
 * from the highest when `desc`), in that direction.
 */
function zsetRange(z: ZSet, from: number, n: number, desc: boolean): string[] {
  const out: string[] = [];
  if (n <= 0) return out;
  z.walk(desc ? z.length - 1 - from : from, desc, (m) => {
    out.push(m);
    return out.length < n;
  });
  return out;
}

function sortGeneric(c: Client, readonly: boolean): void {
  const argv = c.argv;
  let desc = false;
  let alpha = false;
  let limitStart = 0;
  let limitCount = -1;
  let dontsort = false;
  let sortby: string | null = null;
  let storekey: string | null = null;
  const gets: string[] = [];

  for (let j = 2; j < argv.length; j++) {
    const opt = (argv[j] as string).toLowerCase();
    const left = argv.length - j - 1;
    if (opt === 'asc') {
      desc = false;
    } else if (opt === 'desc') {
      desc = true;
    } else if (opt === 'alpha') {
      alpha = true;
    } else if (opt === 'limit' && left >= 2) {
      const s = parseLong(argv[j + 1] as string);
      if (s === null) return c.reply.error(NOT_INTEGER);
      const n = parseLong(argv[j + 2] as string);
      if (n === null) return c.reply.error(NOT_INTEGER);
      limitStart = clampSafe(s);
      limitCount = clampSafe(n);
      j += 2;
    } else if (!readonly && opt === 'store' && left >= 1) {
      storekey = argv[++j] as string;
    } else if (opt === 'by' && left >= 1) {
      sortby = argv[++j] as string;
      // A BY pattern without '*' is constant: nothing to sort, no weights to look up.
      if (sortby.indexOf('*') < 0 || sortby.indexOf('*') >= cLength(sortby)) dontsort = true;
    } else if (opt === 'get' && left >= 1) {
      gets.push(argv[++j] as string);
    } else {
      return c.reply.error(SYNTAX_ERR);
    }
  }

  const o: RValue | undefined = lookupRead(c, argv[1] as string);
  if (o !== undefined && !(o instanceof ListValue || o instanceof SetValue || o instanceof ZSet)) {
    return c.reply.error(WRONGTYPE);
  }

  // Sorting a set "by nothing" would give its internal order: when storing, sort it instead so
  // the result is the same everywhere (scripts would too, in Redis).
  if (dontsort && o instanceof SetValue && storekey !== null) {
    dontsort = false;
    alpha = true;
    sortby = null;
  }


  // Redis turns a listpack-encoded sorted set into a skiplist for good before sorting it.
  if (o instanceof ZSet) o.convertToSkiplist();

  const size = o === undefined ? 0 : o instanceof SetValue ? o.size : o.length;
  let start = Math.min(Math.max(limitStart, 0), size);
  const count = Math.min(Math.max(limitCount, -1), size);
  let end = count < 0 ? size - 1 : start + count - 1;
  if (start >= size) {
    start = size - 1;
    end = size - 2;
  }
  if (end >= size) end = size - 1;

  // Load the elements. Lists and sorted sets keep their own order when not sorting, and then
  // only the LIMIT range is loaded (DESC walks from the other end).
  let items: SortItem[];
  const item = (elem: string): SortItem => ({ elem, score: 0, cmp: null });
  if (o === undefined) {
    items = [];
  } else if (dontsort && o instanceof ListValue) {
    const n = end >= start ? end - start + 1 : 0;
    items = new Array<SortItem>(n);
    for (let k = 0; k < n; k++) items[k] = item(o.get(desc ? size - 1 - (start + k) : start + k) as string);
    end -= start;
    start = 0;
  } else if (dontsort && o instanceof ZSet) {
    items = zsetRange(o, start, end >= start ? end - start + 1 : 0, desc).map(item);
    end -= start;
    start = 0;
  } else {
    // (Redis loads a sorted set in its hash table's order; here in score order. Only the
    // relative order of ALPHA BY ties can tell.)
    const elems = o instanceof ZSet ? zsetRange(o, 0, size, false) : o.toArray();
    items = elems.map(item);
  }

  if (!dontsort) {
    let conversionError = false;
    for (const it of items) {
      let byval: string | undefined;
      if (sortby !== null) {
        byval = lookupByPattern(c, sortby, it.elem);
        if (byval === undefined) continue;
      } else {
        byval = it.elem;
      }
      if (alpha) {
        if (sortby !== null) it.cmp = byval;
      } else {
        const score = sortScore(byval);
        if (score === null) conversionError = true;
        else it.score = score;
      }
    }
    if (conversionError) return c.reply.error(SORT_SCORE_NOT_DOUBLE);
    const sign = desc ? -1 : 1;
    const store = storekey !== null;
    let compare: (a: SortItem, b: SortItem) => number;
    if (!alpha) {
      compare = (a, b) => sign * (a.score > b.score ? 1 : a.score < b.score ? -1 : binaryCompare(a.elem, b.elem));
    } else if (sortby !== null) {
      compare = (a, b) => {
        if (a.cmp === null || b.cmp === null) return sign * (a.cmp === b.cmp ? 0 : a.cmp === null ? -1 : 1);
        return sign * (store ? binaryCompare(a.cmp, b.cmp) : collate(a.cmp, b.cmp));
      };
    } else {
      compare = (a, b) => sign * (store ? binaryCompare(a.elem, b.elem) : collate(a.elem, b.elem));
    }
    items.sort(compare);
  }

  const n = end >= start ? end - start + 1 : 0;
  const outputLen = gets.length > 0 ? gets.length * n : n;
  if (storekey === null) {
    const r = c.reply;
    r.arrayLen(outputLen);
    for (let j = start; j <= end; j++) {
      const elem = (items[j] as SortItem).elem;
      if (gets.length === 0) r.bulk(elem);
      for (const g of gets) {
        const v = lookupByPattern(c, g, elem);
        if (v === undefined) r.nullBulk();
        else r.bulk(v);
      }
    }
    return;
  }

  const out: string[] = [];
  for (let j = start; j <= end; j++) {
    const elem = (items[j] as SortItem).elem;
    if (gets.length === 0) out.push(elem);
    for (const g of gets) out.push(lookupByPattern(c, g, elem) ?? '');
  }
  const e = c.engine;
  const db = c.db;
  if (outputLen > 0) {
    lookupWrite(c, storekey); // lazily expires the old destination first, as setKey does
    db.set(storekey, ListValue.from(out), e.now);
    e.signalModifiedKey(db, storekey);
    e.notify('l', 'sortstore', storekey, db.id);
    e.signalKeyAsReady(db, storekey);
    e.dirty += outputLen;
  } else if (lookupWrite(c, storekey) !== undefined) {
    db.remove(storekey);
    e.signalModifiedKey(db, storekey);
    e.notify('g', 'del', storekey, db.id);
    e.dirty++;
  }
  c.reply.integer(outputLen);
}

/** An int64 argument as a JS number; values beyond 2^53 only matter by their sign here. */
function clampSafe(v: number | bigint): number {
  if (typeof v === 'number') return v;
  return v > 0n ? Number.MAX_SAFE_INTEGER : Number.MIN_SAFE_INTEGER;
}

function sortCommand(c: Client): void {
  sortGeneric(c, false);
}

function sortroCommand(c: Client): void {
  sortGeneric(c, true);
}

/**
 * sortGetKeys: the sorted key, plus the last STORE destination. LIMIT skips two arguments, GET
 * and BY one, as SORT parses them. SORT_RO has no STORE: only its key.
 */
function sortGetKeys(argv: readonly string[]): number[] {
  if (argv.length > 0 && (argv[0] as string).toLowerCase() === 'sort_ro') return [1];
  const keys = [1];
  let store = -1;
  for (let i = 2; i < argv.length; i++) {
    const a = (argv[i] as string).toLowerCase();
    if (a === 'limit') i += 2;
    else if (a === 'store' && i + 1 < argv.length) store = i + 1;
    else if (a === 'get' || a === 'by') i += 1;
  }
  if (store >= 0) keys.push(store);
  return keys;
}

export const SORT_COMMANDS: CommandSpec[] = [
  cmd(
    'sort',
    -2,
    ['write', 'denyoom', 'movablekeys'],
    [1, 1, 1],
    ['write', 'set', 'sortedset', 'list', 'slow', 'dangerous'],
    'generic',
    sortCommand,
    { getKeys: sortGetKeys },
  ),
  cmd(
    'sort_ro',
    -2,
    ['readonly', 'movablekeys'],
    [1, 1, 1],
    ['read', 'set', 'sortedset', 'list', 'slow', 'dangerous'],
    'generic',
    sortroCommand,
    { getKeys: sortGetKeys },
  ),
];
