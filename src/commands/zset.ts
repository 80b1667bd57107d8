// Sorted set commands: ZADD/ZINCRBY, ZREM, ZCARD, ZSCORE/ZMSCORE, ZRANK/ZREVRANK, ZCOUNT/ZLEXCOUNT,
// the ZRANGE family (ZRANGE with BYSCORE/BYLEX/REV/LIMIT, ZRANGESTORE and the older ZREVRANGE,
// Z[REV]RANGEBYSCORE, Z[REV]RANGEBYLEX), ZREMRANGEBY*, ZPOPMIN/ZPOPMAX/ZMPOP and their blocking
// forms, ZRANDMEMBER, ZUNION/ZINTER/ZDIFF[STORE] and ZINTERCARD, ZSCAN — with Redis 7.0.15's
// argument parsing and error order, RESP2/RESP3 reply shapes, encodings (listpack -> skiplist
// at zset-max-listpack-entries/-value), keyspace events, dirty counting and propagation
// (ZMPOP and served BZPOP*/BZMPOP propagate as ZPOPMIN/ZPOPMAX key [count]).
import { cmd, type CommandSpec } from './spec.js';
import type { Client } from '../engine/client.js';
import {
  COUNT_NOT_POSITIVE,
  INVALID_CURSOR,
  LIMIT_NEGATIVE,
  MIN_MAX_NOT_FLOAT,
  MIN_MAX_NOT_STRING_RANGE,
  NOT_FLOAT,
  NOT_INTEGER,
  NUMKEYS_NOT_POSITIVE,
  POP_COUNT_NOT_POSITIVE,
  SYNTAX_ERR,
  VALUE_OUT_OF_RANGE,
  VALUE_OUT_OF_RANGE_LONG,
  WEIGHT_NOT_FLOAT,
  WRONGTYPE,
  ZADD_GT_LT_NX,
  ZADD_INCR_ONE_PAIR,
  ZADD_XX_NX,
  ZRANGE_LIMIT_WITHOUT_BY,
  ZRANGE_WITHSCORES_BYLEX,
  ZSCORE_NAN,
  atLeastOneInputKey,
} from '../engine/errors.js';
import type { RValue } from '../store/types/value.js';
import {
  ZADD_GT,
  ZADD_INCR,
  ZADD_LT,
  ZADD_NX,
  ZADD_OUT_ADDED,
  ZADD_OUT_NAN,
  ZADD_OUT_NOP,
  ZADD_OUT_UPDATED,
  ZADD_XX,
  ZSet,
  compareEntries,
  lexGteMin,
  lexLteMax,
  scoreGteMin,
  scoreLteMax,
  type LexRange,
  type ScoreRange,
  type ZsetLimits,
} from '../store/types/zset.js';
import { lookupRead, lookupWrite, readScanOptions, readTimeout } from './args.js';
import { formatDouble, parseDouble, parseDoubleLoose, parseLong } from '../util/numbers.js';
import { parseScanCursor, scanCursorsOf } from '../store/scan.js';

// ---- shared helpers ------------------------------------------------------------------------

const limitsByConfig = new WeakMap<object, ZsetLimits>();

/** zset-max-listpack-entries / -value, read once per config and refreshed when they change. */
function limitsOf(c: Client): ZsetLimits {
  const cfg = c.engine.config;
  let l = limitsByConfig.get(cfg);
  if (l === undefined) {
    const fresh = { entries: cfg.getNumber('zset-max-listpack-entries'), value: cfg.getNumber('zset-max-listpack-value') };
    cfg.onChange((name) => {
      if (name === 'zset-max-listpack-entries') fresh.entries = cfg.getNumber(name);
      else if (name === 'zset-max-listpack-value') fresh.value = cfg.getNumber(name);
    });
    limitsByConfig.set(cfg, fresh);
    l = fresh;
  }
  return l;
}

/** A sorted set, undefined when missing, or null after replying WRONGTYPE. */
function asZset(c: Client, v: RValue | undefined): ZSet | undefined | null {
  if (v === undefined) return undefined;
  if (v instanceof ZSet) return v;
  c.reply.error(WRONGTYPE);
  return null;
}

/** Case-insensitive match of a short option token (no lower-casing of long arguments). */
function tok(arg: string | undefined, lower: string): boolean {
  return arg !== undefined && arg.length === lower.length && arg.toLowerCase() === lower;
}

/** An int64 argument saturated into the safe range (ranks, offsets, counts); null if invalid. */
function longArg(s: string): number | null {
  const v = parseLong(s);
  if (v === null) return null;
  if (typeof v === 'number') return v;
  return v > 0n ? Number.MAX_SAFE_INTEGER : Number.MIN_SAFE_INTEGER;
}

/** getLongFromObjectOrReply: null after replying the error. */
function readLongArg(c: Client, s: string): number | null {
  const v = longArg(s);
  if (v === null) c.reply.error(NOT_INTEGER);
  return v;
}

/** getPositiveLongFromObjectOrReply: an int64 >= 0, else `err`. */
function readPositive(c: Client, s: string, err: string): number | null {
  const v = longArg(s);
  if (v === null || v < 0) {
    c.reply.error(err);
    return null;
  }
  return v;
}

/** A key left empty by a write goes away, with Redis's "del" event. */
function deleteIfEmpty(c: Client, key: string, z: ZSet): boolean {
  if (z.length !== 0) return false;
  c.db.remove(key);
  c.engine.notify('g', 'del', key, c.db.id);
  return true;
}

/** setKey for a STORE destination: lazy expiry of the old key, overwrite, TTL dropped. */
function storeResult(c: Client, dst: string, z: ZSet): void {
  lookupWrite(c, dst);
  c.db.set(dst, z, c.engine.now);
  c.engine.signalModifiedKey(c.db, dst);
  c.engine.signalKeyAsReady(c.db, dst);
}

/** An empty STORE result deletes the destination (dbDelete: no expiry check first). */
function storeEmpty(c: Client, dst: string): void {
  c.reply.integer(0);
  if (c.db.remove(dst)) {
    c.engine.signalModifiedKey(c.db, dst);
    c.engine.notify('g', 'del', dst, c.db.id);
    c.engine.dirty++;
  }
}

/** One min/max bound of zslParseRange: "(" makes it exclusive; a loose strtod otherwise. */
function parseScoreBound(s: string): [number, boolean] | null {
  if (s.charCodeAt(0) === 40 /* ( */) {
    const v = parseDoubleLoose(s, 1);
    return v === null ? null : [v, true];
  }
  const v = parseDoubleLoose(s);
  return v === null ? null : [v, false];
}

/** zslParseRange; null when either bound is not a float. */
export function parseScoreRange(minArg: string, maxArg: string): ScoreRange | null {
  const lo = parseScoreBound(minArg);
  if (lo === null) return null;
  const hi = parseScoreBound(maxArg);
  if (hi === null) return null;
  return { min: lo[0], minex: lo[1], max: hi[0], maxex: hi[1] };
}

/** zslParseLexRangeItem: "-", "+", "(str" or "[str" (C string rules: "+" may be followed by NUL). */
function parseLexItem(s: string): { inf: -1 | 0 | 1; s: string; ex: boolean } | null {
  const c0 = s.charCodeAt(0);
  const soleChar = s.length === 1 || s.charCodeAt(1) === 0;
  if (c0 === 43 /* + */) return soleChar ? { inf: 1, s: '', ex: true } : null;
  if (c0 === 45 /* - */) return soleChar ? { inf: -1, s: '', ex: true } : null;
  if (c0 === 40 /* ( */) return { inf: 0, s: s.slice(1), ex: true };
  if (c0 === 91 /* [ */) return { inf: 0, s: s.slice(1), ex: false };
  return null;
}

/** zslParseLexRange; null when either item is invalid. */
export function parseLexRange(minArg: string, maxArg: string): LexRange | null {
  const lo = parseLexItem(minArg);
  if (lo === null) return null;
  const hi = parseLexItem(maxArg);
  if (hi === null) return null;
  return { min: lo.s, minInf: lo.inf, minex: lo.ex, max: hi.s, maxInf: hi.inf, maxex: hi.ex };
}

/**
 * Writes members (and scores): a flat array in RESP2, [member, score] pairs in RESP3 when
 * `withScores` (Redis keeps the order, so no map).
 */
function replyElements(c: Client, members: readonly string[], scores: readonly number[] | null): void {
  const r = c.reply;
  const n = members.length;
  if (scores === null) {
    r.arrayLen(n);
    for (let i = 0; i < n; i++) r.bulk(members[i] as string);
    return;
  }
  const resp3 = c.resp === 3;
  r.arrayLen(resp3 ? n : n * 2);
  for (let i = 0; i < n; i++) {
    if (resp3) r.arrayLen(2);
    r.bulk(members[i] as string);
    r.double(scores[i] as number);
  }
}

// ---- ZADD / ZINCRBY ------------------------------------------------------------------------

function zaddGeneric(c: Client, incrFlag: number): void {
  const argv = c.argv;
  const key = argv[1] as string;
  let flags = incrFlag;
  let ch = false;
  let idx = 2;
  for (; idx < argv.length; idx++) {
    const opt = argv[idx] as string;
    if (opt.length > 4) break;
    const o = opt.toLowerCase();
    if (o === 'nx') flags |= ZADD_NX;
    else if (o === 'xx') flags |= ZADD_XX;
    else if (o === 'ch') ch = true;
    else if (o === 'incr') flags |= ZADD_INCR;
    else if (o === 'gt') flags |= ZADD_GT;
    else if (o === 'lt') flags |= ZADD_LT;
    else break;
  }
  const incr = (flags & ZADD_INCR) !== 0;
  const nx = (flags & ZADD_NX) !== 0;
  const xx = (flags & ZADD_XX) !== 0;
  const gt = (flags & ZADD_GT) !== 0;
  const lt = (flags & ZADD_LT) !== 0;
  const rest = argv.length - idx;
  if (rest % 2 !== 0 || rest === 0) return c.reply.error(SYNTAX_ERR);
  const elements = rest / 2;
  if (nx && xx) return c.reply.error(ZADD_XX_NX);
  if ((gt && nx) || (lt && nx) || (gt && lt)) return c.reply.error(ZADD_GT_LT_NX);
  if (incr && elements > 1) return c.reply.error(ZADD_INCR_ONE_PAIR);
  const scores: number[] = new Array<number>(elements);
  for (let j = 0; j < elements; j++) {
    const s = parseDouble(argv[idx + j * 2] as string);
    if (s === null) return c.reply.error(NOT_FLOAT);
    scores[j] = s;
  }

  const e = c.engine;
  let z = asZset(c, lookupWrite(c, key));
  if (z === null) return;
  let added = 0;
  let updated = 0;
  let processed = 0;
  let score = 0;
  let nan = false;
  if (z !== undefined || !xx) {
    const limits = limitsOf(c);
    if (z === undefined) {
      const first = argv[idx + 1] as string;
      z = new ZSet(!(limits.entries === 0 || limits.value < first.length));
      c.db.set(key, z, e.now);
    }
    for (let j = 0; j < elements; j++) {
      const out = z.add(scores[j] as number, argv[idx + 1 + j * 2] as string, flags, limits);
      if (out & ZADD_OUT_NAN) {
        nan = true;
        break;
      }
      if (out & ZADD_OUT_ADDED) added++;
      if (out & ZADD_OUT_UPDATED) updated++;
      if (!(out & ZADD_OUT_NOP)) {
        processed++;
        score = z.newScore;
      }
    }
  }
  if (nan) {
    c.reply.error(ZSCORE_NAN);
  } else {
    e.dirty += added + updated;
    if (incr) {
      if (processed) c.reply.double(score);
      else c.reply.nullBulk();
    } else {
      c.reply.integer(ch ? added + updated : added);
    }
  }
  if (added || updated) {
    e.signalModifiedKey(c.db, key);
    e.notify('z', incr ? 'zincr' : 'zadd', key, c.db.id);
    if (added) e.signalKeyAsReady(c.db, key);
  }
}

// ---- ZREM / ZREMRANGEBY* -------------------------------------------------------------------

function zremCommand(c: Client): void {
  const argv = c.argv;
  const key = argv[1] as string;
  const z = asZset(c, lookupWrite(c, key));
  if (z === null) return;
  if (z === undefined) return c.reply.integer(0);
  let deleted = 0;
  let keyRemoved = false;
  for (let j = 2; j < argv.length; j++) {
    if (z.remove(argv[j] as string)) deleted++;
    if (z.length === 0) {
      c.db.remove(key);
      keyRemoved = true;
      break;
    }
  }
  if (deleted) {
    const e = c.engine;
    e.notify('z', 'zrem', key, c.db.id);
    if (keyRemoved) e.notify('g', 'del', key, c.db.id);
    e.signalModifiedKey(c.db, key);
    e.dirty += deleted;
  }
  c.reply.integer(deleted);
}

type RangeKind = 'rank' | 'score' | 'lex';

function zremrangeGeneric(c: Client, kind: RangeKind): void {
  const argv = c.argv;
  const key = argv[1] as string;
  let start = 0;
  let end = 0;
  let srange: ScoreRange | null = null;
  let lrange: LexRange | null = null;
  if (kind === 'rank') {
    const s = readLongArg(c, argv[2] as string);
    if (s === null) return;
    const t = readLongArg(c, argv[3] as string);
    if (t === null) return;
    start = s;
    end = t;
  } else if (kind === 'score') {
    srange = parseScoreRange(argv[2] as string, argv[3] as string);
    if (srange === null) return c.reply.error(MIN_MAX_NOT_FLOAT);
  } else {
    lrange = parseLexRange(argv[2] as string, argv[3] as string);
    if (lrange === null) return c.reply.error(MIN_MAX_NOT_STRING_RANGE);
  }
  const z = asZset(c, lookupWrite(c, key));
  if (z === null) return;
  if (z === undefined) return c.reply.integer(0);
  let deleted: number;
  if (kind === 'rank') {
    const llen = z.length;
    if (start < 0) start = llen + start;
    if (end < 0) end = llen + end;
    if (start < 0) start = 0;
    if (start > end || start >= llen) return c.reply.integer(0);
    if (end >= llen) end = llen - 1;
    deleted = z.deleteRangeByRank(start, end);
  } else if (kind === 'score') {
    deleted = z.deleteRangeByScore(srange as ScoreRange);
  } else {
    deleted = z.deleteRangeByLex(lrange as LexRange);
  }
  const e = c.engine;
  if (deleted) {
    const keyRemoved = z.length === 0;
    if (keyRemoved) c.db.remove(key);
    e.signalModifiedKey(c.db, key);
    e.notify('z', kind === 'rank' ? 'zremrangebyrank' : kind === 'score' ? 'zremrangebyscore' : 'zremrangebylex', key, c.db.id);
    if (keyRemoved) e.notify('g', 'del', key, c.db.id);
  }
  e.dirty += deleted;
  c.reply.integer(deleted);
}

// ---- ZCARD / ZSCORE / ZMSCORE / ZRANK / ZCOUNT / ZLEXCOUNT -----------------------------------

function zcardCommand(c: Client): void {
  const z = asZset(c, lookupRead(c, c.argv[1] as string));
  if (z === null) return;
  c.reply.integer(z === undefined ? 0 : z.length);
}

function zscoreCommand(c: Client): void {
  const z = asZset(c, lookupRead(c, c.argv[1] as string));
  if (z === null) return;
  const s = z === undefined ? undefined : z.score(c.argv[2] as string);
  if (s === undefined) c.reply.nullBulk();
  else c.reply.double(s);
}

function zmscoreCommand(c: Client): void {
  const argv = c.argv;
  const z = asZset(c, lookupRead(c, argv[1] as string));
  if (z === null) return;
  c.reply.arrayLen(argv.length - 2);
  for (let j = 2; j < argv.length; j++) {
    const s = z === undefined ? undefined : z.score(argv[j] as string);
    if (s === undefined) c.reply.nullBulk();
    else c.reply.double(s);
  }
}

function zrankGeneric(c: Client, reverse: boolean): void {
  const z = asZset(c, lookupRead(c, c.argv[1] as string));
  if (z === null) return;
  const r = z === undefined ? -1 : z.rank(c.argv[2] as string, reverse);
  if (r < 0) c.reply.nullBulk();
  else c.reply.integer(r);
}

function zcountCommand(c: Client): void {
  const range = parseScoreRange(c.argv[2] as string, c.argv[3] as string);
  if (range === null) return c.reply.error(MIN_MAX_NOT_FLOAT);
  const z = asZset(c, lookupRead(c, c.argv[1] as string));
  if (z === null) return;
  c.reply.integer(z === undefined ? 0 : z.countInScoreRange(range));
}

function zlexcountCommand(c: Client): void {
  const range = parseLexRange(c.argv[2] as string, c.argv[3] as string);
  if (range === null) return c.reply.error(MIN_MAX_NOT_STRING_RANGE);
  const z = asZset(c, lookupRead(c, c.argv[1] as string));
  if (z === null) return;
  c.reply.integer(z === undefined ? 0 : z.countInLexRange(range));
}

// ---- the ZRANGE family ---------------------------------------------------------------------

type Direction = 'auto' | 'forward' | 'reverse';

/**
 * zrangeGenericCommand: ZRANGE, ZRANGESTORE (`dst` set) and the older forms, which fix the
 * range kind and/or direction. `argStart` is the index of the source key.
 */
function zrangeGeneric(c: Client, argStart: number, dst: string | null, kindArg: RangeKind | 'auto', dirArg: Direction): void {
  const argv = c.argv;
  const key = argv[argStart] as string;
  let kind = kindArg;
  let dir = dirArg;
  let minIdx = argStart + 1;
  let maxIdx = argStart + 2;
  let withScores = false;
  let offset = 0;
  let limit = -1;
  for (let j = argStart + 3; j < argv.length; j++) {
    const arg = argv[j] as string;
    const left = argv.length - j - 1;
    if (dst === null && tok(arg, 'withscores')) {
      withScores = true;
    } else if (tok(arg, 'limit') && left >= 2) {
      const o = readLongArg(c, argv[j + 1] as string);
      if (o === null) return;
      const l = readLongArg(c, argv[j + 2] as string);
      if (l === null) return;
      offset = o;
      limit = l;
      j += 2;
    } else if (dir === 'auto' && tok(arg, 'rev')) {
      dir = 'reverse';
    } else if (kind === 'auto' && tok(arg, 'bylex')) {
      kind = 'lex';
    } else if (kind === 'auto' && tok(arg, 'byscore')) {
      kind = 'score';
    } else {
      return c.reply.error(SYNTAX_ERR);
    }
  }
  const reverse = dir === 'reverse';
  const k: RangeKind = kind === 'auto' ? 'rank' : kind;
  if (limit !== -1 && k === 'rank') return c.reply.error(ZRANGE_LIMIT_WITHOUT_BY);
  if (withScores && k === 'lex') return c.reply.error(ZRANGE_WITHSCORES_BYLEX);
  if (reverse && k !== 'rank') {
    const t = maxIdx;
    maxIdx = minIdx;
    minIdx = t;
  }
  let start = 0;
  let end = 0;
  let srange: ScoreRange | null = null;
  let lrange: LexRange | null = null;
  if (k === 'rank') {
    const s = readLongArg(c, argv[minIdx] as string);
    if (s === null) return;
    const t = readLongArg(c, argv[maxIdx] as string);
    if (t === null) return;
    start = s;
    end = t;
  } else if (k === 'score') {
    srange = parseScoreRange(argv[minIdx] as string, argv[maxIdx] as string);
    if (srange === null) return c.reply.error(MIN_MAX_NOT_FLOAT);
  } else {
    lrange = parseLexRange(argv[minIdx] as string, argv[maxIdx] as string);
    if (lrange === null) return c.reply.error(MIN_MAX_NOT_STRING_RANGE);
  }

  const v = lookupRead(c, key);
  if (v === undefined) {
    if (dst !== null) storeEmpty(c, dst);
    else c.reply.arrayLen(0);
    return;
  }
  const z = asZset(c, v);
  if (z === null || z === undefined) return;

  const members: string[] = [];
  const scores: number[] = [];
  const collect = (m: string, s: number): void => {
    members.push(m);
    scores.push(s);
  };
  let expected = -1; // ZRANGESTORE's initial encoding hint (zrangeResultBeginStore)
  const llen = z.length;
  if (k === 'rank') {
    if (start < 0) start = llen + start;
    if (end < 0) end = llen + end;
    if (start < 0) start = 0;
    if (start > end || start >= llen) {
      expected = 0;
    } else {
      if (end >= llen) end = llen - 1;
      let n = end - start + 1;
      expected = n;
      z.walk(reverse ? llen - 1 - start : start, reverse, (m, s) => {
        collect(m, s);
        return --n > 0;
      });
    }
  } else if (!(offset > 0 && offset >= llen) && offset >= 0) {
    let first: number;
    if (k === 'score') {
      const r = srange as ScoreRange;
      first = reverse ? z.lastInScoreRange(r) : z.firstInScoreRange(r);
    } else {
      const r = lrange as LexRange;
      first = reverse ? z.lastInLexRange(r) : z.firstInLexRange(r);
    }
    const pos = reverse ? first - offset : first + offset;
    if (first >= 0 && pos >= 0 && pos < llen) {
      let left = limit;
      if (k === 'score') {
        const r = srange as ScoreRange;
        z.walk(pos, reverse, (m, s) => {
          if (left === 0) return false;
          left--;
          if (reverse ? !scoreGteMin(s, r) : !scoreLteMax(s, r)) return false;
          collect(m, s);
          return true;
        });
      } else {
        const r = lrange as LexRange;
        z.walk(pos, reverse, (m, s) => {
          if (left === 0) return false;
          left--;
          if (reverse ? !lexGteMin(m, r) : !lexLteMax(m, r)) return false;
          collect(m, s);
          return true;
        });
      }
    }
  }

  if (dst === null) {
    replyElements(c, members, withScores ? scores : null);
    return;
  }
  if (members.length === 0) return storeEmpty(c, dst);
  const limits = limitsOf(c);
  const out = new ZSet(!(expected > limits.entries));
  for (let i = 0; i < members.length; i++) out.add(scores[i] as number, members[i] as string, 0, limits);
  storeResult(c, dst, out);
  c.reply.integer(members.length);
  c.engine.notify('z', 'zrangestore', dst, c.db.id);
  c.engine.dirty++;
}

// ---- ZUNION / ZINTER / ZDIFF (+STORE) / ZINTERCARD ------------------------------------------

/** A set value as a ZUNION source (members with score 1), whatever module implements sets. */
interface SetLike {
  readonly type: 'set';
  readonly size: number;
  has(member: string): boolean;
  values(): Iterable<string>;
}

interface Source {
  value: ZSet | SetLike | null;
  weight: number;
}

function sourceLength(s: Source): number {
  const v = s.value;
  if (v === null) return 0;
  return v instanceof ZSet ? v.length : v.size;
}

/** zuiNext over a source: sorted sets from the highest element down, sets in their order. */
function forEachInSource(s: Source, fn: (member: string, score: number) => boolean | void): void {
  const v = s.value;
  if (v === null) return;
  if (v instanceof ZSet) {
    if (v.length > 0) v.walk(v.length - 1, true, fn);
    return;
  }
  for (const m of v.values()) if (fn(m, 1) === false) return;
}

/** zuiFind: the member's score in a source (1 for sets), undefined when absent. */
function findInSource(s: Source, member: string): number | undefined {
  const v = s.value;
  if (v === null) return undefined;
  if (v instanceof ZSet) return v.score(member);
  return v.has(member) ? 1 : undefined;
}

const AGGR_SUM = 0;
const AGGR_MIN = 1;
const AGGR_MAX = 2;

function aggregate(target: number, val: number, how: number): number {
  if (how === AGGR_SUM) {
    const r = target + val;
    return r !== r ? 0 : r; // inf + -inf is taken as 0
  }
  if (how === AGGR_MIN) return val < target ? val : target;
  return val > target ? val : target;
}

type SetOp = 'union' | 'inter' | 'diff';

function zsetOpGeneric(c: Client, dst: string | null, numkeysIdx: number, op: SetOp, cardOnly: boolean): void {
  const argv = c.argv;
  const setnum = readLongArg(c, argv[numkeysIdx] as string);
  if (setnum === null) return;
  if (setnum < 1) return c.reply.error(atLeastOneInputKey(c.cmd?.fullName ?? (argv[0] as string).toLowerCase()));
  if (setnum > argv.length - (numkeysIdx + 1)) return c.reply.error(SYNTAX_ERR);

  const src: Source[] = [];
  let j = numkeysIdx + 1;
  for (let i = 0; i < setnum; i++, j++) {
    const v = lookupRead(c, argv[j] as string);
    if (v === undefined) {
      src.push({ value: null, weight: 1 });
    } else if (v instanceof ZSet) {
      src.push({ value: v, weight: 1 });
    } else if (typeof v === 'object' && (v as { type?: string }).type === 'set') {
      src.push({ value: v as unknown as SetLike, weight: 1 });
    } else {
      return c.reply.error(WRONGTYPE);
    }
  }

  let how = AGGR_SUM;
  let withScores = false;
  let limit = 0;
  let remaining = argv.length - j;
  while (remaining > 0) {
    const arg = argv[j] as string;
    if (op !== 'diff' && !cardOnly && remaining >= setnum + 1 && tok(arg, 'weights')) {
      j++;
      remaining--;
      for (let i = 0; i < setnum; i++, j++, remaining--) {
        const w = parseDouble(argv[j] as string);
        if (w === null) return c.reply.error(WEIGHT_NOT_FLOAT);
        (src[i] as Source).weight = w;
      }
    } else if (op !== 'diff' && !cardOnly && remaining >= 2 && tok(arg, 'aggregate')) {
      const a = argv[j + 1] as string;
      if (tok(a, 'sum')) how = AGGR_SUM;
      else if (tok(a, 'min')) how = AGGR_MIN;
      else if (tok(a, 'max')) how = AGGR_MAX;
      else return c.reply.error(SYNTAX_ERR);
      j += 2;
      remaining -= 2;
    } else if (remaining >= 1 && dst === null && !cardOnly && tok(arg, 'withscores')) {
      withScores = true;
      j++;
      remaining--;
    } else if (cardOnly && remaining >= 2 && tok(arg, 'limit')) {
      const l = readPositive(c, argv[j + 1] as string, LIMIT_NEGATIVE);
      if (l === null) return;
      limit = l;
      j += 2;
      remaining -= 2;
    } else {
      return c.reply.error(SYNTAX_ERR);
    }
  }

  // Smallest input first (a stable sort, as glibc's merge-sorting qsort).
  if (op !== 'diff') src.sort((a, b) => sourceLength(a) - sourceLength(b));

  const members: string[] = [];
  const scores: number[] = [];
  let cardinality = 0;
  const first = src[0] as Source;
  if (op === 'inter') {
    if (sourceLength(first) > 0) {
      forEachInSource(first, (m, s0) => {
        let score = first.weight * s0;
        if (score !== score) score = 0;
        let i = 1;
        for (; i < src.length; i++) {
          const other = src[i] as Source;
          if (other.value === first.value) {
            score = aggregate(score, s0 * other.weight, how);
          } else {
            const v = findInSource(other, m);
            if (v === undefined) break;
            score = aggregate(score, v * other.weight, how);
          }
        }
        if (i !== src.length) return true;
        if (cardOnly) {
          cardinality++;
          return !(limit && cardinality >= limit);
        }
        members.push(m);
        scores.push(score);
        return true;
      });
    }
  } else if (op === 'union') {
    const acc = new Map<string, number>();
    for (const s of src) {
      forEachInSource(s, (m, sc) => {
        let score = s.weight * sc;
        if (score !== score) score = 0;
        const cur = acc.get(m);
        acc.set(m, cur === undefined ? score : aggregate(cur, score, how));
      });
    }
    for (const [m, s] of acc) {
      members.push(m);
      scores.push(s);
    }
  } else if (sourceLength(first) > 0 && !src.some((s, i) => i > 0 && s.value === first.value)) {
    forEachInSource(first, (m, s0) => {
      for (let i = 1; i < src.length; i++) if (findInSource(src[i] as Source, m) !== undefined) return;
      members.push(m);
      scores.push(s0);
    });
  }

  if (cardOnly) return c.reply.integer(cardinality);
  if (dst !== null) {
    if (members.length === 0) return storeEmpty(c, dst);
    const z = ZSet.fromEntries(members, scores, limitsOf(c));
    storeResult(c, dst, z);
    c.reply.integer(z.length);
    c.engine.notify('z', op === 'union' ? 'zunionstore' : op === 'inter' ? 'zinterstore' : 'zdiffstore', dst, c.db.id);
    c.engine.dirty++;
    return;
  }
  // The reply is the result sorted set in order: sort the indexes by (score, member).
  const order = Array.from({ length: members.length }, (_, i) => i);
  order.sort((a, b) => compareEntries(scores[a] as number, members[a] as string, scores[b] as number, members[b] as string));
  replyElements(
    c,
    order.map((i) => members[i] as string),
    withScores ? order.map((i) => scores[i] as number) : null,
  );
}

// ---- ZSCAN ---------------------------------------------------------------------------------

/**
 * The text of a score as a listpack stores it (ZSCAN of a small set): integral values up to
 * 2^62 in magnitude as exact integers (double2ll + ll2string), others as %.17g.
 */
function listpackScoreText(d: number): string {
  if (Number.isInteger(d) && d >= -4611686018427387904 && d <= 4611686018427387904) {
    return Number.isSafeInteger(d) ? String(d === 0 ? 0 : d) : BigInt(d).toString();
  }
  return formatDouble(d);
}

function zscanCommand(c: Client): void {
  const argv = c.argv;
  const cursor = parseScanCursor(argv[2] as string);
  if (cursor === null) return c.reply.error(INVALID_CURSOR);
  const z = asZset(c, lookupRead(c, argv[1] as string));
  if (z === null) return;
  if (z === undefined) {
    c.reply.arrayLen(2);
    c.reply.bulk('0');
    c.reply.arrayLen(0);
    return;
  }
  const opts = readScanOptions(c, argv, 3);
  if (opts === null) return;
  const { count, match } = opts;
  const out: string[] = [];
  let next = 0;
  const dict = z.scanSource();
  if (dict === null) {
    z.walk(0, false, (m, s) => {
      if (match === null || match(m)) out.push(m, listpackScoreText(s));
    });
  } else {
    const batch = scanCursorsOf(c.engine).next(dict, () => dict.keys(), dict.size, cursor, count);
    next = batch.cursor;
    for (const m of batch.items) {
      const score = z.score(m);
      if (score === undefined) continue; // read ahead last call and removed since
      if (match !== null && !match(m)) continue;
      out.push(m, formatDouble(score));
    }
  }
  c.reply.arrayLen(2);
  c.reply.bulk(String(next));
  c.reply.bulkArray(out);
}

// ---- ZPOPMIN / ZPOPMAX / ZMPOP and the blocking forms ------------------------------------------

/**
 * genericZpopCommand: pops up to `count` (-1: one, plain reply) from the first existing key.
 * `emitKey` prefixes the key (BZPOP*, *MPOP); `nested` gives [member, score] pairs (RESP3
 * ZPOP* with a count, and *MPOP always); `nilWhenEmpty` answers a null array when there is
 * nothing to pop (*MPOP) instead of an empty array. `zmpop` rewrites propagation.
 */
function genericZpop(
  c: Client,
  keys: readonly string[],
  max: boolean,
  emitKey: boolean,
  countArg: number,
  nested: boolean,
  nilWhenEmpty: boolean,
  zmpop: boolean,
): void {
  let key = '';
  let z: ZSet | undefined;
  for (const k of keys) {
    const v = asZset(c, lookupWrite(c, k));
    if (v === null) return;
    if (v === undefined) continue;
    key = k;
    z = v;
    break;
  }
  const r = c.reply;
  if (z === undefined) {
    if (nilWhenEmpty) r.nullArray();
    else r.arrayLen(0);
    return;
  }
  if (countArg === 0) return r.arrayLen(0);
  const count = countArg === -1 ? 1 : countArg;
  const llen = z.length;
  let n = count > llen ? llen : count;
  if (!nested && !emitKey) {
    r.arrayLen(n * 2);
  } else if (nested && !emitKey) {
    r.arrayLen(n);
  } else if (!nested && emitKey) {
    r.arrayLen(n * 2 + 1);
    r.bulk(key);
  } else {
    r.arrayLen(2);
    r.bulk(key);
    r.arrayLen(n);
  }
  const e = c.engine;
  let first = true;
  while (n-- > 0) {
    const el = z.pop(max) as [string, number];
    e.dirty++;
    if (first) {
      e.notify('z', max ? 'zpopmax' : 'zpopmin', key, c.db.id);
      e.signalModifiedKey(c.db, key);
      first = false;
    }
    if (nested) r.arrayLen(2);
    r.bulk(el[0]);
    r.double(el[1]);
  }
  deleteIfEmpty(c, key, z);
  if (zmpop) c.rewriteArgv([max ? 'ZPOPMAX' : 'ZPOPMIN', key, String(count > llen ? llen : count)]);
}

function zpopMinMax(c: Client, max: boolean): void {
  const argv = c.argv;
  if (argv.length > 3) return c.reply.error(SYNTAX_ERR);
  let count = -1;
  if (argv.length === 3) {
    const n = readPositive(c, argv[2] as string, POP_COUNT_NOT_POSITIVE);
    if (n === null) return;
    count = n;
  }
  genericZpop(c, [argv[1] as string], max, false, count, c.resp === 3 && count !== -1, false, false);
}

function replyTimedOut(c: Client): void {
  c.reply.nullArray();
}

/**
 * blockingGenericZpopCommand: the timeout first, then the first non-empty sorted set is
 * served like ZPOP* (propagated as ZPOPMIN/ZPOPMAX key [count]); with nothing to pop the
 * client blocks. When re-executed for a ready key, keys that hold another type are skipped
 * (Redis 7.0 leaves such a client blocked rather than answering WRONGTYPE).
 */
function blockingZpop(
  c: Client,
  keys: string[],
  max: boolean,
  timeoutArg: string,
  count: number,
  nested: boolean,
  nilWhenEmpty: boolean,
): void {
  const deadline = readTimeout(c, timeoutArg);
  if (deadline === null) return;
  const reexecuted = c.blocked !== null;
  for (const key of keys) {
    const v = lookupWrite(c, key);
    if (v === undefined) continue;
    if (!(v instanceof ZSet)) {
      if (reexecuted) continue;
      return c.reply.error(WRONGTYPE);
    }
    const llen = v.length;
    if (llen === 0) continue;
    genericZpop(c, [key], max, true, count, nested, nilWhenEmpty, false);
    const name = max ? 'ZPOPMAX' : 'ZPOPMIN';
    c.rewriteArgv(count === -1 ? [name, key] : [name, key, String(count > llen ? llen : count)]);
    return;
  }
  c.engine.blocking.block(c, keys, deadline, replyTimedOut);
}

function bzpopGeneric(c: Client, max: boolean): void {
  const argv = c.argv;
  blockingZpop(c, argv.slice(1, -1), max, argv[argv.length - 1] as string, -1, false, false);
}

/** ZMPOP numkeys key... MIN|MAX [COUNT n] (numkeysIdx 1); BZMPOP timeout numkeys ... (2). */
function zmpopGeneric(c: Client, numkeysIdx: number, blocking: boolean): void {
  const argv = c.argv;
  const nk = longArg(argv[numkeysIdx] as string);
  if (nk === null || nk < 1) return c.reply.error(NUMKEYS_NOT_POSITIVE);
  const whereIdx = numkeysIdx + nk + 1;
  if (whereIdx >= argv.length) return c.reply.error(SYNTAX_ERR);
  let max: boolean;
  const where = argv[whereIdx] as string;
  if (tok(where, 'min')) max = false;
  else if (tok(where, 'max')) max = true;
  else return c.reply.error(SYNTAX_ERR);
  let count = -1;
  for (let j = whereIdx + 1; j < argv.length; j++) {
    const more = argv.length - 1 - j;
    if (count === -1 && tok(argv[j], 'count') && more > 0) {
      j++;
      const n = longArg(argv[j] as string);
      if (n === null || n < 1) return c.reply.error(COUNT_NOT_POSITIVE);
      count = n;
    } else {
      return c.reply.error(SYNTAX_ERR);
    }
  }
  if (count === -1) count = 1;
  const keys = argv.slice(numkeysIdx + 1, whereIdx);
  if (blocking) blockingZpop(c, keys, max, argv[1] as string, count, true, true);
  else genericZpop(c, keys, max, true, count, true, true, true);
}

// ---- ZRANDMEMBER ---------------------------------------------------------------------------

const LONG_MAX_HALF = 4611686018427387903n;

function zrandmemberCommand(c: Client): void {
  const argv = c.argv;
  const rng = c.engine.rng;
  if (argv.length >= 3) {
    const raw = parseLong(argv[2] as string);
    if (raw === null) return c.reply.error(NOT_INTEGER);
    if (typeof raw === 'bigint' && raw < -9223372036854775807n) return c.reply.error(VALUE_OUT_OF_RANGE_LONG);
    if (argv.length > 4 || (argv.length === 4 && !tok(argv[3], 'withscores'))) return c.reply.error(SYNTAX_ERR);
    const withScores = argv.length === 4;
    if (withScores && (BigInt(raw) < -LONG_MAX_HALF || BigInt(raw) > LONG_MAX_HALF)) return c.reply.error(VALUE_OUT_OF_RANGE);
    const l = typeof raw === 'number' ? raw : raw > 0n ? Number.MAX_SAFE_INTEGER : Number.MIN_SAFE_INTEGER;
    return zrandmemberWithCount(c, l, withScores);
  }
  const z = asZset(c, lookupRead(c, argv[1] as string));
  if (z === null) return;
  if (z === undefined) return c.reply.nullBulk();
  c.reply.bulk(z.at(rng.below(z.length))[0]);
}

function zrandmemberWithCount(c: Client, l: number, withScores: boolean): void {
  const z = asZset(c, lookupRead(c, c.argv[1] as string));
  if (z === null) return;
  const r = c.reply;
  if (z === undefined) return r.arrayLen(0);
  const rng = c.engine.rng;
  const size = z.length;
  const uniq = l >= 0;
  const count = uniq ? l : -l;
  if (count === 0) return r.arrayLen(0);
  const resp3 = c.resp === 3;
  const emit = (m: string, s: number): void => {
    if (withScores && resp3) r.arrayLen(2);
    r.bulk(m);
    if (withScores) r.double(s);
  };
  // CASE 1: a negative count (repetitions allowed), or a single element.
  if (!uniq || count === 1) {
    r.arrayLen(withScores && !resp3 ? count * 2 : count);
    for (let i = 0; i < count; i++) {
      const [m, s] = z.at(rng.below(size));
      emit(m, s);
    }
    return;
  }
  const n = count < size ? count : size;
  r.arrayLen(withScores && !resp3 ? n * 2 : n);
  // CASE 2: the whole set, in zuiNext order (highest element first).
  if (count >= size) {
    z.walk(size - 1, true, emit);
    return;
  }
  // CASE 3: close to the whole set: drop random elements until `count` are left.
  if (count * 3 > size) {
    const idx = Array.from({ length: size }, (_, i) => i);
    for (let left = size; left > count; left--) {
      const k = rng.below(left);
      idx[k] = idx[left - 1] as number;
    }
    idx.length = count;
    for (const i of idx) {
      const [m, s] = z.at(i);
      emit(m, s);
    }
    return;
  }
  // CASE 4: a few distinct elements of a big set: a listpack is sampled in order, a skiplist
  // by repeated random picks.
  if (z.isListpack) {
    let need = count;
    for (let i = 0; i < size && need > 0; i++) {
      if (rng.below(size - i) < need) {
        const [m, s] = z.at(i);
        emit(m, s);
        need--;
      }
    }
    return;
  }
  const seen = new Set<number>();
  while (seen.size < count) {
    const i = rng.below(size);
    if (seen.has(i)) continue;
    seen.add(i);
    const [m, s] = z.at(i);
    emit(m, s);
  }
}

// ---- key extraction for movable-key commands -------------------------------------------------

/** C atoi (strtol truncated to int): leading spaces, a sign, digits; anything else ends it. */
function atoi(s: string): number {
  let i = 0;
  while (i < s.length && (s.charCodeAt(i) === 32 || (s.charCodeAt(i) >= 9 && s.charCodeAt(i) <= 13))) i++;
  let neg = false;
  if (s[i] === '+' || s[i] === '-') {
    neg = s[i] === '-';
    i++;
  }
  let v = 0n;
  const LMAX = 9223372036854775807n;
  for (; i < s.length; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    v = v * 10n + BigInt(d);
    if (v > LMAX + 1n) break;
  }
  if (neg) v = -v;
  if (v > LMAX) v = LMAX;
  if (v < -LMAX - 1n) v = -LMAX - 1n;
  return Number(BigInt.asIntN(32, v));
}

/** Redis's genericGetKeys: `num` keys from `first` (step 1), plus the store key last. */
function genericGetKeys(store: number, countIdx: number, first: number, argv: readonly string[]): number[] {
  const num = atoi((argv[countIdx] as string | undefined) ?? '');
  if (num < 1 || num > Math.trunc(argv.length - first)) return [];
  const keys: number[] = [];
  for (let i = 0; i < num; i++) keys.push(first + i);
  if (store) keys.push(store);
  return keys;
}

const setOpKeys = (argv: readonly string[]): number[] => genericGetKeys(0, 1, 2, argv);
const setOpStoreKeys = (argv: readonly string[]): number[] => genericGetKeys(1, 2, 3, argv);
const zmpopKeys = (argv: readonly string[]): number[] => genericGetKeys(0, 1, 2, argv);
const bzmpopKeys = (argv: readonly string[]): number[] => genericGetKeys(0, 2, 3, argv);

// ---- the table (metadata as COMMAND INFO of redis-server 7.0.15) ------------------------------

const Z_WRITE_FAST = ['write', 'sortedset', 'fast'];
const Z_WRITE_SLOW = ['write', 'sortedset', 'slow'];
const Z_READ_FAST = ['read', 'sortedset', 'fast'];
const Z_READ_SLOW = ['read', 'sortedset', 'slow'];
const G = 'sorted-set';

export const ZSET_COMMANDS: CommandSpec[] = [
  cmd('zadd', -4, ['write', 'denyoom', 'fast'], [1, 1, 1], Z_WRITE_FAST, G, (c) => zaddGeneric(c, 0)),
  cmd('zincrby', 4, ['write', 'denyoom', 'fast'], [1, 1, 1], Z_WRITE_FAST, G, (c) => zaddGeneric(c, ZADD_INCR)),
  cmd('zrem', -3, ['write', 'fast'], [1, 1, 1], Z_WRITE_FAST, G, zremCommand),
  cmd('zcard', 2, ['readonly', 'fast'], [1, 1, 1], Z_READ_FAST, G, zcardCommand),
  cmd('zcount', 4, ['readonly', 'fast'], [1, 1, 1], Z_READ_FAST, G, zcountCommand),
  cmd('zlexcount', 4, ['readonly', 'fast'], [1, 1, 1], Z_READ_FAST, G, zlexcountCommand),
  cmd('zscore', 3, ['readonly', 'fast'], [1, 1, 1], Z_READ_FAST, G, zscoreCommand),
  cmd('zmscore', -3, ['readonly', 'fast'], [1, 1, 1], Z_READ_FAST, G, zmscoreCommand),
  cmd('zrank', 3, ['readonly', 'fast'], [1, 1, 1], Z_READ_FAST, G, (c) => zrankGeneric(c, false)),
  cmd('zrevrank', 3, ['readonly', 'fast'], [1, 1, 1], Z_READ_FAST, G, (c) => zrankGeneric(c, true)),
  cmd('zrange', -4, ['readonly'], [1, 1, 1], Z_READ_SLOW, G, (c) => zrangeGeneric(c, 1, null, 'auto', 'auto')),
  cmd('zrangestore', -5, ['write', 'denyoom'], [1, 2, 1], Z_WRITE_SLOW, G, (c) =>
    zrangeGeneric(c, 2, c.argv[1] as string, 'auto', 'auto'),
  ),
  cmd('zrevrange', -4, ['readonly'], [1, 1, 1], Z_READ_SLOW, G, (c) => zrangeGeneric(c, 1, null, 'rank', 'reverse')),
  cmd('zrangebyscore', -4, ['readonly'], [1, 1, 1], Z_READ_SLOW, G, (c) => zrangeGeneric(c, 1, null, 'score', 'forward')),
  cmd('zrevrangebyscore', -4, ['readonly'], [1, 1, 1], Z_READ_SLOW, G, (c) => zrangeGeneric(c, 1, null, 'score', 'reverse')),
  cmd('zrangebylex', -4, ['readonly'], [1, 1, 1], Z_READ_SLOW, G, (c) => zrangeGeneric(c, 1, null, 'lex', 'forward')),
  cmd('zrevrangebylex', -4, ['readonly'], [1, 1, 1], Z_READ_SLOW, G, (c) => zrangeGeneric(c, 1, null, 'lex', 'reverse')),
  cmd('zremrangebyrank', 4, ['write'], [1, 1, 1], Z_WRITE_SLOW, G, (c) => zremrangeGeneric(c, 'rank')),
  cmd('zremrangebyscore', 4, ['write'], [1, 1, 1], Z_WRITE_SLOW, G, (c) => zremrangeGeneric(c, 'score')),
  cmd('zremrangebylex', 4, ['write'], [1, 1, 1], Z_WRITE_SLOW, G, (c) => zremrangeGeneric(c, 'lex')),
  cmd('zpopmin', -2, ['write', 'fast'], [1, 1, 1], Z_WRITE_FAST, G, (c) => zpopMinMax(c, false)),
  cmd('zpopmax', -2, ['write', 'fast'], [1, 1, 1], Z_WRITE_FAST, G, (c) => zpopMinMax(c, true)),
  cmd('zmpop', -4, ['write', 'movablekeys'], [0, 0, 0], Z_WRITE_SLOW, G, (c) => zmpopGeneric(c, 1, false), {
    getKeys: zmpopKeys,
  }),
  cmd('bzpopmin', -3, ['write', 'noscript', 'blocking', 'fast'], [1, -2, 1], [...Z_WRITE_FAST, 'blocking'], G, (c) =>
    bzpopGeneric(c, false),
  ),
  cmd('bzpopmax', -3, ['write', 'noscript', 'blocking', 'fast'], [1, -2, 1], [...Z_WRITE_FAST, 'blocking'], G, (c) =>
    bzpopGeneric(c, true),
  ),
  cmd('bzmpop', -5, ['write', 'blocking', 'movablekeys'], [0, 0, 0], [...Z_WRITE_SLOW, 'blocking'], G, (c) => zmpopGeneric(c, 2, true), {
    getKeys: bzmpopKeys,
  }),
  cmd('zrandmember', -2, ['readonly'], [1, 1, 1], Z_READ_SLOW, G, zrandmemberCommand),
  cmd('zunion', -3, ['readonly', 'movablekeys'], [0, 0, 0], Z_READ_SLOW, G, (c) => zsetOpGeneric(c, null, 1, 'union', false), {
    getKeys: setOpKeys,
  }),
  cmd('zinter', -3, ['readonly', 'movablekeys'], [0, 0, 0], Z_READ_SLOW, G, (c) => zsetOpGeneric(c, null, 1, 'inter', false), {
    getKeys: setOpKeys,
  }),
  cmd('zdiff', -3, ['readonly', 'movablekeys'], [0, 0, 0], Z_READ_SLOW, G, (c) => zsetOpGeneric(c, null, 1, 'diff', false), {
    getKeys: setOpKeys,
  }),
  cmd('zunionstore', -4, ['write', 'denyoom', 'movablekeys'], [1, 1, 1], Z_WRITE_SLOW, G, (c) =>
    zsetOpGeneric(c, c.argv[1] as string, 2, 'union', false), { getKeys: setOpStoreKeys },
  ),
  cmd('zinterstore', -4, ['write', 'denyoom', 'movablekeys'], [1, 1, 1], Z_WRITE_SLOW, G, (c) =>
    zsetOpGeneric(c, c.argv[1] as string, 2, 'inter', false), { getKeys: setOpStoreKeys },
  ),
  cmd('zdiffstore', -4, ['write', 'denyoom', 'movablekeys'], [1, 1, 1], Z_WRITE_SLOW, G, (c) =>
    zsetOpGeneric(c, c.argv[1] as string, 2, 'diff', false), { getKeys: setOpStoreKeys },
  ),
  cmd('zintercard', -3, ['readonly', 'movablekeys'], [0, 0, 0], Z_READ_SLOW, G, (c) => zsetOpGeneric(c, null, 1, 'inter', true), {
    getKeys: setOpKeys,
  }),
  cmd('zscan', -3, ['readonly'], [1, 1, 1], Z_READ_SLOW, G, zscanCommand),
];
