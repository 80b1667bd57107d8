// DUMP and RESTORE: a key's value serialized as Redis 7.0's DUMP payload (RDB value + RDB
// version + CRC64, src/persistence/rdb-value.ts) and recreated from one, with RESTORE's
// REPLACE / ABSTTL / IDLETIME / FREQ options, absolute-TTL propagation and events as Redis.
import { cmd, type CommandSpec } from './spec.js';
import type { Client } from '../engine/client.js';
import type { Engine } from '../engine/engine.js';
import {
  BAD_DATA_FORMAT,
  BUSYKEY,
  DUMP_PAYLOAD_WRONG,
  RESTORE_INVALID_FREQ,
  RESTORE_INVALID_IDLETIME,
  RESTORE_INVALID_TTL,
  SYNTAX_ERR,
} from '../engine/errors.js';
import { lookupRead, lookupWrite, readLong } from './args.js';
import { lruClock } from '../store/keyspace.js';
import type { RValue } from '../store/types/value.js';
import {
  RdbFormatError,
  createDumpPayload,
  decodeDumpPayload,
  verifyDumpPayload,
  type RdbOptions,
} from '../persistence/rdb-value.js';

const INT64_MAX = 9223372036854775807n;
const LRU_CLOCK_MAX = (1 << 24) - 1;

/** The encoding settings in force (rdbcompression and the collection thresholds). */
export function rdbOptionsOf(e: Engine): RdbOptions {
  const cfg = e.config;
  return {
    rdbCompression: cfg.getBool('rdbcompression'),
    listMaxListpackSize: cfg.getNumber('list-max-listpack-size'),
    hashMaxListpackEntries: cfg.getNumber('hash-max-listpack-entries'),
    hashMaxListpackValue: cfg.getNumber('hash-max-listpack-value'),
    setMaxIntsetEntries: cfg.getNumber('set-max-intset-entries'),
    zsetMaxListpackEntries: cfg.getNumber('zset-max-listpack-entries'),
    zsetMaxListpackValue: cfg.getNumber('zset-max-listpack-value'),
  };
}

function dumpCommand(c: Client): void {
  const v = lookupRead(c, c.argv[1] as string);
  if (v === undefined) return c.reply.nullBulk();
  const payload = createDumpPayload(v, rdbOptionsOf(c.engine));
  c.reply.bulk(payload.latin1Slice(0, payload.length));
}

function toBig(n: number | bigint): bigint {
  return typeof n === 'bigint' ? n : BigInt(n);
}

/** Two's-complement int64 wrap of a sum, as the C addition would end. */
function wrapInt64(b: bigint): bigint {
  return BigInt.asIntN(64, b);
}

function restoreCommand(c: Client): void {
  const e = c.engine;
  const argv = c.argv;
  let replace = false;
  let absttl = false;
  let lfuFreq = -1;
  let lruIdle: bigint = -1n;
  for (let j = 4; j < argv.length; j++) {
    const opt = (argv[j] as string).toLowerCase();
    const additional = argv.length - j - 1;
    if (opt === 'replace') {
      replace = true;
    } else if (opt === 'absttl') {
      absttl = true;
    } else if (opt === 'idletime' && additional >= 1 && lfuFreq === -1) {
      const n = readLong(c, argv[j + 1] as string);
      if (n === null) return;
      if (n < 0) return c.reply.error(RESTORE_INVALID_IDLETIME);
      lruIdle = toBig(n);
      j++;
    } else if (opt === 'freq' && additional >= 1 && lruIdle === -1n) {
      const n = readLong(c, argv[j + 1] as string);
      if (n === null) return;
      if (n < 0 || n > 255) return c.reply.error(RESTORE_INVALID_FREQ);
      lfuFreq = Number(n);
      j++;
    } else {
      return c.reply.error(SYNTAX_ERR);
    }
  }

  const key = argv[1] as string;
  if (!replace && lookupWrite(c, key) !== undefined) return c.reply.error(BUSYKEY);

  const ttlArg = readLong(c, argv[2] as string);
  if (ttlArg === null) return;
  if (ttlArg < 0) return c.reply.error(RESTORE_INVALID_TTL);

  const payload = Buffer.from(argv[3] as string, 'latin1');
  if (!verifyDumpPayload(payload)) return c.reply.error(DUMP_PAYLOAD_WRONG);

  let value: RValue;
  try {
    value = decodeDumpPayload(payload, rdbOptionsOf(e));
  } catch (err) {
    if (err instanceof RdbFormatError) return c.reply.error(BAD_DATA_FORMAT);
    throw err;
  }

  const db = c.db;
  let deleted = false;
  if (replace) deleted = db.remove(key);

  let ttl = toBig(ttlArg);
  if (ttl !== 0n && !absttl) ttl = wrapInt64(ttl + BigInt(e.now));
  if (ttl !== 0n && ttl <= BigInt(e.now)) {
    // Already expired: the key is not created (a replaced one is gone, propagated as DEL).
    if (deleted) {
      c.rewriteArgv(['DEL', key]);
      e.signalModifiedKey(db, key);
      e.notify('g', 'del', key, db.id);
      e.dirty++;
    }
    return c.reply.ok();
  }

  db.set(key, value, e.now);
  if (ttl !== 0n) {
    db.setExpire(key, ttl <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(ttl) : ttl);
    if (!absttl) {
      const next = argv.slice();
      next[2] = ttl.toString();
      next.push('ABSTTL');
      c.rewriteArgv(next);
    }
  }
  setLruOrLfu(e, c, key, lfuFreq, lruIdle);
  const t = typeof value === 'string' ? 'string' : value.type;
  if (t === 'list' || t === 'zset') e.signalKeyAsReady(db, key);
  e.signalModifiedKey(db, key);
  e.notify('g', 'restore', key, db.id);
  c.reply.ok();
  e.dirty++;
}

/** objectSetLRUOrLFU with Redis's 24-bit seconds LRU clock, mapped onto our access data. */
function setLruOrLfu(e: Engine, c: Client, key: string, lfuFreq: number, lruIdle: bigint): void {
  const db = c.db;
  if (db.lfu !== null) {
    if (lfuFreq >= 0) db.setAccess(key, ((Math.floor(e.now / 60000) & 0xffff) << 8) | lfuFreq);
    return;
  }
  if (lruIdle < 0n) return;
  const clock = Math.floor(e.now / 1000) & LRU_CLOCK_MAX;
  let abs = BigInt(clock) - (lruIdle > INT64_MAX / 1000n ? wrapInt64(lruIdle * 1000n) / 1000n : lruIdle);
  if (abs < 0n) abs = BigInt((clock + Math.floor(LRU_CLOCK_MAX / 2)) % LRU_CLOCK_MAX);
  const lru = Number(abs & BigInt(LRU_CLOCK_MAX));
  // estimateObjectIdleTime, in seconds, as OBJECT IDLETIME would now report it.
  const idle = clock >= lru ? clock - lru : clock + (LRU_CLOCK_MAX - lru);
  db.setAccess(key, lruClock(e.now) - idle);
}

export const DUMP_COMMANDS: CommandSpec[] = [
  cmd('dump', 2, ['readonly'], [1, 1, 1], ['keyspace', 'read', 'slow'], 'generic', dumpCommand),
  cmd('restore', -4, ['write', 'denyoom'], [1, 1, 1], ['keyspace', 'write', 'slow', 'dangerous'], 'generic', restoreCommand),
];
