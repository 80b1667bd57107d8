// Hash commands: HSET/HMSET, HSETNX, HGET, HMGET, HDEL, HLEN, HSTRLEN, HEXISTS, HKEYS, HVALS,
// HGETALL, HINCRBY, HINCRBYFLOAT, HRANDFIELD and HSCAN, as t_hash.c in Redis 7.0.15: the same
// argument checks and their order, listpack -> hashtable conversions at the same points,
// keyspace events, dirty counts, and HINCRBYFLOAT propagated as HSET with the final value.
import { cmd, type CommandSpec } from './spec.js';
import type { Client } from '../engine/client.js';
import {
  HASH_VALUE_NOT_FLOAT,
  HASH_VALUE_NOT_INTEGER,
  INVALID_CURSOR,
  NAN_OR_INF_INCR,
  NOT_FLOAT,
  NOT_INTEGER,
  OVERFLOW,
  SYNTAX_ERR,
  VALUE_NAN_OR_INFINITY,
  VALUE_OUT_OF_RANGE,
  VALUE_OUT_OF_RANGE_LONG,
  WRONGTYPE,
  wrongArity,
} from '../engine/errors.js';
import { HashValue, hashSet, hashTryConversion } from '../store/types/hash.js';
import { lookupRead, lookupWrite, readScanOptions } from './args.js';
import { INT64_MAX, INT64_MIN, parseLong } from '../util/numbers.js';
import { ldAdd, ldFormatHuman, ldFromInt, ldIsFinite, ldParse, type LongDouble } from '../util/longdouble.js';
import { parseScanCursor, scanCursorsOf } from '../store/scan.js';

// ---- shared helpers ------------------------------------------------------------------------

/** The hash at `key` for reading: undefined when missing, null after replying WRONGTYPE. */
function readHash(c: Client, key: string): HashValue | undefined | null {
  const o = lookupRead(c, key);
  if (o === undefined) return undefined;
  if (!(o instanceof HashValue)) {
    c.reply.error(WRONGTYPE);
    return null;
  }
  return o;
}

/** The hash at `key` for writing: undefined when missing, null after replying WRONGTYPE. */
function writeHash(c: Client, key: string): HashValue | undefined | null {
  const o = lookupWrite(c, key);
  if (o === undefined) return undefined;
  if (!(o instanceof HashValue)) {
    c.reply.error(WRONGTYPE);
    return null;
  }
  return o;
}

function maxEntries(c: Client): number {
  return c.engine.config.getNumber('hash-max-listpack-entries');
}

function maxValue(c: Client): number {
  return c.engine.config.getNumber('hash-max-listpack-value');
}

/** Stores a hash created by this command (Redis adds it to the db before filling it). */
function addNew(c: Client, key: string, h: HashValue): void {
  c.db.set(key, h, c.engine.now);
}

/** WATCH, keyspace event and dirty count after a write, as most hash writes do. */
function modified(c: Client, key: string, event: string, dirty: number): void {
  const e = c.engine;
  e.signalModifiedKey(c.db, key);
  e.notify('h', event, key, c.db.id);
  e.dirty += dirty;
}

// ---- HSET / HMSET / HSETNX -----------------------------------------------------------------

/** HSET key field value [field value ...] (replies fields created) and HMSET (replies OK). */
function hsetCommand(c: Client): void {
  const argv = c.argv;
  if (argv.length % 2 === 1) return c.reply.error(wrongArity(c.cmd?.fullName ?? 'hset'));
  const key = argv[1] as string;
  let h = writeHash(c, key);
  if (h === null) return;
  const isNew = h === undefined;
  if (h === undefined) h = new HashValue();
  const me = maxEntries(c);
  const mv = maxValue(c);
  hashTryConversion(h, argv, 2, argv.length - 1, mv);
  let created = 0;
  for (let i = 2; i < argv.length; i += 2) {
    if (hashSet(h, argv[i] as string, argv[i + 1] as string, me, mv)) created++;
  }
  if (isNew) addNew(c, key, h);
  const name = argv[0] as string;
  const ch = name.charCodeAt(1);
  if (ch === 115 /* s */ || ch === 83 /* S */) c.reply.integer(created);
  else c.reply.ok();
  modified(c, key, 'hset', (argv.length - 2) / 2);
}

function hsetnxCommand(c: Client): void {
  const argv = c.argv;
  const key = argv[1] as string;
  const field = argv[2] as string;
  let h = writeHash(c, key);
  if (h === null) return;
  if (h !== undefined && h.has(field)) return c.reply.integer(0);
  const isNew = h === undefined;
  if (h === undefined) h = new HashValue();
  const mv = maxValue(c);
  hashTryConversion(h, argv, 2, 3, mv);
  hashSet(h, field, argv[3] as string, maxEntries(c), mv);
  if (isNew) addNew(c, key, h);
  c.reply.integer(1);
  modified(c, key, 'hset', 1);
}

// ---- reads ---------------------------------------------------------------------------------

function hgetCommand(c: Client): void {
  const h = readHash(c, c.argv[1] as string);
  if (h === null) return;
  const v = h === undefined ? undefined : h.get(c.argv[2] as string);
  if (v === undefined) c.reply.nullBulk();
  else c.reply.bulk(v);
}

function hmgetCommand(c: Client): void {
  const argv = c.argv;
  const h = readHash(c, argv[1] as string);
  if (h === null) return;
  c.reply.arrayLen(argv.length - 2);
  for (let i = 2; i < argv.length; i++) {
    const v = h === undefined ? undefined : h.get(argv[i] as string);
    if (v === undefined) c.reply.nullBulk();
    else c.reply.bulk(v);
  }
}

function hlenCommand(c: Client): void {
  const h = readHash(c, c.argv[1] as string);
  if (h === null) return;
  c.reply.integer(h === undefined ? 0 : h.size);
}

function hstrlenCommand(c: Client): void {
  const h = readHash(c, c.argv[1] as string);
  if (h === null) return;
  const v = h === undefined ? undefined : h.get(c.argv[2] as string);
  c.reply.integer(v === undefined ? 0 : v.length);
}

function hexistsCommand(c: Client): void {
  const h = readHash(c, c.argv[1] as string);
  if (h === null) return;
  c.reply.integer(h !== undefined && h.has(c.argv[2] as string) ? 1 : 0);
}

const WANT_FIELDS = 1;
const WANT_VALUES = 2;

/** genericHgetallCommand: HKEYS, HVALS (arrays) and HGETALL (a map). */
function hgetallGeneric(c: Client, want: number): void {
  const both = want === (WANT_FIELDS | WANT_VALUES);
  const h = readHash(c, c.argv[1] as string);
  if (h === null) return;
  const r = c.reply;
  const n = h === undefined ? 0 : h.size;
  if (both) r.mapLen(n);
  else r.arrayLen(n);
  if (h === undefined) return;
  h.forEach((f, v) => {
    if (want & WANT_FIELDS) r.bulk(f);
    if (want & WANT_VALUES) r.bulk(v);
  });
}

function hkeysCommand(c: Client): void {
  hgetallGeneric(c, WANT_FIELDS);
}

function hvalsCommand(c: Client): void {
  hgetallGeneric(c, WANT_VALUES);
}

function hgetallCommand(c: Client): void {
  hgetallGeneric(c, WANT_FIELDS | WANT_VALUES);
}

// ---- HDEL ----------------------------------------------------------------------------------

function hdelCommand(c: Client): void {
  const argv = c.argv;
  const key = argv[1] as string;
  const h = writeHash(c, key);
  if (h === null) return;
  if (h === undefined) return c.reply.integer(0);
  let deleted = 0;
  let keyRemoved = false;
  for (let i = 2; i < argv.length; i++) {
    if (h.delete(argv[i] as string)) {
      deleted++;
      if (h.size === 0) {
        c.db.remove(key);
        keyRemoved = true;
        break;
      }
    }
  }
  if (deleted > 0) {
    modified(c, key, 'hdel', deleted);
    if (keyRemoved) c.engine.notify('g', 'del', key, c.db.id);
  }
  c.reply.integer(deleted);
}

// ---- HINCRBY / HINCRBYFLOAT ----------------------------------------------------------------

function hincrbyCommand(c: Client): void {
  const argv = c.argv;
  const key = argv[1] as string;
  const field = argv[2] as string;
  const incrArg = parseLong(argv[3] as string);
  if (incrArg === null) return c.reply.error(NOT_INTEGER);
  let h = writeHash(c, key);
  if (h === null) return;
  let old: bigint | number = 0;
  const cur = h === undefined ? undefined : h.get(field);
  if (cur !== undefined) {
    const v = parseLong(cur);
    if (v === null) return c.reply.error(HASH_VALUE_NOT_INTEGER);
    old = v;
  }
  let result: number | bigint;
  if (typeof old === 'number' && typeof incrArg === 'number' && Number.isSafeInteger(old + incrArg)) {
    result = old + incrArg;
  } else {
    const sum = BigInt(old) + BigInt(incrArg);
    if (sum > INT64_MAX || sum < INT64_MIN) return c.reply.error(OVERFLOW);
    result = sum;
  }
  const s = String(result);
  const isNew = h === undefined;
  if (h === undefined) h = new HashValue();
  hashSet(h, field, s, maxEntries(c), maxValue(c));
  if (isNew) addNew(c, key, h);
  c.reply.integer(result);
  modified(c, key, 'hincrby', 1);
}

function hincrbyfloatCommand(c: Client): void {
  const argv = c.argv;
  const key = argv[1] as string;
  const field = argv[2] as string;
  const incr = ldParse(argv[3] as string);
  if (incr === null) return c.reply.error(NOT_FLOAT);
  if (!ldIsFinite(incr)) return c.reply.error(VALUE_NAN_OR_INFINITY);
  let h = writeHash(c, key);
  if (h === null) return;
  let value: LongDouble = ldFromInt(0);
  const cur = h === undefined ? undefined : h.get(field);
  if (cur !== undefined) {
    const v = ldParse(cur);
    if (v === null) return c.reply.error(HASH_VALUE_NOT_FLOAT);
    value = v;
  }
  const sum = ldAdd(value, incr);
  if (!ldIsFinite(sum)) return c.reply.error(NAN_OR_INF_INCR);
  const s = ldFormatHuman(sum);
  const isNew = h === undefined;
  if (h === undefined) h = new HashValue();
  hashSet(h, field, s, maxEntries(c), maxValue(c));
  if (isNew) addNew(c, key, h);
  c.reply.bulk(s);
  modified(c, key, 'hincrbyfloat', 1);
  // Always propagated as HSET with the final value (float formatting may differ elsewhere).
  c.rewriteArgv(['HSET', key, field, s]);
}

// ---- HRANDFIELD ----------------------------------------------------------------------------

const LONG_MAX = 9223372036854775807n;
const HALF_LONG_MAX = LONG_MAX / 2n;

/** HRANDFIELD key [count [WITHVALUES]]. */
function hrandfieldCommand(c: Client): void {
  const argv = c.argv;
  if (argv.length >= 3) {
    const l = parseLong(argv[2] as string);
    if (l === null) return c.reply.error(NOT_INTEGER);
    if (typeof l === 'bigint' && (l < -LONG_MAX || l > LONG_MAX)) {
      return c.reply.error(VALUE_OUT_OF_RANGE_LONG);
    }
    let withValues = false;
    if (argv.length > 4 || (argv.length === 4 && (argv[3] as string).toLowerCase() !== 'withvalues')) {
      return c.reply.error(SYNTAX_ERR);
    } else if (argv.length === 4) {
      withValues = true;
      const b = BigInt(l);
      if (b < -HALF_LONG_MAX || b > HALF_LONG_MAX) return c.reply.error(VALUE_OUT_OF_RANGE);
    }
    return hrandfieldWithCount(c, l, withValues);
  }
  const h = readHash(c, argv[1] as string);
  if (h === null) return;
  if (h === undefined) return c.reply.nullBulk();
  c.reply.bulk(h.fieldAt(c.engine.rng.below(h.size)));
}

function hrandfieldWithCount(c: Client, l: number | bigint, withValues: boolean): void {
  const h = readHash(c, c.argv[1] as string);
  if (h === null) return;
  const r = c.reply;
  if (h === undefined) return r.arrayLen(0);
  const resp3 = c.resp === 3;
  const size = h.size;
  const emit = (f: string): void => {
    if (withValues && resp3) r.arrayLen(2);
    r.bulk(f);
    if (withValues) r.bulk(h.get(f) as string);
  };
  const uniq = l >= 0;
  // A count beyond 2^53 cannot be served anyway (Redis would try to reply that many elements).
  let count = typeof l === 'bigint' ? Number.MAX_SAFE_INTEGER : Math.abs(l);
  if (count === 0) return r.arrayLen(0);
  const rng = c.engine.rng;

  // Negative count (or 1): independent draws, repeats allowed, random order.
  if (!uniq || count === 1) {
    r.arrayLen(withValues && !resp3 ? count * 2 : count);
    while (count-- > 0) emit(h.fieldAt(rng.below(size)));
    return;
  }

  const n = count < size ? count : size;
  r.arrayLen(withValues && !resp3 ? n * 2 : n);
  // The whole hash when asked for as many fields or more, in its own order.
  if (count >= size) {
    h.forEach((f) => emit(f));
    return;
  }
  // Distinct random positions (partial Fisher-Yates), replied in the hash's order.
  const idx = new Array<number>(size);
  for (let i = 0; i < size; i++) idx[i] = i;
  for (let i = 0; i < n; i++) {
    const j = i + rng.below(size - i);
    const t = idx[i] as number;
    idx[i] = idx[j] as number;
    idx[j] = t;
  }
  const picked = idx.slice(0, n).sort((a, b) => a - b);
  for (const p of picked) emit(h.fieldAt(p));
}

// ---- HSCAN ---------------------------------------------------------------------------------

/** HSCAN key cursor [MATCH pattern] [COUNT count]. */
function hscanCommand(c: Client): void {
  const argv = c.argv;
  const cursor = parseScanCursor(argv[2] as string);
  if (cursor === null) return c.reply.error(INVALID_CURSOR);
  const h = readHash(c, argv[1] as string);
  if (h === null) return;
  const r = c.reply;
  if (h === undefined) {
    r.arrayLen(2);
    r.bulk('0');
    r.arrayLen(0);
    return;
  }
  const opts = readScanOptions(c, argv, 3);
  if (opts === null) return;
  const { count, match } = opts;
  const out: string[] = [];
  let next = 0;
  const table = h.table();
  if (table === null) {
    // listpack: everything in one reply, cursor 0, whatever the cursor and COUNT.
    h.forEach((f, v) => {
      if (match === null || match(f)) out.push(f, v);
    });
  } else {
    const batch = scanCursorsOf(c.engine).next(table, () => table.keys(), table.size, cursor, count);
    next = batch.cursor;
    for (const f of batch.items) {
      const v = table.get(f);
      if (v === undefined) continue; // read ahead last call and deleted since
      if (match !== null && !match(f)) continue;
      out.push(f, v);
    }
  }
  r.arrayLen(2);
  r.bulk(String(next));
  r.bulkArray(out);
}

// ---- table ---------------------------------------------------------------------------------

const W_HASH_FAST = ['write', 'hash', 'fast'];
const R_HASH_FAST = ['read', 'hash', 'fast'];
const R_HASH_SLOW = ['read', 'hash', 'slow'];

export const HASH_COMMANDS: CommandSpec[] = [
  cmd('hset', -4, ['write', 'denyoom', 'fast'], [1, 1, 1], W_HASH_FAST, 'hash', hsetCommand),
  cmd('hsetnx', 4, ['write', 'denyoom', 'fast'], [1, 1, 1], W_HASH_FAST, 'hash', hsetnxCommand),
  cmd('hget', 3, ['readonly', 'fast'], [1, 1, 1], R_HASH_FAST, 'hash', hgetCommand),
  cmd('hmset', -4, ['write', 'denyoom', 'fast'], [1, 1, 1], W_HASH_FAST, 'hash', hsetCommand),
  cmd('hmget', -3, ['readonly', 'fast'], [1, 1, 1], R_HASH_FAST, 'hash', hmgetCommand),
  cmd('hdel', -3, ['write', 'fast'], [1, 1, 1], W_HASH_FAST, 'hash', hdelCommand),
  cmd('hlen', 2, ['readonly', 'fast'], [1, 1, 1], R_HASH_FAST, 'hash', hlenCommand),
  cmd('hstrlen', 3, ['readonly', 'fast'], [1, 1, 1], R_HASH_FAST, 'hash', hstrlenCommand),
  cmd('hexists', 3, ['readonly', 'fast'], [1, 1, 1], R_HASH_FAST, 'hash', hexistsCommand),
  cmd('hkeys', 2, ['readonly'], [1, 1, 1], R_HASH_SLOW, 'hash', hkeysCommand),
  cmd('hvals', 2, ['readonly'], [1, 1, 1], R_HASH_SLOW, 'hash', hvalsCommand),
  cmd('hgetall', 2, ['readonly'], [1, 1, 1], R_HASH_SLOW, 'hash', hgetallCommand),
  cmd('hincrby', 4, ['write', 'denyoom', 'fast'], [1, 1, 1], W_HASH_FAST, 'hash', hincrbyCommand),
  cmd('hincrbyfloat', 4, ['write', 'denyoom', 'fast'], [1, 1, 1], W_HASH_FAST, 'hash', hincrbyfloatCommand),
  cmd('hrandfield', -2, ['readonly'], [1, 1, 1], R_HASH_SLOW, 'hash', hrandfieldCommand),
  cmd('hscan', -3, ['readonly'], [1, 1, 1], R_HASH_SLOW, 'hash', hscanCommand),
];
