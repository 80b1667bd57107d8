// Unit tests of the RESP reply parser (src/protocol/client-parser.ts) and the request encoder
// (src/protocol/encode.ts): every RESP2/RESP3 type, every split point, frameEnd on every prefix,
// round-trips through the reply writer, and the DEBUG PROTOCOL output of redis-server 7.0.15.
import { describe, it, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import { ReplyParser, frameEnd, parseReplies, RespProtocolError, type RespValue } from '../../src/protocol/client-parser.js';
import { encodeCommand, encodeCommands, encodedLength, writeCommand } from '../../src/protocol/encode.js';
import { ReplyWriter } from '../../src/protocol/reply.js';
import { redisServerAvailable, startRealRedis, type RealRedis } from '../helpers/real-redis.js';

function b(s: string): Buffer {
  return Buffer.from(s, 'latin1');
}

const bulk = (value: string): RespValue => ({ type: 'bulk', value });
const int = (n: number): RespValue => ({ type: 'integer', value: n, raw: String(n) });
const bool = (value: boolean): RespValue => ({ type: 'boolean', value });

/** Single frames and the values they parse to. */
const FRAMES: [string, RespValue][] = [
  ['+OK\r\n', { type: 'simple', value: 'OK' }],
  ['+\r\n', { type: 'simple', value: '' }],
  ['-ERR unknown command\r\n', { type: 'error', value: 'ERR unknown command' }],
  ['!21\r\nSYNTAX invalid syntax\r\n', { type: 'error', value: 'SYNTAX invalid syntax' }],
  [':0\r\n', int(0)],
  [':-12\r\n', int(-12)],
  [':9223372036854775807\r\n', { type: 'integer', value: 9223372036854775807, raw: '9223372036854775807' }],
  ['$5\r\nhello\r\n', bulk('hello')],
  ['$0\r\n\r\n', bulk('')],
  ['$6\r\n\r\n\x00\xff\r\n\r\n', bulk('\r\n\x00\xff\r\n')],
  ['$-1\r\n', { type: 'null', prefix: '$' }],
  ['*-1\r\n', { type: 'null', prefix: '*' }],
  ['_\r\n', { type: 'null', prefix: '_' }],
  ['*0\r\n', { type: 'array', value: [] }],
  ['*3\r\n:1\r\n$1\r\na\r\n*1\r\n+x\r\n', { type: 'array', value: [int(1), bulk('a'), { type: 'array', value: [{ type: 'simple', value: 'x' }] }] }],
  ['*2\r\n*0\r\n*-1\r\n', { type: 'array', value: [{ type: 'array', value: [] }, { type: 'null', prefix: '*' }] }],
  ['%2\r\n+a\r\n:1\r\n+b\r\n_\r\n', { type: 'map', value: [[{ type: 'simple', value: 'a' }, int(1)], [{ type: 'simple', value: 'b' }, { type: 'null', prefix: '_' }]] }],
  ['%0\r\n', { type: 'map', value: [] }],
  ['~2\r\n$1\r\nx\r\n$1\r\ny\r\n', { type: 'set', value: [bulk('x'), bulk('y')] }],
  ['>3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$2\r\nhi\r\n', { type: 'push', value: [bulk('message'), bulk('ch'), bulk('hi')] }],
  [',3.141\r\n', { type: 'double', value: 3.141, raw: '3.141' }],
  [',inf\r\n', { type: 'double', value: Infinity, raw: 'inf' }],
  [',-inf\r\n', { type: 'double', value: -Infinity, raw: '-inf' }],
  [',nan\r\n', { type: 'double', value: NaN, raw: 'nan' }],
  [',1e+20\r\n', { type: 'double', value: 1e20, raw: '1e+20' }],
  ['#t\r\n', bool(true)],
  ['#f\r\n', bool(false)],
  ['(1234567999999999999999999999999999999\r\n', { type: 'bignum', value: 1234567999999999999999999999999999999n, raw: '1234567999999999999999999999999999999' }],
  ['=29\r\ntxt:This is a verbatim\nstring\r\n', { type: 'verbatim', format: 'txt', value: 'This is a verbatim\nstring' }],
  [
    '|1\r\n$14\r\nkey-popularity\r\n*2\r\n$7\r\nkey:123\r\n:90\r\n$39\r\nSome real reply following the attribute\r\n',
    {
      type: 'attribute',
      attributes: [[bulk('key-popularity'), { type: 'array', value: [bulk('key:123'), int(90)] }]],
      value: bulk('Some real reply following the attribute'),
    },
  ],
  ['|1\r\n+k\r\n+v\r\n*1\r\n:1\r\n', { type: 'attribute', attributes: [[{ type: 'simple', value: 'k' }, { type: 'simple', value: 'v' }]], value: { type: 'array', value: [int(1)] } }],
];

function collect(chunks: Buffer[], opts?: { buffers?: boolean }): RespValue[] {
  const p = new ReplyParser(opts);
  const out: RespValue[] = [];
  for (const c of chunks) {
    p.feed(c);
    for (let v = p.next(); v !== undefined; v = p.next()) out.push(v);
  }
  assert.equal(p.bufferedBytes(), 0, 'everything consumed');
  return out;
}

describe('ReplyParser: every type', () => {
  for (const [frame, value] of FRAMES) {
    it(JSON.stringify(frame), () => {
      assert.deepEqual(collect([b(frame)]), [value]);
      // frameEnd: -1 for every proper prefix, the length once complete, also at an offset.
      const buf = b(frame);
      for (let i = 0; i < buf.length; i++) assert.equal(frameEnd(buf.subarray(0, i), 0), -1, `prefix ${i}`);
      assert.equal(frameEnd(buf, 0), buf.length);
      const padded = Buffer.concat([b('+skip\r\n'), buf, b(':1\r\n')]);
      assert.equal(frameEnd(padded, 7), 7 + buf.length);
      // Every split point.
      for (let i = 0; i <= buf.length; i++) {
        assert.deepEqual(collect([buf.subarray(0, i), buf.subarray(i)]), [value], `split at ${i}`);
      }
    });
  }

  it('parses all frames back to back, fed byte by byte', () => {
    const stream = b(FRAMES.map(([f]) => f).join(''));
    const want = FRAMES.map(([, v]) => v);
    assert.deepEqual(collect([stream]), want);
    const bytes: Buffer[] = [];
    for (let i = 0; i < stream.length; i++) bytes.push(stream.subarray(i, i + 1));
    assert.deepEqual(collect(bytes), want);
    assert.deepEqual(parseReplies(stream), want);
  });

  it('returns Buffers for bulk and verbatim payloads when asked', () => {
    const [a, v] = collect([b('$3\r\n\xff\x00a\r\n=7\r\nmkd:# x\r\n')], { buffers: true });
    assert.deepEqual(a, { type: 'bulk', value: Buffer.from([0xff, 0, 0x61]) });
    assert.deepEqual(v, { type: 'verbatim', format: 'mkd', value: Buffer.from('# x') });
  });

  it('returns raw frames with nextRaw()', () => {
    const p = new ReplyParser();
    p.feed(b('*2\r\n:1\r\n$1\r\na\r\n+OK'));
    assert.equal(p.nextRaw()?.toString('latin1'), '*2\r\n:1\r\n$1\r\na\r\n');
    assert.equal(p.nextRaw(), undefined);
    p.feed(b('\r\n'));
    assert.equal(p.nextRaw()?.toString('latin1'), '+OK\r\n');
  });

  it('throws on bytes that are not RESP', () => {
    assert.throws(() => frameEnd(b('hello\r\n'), 0), RespProtocolError);
    assert.throws(() => frameEnd(b('$x\r\n'), 0), RespProtocolError);
    assert.throws(() => frameEnd(b('*-2\r\n'), 0), RespProtocolError);
    const p = new ReplyParser();
    p.feed(b('*1\r\n?\r\n'));
    assert.throws(() => p.next(), RespProtocolError);
  });

  it('parses a large array arriving in small pieces', () => {
    const n = 100000;
    let s = `*${n}\r\n`;
    for (let i = 0; i < n; i++) s += i % 2 ? `:${i}\r\n` : `$${String(i).length}\r\n${i}\r\n`;
    const stream = b(s + '+END\r\n');
    const chunks: Buffer[] = [];
    for (let i = 0; i < stream.length; i += 97) chunks.push(stream.subarray(i, i + 97));
    const out = collect(chunks);
    assert.equal(out.length, 2);
    const arr = out[0]!;
    assert.ok(arr.type === 'array');
    assert.equal(arr.value.length, n);
    assert.deepEqual(arr.value[99999], int(99999));
    assert.deepEqual(arr.value[12], bulk('12'));
    assert.deepEqual(out[1], { type: 'simple', value: 'END' });
  });

  it('parses a 5 MB bulk arriving in 1 KB pieces', () => {
    const big = Buffer.alloc(5 * 1024 * 1024, 'q');
    const stream = Buffer.concat([b(`$${big.length}\r\n`), big, b('\r\n:1\r\n')]);
    const chunks: Buffer[] = [];
    for (let i = 0; i < stream.length; i += 1024) chunks.push(stream.subarray(i, i + 1024));
    const out = collect(chunks, { buffers: true });
    assert.equal(out.length, 2);
    assert.ok(out[0]!.type === 'bulk' && Buffer.isBuffer(out[0]!.value) && out[0]!.value.equals(big));
  });
});

describe('ReplyParser: round trips', () => {
  it('reads what ReplyWriter writes, in RESP2 and RESP3', () => {
    const write = (w: ReplyWriter): void => {
      w.ok();
      w.error('ERR x');
      w.integer(-5);
      w.bulk('v\r\n');
      w.nullBulk();
      w.nullArray();
      w.mapLen(1);
      w.bulk('k');
      w.double(0.5);
      w.setLen(1);
      w.bool(true);
      w.pushLen(1);
      w.bigNumber('123');
      w.verbatim('text');
      const d = w.deferLen('map');
      w.bulk('a');
      w.integer(1);
      w.setDeferred(d, 1);
    };
    const w2 = new ReplyWriter();
    write(w2);
    assert.deepEqual(parseReplies(w2.take()), [
      { type: 'simple', value: 'OK' },
      { type: 'error', value: 'ERR x' },
      int(-5),
      bulk('v\r\n'),
      { type: 'null', prefix: '$' },
      { type: 'null', prefix: '*' },
      { type: 'array', value: [bulk('k'), bulk('0.5')] },
      { type: 'array', value: [int(1)] },
      { type: 'array', value: [bulk('123')] },
      bulk('text'),
      { type: 'array', value: [bulk('a'), int(1)] },
    ]);
    const w3 = new ReplyWriter();
    w3.resp = 3;
    write(w3);
    assert.deepEqual(parseReplies(w3.take()), [
      { type: 'simple', value: 'OK' },
      { type: 'error', value: 'ERR x' },
      int(-5),
      bulk('v\r\n'),
      { type: 'null', prefix: '_' },
      { type: 'null', prefix: '_' },
      { type: 'map', value: [[bulk('k'), { type: 'double', value: 0.5, raw: '0.5' }]] },
      { type: 'set', value: [bool(true)] },
      { type: 'push', value: [{ type: 'bignum', value: 123n, raw: '123' }] },
      { type: 'verbatim', format: 'txt', value: 'text' },
      { type: 'map', value: [[bulk('a'), int(1)]] },
    ]);
  });

  it('reads what encodeCommand writes as an array of bulks', () => {
    const all = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i)).join('');
    const argv = ['SET', all, '', '\r\n'];
    const enc = encodeCommand(argv);
    assert.equal(enc.length, encodedLength(argv));
    assert.deepEqual(parseReplies(enc), [{ type: 'array', value: argv.map(bulk) }]);
    assert.equal(encodeCommand([]).toString('latin1'), '*0\r\n');
  });

  it('encodes exact bytes, several commands at once, and into a given buffer', () => {
    assert.equal(encodeCommand(['GET', 'k']).toString('latin1'), '*2\r\n$3\r\nGET\r\n$1\r\nk\r\n');
    const long = 'x'.repeat(1234567);
    assert.equal(encodeCommand([long]).toString('latin1'), `*1\r\n$1234567\r\n${long}\r\n`);
    assert.equal(encodeCommands([['PING'], ['ECHO', Buffer.from([0xff])]]).toString('latin1'), '*1\r\n$4\r\nPING\r\n*2\r\n$4\r\nECHO\r\n$1\r\n\xff\r\n');
    const args = Array.from({ length: 12 }, (_, i) => 'a'.repeat(i * 3));
    const out = Buffer.alloc(encodedLength(args) + 4, 0x2e);
    assert.equal(writeCommand(args, out, 2), 2 + encodedLength(args));
    assert.equal(out.toString('latin1'), '..' + encodeCommand(args).toString('latin1') + '..');
  });
});

// The exact bytes redis-server 7.0.15 sends for DEBUG PROTOCOL <type>, in RESP2 then RESP3.
const DEBUG_TYPES = ['string', 'integer', 'double', 'bignum', 'null', 'array', 'set', 'map', 'attrib', 'push', 'verbatim', 'true', 'false'];
const DEBUG_RESP2 =
  '$11\r\nHello World\r\n:12345\r\n$5\r\n3.141\r\n$37\r\n1234567999999999999999999999999999999\r\n$-1\r\n' +
  '*3\r\n:0\r\n:1\r\n:2\r\n*3\r\n:0\r\n:1\r\n:2\r\n*6\r\n:0\r\n:0\r\n:1\r\n:1\r\n:2\r\n:0\r\n' +
  '$39\r\nSome real reply following the attribute\r\n-ERR RESP2 is not supported by this command\r\n' +
  '$25\r\nThis is a verbatim\nstring\r\n:1\r\n:0\r\n';
const DEBUG_RESP3 =
  '$11\r\nHello World\r\n:12345\r\n,3.141\r\n(1234567999999999999999999999999999999\r\n_\r\n' +
  '*3\r\n:0\r\n:1\r\n:2\r\n~3\r\n:0\r\n:1\r\n:2\r\n%3\r\n:0\r\n#f\r\n:1\r\n#t\r\n:2\r\n#f\r\n' +
  '|1\r\n$14\r\nkey-popularity\r\n*2\r\n$7\r\nkey:123\r\n:90\r\n$39\r\nSome real reply following the attribute\r\n' +
  '>2\r\n$16\r\nserver-cpu-usage\r\n:42\r\n$40\r\nSome real reply following the push reply\r\n' +
  '=29\r\ntxt:This is a verbatim\nstring\r\n#t\r\n#f\r\n';

describe('ReplyParser: DEBUG PROTOCOL output of redis-server 7.0.15', () => {
  it('parses the RESP2 output', () => {
    const v = parseReplies(b(DEBUG_RESP2));
    assert.equal(v.length, 13);
    assert.deepEqual(v[2], bulk('3.141'));
    assert.deepEqual(v[7], { type: 'array', value: [int(0), int(0), int(1), int(1), int(2), int(0)] });
    assert.deepEqual(v[9], { type: 'error', value: 'ERR RESP2 is not supported by this command' });
  });

  it('parses the RESP3 output (push is its own frame, followed by the real reply)', () => {
    const v = parseReplies(b(DEBUG_RESP3));
    assert.equal(v.length, 14);
    assert.deepEqual(v[2], { type: 'double', value: 3.141, raw: '3.141' });
    assert.deepEqual(v[3], { type: 'bignum', value: 1234567999999999999999999999999999999n, raw: '1234567999999999999999999999999999999' });
    assert.deepEqual(v[4], { type: 'null', prefix: '_' });
    assert.deepEqual(v[6], { type: 'set', value: [int(0), int(1), int(2)] });
    assert.deepEqual(v[7], { type: 'map', value: [[int(0), bool(false)], [int(1), bool(true)], [int(2), bool(false)]] });
    assert.equal(v[8]!.type, 'attribute');
    assert.deepEqual(v[9], { type: 'push', value: [bulk('server-cpu-usage'), int(42)] });
    assert.deepEqual(v[10], bulk('Some real reply following the push reply'));
    assert.deepEqual(v[11], { type: 'verbatim', format: 'txt', value: 'This is a verbatim\nstring' });
    assert.deepEqual(v.slice(12), [bool(true), bool(false)]);
  });

  describe('live', { skip: redisServerAvailable() ? false : 'redis-server 7 not installed' }, () => {
    let redis: RealRedis;
    before(async () => {
      redis = await startRealRedis(['--enable-debug-command', 'yes']);
    });
    after(async () => {
      await redis?.close();
    });

    it('matches the bytes the server sends', async () => {
      const cmds = DEBUG_TYPES.map((t) => ['DEBUG', 'PROTOCOL', t]);
      const request = Buffer.concat([encodeCommands(cmds), encodeCommand(['HELLO', '3']), encodeCommands(cmds)]);
      const got = await new Promise<Buffer>((resolve, reject) => {
        const sock = net.connect(redis.port, '127.0.0.1');
        const p = new ReplyParser();
        const raw: Buffer[] = [];
        const want = 13 + 1 + 14;
        let n = 0;
        sock.on('data', (d: Buffer) => {
          p.feed(d);
          for (let f = p.nextRaw(); f !== undefined; f = p.nextRaw()) {
            raw.push(f);
            if (++n === want) {
              sock.destroy();
              resolve(Buffer.concat(raw));
            }
          }
        });
        sock.on('error', reject);
        sock.on('connect', () => sock.write(request));
      });
      const text = got.toString('latin1');
      const hello = text.indexOf('%7\r\n');
      assert.equal(text.slice(0, hello), DEBUG_RESP2);
      const afterHello = frameEnd(got, hello);
      assert.equal(text.slice(afterHello), DEBUG_RESP3);
    });
  });
});
