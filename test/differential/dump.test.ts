// Differential tests of DUMP and RESTORE against a real redis-server 7.0.15. Cross-server round
// trips: a value built on Redis is DUMPed there and RESTOREd into Memora (and the reverse), for
// every type in its small and large encodings, then both servers' reads (and OBJECT ENCODING,
// and for deterministic encodings the DUMP bytes themselves) are compared. Then every RESTORE
// option and error, byte for byte, with payloads valid on both servers.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { differential, type Case, type Step } from '../helpers/differential.js';
import { RawClient } from '../helpers/raw-client.js';
import { redisServerAvailable, startRealRedis, type RealRedis } from '../helpers/real-redis.js';
import { skipWithoutRedis } from '../helpers/redis-pipe.js';
import { startServer } from '../../src/index.js';
import { DEFAULT_RDB_OPTIONS, createDumpPayload } from '../../src/persistence/rdb-value.js';
import { writeCrc64LE } from '../../src/persistence/crc64.js';

// ---- helpers ------------------------------------------------------------------------------------

/** The payload of a RESP bulk frame (null for a null bulk). */
function bulkOf(frame: Buffer): string | null {
  const s = frame.toString('latin1');
  if (s.startsWith('$-1')) return null;
  assert.equal(s[0], '$', `bulk reply expected, got ${JSON.stringify(s.slice(0, 100))}`);
  const nl = s.indexOf('\r\n');
  return s.slice(nl + 2, s.length - 2);
}

/** Frames raw bytes as a DUMP payload: value bytes + version + a valid CRC64. */
function frame(value: number[] | Buffer, version = 10): string {
  const v = Buffer.from(value);
  const b = Buffer.alloc(v.length + 10);
  v.copy(b, 0);
  b.writeUInt16LE(version, v.length);
  writeCrc64LE(b, v.length + 2);
  return b.toString('latin1');
}

const range = (n: number, f: (i: number) => string): string[] => Array.from({ length: n }, (_, i) => f(i));
const bin = (i: number): string => String.fromCharCode(i % 256, (i * 7) % 256, 0, 255) + 'x'.repeat(i % 30);

interface TypeCase {
  name: string;
  setup: string[][];
  /** Commands whose replies must agree; 'u' prefix = compare unordered. */
  reads: (string[] | { u: string[] })[];
  /** Whether DUMP bytes are expected to be identical (deterministic encodings; LZF output too). */
  sameDump?: boolean;
}

const enc: string[] = ['OBJECT', 'ENCODING', 'k'];
const typ: string[] = ['TYPE', 'k'];

const TYPE_CASES: TypeCase[] = [
  { name: 'short string', setup: [['SET', 'k', 'hello']], reads: [['GET', 'k'], enc, typ], sameDump: true },
  { name: 'int8/16/32 strings', setup: [['SET', 'k', '-120']], reads: [['GET', 'k'], enc], sameDump: true },
  { name: 'int16 string', setup: [['SET', 'k', '30000']], reads: [['GET', 'k'], enc], sameDump: true },
  { name: 'int32 string', setup: [['SET', 'k', '-2000000000']], reads: [['GET', 'k'], enc], sameDump: true },
  { name: 'int64 string', setup: [['SET', 'k', '9223372036854775807']], reads: [['GET', 'k'], enc], sameDump: true },
  { name: 'non-canonical ints', setup: [['SET', 'k', '007']], reads: [['GET', 'k'], enc], sameDump: true },
  { name: 'LZF string', setup: [['SET', 'k', 'abcabcabc'.repeat(50)]], reads: [['GET', 'k'], enc, ['STRLEN', 'k']], sameDump: true },
  { name: 'binary string', setup: [['SET', 'k', range(300, bin).join('')]], reads: [['GET', 'k'], enc], sameDump: true },
  { name: 'appended (raw) string', setup: [['SET', 'k', 'ab'], ['APPEND', 'k', 'cd']], reads: [['GET', 'k']], sameDump: true },
  { name: 'small list', setup: [['RPUSH', 'k', 'a', 'b', '1', '-5', '300', '70000', '9223372036854775807', '']], reads: [['LRANGE', 'k', '0', '-1'], enc], sameDump: true },
  { name: 'large list (many nodes)', setup: [['RPUSH', 'k', ...range(3000, (i) => (i % 3 === 0 ? String(i) : bin(i)))]], reads: [['LLEN', 'k'], ['LRANGE', 'k', '0', '-1'], enc], sameDump: true },
  { name: 'list of big elements', setup: [['RPUSH', 'k', ...range(20, (i) => String(i).repeat(5000))]], reads: [['LRANGE', 'k', '0', '-1']], sameDump: true },
  { name: 'listpack hash', setup: [['HSET', 'k', 'f1', 'v1', 'n', '12', 'neg', '-70000', 'bin', '\x00\xff']], reads: [['HGETALL', 'k'], enc], sameDump: true },
  { name: 'hashtable hash (many fields)', setup: [['HSET', 'k', ...range(1200, (i) => (i % 2 ? 'v' + i : 'f' + i))]], reads: [{ u: ['HGETALL', 'k'] }, enc, ['HLEN', 'k']] },
  { name: 'hashtable hash (long value)', setup: [['HSET', 'k', 'f', 'x'.repeat(100), 'g', '1']], reads: [{ u: ['HGETALL', 'k'] }, enc] },
  { name: 'intset (16-bit)', setup: [['SADD', 'k', '1', '2', '-3', '1000']], reads: [['SMEMBERS', 'k'], enc], sameDump: true },
  { name: 'intset (64-bit)', setup: [['SADD', 'k', '1', '9223372036854775807', '-9223372036854775808', '5000000000']], reads: [['SMEMBERS', 'k'], enc], sameDump: true },
  { name: 'hashtable set (strings)', setup: [['SADD', 'k', 'a', 'b', 'c', '1']], reads: [{ u: ['SMEMBERS', 'k'] }, enc] },
  { name: 'hashtable set (many ints)', setup: [['SADD', 'k', ...range(700, (i) => String(i * 3))]], reads: [{ u: ['SMEMBERS', 'k'] }, enc, ['SCARD', 'k']] },
  {
    name: 'listpack zset',
    setup: [['ZADD', 'k', '1', 'a', '2.5', 'b', '-inf', 'c', 'inf', 'd', '0.1', 'e', '1e300', 'f', '-0', 'g', '12345678901', 'h']],
    reads: [['ZRANGE', 'k', '0', '-1', 'WITHSCORES'], enc],
    sameDump: true,
  },
  {
    name: 'skiplist zset (many members)',
    setup: [['ZADD', 'k', ...range(600, (i) => (i % 2 ? 'm' + i : String(i / 7)))]],
    reads: [['ZRANGE', 'k', '0', '-1', 'WITHSCORES'], enc, ['ZCARD', 'k']],
  },
  { name: 'skiplist zset (long member)', setup: [['ZADD', 'k', '1', 'x'.repeat(100), '2', 'y', '-inf', 'z']], reads: [['ZRANGE', 'k', '0', '-1', 'WITHSCORES'], enc] },
];

async function cmd(c: RawClient, argv: string[]): Promise<Buffer> {
  return c.command(argv);
}

async function compareReads(mem: RawClient, red: RawClient, reads: TypeCase['reads'], label: string): Promise<void> {
  for (const r of reads) {
    const argv = Array.isArray(r) ? r : r.u;
    const [m, x] = await Promise.all([cmd(mem, argv), cmd(red, argv)]);
    if (Array.isArray(r)) {
      assert.equal(m.toString('latin1'), x.toString('latin1'), `${label}: ${argv.join(' ')}`);
    } else {
      const norm = (b: Buffer): string => {
        const s = b.toString('latin1');
        const nl = s.indexOf('\r\n');
        const items = s.slice(nl + 2).split('\r\n');
        return s.slice(0, nl) + '|' + items.sort().join('|');
      };
      assert.equal(norm(m), norm(x), `${label}: ${argv.join(' ')} (unordered)`);
    }
  }
}

describe('DUMP/RESTORE across servers', { skip: skipWithoutRedis() }, () => {
  let memora: Awaited<ReturnType<typeof startServer>>;
  let redis: RealRedis;
  let mem: RawClient;
  let red: RawClient;
  before(async () => {
    if (!redisServerAvailable()) throw new Error('redis-server 7.x is required for differential tests');
    [memora, redis] = await Promise.all([startServer({ port: 0 }), startRealRedis()]);
    [mem, red] = await Promise.all([RawClient.connect(memora.port), RawClient.connect(redis.port)]);
  });
  after(async () => {
    mem?.close();
    red?.close();
    await Promise.all([memora?.close(), redis?.close()]);
  });

  for (const tc of TYPE_CASES) {
    it(`Redis DUMP -> Memora RESTORE: ${tc.name}`, async () => {
      await Promise.all([cmd(mem, ['FLUSHALL']), cmd(red, ['FLUSHALL'])]);
      for (const s of tc.setup) await cmd(red, s);
      const payload = bulkOf(await cmd(red, ['DUMP', 'k']));
      assert.ok(payload !== null);
      assert.equal((await cmd(mem, ['RESTORE', 'k', '0', payload])).toString(), '+OK\r\n');
      await compareReads(mem, red, tc.reads, tc.name);
      if (tc.sameDump) {
        const again = bulkOf(await cmd(mem, ['DUMP', 'k']));
        assert.equal(Buffer.from(again ?? '', 'latin1').toString('hex'), Buffer.from(payload, 'latin1').toString('hex'), 'DUMP bytes');
      }
    });
    it(`Memora DUMP -> Redis RESTORE: ${tc.name}`, async () => {
      await Promise.all([cmd(mem, ['FLUSHALL']), cmd(red, ['FLUSHALL'])]);
      for (const s of tc.setup) await cmd(mem, s);
      const payload = bulkOf(await cmd(mem, ['DUMP', 'k']));
      assert.ok(payload !== null);
      assert.equal((await cmd(red, ['RESTORE', 'k', '0', payload])).toString(), '+OK\r\n');
      await compareReads(mem, red, tc.reads, tc.name);
    });
  }

  it('RESTORE converts on load by the target thresholds', async () => {
    await Promise.all([cmd(mem, ['FLUSHALL']), cmd(red, ['FLUSHALL'])]);
    await cmd(red, ['HSET', 'h', 'a', '1', 'b', '2', 'c', '3']);
    await cmd(red, ['ZADD', 'z', '1', 'a', '2', 'b', '3', 'c']);
    await cmd(red, ['SADD', 's', '1', '2', '3']);
    const payloads: Record<string, string> = {};
    for (const k of ['h', 'z', 's']) payloads[k] = bulkOf(await cmd(red, ['DUMP', k])) as string;
    for (const c of [mem, red]) {
      await cmd(c, ['FLUSHALL']);
      await cmd(c, ['CONFIG', 'SET', 'hash-max-listpack-entries', '2']);
      await cmd(c, ['CONFIG', 'SET', 'zset-max-listpack-entries', '2']);
      await cmd(c, ['CONFIG', 'SET', 'set-max-intset-entries', '2']);
      for (const k of ['h', 'z', 's']) await cmd(c, ['RESTORE', k, '0', payloads[k] as string]);
    }
    try {
      await compareReads(mem, red, [['OBJECT', 'ENCODING', 'h'], ['OBJECT', 'ENCODING', 'z'], ['OBJECT', 'ENCODING', 's'], ['ZRANGE', 'z', '0', '-1']], 'thresholds');
    } finally {
      for (const c of [mem, red]) {
        await cmd(c, ['CONFIG', 'SET', 'hash-max-listpack-entries', '512']);
        await cmd(c, ['CONFIG', 'SET', 'zset-max-listpack-entries', '128']);
        await cmd(c, ['CONFIG', 'SET', 'set-max-intset-entries', '512']);
      }
    }
  });

  it('compressed quicklist nodes (list-compress-depth) restore', async () => {
    await Promise.all([cmd(mem, ['FLUSHALL']), cmd(red, ['FLUSHALL'])]);
    await cmd(red, ['CONFIG', 'SET', 'list-compress-depth', '1']);
    await cmd(red, ['CONFIG', 'SET', 'list-max-listpack-size', '4']);
    try {
      await cmd(red, ['RPUSH', 'k', ...range(100, (i) => 'element-number-' + i)]);
      const payload = bulkOf(await cmd(red, ['DUMP', 'k'])) as string;
      assert.equal((await cmd(mem, ['RESTORE', 'k', '0', payload])).toString(), '+OK\r\n');
      await compareReads(mem, red, [['LRANGE', 'k', '0', '-1']], 'compressed nodes');
    } finally {
      await cmd(red, ['CONFIG', 'SET', 'list-compress-depth', '0']);
      await cmd(red, ['CONFIG', 'SET', 'list-max-listpack-size', '-2']);
    }
  });

  it('rdbcompression no: plain strings both ways', async () => {
    await Promise.all([cmd(mem, ['FLUSHALL']), cmd(red, ['FLUSHALL'])]);
    for (const c of [mem, red]) await cmd(c, ['CONFIG', 'SET', 'rdbcompression', 'no']);
    try {
      for (const c of [mem, red]) await cmd(c, ['SET', 'k', 'z'.repeat(200)]);
      const [a, b] = await Promise.all([cmd(mem, ['DUMP', 'k']), cmd(red, ['DUMP', 'k'])]);
      assert.equal(a.toString('hex'), b.toString('hex'));
    } finally {
      for (const c of [mem, red]) await cmd(c, ['CONFIG', 'SET', 'rdbcompression', 'yes']);
    }
  });
});

// ---- RESTORE options and errors, byte for byte ---------------------------------------------------

const P = createDumpPayload('hello', DEFAULT_RDB_OPTIONS).toString('latin1');
const PL = createDumpPayload('list-payload-not-a-list', DEFAULT_RDB_OPTIONS).toString('latin1');
const badCrc = P.slice(0, -1) + String.fromCharCode((P.charCodeAt(P.length - 1) ^ 1) & 0xff);
const newer = frame([0, 1, 0x61], 11);
const older = frame([0, 1, 0x61], 9);

const ttl = (key: string): Step => ({ cmd: ['PTTL', key], compare: 'approx', tolerance: 50 });

const cases: Case[] = [
  {
    name: 'DUMP missing key, wrong arity, RESTORE a string',
    steps: [['DUMP', 'nokey'], ['DUMP'], ['DUMP', 'a', 'b'], ['RESTORE', 'k', '0'], ['RESTORE', 'k', '0', P], ['GET', 'k'], ['TTL', 'k'], ['OBJECT', 'ENCODING', 'k']],
  },
  {
    name: 'BUSYKEY and REPLACE',
    steps: [
      ['SET', 'k', 'old'],
      ['RESTORE', 'k', '0', P],
      ['RESTORE', 'k', '-1', P],
      ['RESTORE', 'k', '0', 'garbage'],
      ['RESTORE', 'k', '0', P, 'REPLACE'],
      ['GET', 'k'],
      ['RPUSH', 'l', 'x'],
      ['RESTORE', 'l', '0', P, 'replace'],
      ['TYPE', 'l'],
    ],
  },
  {
    name: 'TTL errors and checks in Redis order',
    steps: [
      ['RESTORE', 'k', '-1', P],
      ['RESTORE', 'k', 'abc', P],
      ['RESTORE', 'k', '9223372036854775808', P],
      ['RESTORE', 'k', '-1', 'garbage'],
      ['RESTORE', 'k', '1.5', P],
      ['EXISTS', 'k'],
    ],
  },
  {
    name: 'payload version and checksum errors',
    steps: [
      ['RESTORE', 'k', '0', ''],
      ['RESTORE', 'k', '0', 'short'],
      ['RESTORE', 'k', '0', '0123456789'],
      ['RESTORE', 'k', '0', badCrc],
      ['RESTORE', 'k', '0', newer],
      ['RESTORE', 'k', '0', older],
      ['GET', 'k'],
    ],
  },
  {
    name: 'Bad data format',
    steps: [
      ['RESTORE', 'a', '0', frame([8, 0])],
      ['RESTORE', 'a', '0', frame([0])],
      ['RESTORE', 'a', '0', frame([0, 5, 0x61])],
      ['RESTORE', 'a', '0', frame([0xc3])],
      ['RESTORE', 'a', '0', frame([1, 0])],
      ['RESTORE', 'a', '0', frame([2, 0])],
      ['RESTORE', 'a', '0', frame([4, 0])],
      ['RESTORE', 'a', '0', frame([5, 0])],
      ['RESTORE', 'a', '0', frame([18, 0])],
      ['RESTORE', 'a', '0', frame([18, 1, 3, 1, 0x61])],
      ['RESTORE', 'a', '0', frame([5, 1, 1, 0x61, 0, 0, 0, 0, 0, 0, 0xf8, 0x7f])],
      ['RESTORE', 'a', '0', frame([0, 0xc3, 2, 3, 0, 0x61])],
      ['EXISTS', 'a'],
    ],
  },
  {
    name: 'a trailing byte after the value is ignored',
    steps: [['RESTORE', 'a', '0', frame([0, 1, 0x61, 0x99])], ['GET', 'a']],
  },
  {
    name: 'IDLETIME and FREQ errors',
    steps: [
      ['RESTORE', 'k', '0', P, 'IDLETIME', '-1'],
      ['RESTORE', 'k', '0', P, 'IDLETIME', 'x'],
      ['RESTORE', 'k', '0', P, 'IDLETIME'],
      ['RESTORE', 'k', '0', P, 'FREQ', '256'],
      ['RESTORE', 'k', '0', P, 'FREQ', '-1'],
      ['RESTORE', 'k', '0', P, 'FREQ', 'x'],
      ['RESTORE', 'k', '0', P, 'FREQ'],
      ['RESTORE', 'k', '0', P, 'IDLETIME', '10', 'FREQ', '5'],
      ['RESTORE', 'k', '0', P, 'FREQ', '5', 'IDLETIME', '10'],
      ['RESTORE', 'k', '0', P, 'FOO'],
      ['RESTORE', 'k', '0', P, 'REPLACE', 'REPLACE', 'ABSTTL'],
      ['SET', 'busy', 'x'],
      ['RESTORE', 'busy', '0', P, 'FREQ', '300'],
      ['RESTORE', 'busy', '0', P, 'BAD'],
    ],
  },
  {
    name: 'IDLETIME sets the idle time (LRU policy)',
    steps: [
      ['RESTORE', 'k', '0', P, 'IDLETIME', '1000'],
      ['OBJECT', 'IDLETIME', 'k'],
      ['RESTORE', 'k2', '0', P, 'IDLETIME', '0'],
      ['OBJECT', 'IDLETIME', 'k2'],
      ['RESTORE', 'k3', '0', P, 'FREQ', '100'],
      ['OBJECT', 'IDLETIME', 'k3'],
    ],
  },
  {
    name: 'FREQ sets the LFU counter (LFU policy)',
    steps: [
      ['CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lfu'],
      ['RESTORE', 'k', '0', P, 'FREQ', '100'],
      ['OBJECT', 'FREQ', 'k'],
      ['RESTORE', 'k2', '0', P, 'FREQ', '0'],
      ['OBJECT', 'FREQ', 'k2'],
      ['RESTORE', 'k3', '0', P, 'FREQ', '255'],
      ['OBJECT', 'FREQ', 'k3'],
      ['CONFIG', 'SET', 'maxmemory-policy', 'noeviction'],
    ],
  },
  {
    name: 'relative and absolute TTLs',
    steps: [
      ['RESTORE', 'k', '100000', P],
      ttl('k'),
      ['RESTORE', 'k2', '0', P],
      ['TTL', 'k2'],
      ['RESTORE', 'k3', '4102444800000', P, 'ABSTTL'],
      ['PEXPIRETIME', 'k3'],
      ['RESTORE', 'k4', '1', P, 'ABSTTL'],
      ['EXISTS', 'k4'],
      ['SET', 'k5', 'v'],
      ['RESTORE', 'k5', '1', P, 'ABSTTL', 'REPLACE'],
      ['EXISTS', 'k5'],
      ['RESTORE', 'k6', '9223372036854775807', P],
      ['EXISTS', 'k6'],
    ],
  },
  {
    name: 'RESTORE of a list wakes a blocked client; DUMP of each type then RESTORE elsewhere',
    steps: [
      ['RPUSH', 'src', 'a', 'b', 'c'],
      ['HSET', 'h', 'f', 'v'],
      ['SADD', 's', '1', 'x'],
      ['ZADD', 'z', '1', 'm'],
      ['SET', 'n', '42'],
      ['EXISTS', 'src', 'h', 's', 'z', 'n'],
      ['RESTORE', 'k', '0', PL],
      ['STRLEN', 'k'],
    ],
  },
];

differential('DUMP / RESTORE', cases);
