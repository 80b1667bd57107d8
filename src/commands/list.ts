// List commands: LPUSH/RPUSH(X), LPOP/RPOP (with count), LLEN, LRANGE, LINDEX, LSET, LINSERT,
// LREM, LTRIM, LPOS, LMOVE/RPOPLPUSH, LMPOP and the blocking BLPOP/BRPOP/BLMOVE/BRPOPLPUSH/BLMPOP,
// with Redis 7.0's argument order of checks, keyspace events, empty-key deletion and
// propagation (blocking pops propagate as LPOP/RPOP [count], LMOVE or RPOPLPUSH).
import { cmd, type CommandSpec } from './spec.js';
import type { Client } from '../engine/client.js';
import {
  COUNT_NOT_POSITIVE,
  INDEX_OUT_OF_RANGE,
  LPOS_COUNT_NEGATIVE,
  LPOS_MAXLEN_NEGATIVE,
  LPOS_RANK_ZERO,
  NO_SUCH_KEY,
  NOT_INTEGER,
  NUMKEYS_NOT_POSITIVE,
  POP_COUNT_NOT_POSITIVE,
  SYNTAX_ERR,
  WRONGTYPE,
  wrongArity,
} from '../engine/errors.js';
import { ListValue } from '../store/types/list.js';
import type { RValue } from '../store/types/value.js';
import { lookupRead, lookupWrite, readLongClamped, readTimeout } from './args.js';
import { parseLong } from '../util/numbers.js';

// ---- shared helpers ------------------------------------------------------------------------

/**
 * A looked-up value as a list: the list, undefined when missing, or null after replying
 * WRONGTYPE (the caller just returns).
 */
function asList(c: Client, v: RValue | undefined): ListValue | undefined | null {
  if (v === undefined || v instanceof ListValue) return v;
  c.reply.error(WRONGTYPE);
  return null;
}

/** An integer in [min, LONG_MAX] (clamped to the safe range), else `err` is replied and null returned. */
function readLongAtLeast(c: Client, s: string, min: number, err: string): number | null {
  const v = parseLong(s);
  if (v === null || v < min) {
    c.reply.error(err);
    return null;
  }
  return typeof v === 'number' ? v : Number.MAX_SAFE_INTEGER;
}

/** LEFT/RIGHT (case-insensitive): true for the head; null after a syntax error reply. */
function readWhere(c: Client, s: string): boolean | null {
  const w = s.toLowerCase();
  if (w === 'left') return true;
  if (w === 'right') return false;
  c.reply.error(SYNTAX_ERR);
  return null;
}

/** Deletes a list key that became empty, with Redis's "del" event. */
function deleteIfEmpty(c: Client, key: string, list: ListValue): boolean {
  if (list.length !== 0) return false;
  c.db.remove(key);
  c.engine.notify('g', 'del', key, c.db.id);
  return true;
}

/** listElementsRemoved: the pop event, empty-key deletion, WATCH signal and dirty count. */
function elementsRemoved(c: Client, key: string, head: boolean, list: ListValue, count: number): void {
  const e = c.engine;
  e.notify('l', head ? 'lpop' : 'rpop', key, c.db.id);
  deleteIfEmpty(c, key, list);
  e.signalModifiedKey(c.db, key);
  e.dirty += count;
}

/** addListRangeReply: elements start..end (Redis index rules), reversed from `end` when asked. */
function replyRange(c: Client, list: ListValue, start: number, end: number, reverse: boolean): void {
  const len = list.length;
  if (start < 0) start = len + start;
  if (end < 0) end = len + end;
  if (start < 0) start = 0;
  const r = c.reply;
  if (start > end || start >= len) {
    r.arrayLen(0);
    return;
  }
  if (end >= len) end = len - 1;
  r.arrayLen(end - start + 1);
  if (reverse) for (let i = end; i >= start; i--) r.bulk(list.get(i) as string);
  else for (let i = start; i <= end; i++) r.bulk(list.get(i) as string);
}

/** Pops up to `count` elements from one end, replying them in pop order as an array. */
function popRangeReply(c: Client, list: ListValue, head: boolean, count: number): number {
  const n = Math.min(count, list.length);
  const r = c.reply;
  r.arrayLen(n);
  for (let i = 0; i < n; i++) r.bulk((head ? list.popHead() : list.popTail()) as string);
  return n;
}

/** listPopRangeAndReplyWithKey: [key, [elements...]] for LMPOP/BLMPOP. */
function popRangeWithKey(c: Client, key: string, list: ListValue, head: boolean, count: number): number {
  c.reply.arrayLen(2);
  c.reply.bulk(key);
  const n = popRangeReply(c, list, head, count);
  elementsRemoved(c, key, head, list, n);
  return n;
}

// ---- pushes --------------------------------------------------------------------------------

/** pushGenericCommand: LPUSH/RPUSH, and LPUSHX/RPUSHX (`xx`: only onto an existing list). */
function pushGeneric(c: Client, head: boolean, xx: boolean): void {
  const argv = c.argv;
  const key = argv[1] as string;
  let list = asList(c, lookupWrite(c, key));
  if (list === null) return;
  const e = c.engine;
  if (list === undefined) {
    if (xx) return c.reply.integer(0);
    list = new ListValue(argv.length - 2);
    c.db.set(key, list, e.now);
  }
  if (head) for (let j = 2; j < argv.length; j++) list.pushHead(argv[j] as string);
  else for (let j = 2; j < argv.length; j++) list.pushTail(argv[j] as string);
  e.dirty += argv.length - 2;
  c.reply.integer(list.length);
  e.signalModifiedKey(c.db, key);
  e.notify('l', head ? 'lpush' : 'rpush', key, c.db.id);
  e.signalKeyAsReady(c.db, key);
}

function lpushCommand(c: Client): void {
  pushGeneric(c, true, false);
}

function rpushCommand(c: Client): void {
  pushGeneric(c, false, false);
}

function lpushxCommand(c: Client): void {
  pushGeneric(c, true, true);
}

function rpushxCommand(c: Client): void {
  pushGeneric(c, false, true);
}

// ---- pops ----------------------------------------------------------------------------------

/**
 * popGenericCommand: without a count, one element as a bulk (null bulk when missing); with a
 * count, an array (null array when missing, empty array for count 0).
 */
function popGeneric(c: Client, head: boolean): void {
  const argv = c.argv;
  if (argv.length > 3) return c.reply.error(wrongArity(c.cmd?.fullName ?? (head ? 'lpop' : 'rpop')));
  const hasCount = argv.length === 3;
  let count = 0;
  if (hasCount) {
    const n = readLongAtLeast(c, argv[2] as string, 0, POP_COUNT_NOT_POSITIVE);
    if (n === null) return;
    count = n;
  }
  const key = argv[1] as string;
  const list = asList(c, lookupWrite(c, key));
  if (list === null) return;
  if (list === undefined) return hasCount ? c.reply.nullArray() : c.reply.nullBulk();
  if (hasCount && count === 0) return c.reply.arrayLen(0);
  if (!hasCount) {
    c.reply.bulk((head ? list.popHead() : list.popTail()) as string);
    elementsRemoved(c, key, head, list, 1);
    return;
  }
  const n = popRangeReply(c, list, head, count);
  elementsRemoved(c, key, head, list, n);
}

function lpopCommand(c: Client): void {
  popGeneric(c, true);
}

function rpopCommand(c: Client): void {
  popGeneric(c, false);
}

// ---- reads ---------------------------------------------------------------------------------

function llenCommand(c: Client): void {
  const list = asList(c, lookupRead(c, c.argv[1] as string));
  if (list === null) return;
  c.reply.integer(list === undefined ? 0 : list.length);
}

function lrangeCommand(c: Client): void {
  const start = readLongClamped(c, c.argv[2] as string);
  if (start === null) return;
  const end = readLongClamped(c, c.argv[3] as string);
  if (end === null) return;
  const list = asList(c, lookupRead(c, c.argv[1] as string));
  if (list === null) return;
  if (list === undefined) return c.reply.arrayLen(0);
  replyRange(c, list, start, end, false);
}

function lindexCommand(c: Client): void {
  const list = asList(c, lookupRead(c, c.argv[1] as string));
  if (list === null) return;
  if (list === undefined) return c.reply.nullBulk();
  let index = readLongClamped(c, c.argv[2] as string);
  if (index === null) return;
  if (index < 0) index += list.length;
  const v = list.get(index);
  if (v === undefined) c.reply.nullBulk();
  else c.reply.bulk(v);
}

/** LPOS key element [RANK rank] [COUNT num-matches] [MAXLEN len]. */
function lposCommand(c: Client): void {
  const argv = c.argv;
  const ele = argv[2] as string;
  let rank = 1;
  /** RANK -9223372036854775808: Redis negates it with overflow, so every match qualifies. */
  let rankLongMin = false;
  let count = -1;
  let maxlen = 0;
  for (let j = 3; j < argv.length; j++) {
    const opt = (argv[j] as string).toLowerCase();
    const more = j < argv.length - 1;
    if (opt === 'rank' && more) {
      const v = parseLong(argv[++j] as string);
      if (v === null) return c.reply.error(NOT_INTEGER);
      if (v === 0) return c.reply.error(LPOS_RANK_ZERO);
      rankLongMin = v === -9223372036854775808n;
      rank = typeof v === 'number' ? v : v > 0n ? Number.MAX_SAFE_INTEGER : Number.MIN_SAFE_INTEGER;
    } else if (opt === 'count' && more) {
      const v = readLongAtLeast(c, argv[++j] as string, 0, LPOS_COUNT_NEGATIVE);
      if (v === null) return;
      count = v;
    } else if (opt === 'maxlen' && more) {
      const v = readLongAtLeast(c, argv[++j] as string, 0, LPOS_MAXLEN_NEGATIVE);
      if (v === null) return;
      maxlen = v;
    } else {
      return c.reply.error(SYNTAX_ERR);
    }
  }
  const fromTail = rank < 0;
  if (fromTail) rank = -rank;
  const list = asList(c, lookupRead(c, argv[1] as string));
  if (list === null) return;
  if (list === undefined) return count !== -1 ? c.reply.arrayLen(0) : c.reply.nullBulk();
  const len = list.length;
  const found: number[] = [];
  let matches = 0;
  for (let index = 0; index < len && (maxlen === 0 || index < maxlen); index++) {
    const pos = fromTail ? len - 1 - index : index;
    if (list.get(pos) !== ele) continue;
    matches++;
    if (!rankLongMin && matches < rank) continue;
    found.push(pos);
    if (count === -1) break;
    if (count !== 0 && !rankLongMin && matches - rank + 1 >= count) break;
  }
  if (count !== -1) {
    c.reply.arrayLen(found.length);
    for (const i of found) c.reply.integer(i);
  } else if (found.length > 0) {
    c.reply.integer(found[0] as number);
  } else {
    c.reply.nullBulk();
  }
}

// ---- in-place writes -----------------------------------------------------------------------

function lsetCommand(c: Client): void {
  const key = c.argv[1] as string;
  const list = asList(c, lookupWrite(c, key));
  if (list === null) return;
  if (list === undefined) return c.reply.error(NO_SUCH_KEY);
  let index = readLongClamped(c, c.argv[2] as string);
  if (index === null) return;
  if (index < 0) index += list.length;
  if (!list.set(index, c.argv[3] as string)) return c.reply.error(INDEX_OUT_OF_RANGE);
  c.reply.ok();
  const e = c.engine;
  e.signalModifiedKey(c.db, key);
  e.notify('l', 'lset', key, c.db.id);
  e.dirty++;
}

/** LINSERT key BEFORE|AFTER pivot element: the new length, -1 without the pivot, 0 without the key. */
function linsertCommand(c: Client): void {
  const argv = c.argv;
  const where = (argv[2] as string).toLowerCase();
  let after: boolean;
  if (where === 'after') after = true;
  else if (where === 'before') after = false;
  else return c.reply.error(SYNTAX_ERR);
  const key = argv[1] as string;
  const list = asList(c, lookupWrite(c, key));
  if (list === null) return;
  if (list === undefined) return c.reply.integer(0);
  const at = list.indexOf(argv[3] as string);
  if (at < 0) return c.reply.integer(-1);
  list.insert(after ? at + 1 : at, argv[4] as string);
  const e = c.engine;
  e.signalModifiedKey(c.db, key);
  e.notify('l', 'linsert', key, c.db.id);
  e.dirty++;
  c.reply.integer(list.length);
}

/** LREM key count element: count > 0 from the head, < 0 from the tail, 0 all. */
function lremCommand(c: Client): void {
  const toRemove = readLongClamped(c, c.argv[2] as string);
  if (toRemove === null) return;
  const key = c.argv[1] as string;
  const list = asList(c, lookupWrite(c, key));
  if (list === null) return;
  if (list === undefined) return c.reply.integer(0);
  const removed = list.removeMatching(c.argv[3] as string, Math.abs(toRemove), toRemove < 0);
  const e = c.engine;
  if (removed > 0) {
    e.dirty += removed;
    e.signalModifiedKey(c.db, key);
    e.notify('l', 'lrem', key, c.db.id);
  }
  deleteIfEmpty(c, key, list);
  c.reply.integer(removed);
}

/** LTRIM key start stop: keeps the range (Redis index rules); an empty range deletes the key. */
function ltrimCommand(c: Client): void {
  let start = readLongClamped(c, c.argv[2] as string);
  if (start === null) return;
  let end = readLongClamped(c, c.argv[3] as string);
  if (end === null) return;
  const key = c.argv[1] as string;
  const list = asList(c, lookupWrite(c, key));
  if (list === null) return;
  if (list === undefined) return c.reply.ok();
  const len = list.length;
  if (start < 0) start = len + start;
  if (end < 0) end = len + end;
  if (start < 0) start = 0;
  let ltrim: number;
  let rtrim: number;
  if (start > end || start >= len) {
    ltrim = len;
    rtrim = 0;
  } else {
    if (end >= len) end = len - 1;
    ltrim = start;
    rtrim = len - end - 1;
  }
  list.trimHead(ltrim);
  list.trimTail(rtrim);
  const e = c.engine;
  e.notify('l', 'ltrim', key, c.db.id);
  deleteIfEmpty(c, key, list);
  e.signalModifiedKey(c.db, key);
  e.dirty += ltrim + rtrim;
  c.reply.ok();
}

// ---- moves ---------------------------------------------------------------------------------

/**
 * lmoveGenericCommand with the source already found non-empty: checks the destination type,
 * pops, pushes (creating the destination), replies the element and signals both keys.
 * Returns false after replying WRONGTYPE for the destination.
 */
function moveElement(c: Client, src: string, list: ListValue, dst: string, fromHead: boolean, toHead: boolean): boolean {
  const e = c.engine;
  const db = c.db;
  let target = asList(c, lookupWrite(c, dst));
  if (target === null) return false;
  const value = (fromHead ? list.popHead() : list.popTail()) as string;
  if (target === undefined) {
    target = new ListValue();
    db.set(dst, target, e.now);
  }
  e.signalModifiedKey(db, dst);
  if (toHead) target.pushHead(value);
  else target.pushTail(value);
  e.notify('l', toHead ? 'lpush' : 'rpush', dst, db.id);
  c.reply.bulk(value);
  e.notify('l', fromHead ? 'lpop' : 'rpop', src, db.id);
  deleteIfEmpty(c, src, list);
  e.signalModifiedKey(db, src);
  e.dirty++;
  e.signalKeyAsReady(db, dst);
  return true;
}

function lmoveGeneric(c: Client, fromHead: boolean, toHead: boolean): void {
  const src = c.argv[1] as string;
  const list = asList(c, lookupWrite(c, src));
  if (list === null) return;
  if (list === undefined || list.length === 0) return c.reply.nullBulk();
  moveElement(c, src, list, c.argv[2] as string, fromHead, toHead);
}

function lmoveCommand(c: Client): void {
  const fromHead = readWhere(c, c.argv[3] as string);
  if (fromHead === null) return;
  const toHead = readWhere(c, c.argv[4] as string);
  if (toHead === null) return;
  lmoveGeneric(c, fromHead, toHead);
}

function rpoplpushCommand(c: Client): void {
  lmoveGeneric(c, false, true);
}

// ---- LMPOP ---------------------------------------------------------------------------------

/** The parsed tail of [B]LMPOP: keys, side and count (null after an error reply). */
function parseMpop(c: Client, numkeysIdx: number): { keys: string[]; head: boolean; count: number } | null {
  const argv = c.argv;
  const numkeys = readLongAtLeast(c, argv[numkeysIdx] as string, 1, NUMKEYS_NOT_POSITIVE);
  if (numkeys === null) return null;
  const whereIdx = numkeysIdx + numkeys + 1;
  if (whereIdx >= argv.length) {
    c.reply.error(SYNTAX_ERR);
    return null;
  }
  const head = readWhere(c, argv[whereIdx] as string);
  if (head === null) return null;
  let count = -1;
  for (let j = whereIdx + 1; j < argv.length; j++) {
    const more = j < argv.length - 1;
    if (count === -1 && more && (argv[j] as string).toLowerCase() === 'count') {
      const v = readLongAtLeast(c, argv[++j] as string, 1, COUNT_NOT_POSITIVE);
      if (v === null) return null;
      count = v;
    } else {
      c.reply.error(SYNTAX_ERR);
      return null;
    }
  }
  return { keys: argv.slice(numkeysIdx + 1, whereIdx), head, count: count === -1 ? 1 : count };
}

/** Serves [B]LMPOP from the first non-empty key: true when served, false when all are empty, null after WRONGTYPE. */
function mpopServe(c: Client, keys: string[], head: boolean, count: number): boolean | null {
  for (const key of keys) {
    const list = asList(c, lookupWrite(c, key));
    if (list === null) return null;
    if (list === undefined || list.length === 0) continue;
    const n = popRangeWithKey(c, key, list, head, count);
    c.rewriteArgv([head ? 'LPOP' : 'RPOP', key, String(n)]);
    return true;
  }
  return false;
}

function lmpopCommand(c: Client): void {
  const p = parseMpop(c, 1);
  if (p === null) return;
  if (mpopServe(c, p.keys, p.head, p.count) === false) c.reply.nullArray();
}

// ---- blocking commands ---------------------------------------------------------------------

function replyTimedOut(c: Client): void {
  c.reply.nullArray();
}

/**
 * blockingPopGenericCommand: the timeout is checked first; then the first non-empty key is
 * served like [LR]POP (BLPOP/BRPOP: [key, element]; BLMPOP: [key, [elements...]]) and the
 * command propagates as LPOP/RPOP key [count]. With every key empty the client blocks (in
 * MULTI it gets the timeout reply at once). Re-executed as is when a key is signalled ready.
 */
function blockingPopGeneric(c: Client, keys: string[], head: boolean, timeoutArg: string, count: number | null): void {
  const deadline = readTimeout(c, timeoutArg);
  if (deadline === null) return;
  if (count !== null) {
    const served = mpopServe(c, keys, head, count);
    if (served !== false) return;
  } else {
    for (const key of keys) {
      const list = asList(c, lookupWrite(c, key));
      if (list === null) return;
      if (list === undefined || list.length === 0) continue;
      c.reply.arrayLen(2);
      c.reply.bulk(key);
      c.reply.bulk((head ? list.popHead() : list.popTail()) as string);
      elementsRemoved(c, key, head, list, 1);
      c.rewriteArgv([head ? 'LPOP' : 'RPOP', key]);
      return;
    }
  }
  c.engine.blocking.block(c, keys, deadline, replyTimedOut);
}

function blpopCommand(c: Client): void {
  const argv = c.argv;
  blockingPopGeneric(c, argv.slice(1, -1), true, argv[argv.length - 1] as string, null);
}

function brpopCommand(c: Client): void {
  const argv = c.argv;
  blockingPopGeneric(c, argv.slice(1, -1), false, argv[argv.length - 1] as string, null);
}

function blmpopCommand(c: Client): void {
  const p = parseMpop(c, 2);
  if (p === null) return;
  blockingPopGeneric(c, p.keys, p.head, c.argv[1] as string, p.count);
}

/**
 * blmoveGenericCommand: an existing source is served like LMOVE (propagated as LMOVE, or
 * RPOPLPUSH for BRPOPLPUSH); a missing one blocks — in MULTI, a null bulk at once, while a
 * real timeout replies a null array, as Redis does.
 */
function blmoveGeneric(c: Client, fromHead: boolean, toHead: boolean, timeoutArg: string, brpoplpush: boolean): void {
  const deadline = readTimeout(c, timeoutArg);
  if (deadline === null) return;
  const argv = c.argv;
  const src = argv[1] as string;
  const dst = argv[2] as string;
  const list = asList(c, lookupWrite(c, src));
  if (list === null) return;
  if (list === undefined || list.length === 0) {
    if (c.denyBlocking) return c.reply.nullBulk();
    c.engine.blocking.block(c, [src], deadline, replyTimedOut);
    return;
  }
  // Propagated with the sides as the client gave them, whether served at once or after blocking
  // (checked against redis-server 7.0.15's AOF).
  if (!moveElement(c, src, list, dst, fromHead, toHead)) return;
  if (brpoplpush) c.rewriteArgv(['RPOPLPUSH', src, dst]);
  else c.rewriteArgv(['LMOVE', src, dst, argv[3] as string, argv[4] as string]);
}

function blmoveCommand(c: Client): void {
  const fromHead = readWhere(c, c.argv[3] as string);
  if (fromHead === null) return;
  const toHead = readWhere(c, c.argv[4] as string);
  if (toHead === null) return;
  blmoveGeneric(c, fromHead, toHead, c.argv[5] as string, false);
}

function brpoplpushCommand(c: Client): void {
  blmoveGeneric(c, false, true, c.argv[3] as string, true);
}

// ---- key extraction ------------------------------------------------------------------------

/** C's atoi: optional sign and leading digits, 0 when none (Redis's genericGetKeys reads numkeys so). */
function atoi(s: string): number {
  const m = /^[ \t\n\v\f\r]*([+-]?\d+)/.exec(s);
  if (!m) return 0;
  const n = Number(m[1]);
  return Number.isFinite(n) ? n : 0;
}

/** genericGetKeys: numkeys at `countIdx`, keys right after it; none when numkeys is unusable. */
function numkeysGetKeys(countIdx: number): (argv: readonly string[]) => number[] {
  return (argv) => {
    const first = countIdx + 1;
    const num = atoi(argv[countIdx] ?? '');
    if (num < 1 || num > argv.length - first) return [];
    const out: number[] = [];
    for (let i = 0; i < num; i++) out.push(first + i);
    return out;
  };
}

// ---- table ---------------------------------------------------------------------------------

const W_FAST = ['write', 'list', 'fast'];
const W_SLOW = ['write', 'list', 'slow'];
const R_FAST = ['read', 'list', 'fast'];
const R_SLOW = ['read', 'list', 'slow'];
const W_BLOCK = ['write', 'list', 'slow', 'blocking'];

export const LIST_COMMANDS: CommandSpec[] = [
  cmd('lpush', -3, ['write', 'denyoom', 'fast'], [1, 1, 1], W_FAST, 'list', lpushCommand),
  cmd('rpush', -3, ['write', 'denyoom', 'fast'], [1, 1, 1], W_FAST, 'list', rpushCommand),
  cmd('lpushx', -3, ['write', 'denyoom', 'fast'], [1, 1, 1], W_FAST, 'list', lpushxCommand),
  cmd('rpushx', -3, ['write', 'denyoom', 'fast'], [1, 1, 1], W_FAST, 'list', rpushxCommand),
  cmd('lpop', -2, ['write', 'fast'], [1, 1, 1], W_FAST, 'list', lpopCommand),
  cmd('rpop', -2, ['write', 'fast'], [1, 1, 1], W_FAST, 'list', rpopCommand),
  cmd('llen', 2, ['readonly', 'fast'], [1, 1, 1], R_FAST, 'list', llenCommand),
  cmd('lrange', 4, ['readonly'], [1, 1, 1], R_SLOW, 'list', lrangeCommand),
  cmd('lindex', 3, ['readonly'], [1, 1, 1], R_SLOW, 'list', lindexCommand),
  cmd('lset', 4, ['write', 'denyoom'], [1, 1, 1], W_SLOW, 'list', lsetCommand),
  cmd('linsert', 5, ['write', 'denyoom'], [1, 1, 1], W_SLOW, 'list', linsertCommand),
  cmd('lrem', 4, ['write'], [1, 1, 1], W_SLOW, 'list', lremCommand),
  cmd('ltrim', 4, ['write'], [1, 1, 1], W_SLOW, 'list', ltrimCommand),
  cmd('lpos', -3, ['readonly'], [1, 1, 1], R_SLOW, 'list', lposCommand),
  cmd('lmove', 5, ['write', 'denyoom'], [1, 2, 1], W_SLOW, 'list', lmoveCommand),
  cmd('rpoplpush', 3, ['write', 'denyoom'], [1, 2, 1], W_SLOW, 'list', rpoplpushCommand),
  cmd('lmpop', -4, ['write', 'movablekeys'], [0, 0, 0], W_SLOW, 'list', lmpopCommand, { getKeys: numkeysGetKeys(1) }),
  cmd('blpop', -3, ['write', 'noscript', 'blocking'], [1, -2, 1], W_BLOCK, 'list', blpopCommand),
  cmd('brpop', -3, ['write', 'noscript', 'blocking'], [1, -2, 1], W_BLOCK, 'list', brpopCommand),
  cmd('blmove', 6, ['write', 'denyoom', 'noscript', 'blocking'], [1, 2, 1], W_BLOCK, 'list', blmoveCommand),
  cmd('brpoplpush', 4, ['write', 'denyoom', 'noscript', 'blocking'], [1, 2, 1], W_BLOCK, 'list', brpoplpushCommand),
  cmd('blmpop', -5, ['write', 'blocking', 'movablekeys'], [0, 0, 0], W_BLOCK, 'list', blmpopCommand, {
    getKeys: numkeysGetKeys(2),
  }),
];
