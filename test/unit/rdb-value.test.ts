// Unit tests of the RDB value layer (src/persistence/{crc64,lzf,rdb-value}.ts): the CRC64 test
// vector, LZF round trips (and known-answer decompression), and encode/decode round trips of
// random values of every type in each encoding, plus the older encodings' decoders (ziplist,
// intset, zipmap, plain LIST/ZSET) fed hand-built payloads, and DUMP payload framing.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { crc64 } from '../../src/persistence/crc64.js';
import { lzfCompress, lzfDecompress } from '../../src/persistence/lzf.js';
import {
  DEFAULT_RDB_OPTIONS,
  RdbFormatError,
  RdbReader,
  RdbWriter,
  RDB_TYPE_HASH_ZIPLIST,
  RDB_TYPE_HASH_ZIPMAP,
  RDB_TYPE_LIST,
  RDB_TYPE_LIST_QUICKLIST,
  RDB_TYPE_LIST_ZIPLIST,
  RDB_TYPE_SET,
  RDB_TYPE_ZSET,
  RDB_TYPE_ZSET_ZIPLIST,
  createDumpPayload,
  decodeDumpPayload,
  decodeValue,
  encodeValue,
  intsetBuild,
  intsetParse,
  listNodes,
  lpBuild,
  lpParse,
  rdbTypeOf,
  verifyDumpPayload,
  type RdbOptions,
} from '../../src/persistence/rdb-value.js';
import { ListValue } from '../../src/store/types/list.js';
import { HashValue } from '../../src/store/types/hash.js';
import { SetValue } from '../../src/store/types/set.js';
import { ZSet } from '../../src/store/types/zset.js';
import { MutableString } from '../../src/store/types/string.js';
import { encodingOf, type RValue } from '../../src/store/types/value.js';
import { Random } from '../../src/store/random.js';
import { Engine } from '../../src/engine/engine.js';
import { ManualClock } from '../../src/store/clock.js';
import { parseReplies, type RespValue } from '../../src/protocol/client-parser.js';

const OPTS = DEFAULT_RDB_OPTIONS;

function roundTrip(v: RValue, opts: RdbOptions = OPTS): RValue {
  const w = new RdbWriter();
  encodeValue(w, v, opts);
  const buf = w.result();
  const r = new RdbReader(Buffer.from(buf));
  const type = r.byte();
  assert.equal(type, rdbTypeOf(v));
  const out = decodeValue(r, type, opts);
  assert.equal(r.pos, buf.length, 'decoder consumed exactly the encoding');
  return out;
}

function randomString(r: Random, maxLen = 40): string {
  const k = r.below(10);
  if (k < 3) return String(r.below(2000000) - 1000000);
  if (k < 4) return ['9223372036854775807', '-9223372036854775808', '0', '-1', '127', '128', '-4096', '4095', '-4097', '32767', '32768', '8388607', '8388608', '2147483647', '2147483648', '01', '-0', '+1'][r.below(18)] as string;
  const n = r.below(maxLen);
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(k < 7 ? 97 + r.below(4) : r.below(256));
  return s;
}

function stringOfValue(v: RValue): string {
  if (typeof v === 'string') return v;
  if (v instanceof MutableString) return v.toString();
  throw new Error('not a string');
}

describe('crc64', () => {
  it('matches Redis crc64.c test vector', () => {
    assert.equal(crc64(Buffer.from('123456789')), 0xe9c6d914c4b8d9can);
  });
  it('is 0 for no input', () => {
    assert.equal(crc64(Buffer.alloc(0)), 0n);
  });
});

describe('lzf', () => {
  it('round-trips random and repetitive inputs', () => {
    const r = new Random(7);
    for (let t = 0; t < 300; t++) {
      const n = 1 + r.below(3000);
      const b = Buffer.alloc(n);
      const alphabet = 1 + r.below(t % 3 === 0 ? 256 : 4);
      for (let i = 0; i < n; i++) b[i] = r.below(alphabet);
      const c = lzfCompress(b, n + Math.ceil(n / 32) + 16);
      assert.ok(c !== null, 'compresses with enough room');
      const d = lzfDecompress(c, n);
      assert.ok(d !== null);
      assert.deepEqual(Buffer.from(d), b);
    }
  });
  it('refuses output that would not fit', () => {
    const b = Buffer.from('abcdefghijklmnopqrstuvwxyz0123456789');
    assert.equal(lzfCompress(b, b.length - 4), null);
  });
  it('compresses repetition well', () => {
    const b = Buffer.from('a'.repeat(1000));
    const c = lzfCompress(b, 996);
    assert.ok(c !== null && c.length < 40);
  });
  it('decodes a hand-made stream (literal run + back reference)', () => {
    // "abc" as a 3-byte literal run, then a back reference of length 6 at offset 3 -> "abcabcabc".
    const stream = Buffer.from([2, 0x61, 0x62, 0x63, (4 << 5) | 0, 2]);
    assert.equal(Buffer.from(lzfDecompress(stream, 9) as Uint8Array).toString(), 'abcabcabc');
    assert.equal(lzfDecompress(stream, 10), null, 'length mismatch is an error');
    assert.equal(lzfDecompress(Buffer.from([0x20, 5]), 3), null, 'reference before the start');
  });
});

describe('listpack', () => {
  it('round-trips every entry encoding', () => {
    const items = [
      '0', '127', '128', '-1', '-4096', '4095', '-4097', '4096', '-32768', '32767', '32768',
      '-8388608', '8388607', '8388608', '-2147483648', '2147483647', '2147483648',
      '9223372036854775807', '-9223372036854775808', '9223372036854775808', '01', '-0', '',
      'a'.repeat(63), 'b'.repeat(64), 'c'.repeat(4095), 'd'.repeat(4096), 'e'.repeat(20000),
      '\x00\xff binary',
    ];
    assert.deepEqual(lpParse(lpBuild(items)), items);
  });
  it('rejects corrupt listpacks', () => {
    const good = lpBuild(['hello', '1']);
    const bad1 = Buffer.from(good);
    bad1.writeUInt32LE(good.length + 1, 0);
    assert.throws(() => lpParse(bad1), RdbFormatError);
    const bad2 = Buffer.from(good);
    bad2[bad2.length - 1] = 0;
    assert.throws(() => lpParse(bad2), RdbFormatError);
    const bad3 = Buffer.from(good);
    bad3[6 + 6] = 99; // backlen of "hello" entry
    assert.throws(() => lpParse(bad3), RdbFormatError);
  });
});

describe('intset', () => {
  it('round-trips each width', () => {
    for (const members of [['-3', '1', '7'], ['-40000', '5', '40000'], ['-9223372036854775808', '0', '9223372036854775807']]) {
      assert.deepEqual(intsetParse(intsetBuild(members)), members);
    }
    const b = intsetBuild(['1', '2', '3']);
    assert.equal(b.readUInt32LE(0), 2);
    assert.equal(intsetBuild(['1', '70000']).readUInt32LE(0), 4);
  });
});

describe('RDB value round trips', () => {
  it('strings: int, short, LZF, binary, MutableString', () => {
    const r = new Random(1);
    for (let i = 0; i < 500; i++) {
      const s = randomString(r, 200);
      assert.equal(stringOfValue(roundTrip(s)), s);
      assert.equal(stringOfValue(roundTrip(s, { ...OPTS, rdbCompression: false })), s);
    }
    for (const s of ['x'.repeat(100), 'abc'.repeat(1000), '12345678901234567890123']) {
      assert.equal(stringOfValue(roundTrip(s)), s);
    }
    assert.equal(stringOfValue(roundTrip(new MutableString('mutable '.repeat(10)))), 'mutable '.repeat(10));
  });

  it('string encodings on the wire', () => {
    const enc = (s: string, opts = OPTS): Buffer => {
      const w = new RdbWriter();
      encodeValue(w, s, opts);
      return Buffer.from(w.result());
    };
    assert.deepEqual(enc('12'), Buffer.from([0, 0xc0, 12]));
    assert.deepEqual(enc('-300'), Buffer.from([0, 0xc1, 0xd4, 0xfe]));
    assert.deepEqual(enc('100000'), Buffer.from([0, 0xc2, 0xa0, 0x86, 0x01, 0x00]));
    assert.deepEqual(enc('012'), Buffer.from([0, 3, 0x30, 0x31, 0x32]));
    assert.equal(enc('a'.repeat(100))[1], 0xc3, 'LZF');
    assert.equal(enc('a'.repeat(100), { ...OPTS, rdbCompression: false })[1], 0x40, '14-bit length, uncompressed');
    const long = enc('x'.repeat(20000), { ...OPTS, rdbCompression: false });
    assert.equal(long[1], 0x80, '32-bit length');
  });

  it('lists (one node and many nodes)', () => {
    const r = new Random(2);
    for (let t = 0; t < 60; t++) {
      const n = 1 + r.below(t < 30 ? 20 : 3000);
      const items = Array.from({ length: n }, () => randomString(r, t % 5 === 0 ? 600 : 30));
      for (const fill of [-2, -1, 3, 128]) {
        const v = roundTrip(ListValue.from(items), { ...OPTS, listMaxListpackSize: fill });
        assert.ok(v instanceof ListValue);
        assert.deepEqual(v.toArray(), items);
      }
    }
  });

  it('list nodes follow the fill rule', () => {
    const items = Array.from({ length: 1000 }, (_, i) => 'v' + i);
    for (const node of listNodes(items, 5)) assert.ok(node.length <= 5);
    const big = listNodes(items, -1);
    assert.ok(big.length > 1 && big.length < 10);
    assert.deepEqual(big.flat(), items);
  });

  it('hashes: listpack and hashtable', () => {
    const r = new Random(3);
    for (let t = 0; t < 60; t++) {
      const n = 1 + r.below(t < 30 ? 20 : 700);
      const pairs: string[] = [];
      const seen = new Set<string>();
      while (pairs.length < n * 2) {
        const f = randomString(r, t % 4 === 0 ? 100 : 20);
        if (seen.has(f)) continue;
        seen.add(f);
        pairs.push(f, randomString(r, 30));
      }
      const h = HashValue.fromPairs(pairs, 128, 64);
      const v = roundTrip(h, { ...OPTS, hashMaxListpackEntries: 128, hashMaxListpackValue: 64 });
      assert.ok(v instanceof HashValue);
      assert.equal(v.encoding(), h.encoding());
      const got: string[] = [];
      v.forEach((f, x) => got.push(f, x));
      const want: string[] = [];
      h.forEach((f, x) => want.push(f, x));
      assert.deepEqual(got, want);
    }
  });

  it('sets: intset (each width) and hashtable', () => {
    const r = new Random(4);
    for (let t = 0; t < 60; t++) {
      const n = 1 + r.below(t < 30 ? 30 : 1000);
      const members = new Set<string>();
      while (members.size < n) {
        const k = t % 3;
        members.add(k === 0 ? String(r.below(100000) - 50000) : k === 1 ? String(BigInt(r.below(1 << 30)) * 99999999n) : randomString(r, 20));
      }
      const s = SetValue.from(members, 512);
      const v = roundTrip(s);
      assert.ok(v instanceof SetValue);
      assert.equal(v.encoding(), s.encoding());
      assert.deepEqual(v.toArray().sort(), s.toArray().sort());
    }
  });

  it('sorted sets: listpack and skiplist, odd scores', () => {
    const r = new Random(5);
    const special = [0, -0, Infinity, -Infinity, 0.1, 1e300, -1e-300, 5e-324, 2 ** 53 + 2, 1.5, -7];
    for (let t = 0; t < 60; t++) {
      const n = 1 + r.below(t < 30 ? 30 : 400);
      const members: string[] = [];
      const scores: number[] = [];
      const seen = new Set<string>();
      while (members.length < n) {
        const m = randomString(r, t % 4 === 0 ? 100 : 20);
        if (seen.has(m)) continue;
        seen.add(m);
        members.push(m);
        const k = r.below(4);
        scores.push(k === 0 ? (special[r.below(special.length)] as number) : k === 1 ? r.below(1000) : (r.next() - 0.5) * 10 ** r.below(20));
      }
      const limits = { entries: 128, value: 64 };
      const z = ZSet.fromEntries(members, scores, limits);
      const v = roundTrip(z, { ...OPTS, zsetMaxListpackEntries: 128, zsetMaxListpackValue: 64 });
      assert.ok(v instanceof ZSet);
      assert.equal(v.encoding(), z.encoding());
      assert.deepEqual(v.entries(), z.entries());
    }
  });

  it('conversions on load follow the target thresholds', () => {
    const small = HashValue.fromPairs(['a', '1', 'b', '2', 'c', '3'], 128, 64);
    const w = new RdbWriter();
    encodeValue(w, small, OPTS);
    const asHt = decodeValue(new RdbReader(Buffer.from(w.result()), 1), w.result()[0] as number, { ...OPTS, hashMaxListpackEntries: 2 });
    assert.equal((asHt as HashValue).encoding(), 'hashtable');
    // A listpack payload with a long value stays a listpack (only the count is checked).
    const longVal = HashValue.fromPairs(['a', 'x'.repeat(100)], 128, 1000);
    const w2 = new RdbWriter();
    encodeValue(w2, longVal, OPTS);
    const kept = decodeValue(new RdbReader(Buffer.from(w2.result()), 1), w2.result()[0] as number, OPTS);
    assert.equal((kept as HashValue).encoding(), 'listpack');
  });
});

/** A ziplist built by hand (prevlen + encoding + data). */
function zlBuild(items: (string | number)[]): Buffer {
  const entries: Buffer[] = [];
  let prev = 0;
  for (const it of items) {
    const parts: number[] = prev < 254 ? [prev] : [0xfe, prev & 0xff, (prev >> 8) & 0xff, (prev >> 16) & 0xff, prev >>> 24];
    let body: Buffer;
    if (typeof it === 'number') {
      if (it >= 0 && it <= 12) body = Buffer.from([0xf1 + it]);
      else if (it >= -128 && it <= 127) body = Buffer.from([0xfe, it & 0xff]);
      else {
        body = Buffer.alloc(3);
        body[0] = 0xc0;
        body.writeInt16LE(it, 1);
      }
    } else {
      body = Buffer.concat([Buffer.from([it.length]), Buffer.from(it, 'latin1')]);
    }
    const e = Buffer.concat([Buffer.from(parts), body]);
    entries.push(e);
    prev = e.length;
  }
  const content = Buffer.concat(entries);
  const head = Buffer.alloc(10);
  head.writeUInt32LE(10 + content.length + 1, 0);
  head.writeUInt32LE(10 + content.length - prev, 4);
  head.writeUInt16LE(items.length, 8);
  return Buffer.concat([head, content, Buffer.from([0xff])]);
}

function blobValue(type: number, blob: Buffer, opts = OPTS): RValue {
  const w = new RdbWriter();
  w.byte(type);
  w.rawString(blob, false);
  const r = new RdbReader(Buffer.from(w.result()));
  return decodeValue(r, r.byte(), opts);
}

describe('older encodings', () => {
  it('LIST_ZIPLIST and LIST_QUICKLIST', () => {
    const zl = zlBuild(['a', 5, -100, 1000, 'hello']);
    const v = blobValue(RDB_TYPE_LIST_ZIPLIST, zl) as ListValue;
    assert.deepEqual(v.toArray(), ['a', '5', '-100', '1000', 'hello']);
    const w = new RdbWriter();
    w.byte(RDB_TYPE_LIST_QUICKLIST);
    w.len(2);
    w.rawString(zlBuild(['x', 'y']), false);
    w.rawString(zlBuild([1, 2]), true);
    const r = new RdbReader(Buffer.from(w.result()));
    assert.deepEqual((decodeValue(r, r.byte(), OPTS) as ListValue).toArray(), ['x', 'y', '1', '2']);
  });
  it('HASH_ZIPLIST, ZSET_ZIPLIST, HASH_ZIPMAP', () => {
    const h = blobValue(RDB_TYPE_HASH_ZIPLIST, zlBuild(['f1', 'v1', 'f2', 7])) as HashValue;
    assert.deepEqual([...h.entries()], [['f1', 'v1'], ['f2', '7']]);
    const z = blobValue(RDB_TYPE_ZSET_ZIPLIST, zlBuild(['b', '2.5', 'a', 3])) as ZSet;
    assert.deepEqual(z.entries(), [['b', 2.5], ['a', 3]]);
    // zipmap: zmlen, <len>key<len><free>value..., 0xff
    const zm = Buffer.from([2, 3, 0x66, 0x6f, 0x6f, 3, 0, 0x62, 0x61, 0x72, 1, 0x6b, 1, 2, 0x76, 0x00, 0x00, 0xff]);
    const hz = blobValue(RDB_TYPE_HASH_ZIPMAP, zm) as HashValue;
    assert.deepEqual([...hz.entries()], [['foo', 'bar'], ['k', 'v']]);
  });
  it('plain LIST, SET, ZSET with textual scores', () => {
    const w = new RdbWriter();
    w.byte(RDB_TYPE_ZSET);
    w.len(3);
    w.string('a', false);
    w.byte(3);
    w.latin1('1.5');
    w.string('b', false);
    w.byte(254);
    w.string('c', false);
    w.byte(255);
    const r = new RdbReader(Buffer.from(w.result()));
    assert.deepEqual((decodeValue(r, r.byte(), OPTS) as ZSet).entries(), [['c', -Infinity], ['a', 1.5], ['b', Infinity]]);
    const w2 = new RdbWriter();
    w2.byte(RDB_TYPE_LIST);
    w2.len(2);
    w2.string('p', false);
    w2.string('q', false);
    const r2 = new RdbReader(Buffer.from(w2.result()));
    assert.deepEqual((decodeValue(r2, r2.byte(), OPTS) as ListValue).toArray(), ['p', 'q']);
    const w3 = new RdbWriter();
    w3.byte(RDB_TYPE_SET);
    w3.len(2);
    w3.string('1', false);
    w3.string('1', false);
    const r3 = new RdbReader(Buffer.from(w3.result()));
    assert.throws(() => decodeValue(r3, r3.byte(), OPTS), RdbFormatError, 'duplicate members');
  });
});

describe('DUMP payload', () => {
  it('frames value + version 10 + CRC64, and verifies it', () => {
    const p = createDumpPayload('hello', OPTS);
    assert.deepEqual(p.subarray(0, 7), Buffer.from([0, 5, 0x68, 0x65, 0x6c, 0x6c, 0x6f]));
    assert.equal(p.readUInt16LE(7), 10);
    assert.equal(p.length, 17);
    assert.ok(verifyDumpPayload(p));
    assert.equal(decodeDumpPayload(p, OPTS), 'hello');
    const bad = Buffer.from(p);
    bad[3] = (bad[3] as number) ^ 1;
    assert.equal(verifyDumpPayload(bad), false);
    const newer = Buffer.from(p);
    newer.writeUInt16LE(11, 7);
    assert.equal(verifyDumpPayload(newer), false);
    assert.equal(verifyDumpPayload(Buffer.alloc(9)), false);
  });
  it('matches the bytes Redis 7.0 produces for a small string and an int', () => {
    // redis-cli DUMP of SET k hello / SET k 12 on redis-server 7.0.15.
    assert.equal(createDumpPayload('hello', OPTS).toString('hex'), '000568656c6c6f0a006372df766534200a');
    assert.equal(createDumpPayload('12', OPTS).toString('hex'), '00c00c0a003c2af8515c04bcd5');
    assert.equal(encodingOf(decodeDumpPayload(createDumpPayload('12', OPTS), OPTS)), 'int');
    // RPUSH l a b 1 2 300
    assert.equal(
      createDumpPayload(ListValue.from(['a', 'b', '1', '2', '300']), OPTS).toString('hex'),
      '1201021414000000050081610281620201010201c12c02ff0a008421c79fc0b821fa',
    );
  });
  it('rejects unknown types and truncated data', () => {
    const p = createDumpPayload(ListValue.from(['a', 'b']), OPTS);
    const t = Buffer.from(p);
    t[0] = 8;
    assert.throws(() => decodeDumpPayload(t, OPTS), RdbFormatError);
    assert.throws(() => decodeDumpPayload(Buffer.from([0, 0x40]), OPTS), RdbFormatError);
  });
});

/** A parsed reply as plain JS: strings, numbers, null, arrays; errors as 'ERR:...'. */
function plain(v: RespValue | undefined): unknown {
  if (v === undefined) return undefined;
  switch (v.type) {
    case 'simple':
    case 'bulk':
      return String(v.value);
    case 'error':
      return 'ERR:' + v.value;
    case 'integer':
      return v.value;
    case 'array':
      return v.value.map(plain);
    case 'null':
      return null;
    default:
      return v;
  }
}

describe('RESTORE in-process: propagation, events, blocked clients', () => {
  const NOW = 1_700_000_000_000;
  function harness(): {
    engine: Engine;
    run: (...argv: string[]) => unknown;
    propagated: string[][];
    events: string[];
  } {
    const engine = new Engine({ clock: new ManualClock(NOW), seed: 1, config: {} });
    const c = engine.createClient();
    const propagated: string[][] = [];
    const events: string[] = [];
    engine.onPropagate((_db, argv) => propagated.push(argv));
    engine.onKeyspaceEvent((type, event, key) => {
      if (type !== 'n') events.push(`${type}:${event}:${key}`);
    });
    const run = (...argv: string[]): unknown => {
      engine.execute(c, argv);
      return plain(parseReplies(c.reply.take())[0]);
    };
    return { engine, run, propagated, events };
  }
  const P = createDumpPayload(ListValue.from(['a', 'b']), OPTS).toString('latin1');
  const OK = 'OK';

  it('a relative TTL propagates as an absolute one with ABSTTL', () => {
    const h = harness();
    h.run('CONFIG', 'SET', 'notify-keyspace-events', 'KEA');
    h.propagated.length = 0;
    assert.deepEqual(h.run('RESTORE', 'k', '5000', P), OK);
    assert.deepEqual(h.propagated, [['RESTORE', 'k', String(NOW + 5000), P, 'ABSTTL']]);
    assert.deepEqual(h.events, ['g:restore:k']);
    assert.deepEqual(h.run('PTTL', 'k'), 5000);
    h.propagated.length = 0;
    assert.deepEqual(h.run('RESTORE', 'k2', '0', P), OK);
    assert.deepEqual(h.propagated, [['RESTORE', 'k2', '0', P]]);
    h.propagated.length = 0;
    assert.deepEqual(h.run('RESTORE', 'k3', String(NOW + 10), P, 'ABSTTL'), OK);
    assert.deepEqual(h.propagated, [['RESTORE', 'k3', String(NOW + 10), P, 'ABSTTL']]);
  });

  it('an already expired TTL with REPLACE deletes the key and propagates DEL', () => {
    const h = harness();
    h.run('CONFIG', 'SET', 'notify-keyspace-events', 'KEA');
    h.run('SET', 'k', 'v');
    h.propagated.length = 0;
    h.events.length = 0;
    assert.deepEqual(h.run('RESTORE', 'k', '1', P, 'ABSTTL', 'REPLACE'), OK);
    assert.deepEqual(h.propagated, [['DEL', 'k']]);
    assert.deepEqual(h.events, ['g:del:k']);
    assert.deepEqual(h.run('EXISTS', 'k'), 0);
    h.propagated.length = 0;
    assert.deepEqual(h.run('RESTORE', 'k', '1', P, 'ABSTTL'), OK);
    assert.deepEqual(h.propagated, [], 'nothing changed, nothing propagated');
  });

  it('RESTORE of a list serves a client blocked on the key', () => {
    const h = harness();
    const waiter = h.engine.createClient();
    h.engine.execute(waiter, ['BLPOP', 'k', '0']);
    assert.deepEqual(parseReplies(waiter.reply.take()), []);
    assert.deepEqual(h.run('RESTORE', 'k', '0', P), OK);
    assert.deepEqual(parseReplies(waiter.reply.take()).map(plain), [['k', 'a']]);
    assert.deepEqual(h.run('LRANGE', 'k', '0', '-1'), ['b']);
  });
});
