// Set commands: SADD, SREM, SCARD, SISMEMBER, SMISMEMBER, SMEMBERS, SPOP, SRANDMEMBER, SMOVE,
// SINTER, SINTERCARD, SINTERSTORE, SUNION, SUNIONSTORE, SDIFF, SDIFFSTORE and SSCAN, with Redis
// 7.0.15's replies (RESP3 sets where Redis sends them), error order, encodings (intset and
// hashtable, set-max-intset-entries), keyspace events, dirty counting and deterministic
// propagation (SPOP -> SREM, or DEL when it takes the whole set).
import { cmd, type CommandSpec } from './spec.js';
import type { Client } from '../engine/client.js';
import {
  INVALID_CURSOR,
  LIMIT_NEGATIVE,
  NOT_INTEGER,
  NUMKEYS_EXCEEDS_ARGS,
  NUMKEYS_NOT_POSITIVE,
  POP_COUNT_NOT_POSITIVE,
  SYNTAX_ERR,
  VALUE_OUT_OF_RANGE_LONG,
  WRONGTYPE,
} from '../engine/errors.js';
import type { RValue } from '../store/types/value.js';
import { SetValue } from '../store/types/set.js';
import { lookupRead, lookupWrite, readScanOptions } from './args.js';
import { parseLong } from '../util/numbers.js';
import { parseScanCursor, scanCursorsOf } from '../store/scan.js';

const INT64_MIN = -9223372036854775808n;

// ---- shared helpers ------------------------------------------------------------------------

function maxIntset(c: Client): number {
  return c.engine.config.getNumber('set-max-intset-entries');
}

function randomBelow(c: Client): (n: number) => number {
  const rng = c.engine.rng;
  return (n) => rng.below(n);
}

/** Replies the members of a set: a RESP3 set (an array in RESP2), in iteration order. */
function replyMembers(c: Client, members: Iterable<string>, n: number): void {
  c.reply.setLen(n);
  for (const m of members) c.reply.bulk(m);
}

/**
 * A count argument as a JS number: int64 values beyond 2^53 saturate (they exceed any set
 * size, which is all the callers compare them with).
 */
function saturate(v: number | bigint): number {
  if (typeof v === 'number') return v;
  return v > 0n ? Number.MAX_SAFE_INTEGER : Number.MIN_SAFE_INTEGER;
}

/** Deletes a set left empty by a write: the key goes, with Redis's "del" event. */
function deleteEmptied(c: Client, key: string): void {
  c.db.remove(key);
  c.engine.notify('g', 'del', key, c.db.id);
}

/**
 * Looks up the source sets of SINTER/SUNION/SDIFF (and their STORE forms) for reading.
 * Missing keys are null (empty sets). Returns undefined after replying WRONGTYPE: every key is
 * type-checked, in order, before any result is produced.
 */
function lookupSets(c: Client, keys: readonly string[]): (SetValue | null)[] | undefined {
  const sets: (SetValue | null)[] = [];
  for (const key of keys) {
    const v = lookupRead(c, key);
    if (v === undefined) {
      sets.push(null);
      continue;
    }
    if (!(v instanceof SetValue)) {
      c.reply.error(WRONGTYPE);
      return undefined;
    }
    sets.push(v);
  }
  return sets;
}

/**
 * Stores the result of a *STORE command (setKey: the destination's old value and TTL go), or
 * deletes the destination when the result is empty. Replies the result's size.
 */
function storeResult(c: Client, dst: string, result: SetValue, event: string): void {
  const e = c.engine;
  const db = c.db;
  if (result.size > 0) {
    lookupWrite(c, dst); // setKey's lookupKeyWrite: an expired destination is reclaimed first
    db.set(dst, result, e.now);
    e.signalModifiedKey(db, dst);
    c.reply.integer(result.size);
    e.notify('s', event, dst, db.id);
    e.dirty++;
  } else {
    c.reply.integer(0);
    if (db.remove(dst)) {
      e.dirty++;
      e.signalModifiedKey(db, dst);
      e.notify('g', 'del', dst, db.id);
    }
  }
}

// ---- SADD / SREM / SMOVE -------------------------------------------------------------------

function saddCommand(c: Client): void {
  const e = c.engine;
  const db = c.db;
  const argv = c.argv;
  const key = argv[1] as string;
  const v = lookupWrite(c, key);
  let set: SetValue;
  if (v === undefined) {
    set = new SetValue();
    db.set(key, set, e.now);
  } else if (v instanceof SetValue) {
    set = v;
  } else {
    return c.reply.error(WRONGTYPE);
  }
  const max = maxIntset(c);
  let added = 0;
  for (let i = 2; i < argv.length; i++) if (set.add(argv[i] as string, max)) added++;
  if (added > 0) {
    e.signalModifiedKey(db, key);
    e.notify('s', 'sadd', key, db.id);
  }
  e.dirty += added;
  c.reply.integer(added);
}

function sremCommand(c: Client): void {
  const e = c.engine;
  const db = c.db;
  const argv = c.argv;
  const key = argv[1] as string;
  const v = lookupWrite(c, key);
  if (v === undefined) return c.reply.integer(0);
  if (!(v instanceof SetValue)) return c.reply.error(WRONGTYPE);
  let deleted = 0;
  let keyRemoved = false;
  for (let i = 2; i < argv.length; i++) {
    if (v.remove(argv[i] as string)) {
      deleted++;
      if (v.size === 0) {
        db.remove(key);
        keyRemoved = true;
        break;
      }
    }
  }
  if (deleted > 0) {
    e.signalModifiedKey(db, key);
    e.notify('s', 'srem', key, db.id);
    if (keyRemoved) e.notify('g', 'del', key, db.id);
    e.dirty += deleted;
  }
  c.reply.integer(deleted);
}

function smoveCommand(c: Client): void {
  const e = c.engine;
  const db = c.db;
  const src = c.argv[1] as string;
  const dst = c.argv[2] as string;
  const member = c.argv[3] as string;
  const srcSet = lookupWrite(c, src);
  const dstValue = lookupWrite(c, dst);
  if (srcSet === undefined) return c.reply.integer(0);
  if (!(srcSet instanceof SetValue)) return c.reply.error(WRONGTYPE);
  if (dstValue !== undefined && !(dstValue instanceof SetValue)) return c.reply.error(WRONGTYPE);
  if (srcSet === dstValue) return c.reply.integer(srcSet.has(member) ? 1 : 0);
  if (!srcSet.remove(member)) return c.reply.integer(0);
  e.notify('s', 'srem', src, db.id);
  if (srcSet.size === 0) deleteEmptied(c, src);
  let dstSet = dstValue;
  if (dstSet === undefined) {
    dstSet = new SetValue();
    db.set(dst, dstSet, e.now);
  }
  e.signalModifiedKey(db, src);
  e.dirty++;
  if (dstSet.add(member, maxIntset(c))) {
    e.dirty++;
    e.signalModifiedKey(db, dst);
    e.notify('s', 'sadd', dst, db.id);
  }
  c.reply.integer(1);
}

// ---- SCARD / SISMEMBER / SMISMEMBER --------------------------------------------------------

/** A set for reading: the set, null when missing, undefined after replying WRONGTYPE. */
function readSet(c: Client, key: string): SetValue | null | undefined {
  const v: RValue | undefined = lookupRead(c, key);
  if (v === undefined) return null;
  if (!(v instanceof SetValue)) {
    c.reply.error(WRONGTYPE);
    return undefined;
  }
  return v;
}

function scardCommand(c: Client): void {
  const set = readSet(c, c.argv[1] as string);
  if (set === undefined) return;
  c.reply.integer(set === null ? 0 : set.size);
}

function sismemberCommand(c: Client): void {
  const set = readSet(c, c.argv[1] as string);
  if (set === undefined) return;
  c.reply.integer(set !== null && set.has(c.argv[2] as string) ? 1 : 0);
}

function smismemberCommand(c: Client): void {
  const set = readSet(c, c.argv[1] as string);
  if (set === undefined) return;
  const argv = c.argv;
  c.reply.arrayLen(argv.length - 2);
  for (let i = 2; i < argv.length; i++) c.reply.integer(set !== null && set.has(argv[i] as string) ? 1 : 0);
}

// ---- SPOP / SRANDMEMBER --------------------------------------------------------------------

/**
 * SPOP with a count: below this ratio of remaining to popped members Redis builds a new set
 * from the survivors instead of popping one by one (SPOP_MOVE_STRATEGY_MUL), which also gives
 * the survivors a fresh encoding (an intset again when they are all integers).
 */
const SPOP_MOVE_STRATEGY_MUL = 5;

function spopCommand(c: Client): void {
  const argv = c.argv;
  if (argv.length === 3) return spopWithCount(c);
  if (argv.length > 3) return c.reply.error(SYNTAX_ERR);
  const e = c.engine;
  const db = c.db;
  const key = argv[1] as string;
  const v = lookupWrite(c, key);
  if (v === undefined) return c.reply.nullBulk();
  if (!(v instanceof SetValue)) return c.reply.error(WRONGTYPE);
  const member = v.popRandom(randomBelow(c));
  e.notify('s', 'spop', key, db.id);
  c.rewriteArgv(['SREM', key, member]);
  c.reply.bulk(member);
  if (v.size === 0) deleteEmptied(c, key);
  e.signalModifiedKey(db, key);
  e.dirty++;
}

function spopWithCount(c: Client): void {
  const e = c.engine;
  const db = c.db;
  const key = c.argv[1] as string;
  const parsed = parseLong(c.argv[2] as string);
  if (parsed === null || parsed < 0) return c.reply.error(POP_COUNT_NOT_POSITIVE);
  const count = saturate(parsed);
  const v = lookupWrite(c, key);
  if (v === undefined) return c.reply.setLen(0);
  if (!(v instanceof SetValue)) return c.reply.error(WRONGTYPE);
  if (count === 0) return c.reply.setLen(0);
  const size = v.size;
  e.notify('s', 'spop', key, db.id);
  e.dirty += count >= size ? size : count;

  if (count >= size) {
    // The whole set, replied as SUNION of the one key would (a temporary set: sorted when it
    // is all integers), then the key goes; propagated as DEL.
    const all = SetValue.from(v.values(), maxIntset(c));
    replyMembers(c, all, all.size);
    deleteEmptied(c, key);
    c.rewriteArgv(['DEL', key]);
    e.signalModifiedKey(db, key);
    return;
  }

  const below = randomBelow(c);
  const remaining = size - count;
  const popped: string[] = [];
  c.reply.setLen(count);
  if (remaining * SPOP_MOVE_STRATEGY_MUL > count) {
    for (let i = 0; i < count; i++) {
      const m = v.popRandom(below);
      popped.push(m);
      c.reply.bulk(m);
    }
  } else {
    // Pick the survivors at random; what is left of the old set is the reply, in its order.
    const kept: string[] = [];
    for (let i = 0; i < remaining; i++) kept.push(v.popRandom(below));
    for (const m of v) {
      popped.push(m);
      c.reply.bulk(m);
    }
    db.replace(key, SetValue.from(kept, maxIntset(c)));
  }
  // As Redis 7.0: one SREM per member, wrapped in MULTI/EXEC when there are several.
  for (const m of popped) e.alsoPropagate(db.id, ['SREM', key, m]);
  c.preventPropagation();
  e.signalModifiedKey(db, key);
}

/**
 * SRANDMEMBER with a count: below this ratio of set size to requested members Redis picks by
 * removing from a copy (SRANDMEMBER_SUB_STRATEGY_MUL); either way a uniform sample.
 */
function srandmemberCommand(c: Client): void {
  const argv = c.argv;
  if (argv.length === 3) return srandmemberWithCount(c);
  if (argv.length > 3) return c.reply.error(SYNTAX_ERR);
  const set = lookupRead(c, argv[1] as string);
  if (set === undefined) return c.reply.nullBulk();
  if (!(set instanceof SetValue)) return c.reply.error(WRONGTYPE);
  c.reply.bulk(set.random(randomBelow(c)));
}

function srandmemberWithCount(c: Client): void {
  const parsed = parseLong(c.argv[2] as string);
  if (parsed === null) return c.reply.error(NOT_INTEGER);
  if (parsed === INT64_MIN) return c.reply.error(VALUE_OUT_OF_RANGE_LONG);
  const uniq = parsed >= 0;
  const count = Math.abs(saturate(parsed));
  const set = lookupRead(c, c.argv[1] as string);
  if (set === undefined) return c.reply.arrayLen(0);
  if (!(set instanceof SetValue)) return c.reply.error(WRONGTYPE);
  if (count === 0) return c.reply.arrayLen(0);
  const below = randomBelow(c);
  if (!uniq || count === 1) {
    // Independent draws (repeats allowed), in draw order.
    c.reply.arrayLen(count);
    for (let i = 0; i < count; i++) c.reply.bulk(set.random(below));
    return;
  }
  const size = set.size;
  if (count >= size) {
    c.reply.arrayLen(size);
    for (const m of set) c.reply.bulk(m);
    return;
  }
  const sample = set.sampleDistinct(count, below);
  c.reply.arrayLen(count);
  for (const m of sample) c.reply.bulk(m);
}

// ---- SINTER / SMEMBERS / SINTERCARD / SINTERSTORE ------------------------------------------

const enum InterMode {
  Reply,
  Cardinality,
  Store,
}

/**
 * sinterGenericCommand: the members of the smallest set found in every other set. Replies
 * them (a set, in the smallest set's order), their count (SINTERCARD, stopping at `limit` when
 * it is not 0), or stores them in `dst`.
 */
function sinterGeneric(c: Client, keys: readonly string[], mode: InterMode, dst = '', limit = 0): void {
  const found = lookupSets(c, keys);
  if (found === undefined) return;
  if (found.includes(null)) {
    // An intersection with an empty set is empty.
    if (mode === InterMode.Store) storeResult(c, dst, new SetValue(), 'sinterstore');
    else if (mode === InterMode.Cardinality) c.reply.integer(0);
    else c.reply.setLen(0);
    return;
  }
  const sets = (found as SetValue[]).slice().sort((a, b) => a.size - b.size);
  const first = sets[0] as SetValue;
  const out: string[] = [];
  let card = 0;
  for (const m of first) {
    let inAll = true;
    for (let j = 1; j < sets.length; j++) {
      const s = sets[j] as SetValue;
      if (s === first) continue;
      if (!s.has(m)) {
        inAll = false;
        break;
      }
    }
    if (!inAll) continue;
    if (mode === InterMode.Cardinality) {
      card++;
      if (limit !== 0 && card >= limit) break;
    } else {
      out.push(m);
    }
  }
  if (mode === InterMode.Cardinality) c.reply.integer(card);
  else if (mode === InterMode.Store) storeResult(c, dst, SetValue.from(out, maxIntset(c)), 'sinterstore');
  else replyMembers(c, out, out.length);
}

function sinterCommand(c: Client): void {
  sinterGeneric(c, c.argv.slice(1), InterMode.Reply);
}

function sinterstoreCommand(c: Client): void {
  sinterGeneric(c, c.argv.slice(2), InterMode.Store, c.argv[1] as string);
}

function sintercardCommand(c: Client): void {
  const argv = c.argv;
  const n = parseLong(argv[1] as string);
  if (n === null || n < 1) return c.reply.error(NUMKEYS_NOT_POSITIVE);
  if (n > argv.length - 2) return c.reply.error(NUMKEYS_EXCEEDS_ARGS);
  const numkeys = n as number; // bounded by argv.length here
  let limit = 0;
  for (let j = 2 + numkeys; j < argv.length; j++) {
    const opt = argv[j] as string;
    if (opt.length === 5 && opt.toLowerCase() === 'limit' && j + 1 < argv.length) {
      j++;
      const l = parseLong(argv[j] as string);
      if (l === null || l < 0) return c.reply.error(LIMIT_NEGATIVE);
      limit = saturate(l);
    } else {
      return c.reply.error(SYNTAX_ERR);
    }
  }
  sinterGeneric(c, argv.slice(2, 2 + numkeys), InterMode.Cardinality, '', limit);
}

/** SINTERCARD's keys for COMMAND GETKEYS and ACLs: numkeys keys after argv[1] (none if invalid). */
function sintercardKeys(argv: readonly string[]): number[] {
  const n = argv[1] === undefined ? null : parseLong(argv[1]);
  if (n === null || typeof n === 'bigint' || n < 1 || n > argv.length - 2) return [];
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(2 + i);
  return out;
}

// ---- SUNION / SDIFF and their STORE forms --------------------------------------------------

/**
 * sunionDiffGenericCommand: the union, or the members of the first set found in none of the
 * others, built as a fresh set (an intset while all members are integers and few enough, so
 * replies come sorted then) and replied or stored in `dst`.
 */
function sunionDiffGeneric(c: Client, keys: readonly string[], diff: boolean, dst: string | null): void {
  const sets = lookupSets(c, keys);
  if (sets === undefined) return;
  const members: string[] = [];
  if (!diff) {
    for (const s of sets) if (s !== null) for (const m of s) members.push(m);
  } else {
    const first = sets[0];
    if (first !== null && first !== undefined) {
      for (const m of first) {
        let elsewhere = false;
        for (let j = 1; j < sets.length; j++) {
          const s = sets[j];
          if (s !== null && s !== undefined && s.has(m)) {
            elsewhere = true;
            break;
          }
        }
        if (!elsewhere) members.push(m);
      }
    }
  }
  const result = SetValue.from(members, maxIntset(c));
  if (dst === null) replyMembers(c, result, result.size);
  else storeResult(c, dst, result, diff ? 'sdiffstore' : 'sunionstore');
}

// ---- SSCAN ---------------------------------------------------------------------------------

function sscanCommand(c: Client): void {
  const argv = c.argv;
  const cursor = parseScanCursor(argv[2] as string);
  if (cursor === null) return c.reply.error(INVALID_CURSOR);
  const v = lookupRead(c, argv[1] as string);
  if (v === undefined) {
    c.reply.arrayLen(2);
    c.reply.bulk('0');
    c.reply.arrayLen(0);
    return;
  }
  if (!(v instanceof SetValue)) return c.reply.error(WRONGTYPE);
  const opts = readScanOptions(c, argv, 3);
  if (opts === null) return;
  const { count, match } = opts;
  const out: string[] = [];
  const map = v.scanSource();
  let next = 0;
  if (map === null) {
    // An intset answers in one go, whatever the cursor and COUNT.
    for (const m of v) if (match === null || match(m)) out.push(m);
  } else {
    const batch = scanCursorsOf(c.engine).next(map, () => map.keys(), map.size, cursor, count);
    next = batch.cursor;
    for (const m of batch.items) {
      if (!map.has(m)) continue; // read ahead by the previous call and removed since
      if (match === null || match(m)) out.push(m);
    }
  }
  c.reply.arrayLen(2);
  c.reply.bulk(String(next));
  c.reply.bulkArray(out);
}

// ---- the table (metadata as COMMAND INFO of redis-server 7.0.15) ---------------------------

const WRITE_FAST = ['write', 'set', 'fast'];
const WRITE_SLOW = ['write', 'set', 'slow'];
const READ_FAST = ['read', 'set', 'fast'];
const READ_SLOW = ['read', 'set', 'slow'];

export const SET_COMMANDS: CommandSpec[] = [
  cmd('sadd', -3, ['write', 'denyoom', 'fast'], [1, 1, 1], WRITE_FAST, 'set', saddCommand),
  cmd('srem', -3, ['write', 'fast'], [1, 1, 1], WRITE_FAST, 'set', sremCommand),
  cmd('smove', 4, ['write', 'fast'], [1, 2, 1], WRITE_FAST, 'set', smoveCommand),
  cmd('sismember', 3, ['readonly', 'fast'], [1, 1, 1], READ_FAST, 'set', sismemberCommand),
  cmd('smismember', -3, ['readonly', 'fast'], [1, 1, 1], READ_FAST, 'set', smismemberCommand),
  cmd('scard', 2, ['readonly', 'fast'], [1, 1, 1], READ_FAST, 'set', scardCommand),
  cmd('spop', -2, ['write', 'fast'], [1, 1, 1], WRITE_FAST, 'set', spopCommand),
  cmd('srandmember', -2, ['readonly'], [1, 1, 1], READ_SLOW, 'set', srandmemberCommand),
  cmd('smembers', 2, ['readonly'], [1, 1, 1], READ_SLOW, 'set', sinterCommand),
  cmd('sinter', -2, ['readonly'], [1, -1, 1], READ_SLOW, 'set', sinterCommand),
  cmd('sintercard', -3, ['readonly', 'movablekeys'], [0, 0, 0], READ_SLOW, 'set', sintercardCommand, {
    getKeys: sintercardKeys,
  }),
  cmd('sinterstore', -3, ['write', 'denyoom'], [1, -1, 1], WRITE_SLOW, 'set', sinterstoreCommand),
  cmd('sunion', -2, ['readonly'], [1, -1, 1], READ_SLOW, 'set', (c) => sunionDiffGeneric(c, c.argv.slice(1), false, null)),
  cmd('sunionstore', -3, ['write', 'denyoom'], [1, -1, 1], WRITE_SLOW, 'set', (c) =>
    sunionDiffGeneric(c, c.argv.slice(2), false, c.argv[1] as string),
  ),
  cmd('sdiff', -2, ['readonly'], [1, -1, 1], READ_SLOW, 'set', (c) => sunionDiffGeneric(c, c.argv.slice(1), true, null)),
  cmd('sdiffstore', -3, ['write', 'denyoom'], [1, -1, 1], WRITE_SLOW, 'set', (c) =>
    sunionDiffGeneric(c, c.argv.slice(2), true, c.argv[1] as string),
  ),
  cmd('sscan', -3, ['readonly'], [1, 1, 1], READ_SLOW, 'set', sscanCommand),
];
