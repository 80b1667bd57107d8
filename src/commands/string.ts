// String commands: GET, SET (and SETNX/SETEX/PSETEX), GETSET, GETDEL, GETEX, MGET, MSET, MSETNX,
// APPEND, STRLEN, GETRANGE/SUBSTR, SETRANGE, INCR/DECR/INCRBY/DECRBY, INCRBYFLOAT and LCS, with
// Redis 7.0's option parsing, error order, keyspace events and deterministic propagation.
import { cmd, type CommandSpec } from './spec.js';
import type { Client } from '../engine/client.js';
import {
  DECREMENT_OVERFLOW,
  LCS_ALLOC_FAILED,
  LCS_LEN_AND_IDX,
  LCS_NOT_STRINGS,
  LCS_OVER_PROTO_MAX,
  LCS_TOO_LONG,
  NAN_OR_INF_INCR,
  NOT_FLOAT,
  NOT_INTEGER,
  OFFSET_OUT_OF_RANGE,
  OVERFLOW,
  STRING_TOO_LONG,
  SYNTAX_ERR,
  WRONGTYPE,
  invalidExpire,
  wrongArity,
} from '../engine/errors.js';
import { isString, type RValue } from '../store/types/value.js';
import { MutableString, stringLength, stringOf, type StringValue } from '../store/types/string.js';
import { lookupRead, lookupWrite, readLong, readLongClamped } from './args.js';
import { INT64_MAX, INT64_MIN, parseLong } from '../util/numbers.js';
import { ldAdd, ldFormatHuman, ldFromInt, ldIsFinite, ldParse } from '../util/longdouble.js';

// ---- shared helpers ------------------------------------------------------------------------

/** Replies a string value as a bulk string (a MutableString without copying it to a JS string). */
function replyString(c: Client, v: StringValue): void {
  if (typeof v === 'string') c.reply.bulk(v);
  else c.reply.bulk(v.buf.subarray(0, v.len));
}

/** Redis checkStringLength: the resulting string may not exceed proto-max-bulk-len. */
function checkStringLength(c: Client, size: number): boolean {
  if (size > c.engine.config.getNumber('proto-max-bulk-len')) {
    c.reply.error(STRING_TOO_LONG);
    return false;
  }
  return true;
}

/**
 * getGenericCommand: replies the value of argv[1] (null when missing). Returns false after
 * replying WRONGTYPE, true otherwise.
 */
function getGeneric(c: Client, key: string): boolean {
  const v = lookupRead(c, key);
  if (v === undefined) {
    c.reply.nullBulk();
    return true;
  }
  if (!isString(v)) {
    c.reply.error(WRONGTYPE);
    return false;
  }
  replyString(c, v);
  return true;
}

/** A string value made editable in place (Redis's dbUnshareStringValue): stored as "raw". */
function unshareString(c: Client, key: string, v: StringValue): MutableString {
  if (typeof v !== 'string') return v;
  const m = new MutableString(v);
  c.db.replace(key, m);
  return m;
}

// ---- SET family ----------------------------------------------------------------------------

const F_NX = 1 << 0;
const F_XX = 1 << 1;
const F_EX = 1 << 2;
const F_PX = 1 << 3;
const F_KEEPTTL = 1 << 4;
const F_GET = 1 << 5;
const F_EXAT = 1 << 6;
const F_PXAT = 1 << 7;
const F_PERSIST = 1 << 8;
const F_ANY_EXPIRE = F_EX | F_PX | F_EXAT | F_PXAT;

interface ExtendedArgs {
  flags: number;
  /** The expire argument as given (seconds for EX/EXAT, milliseconds for PX/PXAT). */
  expire: string | undefined;
}

/**
 * parseExtendedStringArgumentsOrReply: the options of SET (from argv[3]) or GETEX (from
 * argv[2]). Each option is refused (syntax error) when it conflicts with one already seen;
 * repeating the same option is allowed (the last expire value wins). Null after the error reply.
 */
function parseExtendedArgs(c: Client, isSet: boolean): ExtendedArgs | null {
  const argv = c.argv;
  let flags = 0;
  let expire: string | undefined;
  for (let j = isSet ? 3 : 2; j < argv.length; j++) {
    const opt = (argv[j] as string).toLowerCase();
    const hasNext = j < argv.length - 1;
    if (opt === 'nx' && isSet && !(flags & F_XX)) {
      flags |= F_NX;
    } else if (opt === 'xx' && isSet && !(flags & F_NX)) {
      flags |= F_XX;
    } else if (opt === 'get' && isSet) {
      flags |= F_GET;
    } else if (opt === 'keepttl' && isSet && !(flags & (F_PERSIST | F_ANY_EXPIRE))) {
      flags |= F_KEEPTTL;
    } else if (opt === 'persist' && !isSet && !(flags & (F_ANY_EXPIRE | F_KEEPTTL))) {
      flags |= F_PERSIST;
    } else if (opt === 'ex' && hasNext && !(flags & (F_KEEPTTL | F_PERSIST | F_EXAT | F_PX | F_PXAT))) {
      flags |= F_EX;
      expire = argv[++j];
    } else if (opt === 'px' && hasNext && !(flags & (F_KEEPTTL | F_PERSIST | F_EX | F_EXAT | F_PXAT))) {
      flags |= F_PX;
      expire = argv[++j];
    } else if (opt === 'exat' && hasNext && !(flags & (F_KEEPTTL | F_PERSIST | F_EX | F_PX | F_PXAT))) {
      flags |= F_EXAT;
      expire = argv[++j];
    } else if (opt === 'pxat' && hasNext && !(flags & (F_KEEPTTL | F_PERSIST | F_EX | F_EXAT | F_PX))) {
      flags |= F_PXAT;
      expire = argv[++j];
    } else {
      c.reply.error(SYNTAX_ERR);
      return null;
    }
  }
  return { flags, expire };
}

/** An absolute expire time: `ms` for the keyspace, `text` exact for propagation. */
interface ExpireAt {
  ms: number;
  text: string;
}

const SECONDS_LIMIT = INT64_MAX / 1000n;
/** Below this, value*1000 + now stays a safe integer for any realistic clock. */
const FAST_EXPIRE_LIMIT = 1e12;

/**
 * getExpireMillisecondsOrReply: the expire argument as an absolute time in ms. Relative (EX/PX)
 * times are added to the command time; non-positive values, seconds that would overflow when
 * multiplied and sums beyond int64 are "invalid expire time in '<cmd>' command".
 */
function expireAt(c: Client, arg: string, flags: number, cmdName: string): ExpireAt | null {
  const v = readLong(c, arg);
  if (v === null) return null;
  const seconds = (flags & (F_EX | F_EXAT)) !== 0;
  const relative = (flags & (F_EX | F_PX)) !== 0;
  if (typeof v === 'number' && v > 0 && v < FAST_EXPIRE_LIMIT) {
    const ms = (seconds ? v * 1000 : v) + (relative ? c.engine.now : 0);
    return { ms, text: String(ms) };
  }
  const b = BigInt(v);
  if (b <= 0n || (seconds && b > SECONDS_LIMIT)) {
    c.reply.error(invalidExpire(cmdName));
    return null;
  }
  let when = seconds ? b * 1000n : b;
  if (relative) when += BigInt(c.engine.now);
  if (when > INT64_MAX) {
    c.reply.error(invalidExpire(cmdName));
    return null;
  }
  return { ms: Number(when), text: when.toString() };
}

/**
 * setGenericCommand, shared by SET, SETNX, SETEX and PSETEX. Validates the expire, replies the
 * old value for GET (before the NX/XX check, as Redis does), applies NX/XX, stores the value
 * and propagates a relative or absolute expire as `SET key value PXAT <ms>`.
 */
function setGeneric(
  c: Client,
  flags: number,
  key: string,
  val: string,
  expire: string | undefined,
  cmdName: string,
  counterReplies: boolean,
): void {
  let at: ExpireAt | null = null;
  if (expire !== undefined) {
    at = expireAt(c, expire, flags, cmdName);
    if (at === null) return;
  }
  if (flags & F_GET) {
    if (!getGeneric(c, key)) return;
  }
  if (flags & (F_NX | F_XX)) {
    const found = lookupWrite(c, key) !== undefined;
    if ((flags & F_NX && found) || (flags & F_XX && !found)) {
      if (!(flags & F_GET)) {
        if (counterReplies) c.reply.integer(0);
        else c.reply.nullBulk();
      }
      return;
    }
  } else if (!(flags & F_GET)) {
    // Redis looks the key up for writing even without NX/XX: an expired key is reclaimed
    // (expired event, DEL propagated) before it is overwritten.
    c.db.expireIfNeeded(key, c.engine.now);
  }
  const engine = c.engine;
  const db = c.db;
  db.set(key, val, engine.now, (flags & F_KEEPTTL) !== 0 || at !== null);
  engine.signalModifiedKey(db, key);
  engine.dirty++;
  engine.notify('$', 'set', key, db.id);
  if (at !== null) {
    db.setExpire(key, at.ms);
    c.rewriteArgv(['SET', key, val, 'PXAT', at.text]);
    engine.notify('g', 'expire', key, db.id);
  }
  if (!(flags & F_GET)) {
    if (counterReplies) c.reply.integer(1);
    else c.reply.ok();
  } else if (at === null) {
    // Propagate without the GET option(s).
    const argv = c.argv;
    const out: string[] = [];
    for (let j = 0; j < argv.length; j++) {
      const a = argv[j] as string;
      if (j >= 3 && a.length === 3 && a.toLowerCase() === 'get') continue;
      out.push(a);
    }
    c.rewriteArgv(out);
  }
}

function setCommand(c: Client): void {
  const argv = c.argv;
  if (argv.length === 3) {
    setGeneric(c, 0, argv[1] as string, argv[2] as string, undefined, 'set', false);
    return;
  }
  const ext = parseExtendedArgs(c, true);
  if (ext === null) return;
  setGeneric(c, ext.flags, argv[1] as string, argv[2] as string, ext.expire, 'set', false);
}

function setnxCommand(c: Client): void {
  setGeneric(c, F_NX, c.argv[1] as string, c.argv[2] as string, undefined, 'setnx', true);
}

function setexCommand(c: Client): void {
  const argv = c.argv;
  setGeneric(c, F_EX, argv[1] as string, argv[3] as string, argv[2] as string, 'setex', false);
}

function psetexCommand(c: Client): void {
  const argv = c.argv;
  setGeneric(c, F_PX, argv[1] as string, argv[3] as string, argv[2] as string, 'psetex', false);
}

// ---- GET family ----------------------------------------------------------------------------

function getCommand(c: Client): void {
  getGeneric(c, c.argv[1] as string);
}

function getsetCommand(c: Client): void {
  const key = c.argv[1] as string;
  const val = c.argv[2] as string;
  if (!getGeneric(c, key)) return;
  const engine = c.engine;
  c.db.set(key, val, engine.now);
  engine.signalModifiedKey(c.db, key);
  engine.notify('$', 'set', key, c.db.id);
  engine.dirty++;
  c.rewriteArgv(['SET', key, val]);
}

function getdelCommand(c: Client): void {
  const key = c.argv[1] as string;
  if (!getGeneric(c, key)) return;
  if (c.db.remove(key)) {
    const engine = c.engine;
    c.rewriteArgv(['DEL', key]);
    engine.signalModifiedKey(c.db, key);
    engine.notify('g', 'del', key, c.db.id);
    engine.dirty++;
  }
}

/** GETEX key [EX s | PX ms | EXAT ts | PXAT ms-ts | PERSIST]: GET that may change the TTL. */
function getexCommand(c: Client): void {
  const ext = parseExtendedArgs(c, false);
  if (ext === null) return;
  const key = c.argv[1] as string;
  const v = lookupRead(c, key);
  if (v === undefined) return c.reply.nullBulk();
  if (!isString(v)) return c.reply.error(WRONGTYPE);
  let at: ExpireAt | null = null;
  if (ext.expire !== undefined) {
    at = expireAt(c, ext.expire, ext.flags, 'getex');
    if (at === null) return;
  }
  replyString(c, v);
  const engine = c.engine;
  const db = c.db;
  if (at !== null && ext.flags & (F_EXAT | F_PXAT) && at.ms <= engine.now) {
    // An absolute time already in the past deletes the key (checkAlreadyExpired).
    db.remove(key);
    c.rewriteArgv([lazyExpire(c) ? 'UNLINK' : 'DEL', key]);
    engine.signalModifiedKey(db, key);
    engine.notify('g', 'del', key, db.id);
    engine.dirty++;
  } else if (at !== null) {
    db.setExpire(key, at.ms);
    c.rewriteArgv(['PEXPIREAT', key, at.text]);
    engine.signalModifiedKey(db, key);
    engine.notify('g', 'expire', key, db.id);
    engine.dirty++;
  } else if (ext.flags & F_PERSIST) {
    if (db.removeExpire(key)) {
      engine.signalModifiedKey(db, key);
      c.rewriteArgv(['PERSIST', key]);
      engine.notify('g', 'persist', key, db.id);
      engine.dirty++;
    }
  }
}

/** lazyfree-lazy-expire (when the configuration knows it): GETEX propagates UNLINK instead of DEL. */
function lazyExpire(c: Client): boolean {
  const cfg = c.engine.config;
  return cfg.def('lazyfree-lazy-expire') !== undefined && cfg.getBool('lazyfree-lazy-expire');
}

function mgetCommand(c: Client): void {
  const argv = c.argv;
  c.reply.arrayLen(argv.length - 1);
  for (let j = 1; j < argv.length; j++) {
    const v = lookupRead(c, argv[j] as string);
    if (v === undefined || !isString(v)) c.reply.nullBulk();
    else replyString(c, v);
  }
}

function msetGeneric(c: Client, nx: boolean): void {
  const argv = c.argv;
  if (argv.length % 2 === 0) {
    c.reply.error(wrongArity(nx ? 'msetnx' : 'mset'));
    return;
  }
  if (nx) {
    for (let j = 1; j < argv.length; j += 2) {
      if (lookupWrite(c, argv[j] as string) !== undefined) {
        c.reply.integer(0);
        return;
      }
    }
  }
  const engine = c.engine;
  const db = c.db;
  for (let j = 1; j < argv.length; j += 2) {
    const key = argv[j] as string;
    if (!nx) db.expireIfNeeded(key, engine.now);
    db.set(key, argv[j + 1] as string, engine.now);
    engine.signalModifiedKey(db, key);
    engine.notify('$', 'set', key, db.id);
  }
  engine.dirty += (argv.length - 1) / 2;
  if (nx) c.reply.integer(1);
  else c.reply.ok();
}

function msetCommand(c: Client): void {
  msetGeneric(c, false);
}

function msetnxCommand(c: Client): void {
  msetGeneric(c, true);
}

// ---- in-place edits ------------------------------------------------------------------------

function appendCommand(c: Client): void {
  const key = c.argv[1] as string;
  const add = c.argv[2] as string;
  const o = lookupWrite(c, key);
  const engine = c.engine;
  let totlen: number;
  if (o === undefined) {
    // A new key stores the argument as it is (encoded as SET would).
    c.db.set(key, add, engine.now);
    totlen = add.length;
  } else {
    if (!isString(o)) return c.reply.error(WRONGTYPE);
    totlen = stringLength(o) + add.length;
    if (!checkStringLength(c, totlen)) return;
    const m = unshareString(c, key, o);
    m.append(add);
    totlen = m.len;
  }
  engine.signalModifiedKey(c.db, key);
  engine.notify('$', 'append', key, c.db.id);
  engine.dirty++;
  c.reply.integer(totlen);
}

function strlenCommand(c: Client): void {
  const v = lookupRead(c, c.argv[1] as string);
  if (v === undefined) return c.reply.integer(0);
  if (!isString(v)) return c.reply.error(WRONGTYPE);
  c.reply.integer(stringLength(v));
}

/** GETRANGE / SUBSTR key start end: inclusive, negative indexes from the end, clamped. */
function getrangeCommand(c: Client): void {
  let start = readLongClamped(c, c.argv[2] as string);
  if (start === null) return;
  let end = readLongClamped(c, c.argv[3] as string);
  if (end === null) return;
  const v = lookupRead(c, c.argv[1] as string);
  if (v === undefined) return c.reply.bulk('');
  if (!isString(v)) return c.reply.error(WRONGTYPE);
  const len = stringLength(v);
  if (start < 0 && end < 0 && start > end) return c.reply.bulk('');
  if (start < 0) start = len + start;
  if (end < 0) end = len + end;
  if (start < 0) start = 0;
  if (end < 0) end = 0;
  if (end >= len) end = len - 1;
  if (start > end) return c.reply.bulk('');
  if (typeof v === 'string') c.reply.bulk(start === 0 && end === len - 1 ? v : v.slice(start, end + 1));
  else c.reply.bulk(v.buf.subarray(start, end + 1));
}

function setrangeCommand(c: Client): void {
  const key = c.argv[1] as string;
  const value = c.argv[3] as string;
  const offset = readLongClamped(c, c.argv[2] as string);
  if (offset === null) return;
  if (offset < 0) return c.reply.error(OFFSET_OUT_OF_RANGE);
  const o = lookupWrite(c, key);
  const engine = c.engine;
  let m: MutableString;
  if (o === undefined) {
    if (value.length === 0) return c.reply.integer(0);
    if (!checkStringLength(c, offset + value.length)) return;
    m = new MutableString('', offset + value.length);
    c.db.set(key, m, engine.now);
  } else {
    if (!isString(o)) return c.reply.error(WRONGTYPE);
    if (value.length === 0) return c.reply.integer(stringLength(o));
    if (!checkStringLength(c, offset + value.length)) return;
    m = unshareString(c, key, o);
  }
  m.writeAt(offset, value);
  engine.signalModifiedKey(c.db, key);
  engine.notify('$', 'setrange', key, c.db.id);
  engine.dirty++;
  c.reply.integer(m.len);
}

// ---- counters ------------------------------------------------------------------------------

/**
 * incrDecrCommand: adds `incr` to the integer stored at argv[1] (0 when missing), refusing
 * values that are not canonical int64 text and sums beyond int64. Small values stay JS numbers.
 */
function incrDecr(c: Client, incr: number | bigint): void {
  const key = c.argv[1] as string;
  const o = lookupWrite(c, key);
  let cur: number | bigint = 0;
  if (o !== undefined) {
    if (!isString(o)) return c.reply.error(WRONGTYPE);
    const p = parseLong(typeof o === 'string' ? o : o.toString());
    if (p === null) return c.reply.error(NOT_INTEGER);
    cur = p;
  }
  let result: number | bigint;
  if (typeof cur === 'number' && typeof incr === 'number' && Number.isSafeInteger(cur + incr)) {
    result = cur + incr;
  } else {
    const sum = BigInt(cur) + BigInt(incr);
    if (sum > INT64_MAX || sum < INT64_MIN) return c.reply.error(OVERFLOW);
    result = sum >= -9007199254740991n && sum <= 9007199254740991n ? Number(sum) : sum;
  }
  const engine = c.engine;
  const s = String(result);
  if (o !== undefined) c.db.replace(key, s);
  else c.db.set(key, s, engine.now);
  engine.signalModifiedKey(c.db, key);
  engine.notify('$', 'incrby', key, c.db.id);
  engine.dirty++;
  c.reply.integer(result);
}

function incrCommand(c: Client): void {
  incrDecr(c, 1);
}

function decrCommand(c: Client): void {
  incrDecr(c, -1);
}

function incrbyCommand(c: Client): void {
  const incr = readLong(c, c.argv[2] as string);
  if (incr === null) return;
  incrDecr(c, incr);
}

function decrbyCommand(c: Client): void {
  const incr = readLong(c, c.argv[2] as string);
  if (incr === null) return;
  if (incr === INT64_MIN) return c.reply.error(DECREMENT_OVERFLOW);
  incrDecr(c, -incr);
}

/** INCRBYFLOAT: long double arithmetic, propagated as `SET key <result> KEEPTTL`. */
function incrbyfloatCommand(c: Client): void {
  const key = c.argv[1] as string;
  const o = lookupWrite(c, key);
  if (o !== undefined && !isString(o)) return c.reply.error(WRONGTYPE);
  const value = o === undefined ? ldFromInt(0) : ldParse(stringOf(o));
  if (value === null) return c.reply.error(NOT_FLOAT);
  const incr = ldParse(c.argv[2] as string);
  if (incr === null) return c.reply.error(NOT_FLOAT);
  const sum = ldAdd(value, incr);
  if (!ldIsFinite(sum)) return c.reply.error(NAN_OR_INF_INCR);
  const s = ldFormatHuman(sum);
  const engine = c.engine;
  if (o !== undefined) c.db.replace(key, s);
  else c.db.set(key, s, engine.now);
  engine.signalModifiedKey(c.db, key);
  engine.notify('$', 'incrbyfloat', key, c.db.id);
  engine.dirty++;
  c.reply.bulk(s);
  c.rewriteArgv(['SET', key, s, 'KEEPTTL']);
}

// ---- LCS -----------------------------------------------------------------------------------

const UINT32_MAX = 4294967295;

/** LCS key1 key2 [LEN] [IDX] [MINMATCHLEN len] [WITHMATCHLEN] (missing keys are empty strings). */
function lcsCommand(c: Client): void {
  const argv = c.argv;
  const oa: RValue | undefined = lookupRead(c, argv[1] as string);
  const ob: RValue | undefined = lookupRead(c, argv[2] as string);
  if ((oa !== undefined && !isString(oa)) || (ob !== undefined && !isString(ob))) {
    return c.reply.error(LCS_NOT_STRINGS);
  }
  const a = oa === undefined ? '' : stringOf(oa as StringValue);
  const b = ob === undefined ? '' : stringOf(ob as StringValue);
  let getlen = false;
  let getidx = false;
  let withmatchlen = false;
  let minmatchlen = 0;
  for (let j = 3; j < argv.length; j++) {
    const opt = (argv[j] as string).toLowerCase();
    const moreargs = argv.length - 1 - j;
    if (opt === 'idx') {
      getidx = true;
    } else if (opt === 'len') {
      getlen = true;
    } else if (opt === 'withmatchlen') {
      withmatchlen = true;
    } else if (opt === 'minmatchlen' && moreargs > 0) {
      const v = readLongClamped(c, argv[j + 1] as string);
      if (v === null) return;
      minmatchlen = v < 0 ? 0 : v;
      j++;
    } else {
      return c.reply.error(SYNTAX_ERR);
    }
  }
  if (getlen && getidx) return c.reply.error(LCS_LEN_AND_IDX);
  const alen = a.length;
  const blen = b.length;
  if (alen >= UINT32_MAX - 1 || blen >= UINT32_MAX - 1) return c.reply.error(LCS_TOO_LONG);
  const cols = blen + 1;
  const cells = (alen + 1) * cols;
  if (cells * 4 > c.engine.config.getNumber('proto-max-bulk-len')) return c.reply.error(LCS_OVER_PROTO_MAX);
  let lcs: Uint32Array;
  try {
    lcs = new Uint32Array(cells);
  } catch {
    return c.reply.error(LCS_ALLOC_FAILED);
  }
  // lcs[i*cols + j] = LCS length of a[0..i) and b[0..j) (row 0 and column 0 stay 0).
  for (let i = 1; i <= alen; i++) {
    const ca = a.charCodeAt(i - 1);
    const row = i * cols;
    const prev = row - cols;
    for (let j = 1; j <= blen; j++) {
      if (ca === b.charCodeAt(j - 1)) {
        lcs[row + j] = (lcs[prev + j - 1] as number) + 1;
      } else {
        const l1 = lcs[prev + j] as number;
        const l2 = lcs[row + j - 1] as number;
        lcs[row + j] = l1 > l2 ? l1 : l2;
      }
    }
  }
  const total = lcs[alen * cols + blen] as number;
  const computelcs = getidx || !getlen;
  if (!computelcs) return c.reply.integer(total);

  // Walk back from the end, collecting the LCS bytes and (for IDX) the matching ranges.
  const result = Buffer.allocUnsafe(total);
  let idx = total;
  const r = c.reply;
  let ranges = 0;
  let deferred = null;
  if (getidx) {
    r.mapLen(2);
    r.bulk('matches');
    deferred = r.deferLen('array');
  }
  let aStart = alen; // alen = no range in progress
  let aEnd = 0;
  let bStart = 0;
  let bEnd = 0;
  let i = alen;
  let j = blen;
  while (i > 0 && j > 0) {
    let emit = false;
    if (a.charCodeAt(i - 1) === b.charCodeAt(j - 1)) {
      result[idx - 1] = a.charCodeAt(i - 1);
      if (aStart === alen) {
        aStart = i - 1;
        aEnd = i - 1;
        bStart = j - 1;
        bEnd = j - 1;
      } else if (aStart === i && bStart === j) {
        aStart--;
        bStart--;
      } else {
        emit = true;
      }
      if (aStart === 0 || bStart === 0) emit = true;
      idx--;
      i--;
      j--;
    } else {
      const l1 = lcs[(i - 1) * cols + j] as number;
      const l2 = lcs[i * cols + j - 1] as number;
      if (l1 > l2) i--;
      else j--;
      if (aStart !== alen) emit = true;
    }
    if (emit) {
      const matchLen = aEnd - aStart + 1;
      if (deferred !== null && (minmatchlen === 0 || matchLen >= minmatchlen)) {
        r.arrayLen(withmatchlen ? 3 : 2);
        r.arrayLen(2);
        r.integer(aStart);
        r.integer(aEnd);
        r.arrayLen(2);
        r.integer(bStart);
        r.integer(bEnd);
        if (withmatchlen) r.integer(matchLen);
        ranges++;
      }
      aStart = alen;
    }
  }
  if (deferred !== null) {
    r.bulk('len');
    r.integer(total);
    r.setDeferred(deferred, ranges);
  } else {
    r.bulk(result);
  }
}

// ---- table ---------------------------------------------------------------------------------

export const STRING_COMMANDS: CommandSpec[] = [
  cmd('get', 2, ['readonly', 'fast'], [1, 1, 1], ['read', 'string', 'fast'], 'string', getCommand),
  cmd('set', -3, ['write', 'denyoom'], [1, 1, 1], ['write', 'string', 'slow'], 'string', setCommand),
  cmd('setnx', 3, ['write', 'denyoom', 'fast'], [1, 1, 1], ['write', 'string', 'fast'], 'string', setnxCommand),
  cmd('setex', 4, ['write', 'denyoom'], [1, 1, 1], ['write', 'string', 'slow'], 'string', setexCommand),
  cmd('psetex', 4, ['write', 'denyoom'], [1, 1, 1], ['write', 'string', 'slow'], 'string', psetexCommand),
  cmd('getset', 3, ['write', 'denyoom', 'fast'], [1, 1, 1], ['write', 'string', 'fast'], 'string', getsetCommand),
  cmd('getdel', 2, ['write', 'fast'], [1, 1, 1], ['write', 'string', 'fast'], 'string', getdelCommand),
  cmd('getex', -2, ['write', 'fast'], [1, 1, 1], ['write', 'string', 'fast'], 'string', getexCommand),
  cmd('mget', -2, ['readonly', 'fast'], [1, -1, 1], ['read', 'string', 'fast'], 'string', mgetCommand),
  cmd('mset', -3, ['write', 'denyoom'], [1, -1, 2], ['write', 'string', 'slow'], 'string', msetCommand),
  cmd('msetnx', -3, ['write', 'denyoom'], [1, -1, 2], ['write', 'string', 'slow'], 'string', msetnxCommand),
  cmd('append', 3, ['write', 'denyoom', 'fast'], [1, 1, 1], ['write', 'string', 'fast'], 'string', appendCommand),
  cmd('strlen', 2, ['readonly', 'fast'], [1, 1, 1], ['read', 'string', 'fast'], 'string', strlenCommand),
  cmd('getrange', 4, ['readonly'], [1, 1, 1], ['read', 'string', 'slow'], 'string', getrangeCommand),
  cmd('substr', 4, ['readonly'], [1, 1, 1], ['read', 'string', 'slow'], 'string', getrangeCommand),
  cmd('setrange', 4, ['write', 'denyoom'], [1, 1, 1], ['write', 'string', 'slow'], 'string', setrangeCommand),
  cmd('incr', 2, ['write', 'denyoom', 'fast'], [1, 1, 1], ['write', 'string', 'fast'], 'string', incrCommand),
  cmd('decr', 2, ['write', 'denyoom', 'fast'], [1, 1, 1], ['write', 'string', 'fast'], 'string', decrCommand),
  cmd('incrby', 3, ['write', 'denyoom', 'fast'], [1, 1, 1], ['write', 'string', 'fast'], 'string', incrbyCommand),
  cmd('decrby', 3, ['write', 'denyoom', 'fast'], [1, 1, 1], ['write', 'string', 'fast'], 'string', decrbyCommand),
  cmd('incrbyfloat', 3, ['write', 'denyoom', 'fast'], [1, 1, 1], ['write', 'string', 'fast'], 'string', incrbyfloatCommand),
  cmd('lcs', -3, ['readonly'], [1, 2, 1], ['read', 'string', 'slow'], 'string', lcsCommand),
];
