// Generic keyspace commands (DEL, UNLINK, EXISTS, TYPE, RENAME, RENAMENX, KEYS, SCAN, RANDOMKEY,
// TOUCH, COPY, MOVE, OBJECT, the EXPIRE family, TTL family, PERSIST) and database commands
// (SWAPDB, DBSIZE, FLUSHDB, FLUSHALL), with Redis 7.0.15's replies, errors, keyspace events,
// dirty counting and deterministic propagation (EXPIRE -> PEXPIREAT, past expiry -> DEL).
import { cmd, type CommandSpec } from './spec.js';
import type { Client } from '../engine/client.js';
import type { Engine } from '../engine/engine.js';
import {
  DB_INDEX_OUT_OF_RANGE,
  EXPIRE_GT_LT_CONFLICT,
  EXPIRE_NX_CONFLICT,
  INT_OUT_OF_RANGE,
  INVALID_CURSOR,
  INVALID_FIRST_DB_INDEX,
  INVALID_SECOND_DB_INDEX,
  LFU_NOT_SELECTED,
  LFU_SELECTED,
  NOT_INTEGER,
  NO_SUCH_KEY,
  SAME_OBJECT,
  SYNTAX_ERR,
  invalidExpire,
  unsupportedOption,
} from '../engine/errors.js';
import type { Db } from '../store/keyspace.js';
import { encodingOf, looksLikeInt64, typeName, type RValue } from '../store/types/value.js';
import { MutableString } from '../store/types/string.js';
import { compileGlob } from '../store/glob.js';
import { parseLong } from '../util/numbers.js';
import { parseScanCursor, scanCursorsOf } from '../store/scan.js';
import { lookupRead, readScanOptions } from './args.js';

const INT64_MAX = 9223372036854775807n;
const INT_MIN = -2147483648;
const INT_MAX = 2147483647;
/** Redis's OBJ_SHARED_REFCOUNT: the refcount OBJECT REFCOUNT shows for shared integers. */
const SHARED_REFCOUNT = 2147483647;
/** Redis's OBJ_SHARED_INTEGERS: integers 0..9999 are shared objects. */
const SHARED_INTEGERS = 10000;

// ---- lookups with Redis's flags --------------------------------------------------------------

/** lookupKeyWrite on any database: lazy expiry and access time, no statistics. */
function lookupForWrite(db: Db, key: string, now: number): RValue | undefined {
  return db.lookup(key, now, true);
}

/**
 * getIntFromObjectOrReply: a strict int64 that must also fit a C int. With `msg`, every failure
 * answers `msg`; without, Redis's generic integer / int-range errors. Returns null after replying.
 */
function readInt(c: Client, s: string, msg?: string): number | null {
  const v = parseLong(s);
  if (v === null) {
    c.reply.error(msg ?? NOT_INTEGER);
    return null;
  }
  if (typeof v === 'bigint' || v < INT_MIN || v > INT_MAX) {
    c.reply.error(msg ?? INT_OUT_OF_RANGE);
    return null;
  }
  return v;
}

function isLfuPolicy(e: Engine): boolean {
  return e.config.get('maxmemory-policy').endsWith('-lfu');
}

/**
 * Keeps each database's access tracking in step with maxmemory-policy, lfu-log-factor and
 * lfu-decay-time (LRU times, or LFU counters under an LFU policy, as Redis's shared lru field).
 * The engine calls this once after creating its databases.
 */
export function bindEvictionPolicy(engine: Engine): void {
  const apply = (): void => {
    const params = isLfuPolicy(engine)
      ? {
          logFactor: engine.config.getNumber('lfu-log-factor'),
          decayTime: engine.config.getNumber('lfu-decay-time'),
          random: () => engine.rng.next(),
        }
      : null;
    for (const db of engine.dbs) db.lfu = params;
  };
  apply();
  engine.config.onChange((name) => {
    if (name === 'maxmemory-policy' || name === 'lfu-log-factor' || name === 'lfu-decay-time') apply();
  });
}

/**
 * Redis's dbAdd wakes clients blocked on the key when the new value is of a type they can be
 * waiting for (list, sorted set, stream); a string or hash arriving leaves them blocked.
 */
function signalIfBlockable(e: Engine, db: Db, key: string, value: RValue): void {
  const t = typeof value === 'string' ? 'string' : value.type;
  if (t === 'list' || t === 'zset' || t === 'stream') e.signalKeyAsReady(db, key);
}

/** A copy of a value for COPY (Redis's dup*: strings keep their encoding). */
function duplicateValue(v: RValue): RValue {
  if (typeof v === 'string') return v;
  if (v instanceof MutableString) return new MutableString(v.buf.subarray(0, v.len));
  return v.dup();
}

// ---- DEL / UNLINK / EXISTS / TYPE / TOUCH ----------------------------------------------------

function delGeneric(c: Client): void {
  const e = c.engine;
  const db = c.db;
  const argv = c.argv;
  let deleted = 0;
  for (let i = 1; i < argv.length; i++) {
    const key = argv[i] as string;
    db.expireIfNeeded(key, e.now);
    if (db.remove(key)) {
      e.signalModifiedKey(db, key);
      e.notify('g', 'del', key, db.id);
      e.dirty++;
      deleted++;
    }
  }
  c.reply.integer(deleted);
}

function existsCommand(c: Client): void {
  let n = 0;
  for (let i = 1; i < c.argv.length; i++) {
    if (lookupRead(c, c.argv[i] as string, false) !== undefined) n++;
  }
  c.reply.integer(n);
}

function typeCommand(c: Client): void {
  const v = lookupRead(c, c.argv[1] as string, false);
  c.reply.simple(v === undefined ? 'none' : typeName(v));
}

function touchCommand(c: Client): void {
  let n = 0;
  for (let i = 1; i < c.argv.length; i++) {
    if (lookupRead(c, c.argv[i] as string, true) !== undefined) n++;
  }
  c.reply.integer(n);
}

// ---- RENAME / RENAMENX / MOVE / COPY / SWAPDB ------------------------------------------------

function renameGeneric(c: Client, nx: boolean): void {
  const e = c.engine;
  const db = c.db;
  const src = c.argv[1] as string;
  const dst = c.argv[2] as string;
  const value = lookupForWrite(db, src, e.now);
  if (value === undefined) return c.reply.error(NO_SUCH_KEY);
  if (src === dst) return nx ? c.reply.integer(0) : c.reply.ok();
  const expire = db.getExpireExact(src);
  const access = db.getAccess(src);
  if (lookupForWrite(db, dst, e.now) !== undefined) {
    if (nx) return c.reply.integer(0);
    db.remove(dst);
  }
  db.set(dst, value, e.now);
  signalIfBlockable(e, db, dst, value);
  if (access !== undefined) db.setAccess(dst, access); // the same object moves: same LRU/LFU data
  if (expire !== undefined) db.setExpire(dst, expire);
  db.remove(src);
  e.signalModifiedKey(db, src);
  e.signalModifiedKey(db, dst);
  e.notify('g', 'rename_from', src, db.id);
  e.notify('g', 'rename_to', dst, db.id);
  e.dirty++;
  if (nx) c.reply.integer(1);
  else c.reply.ok();
}

function moveCommand(c: Client): void {
  const e = c.engine;
  const src = c.db;
  const key = c.argv[1] as string;
  const id = readInt(c, c.argv[2] as string);
  if (id === null) return;
  const dst = e.dbs[id];
  if (id < 0 || dst === undefined) return c.reply.error(DB_INDEX_OUT_OF_RANGE);
  if (dst === src) return c.reply.error(SAME_OBJECT);
  const value = lookupForWrite(src, key, e.now);
  if (value === undefined) return c.reply.integer(0);
  const expire = src.getExpireExact(key);
  const access = src.getAccess(key);
  if (lookupForWrite(dst, key, e.now) !== undefined) return c.reply.integer(0);
  dst.set(key, value, e.now);
  signalIfBlockable(e, dst, key, value);
  if (access !== undefined) dst.setAccess(key, access);
  if (expire !== undefined) dst.setExpire(key, expire);
  src.remove(key);
  e.signalModifiedKey(src, key);
  e.signalModifiedKey(dst, key);
  e.notify('g', 'move_from', key, src.id);
  e.notify('g', 'move_to', key, dst.id);
  e.dirty++;
  c.reply.integer(1);
}

function copyCommand(c: Client): void {
  const e = c.engine;
  const argv = c.argv;
  const src = c.db;
  let dst = c.db;
  let replace = false;
  for (let j = 3; j < argv.length; j++) {
    const opt = (argv[j] as string).toLowerCase();
    if (opt === 'replace') {
      replace = true;
    } else if (opt === 'db' && j + 1 < argv.length) {
      const id = readInt(c, argv[j + 1] as string);
      if (id === null) return;
      const db = e.dbs[id];
      if (id < 0 || db === undefined) return c.reply.error(DB_INDEX_OUT_OF_RANGE);
      dst = db;
      j++;
    } else {
      return c.reply.error(SYNTAX_ERR);
    }
  }
  const key = argv[1] as string;
  const newKey = argv[2] as string;
  if (src === dst && key === newKey) return c.reply.error(SAME_OBJECT);
  const value = lookupRead(c, key, true);
  if (value === undefined) return c.reply.integer(0);
  const expire = src.getExpireExact(key);
  const exists = lookupForWrite(dst, newKey, e.now) !== undefined;
  if (exists && !replace) return c.reply.integer(0);
  const copy = duplicateValue(value);
  if (exists) dst.remove(newKey);
  dst.set(newKey, copy, e.now);
  signalIfBlockable(e, dst, newKey, copy);
  if (expire !== undefined) dst.setExpire(newKey, expire);
  e.signalModifiedKey(dst, newKey);
  e.notify('g', 'copy_to', newKey, dst.id);
  e.dirty++;
  c.reply.integer(1);
}

function swapdbCommand(c: Client): void {
  const e = c.engine;
  const id1 = readInt(c, c.argv[1] as string, INVALID_FIRST_DB_INDEX);
  if (id1 === null) return;
  const id2 = readInt(c, c.argv[2] as string, INVALID_SECOND_DB_INDEX);
  if (id2 === null) return;
  const db1 = e.dbs[id1];
  const db2 = e.dbs[id2];
  if (id1 < 0 || id2 < 0 || db1 === undefined || db2 === undefined) return c.reply.error(DB_INDEX_OUT_OF_RANGE);
  if (db1 !== db2) {
    // WATCHed keys of both databases are touched before the contents change places.
    e.signalFlushed(db1, db2);
    e.signalFlushed(db2, db1);
    db1.swapWith(db2);
  }
  e.dirty++;
  c.reply.ok();
}

// ---- DBSIZE / FLUSHDB / FLUSHALL --------------------------------------------------------------

/** FLUSHDB/FLUSHALL's optional SYNC|ASYNC (both are synchronous here); false after an error. */
function flushArgsOk(c: Client): boolean {
  if (c.argv.length === 1) return true;
  if (c.argv.length === 2) {
    const a = (c.argv[1] as string).toLowerCase();
    if (a === 'sync' || a === 'async') return true;
  }
  c.reply.error(SYNTAX_ERR);
  return false;
}

function emptyDb(e: Engine, db: Db): number {
  const removed = db.size;
  scanCursorsOf(e).forget(db.dict);
  db.clear();
  return removed;
}

function flushdbCommand(c: Client): void {
  if (!flushArgsOk(c)) return;
  const e = c.engine;
  e.signalFlushed(c.db); // before emptying, so WATCH sees the keys that existed
  e.dirty += emptyDb(e, c.db);
  c.forcePropagation = true; // propagated even when nothing was removed, as Redis does
  c.reply.ok();
}

function flushallCommand(c: Client): void {
  if (!flushArgsOk(c)) return;
  const e = c.engine;
  e.signalFlushed(null);
  let removed = 0;
  for (const db of e.dbs) removed += emptyDb(e, db);
  e.dirty += removed;
  c.forcePropagation = true;
  c.reply.ok();
}

function dbsizeCommand(c: Client): void {
  c.reply.integer(c.db.size);
}

// ---- KEYS / SCAN / RANDOMKEY -----------------------------------------------------------------

function keysCommand(c: Client): void {
  const db = c.db;
  const now = c.engine.now;
  const pattern = c.argv[1] as string;
  const all = pattern === '*';
  const match = all ? null : compileGlob(pattern);
  const out: string[] = [];
  for (const key of db.dict.keys()) {
    if ((match === null || match(key)) && !db.isExpired(key, now)) out.push(key);
  }
  c.reply.bulkArray(out);
}

function scanCommand(c: Client): void {
  const e = c.engine;
  const argv = c.argv;
  const cursor = parseScanCursor(argv[1] as string);
  if (cursor === null) return c.reply.error(INVALID_CURSOR);
  const opts = readScanOptions(c, argv, 2, true);
  if (opts === null) return;
  const { count, match, type } = opts;
  const db = c.db;
  const dict = db.dict;
  const batch = scanCursorsOf(e).next(dict, () => dict.keys(), dict.size, cursor, count);
  const out: string[] = [];
  for (const key of batch.items) {
    if (!dict.has(key)) continue; // read ahead last call and deleted since
    if (match !== null && !match(key)) continue;
    if (type !== null) {
      const v = lookupRead(c, key, false);
      if ((v === undefined ? 'none' : typeName(v)) !== type) continue;
    }
    if (db.expireIfNeeded(key, e.now)) continue;
    out.push(key);
  }
  c.reply.arrayLen(2);
  c.reply.bulk(String(batch.cursor));
  c.reply.bulkArray(out);
}

function randomkeyCommand(c: Client): void {
  const rng = c.engine.rng;
  const key = c.db.randomKey(c.engine.now, (n) => rng.below(n));
  if (key === undefined) c.reply.nullBulk();
  else c.reply.bulk(key);
}

// ---- OBJECT ----------------------------------------------------------------------------------

const OBJECT_HELP = [
  'OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  'ENCODING <key>',
  '    Return the kind of internal representation used in order to store the value',
  '    associated with a <key>.',
  'FREQ <key>',
  '    Return the access frequency index of the <key>. The returned integer is',
  '    proportional to the logarithm of the recent access frequency of the key.',
  'IDLETIME <key>',
  '    Return the idle time of the <key>, that is the approximated number of',
  '    seconds elapsed since the last access to the key.',
  'REFCOUNT <key>',
  '    Return the number of references of the value associated with the specified',
  '    <key>.',
  'HELP',
  '    Prints this help.',
];

function objectHelpCommand(c: Client): void {
  c.reply.arrayLen(OBJECT_HELP.length);
  for (const line of OBJECT_HELP) c.reply.simple(line);
}

/** OBJECT's lookup (LOOKUP_NOTOUCH|LOOKUP_NONOTIFY); replies null when the key is missing. */
function objectLookup(c: Client): RValue | undefined {
  const v = lookupRead(c, c.argv[2] as string, false, true);
  if (v === undefined) c.reply.nullBulk();
  return v;
}

function objectEncodingCommand(c: Client): void {
  const v = objectLookup(c);
  if (v !== undefined) c.reply.bulk(encodingOf(v));
}

/**
 * Strings holding 0..9999 are Redis's shared integer objects (unless maxmemory is set with an
 * LRU/LFU policy). A COPY of one is a private object in Redis; that distinction is not kept.
 */
function refcountOf(e: Engine, v: RValue): number {
  if (typeof v !== 'string' || v.length > 4 || !looksLikeInt64(v)) return 1;
  const n = Number(v);
  if (n < 0 || n >= SHARED_INTEGERS) return 1;
  const policy = e.config.get('maxmemory-policy');
  if (e.config.getNumber('maxmemory') !== 0 && (policy.endsWith('-lru') || policy.endsWith('-lfu'))) return 1;
  return SHARED_REFCOUNT;
}

function objectRefcountCommand(c: Client): void {
  const v = objectLookup(c);
  if (v !== undefined) c.reply.integer(refcountOf(c.engine, v));
}

function objectIdletimeCommand(c: Client): void {
  const v = objectLookup(c);
  if (v === undefined) return;
  if (isLfuPolicy(c.engine)) return c.reply.error(LFU_SELECTED);
  c.reply.integer(c.db.idleSeconds(c.argv[2] as string, c.engine.now));
}

function objectFreqCommand(c: Client): void {
  const v = objectLookup(c);
  if (v === undefined) return;
  const e = c.engine;
  if (!isLfuPolicy(e)) return c.reply.error(LFU_NOT_SELECTED);
  c.reply.integer(c.db.lfuCounter(c.argv[2] as string, e.now, e.config.getNumber('lfu-decay-time')));
}

// ---- EXPIRE family / TTL family / PERSIST ----------------------------------------------------

const EXPIRE_NX = 1;
const EXPIRE_XX = 2;
const EXPIRE_GT = 4;
const EXPIRE_LT = 8;

/** Largest |ms| kept on the JS-number path (adding a basetime keeps it a safe integer). */
const FAST_MS_LIMIT = 4e15;

/**
 * EXPIRE/PEXPIRE/EXPIREAT/PEXPIREAT: `basetime` is 0 for the *AT forms, the command time
 * otherwise; `seconds` says argv[2]'s unit.
 */
function expireGeneric(c: Client, relative: boolean, seconds: boolean): void {
  const e = c.engine;
  const argv = c.argv;
  let flags = 0;
  for (let j = 3; j < argv.length; j++) {
    const opt = argv[j] as string;
    const lower = opt.toLowerCase();
    if (lower === 'nx') flags |= EXPIRE_NX;
    else if (lower === 'xx') flags |= EXPIRE_XX;
    else if (lower === 'gt') flags |= EXPIRE_GT;
    else if (lower === 'lt') flags |= EXPIRE_LT;
    else return c.reply.error(unsupportedOption(opt));
  }
  if (flags & EXPIRE_NX && flags & (EXPIRE_XX | EXPIRE_GT | EXPIRE_LT)) return c.reply.error(EXPIRE_NX_CONFLICT);
  if (flags & EXPIRE_GT && flags & EXPIRE_LT) return c.reply.error(EXPIRE_GT_LT_CONFLICT);

  const param = parseLong(argv[2] as string);
  if (param === null) return c.reply.error(NOT_INTEGER);
  const base = relative ? e.now : 0;
  let when: number | bigint;
  const ms = typeof param === 'number' ? (seconds ? param * 1000 : param) : Infinity;
  if (Math.abs(ms) <= FAST_MS_LIMIT) {
    when = ms + base;
  } else {
    // The int64 checks of expireGenericCommand: unit conversion, then adding the base time.
    let w = BigInt(param);
    if (seconds) {
      if (w > INT64_MAX / 1000n || w < -INT64_MAX / 1000n) return c.reply.error(invalidExpire(cmdName(c)));
      w *= 1000n;
    }
    if (w > INT64_MAX - BigInt(base)) return c.reply.error(invalidExpire(cmdName(c)));
    w += BigInt(base);
    when = Number.isSafeInteger(Number(w)) ? Number(w) : w;
  }

  const db = c.db;
  const key = argv[1] as string;
  if (lookupForWrite(db, key, e.now) === undefined) return c.reply.integer(0);
  if (flags !== 0) {
    const current = db.getExpireExact(key);
    if (flags & EXPIRE_NX && current !== undefined) return c.reply.integer(0);
    if (flags & EXPIRE_XX && current === undefined) return c.reply.integer(0);
    // No TTL counts as infinite: GT always fails, LT always succeeds.
    if (flags & EXPIRE_GT && (current === undefined || when <= current)) return c.reply.integer(0);
    if (flags & EXPIRE_LT && current !== undefined && when >= current) return c.reply.integer(0);
  }

  if (when <= e.now) {
    // Already expired: delete now and propagate as DEL (lazyfree-lazy-expire is "no").
    db.remove(key);
    e.dirty++;
    c.rewriteArgv(['DEL', key]);
    e.signalModifiedKey(db, key);
    e.notify('g', 'del', key, db.id);
    return c.reply.integer(1);
  }
  db.setExpire(key, when);
  c.reply.integer(1);
  // Propagated as PEXPIREAT <absolute ms> with the same options.
  if (relative || seconds) {
    const rewritten = argv.slice();
    rewritten[0] = 'PEXPIREAT';
    rewritten[2] = String(when);
    c.rewriteArgv(rewritten);
  }
  e.signalModifiedKey(db, key);
  e.notify('g', 'expire', key, db.id);
  e.dirty++;
}

/** The command's lower-case name as Redis prints it in messages. */
function cmdName(c: Client): string {
  return c.cmd?.name ?? (c.argv[0] as string).toLowerCase();
}

/** TTL, PTTL, EXPIRETIME, PEXPIRETIME. */
function ttlGeneric(c: Client, ms: boolean, absolute: boolean): void {
  const key = c.argv[1] as string;
  if (lookupRead(c, key, false) === undefined) return c.reply.integer(-2);
  const expire = c.db.getExpireExact(key);
  if (expire === undefined) return c.reply.integer(-1);
  const now = c.engine.now;
  if (typeof expire === 'bigint') {
    let t = absolute ? expire : expire - BigInt(now);
    if (t < 0n) t = 0n;
    return c.reply.integer(ms ? t : (t + 500n) / 1000n);
  }
  let t = absolute ? expire : expire - now;
  if (t < 0) t = 0;
  c.reply.integer(ms ? t : Math.floor((t + 500) / 1000));
}

function persistCommand(c: Client): void {
  const e = c.engine;
  const db = c.db;
  const key = c.argv[1] as string;
  if (lookupForWrite(db, key, e.now) === undefined || !db.removeExpire(key)) return c.reply.integer(0);
  e.signalModifiedKey(db, key);
  e.notify('g', 'persist', key, db.id);
  e.dirty++;
  c.reply.integer(1);
}

// ---- the table (metadata as COMMAND INFO of redis-server 7.0.15) ------------------------------

const KS_READ_FAST = ['keyspace', 'read', 'fast'];
const KS_WRITE_FAST = ['keyspace', 'write', 'fast'];
const KS_WRITE_SLOW = ['keyspace', 'write', 'slow'];
const KS_READ_SLOW = ['keyspace', 'read', 'slow'];

export const KEYSPACE_COMMANDS: CommandSpec[] = [
  cmd('del', -2, ['write'], [1, -1, 1], KS_WRITE_SLOW, 'generic', delGeneric),
  cmd('unlink', -2, ['write', 'fast'], [1, -1, 1], KS_WRITE_FAST, 'generic', delGeneric),
  cmd('exists', -2, ['readonly', 'fast'], [1, -1, 1], KS_READ_FAST, 'generic', existsCommand),
  cmd('type', 2, ['readonly', 'fast'], [1, 1, 1], KS_READ_FAST, 'generic', typeCommand),
  cmd('rename', 3, ['write'], [1, 2, 1], KS_WRITE_SLOW, 'generic', (c) => renameGeneric(c, false)),
  cmd('renamenx', 3, ['write', 'fast'], [1, 2, 1], KS_WRITE_FAST, 'generic', (c) => renameGeneric(c, true)),
  cmd('keys', 2, ['readonly'], [0, 0, 0], ['keyspace', 'read', 'slow', 'dangerous'], 'generic', keysCommand),
  cmd('scan', -2, ['readonly'], [0, 0, 0], KS_READ_SLOW, 'generic', scanCommand),
  cmd('randomkey', 1, ['readonly'], [0, 0, 0], KS_READ_SLOW, 'generic', randomkeyCommand),
  cmd('touch', -2, ['readonly', 'fast'], [1, -1, 1], KS_READ_FAST, 'generic', touchCommand),
  cmd('copy', -3, ['write', 'denyoom'], [1, 2, 1], KS_WRITE_SLOW, 'generic', copyCommand),
  cmd('move', 3, ['write', 'fast'], [1, 1, 1], KS_WRITE_FAST, 'generic', moveCommand),
  cmd('swapdb', 3, ['write', 'fast'], [0, 0, 0], ['keyspace', 'write', 'fast', 'dangerous'], 'server', swapdbCommand),
  cmd('dbsize', 1, ['readonly', 'fast'], [0, 0, 0], KS_READ_FAST, 'server', dbsizeCommand),
  cmd('flushdb', -1, ['write'], [0, 0, 0], ['keyspace', 'write', 'slow', 'dangerous'], 'server', flushdbCommand),
  cmd('flushall', -1, ['write'], [0, 0, 0], ['keyspace', 'write', 'slow', 'dangerous'], 'server', flushallCommand),
  cmd('object', -2, [], [0, 0, 0], ['slow'], 'generic', undefined, {
    subcommands: [
      cmd('encoding', 3, ['readonly'], [2, 2, 1], KS_READ_SLOW, 'generic', objectEncodingCommand),
      cmd('freq', 3, ['readonly'], [2, 2, 1], KS_READ_SLOW, 'generic', objectFreqCommand),
      cmd('help', 2, ['loading', 'stale'], [0, 0, 0], ['keyspace', 'slow'], 'generic', objectHelpCommand),
      cmd('idletime', 3, ['readonly'], [2, 2, 1], KS_READ_SLOW, 'generic', objectIdletimeCommand),
      cmd('refcount', 3, ['readonly'], [2, 2, 1], KS_READ_SLOW, 'generic', objectRefcountCommand),
    ],
  }),
  cmd('expire', -3, ['write', 'fast'], [1, 1, 1], KS_WRITE_FAST, 'generic', (c) => expireGeneric(c, true, true)),
  cmd('pexpire', -3, ['write', 'fast'], [1, 1, 1], KS_WRITE_FAST, 'generic', (c) => expireGeneric(c, true, false)),
  cmd('expireat', -3, ['write', 'fast'], [1, 1, 1], KS_WRITE_FAST, 'generic', (c) => expireGeneric(c, false, true)),
  cmd('pexpireat', -3, ['write', 'fast'], [1, 1, 1], KS_WRITE_FAST, 'generic', (c) => expireGeneric(c, false, false)),
  cmd('ttl', 2, ['readonly', 'fast'], [1, 1, 1], KS_READ_FAST, 'generic', (c) => ttlGeneric(c, false, false)),
  cmd('pttl', 2, ['readonly', 'fast'], [1, 1, 1], KS_READ_FAST, 'generic', (c) => ttlGeneric(c, true, false)),
  cmd('expiretime', 2, ['readonly', 'fast'], [1, 1, 1], KS_READ_FAST, 'generic', (c) => ttlGeneric(c, false, true)),
  cmd('pexpiretime', 2, ['readonly', 'fast'], [1, 1, 1], KS_READ_FAST, 'generic', (c) => ttlGeneric(c, true, true)),
  cmd('persist', 2, ['write', 'fast'], [1, 1, 1], KS_WRITE_FAST, 'generic', persistCommand),
];
