// Unit tests of the request parser (src/protocol/parser.ts): every split point of mixed
// streams, every protocol error text and the exact point it fires, skip rules, limits, big
// arguments, and — when redis-server 7 is installed — the same bytes sent to the real server.
import { describe, it, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import {
  RequestParser,
  splitArgs,
  splitArgsBytes,
  parseLongLong,
  type ParseResult,
  ERR_INVALID_BULK_LEN,
  ERR_INVALID_MBULK_LEN,
  ERR_TOO_BIG_BULK_COUNT,
  ERR_TOO_BIG_INLINE,
  ERR_TOO_BIG_MBULK_COUNT,
  ERR_UNAUTH_BULK_LEN,
  ERR_UNAUTH_MBULK_LEN,
  ERR_UNBALANCED_QUOTES,
} from '../../src/protocol/parser.js';
import { encodeCommand } from '../../src/protocol/encode.js';
import { redisServerAvailable, startRealRedis, type RealRedis } from '../helpers/real-redis.js';

const DEFAULT_LIMITS = { protoMaxBulkLen: 512 * 1024 * 1024, queryBufferLimit: 1024 * 1024 * 1024 };
const K64 = 64 * 1024;

type Out = string[] | { error: string };

function b(s: string): Buffer {
  return Buffer.from(s, 'latin1');
}

/**
 * Feeds the chunks one at a time, draining next() after each (as the server does), or — with
 * `lazy` — only after some of them, so several chunks may be fed before parsing resumes.
 */
function run(
  chunks: Buffer[],
  setup?: (p: RequestParser) => void,
  lazy?: () => number,
): { out: Out[]; inline: boolean[]; parser: RequestParser } {
  const p = new RequestParser({ ...DEFAULT_LIMITS });
  setup?.(p);
  const out: Out[] = [];
  const inline: boolean[] = [];
  for (const [i, c] of chunks.entries()) {
    p.feed(c);
    if (lazy && i < chunks.length - 1 && lazy() < 0.6) continue;
    for (;;) {
      const r: ParseResult = p.next();
      if (r === null) break;
      if (Array.isArray(r)) {
        assert.ok(r.length > 0, 'an empty argv is never returned');
        out.push(r);
        inline.push(p.lastWasInline);
      } else {
        out.push(r);
        return { out, inline, parser: p };
      }
    }
  }
  return { out, inline, parser: p };
}

function splitAt(buf: Buffer, ...points: number[]): Buffer[] {
  const out: Buffer[] = [];
  let last = 0;
  for (const pt of points) {
    out.push(buf.subarray(last, pt));
    last = pt;
  }
  out.push(buf.subarray(last));
  return out;
}

/** A small deterministic PRNG (mulberry32) for random chunkings. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomChunks(buf: Buffer, rand: () => number, maxLen: number): Buffer[] {
  const out: Buffer[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const n = 1 + Math.floor(rand() * maxLen);
    out.push(buf.subarray(pos, pos + n));
    pos += n;
  }
  return out;
}

/** Asserts the same result for the whole stream, every 2-way split, bytewise and random splits. */
function assertEverySplit(stream: Buffer, expected: Out[], setup?: (p: RequestParser) => void, threeWay = false): void {
  assert.deepEqual(run([stream], setup).out, expected, 'whole stream');
  for (let i = 0; i <= stream.length; i++) {
    assert.deepEqual(run(splitAt(stream, i), setup).out, expected, `split at ${i}`);
  }
  if (threeWay) {
    for (let i = 0; i <= stream.length; i++) {
      for (let j = i; j <= stream.length; j++) {
        const got = run(splitAt(stream, i, j), setup).out;
        assert.deepEqual(got, expected, `split at ${i},${j}`);
      }
    }
  }
  const bytes: Buffer[] = [];
  for (let i = 0; i < stream.length; i++) bytes.push(stream.subarray(i, i + 1));
  assert.deepEqual(run(bytes, setup).out, expected, 'byte by byte');
  const rand = rng(stream.length);
  for (let k = 0; k < 50; k++) {
    assert.deepEqual(run(randomChunks(stream, rand, 1 + (k % 40)), setup).out, expected, `random chunking ${k}`);
    assert.deepEqual(run(randomChunks(stream, rand, 1 + (k % 40)), setup, rand).out, expected, `lazy random chunking ${k}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Streams that parse.

interface Piece {
  bytes: string;
  /** argv produced, or null when Redis skips the bytes silently */
  argv: string[] | null;
  inline?: boolean;
}

const PIECES: Piece[] = [
  { bytes: '*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$5\r\nvalue\r\n', argv: ['SET', 'key', 'value'] },
  { bytes: 'PING\r\n', argv: ['PING'], inline: true },
  { bytes: '*0\r\n', argv: null },
  { bytes: '*-1\r\n', argv: null },
  { bytes: '*-9223372036854775808\r\n', argv: null },
  { bytes: '\r\n', argv: null },
  { bytes: '   \t \n', argv: null },
  { bytes: '\n', argv: null },
  { bytes: '*2\r\n$4\r\nECHO\r\n$6\r\na\r\nb\r\n\r\n', argv: ['ECHO', 'a\r\nb\r\n'] },
  { bytes: '*2\r\n$4\r\nECHO\r\n$0\r\n\r\n', argv: ['ECHO', ''] },
  { bytes: '*3\r\n$0\r\n\r\n$0\r\n\r\n$0\r\n\r\n', argv: ['', '', ''] },
  { bytes: '*2\r\n$4\r\nECHO\r\n$5\r\n\x00\xff\x80*$\r\n', argv: ['ECHO', '\x00\xff\x80*$'] },
  { bytes: 'SET "a b" \'c d\' "\\x41\\n\\"q"\n', argv: ['SET', 'a b', 'c d', 'A\n"q'], inline: true },
  { bytes: 'GET k\n', argv: ['GET', 'k'], inline: true },
  { bytes: '  ECHO\t  x  \r\n', argv: ['ECHO', 'x'], inline: true },
  { bytes: 'ECHO a\rb\r\n', argv: ['ECHO', 'a', 'b'], inline: true },
  { bytes: 'ECHO a\r\r\n', argv: ['ECHO', 'a'], inline: true },
  { bytes: '\x0b\x0cECHO a\x0bb\r\n', argv: ['ECHO', 'a\x0bb'], inline: true },
  { bytes: 'ECHO ""\r\n', argv: ['ECHO', ''], inline: true },
  // Redis does not check the two bytes after a bulk, nor the byte after a header's '\r'.
  { bytes: '*1\r\n$4\r\nPINGxy', argv: ['PING'] },
  { bytes: '*1\rX$4\rYPING\r\n', argv: ['PING'] },
  { bytes: '*2\r\n$3\r\nGET\r\n$1\r\n\n\r\n', argv: ['GET', '\n'] },
  { bytes: ' *1\r\n', argv: ['*1'], inline: true },
  { bytes: '$3\r\n', argv: ['$3'], inline: true },
  { bytes: 'ECHO \xa0x\x85\r\n', argv: ['ECHO', '\xa0x\x85'], inline: true },
];

function concat(pieces: Piece[]): { stream: Buffer; expected: Out[]; inline: boolean[] } {
  const stream = Buffer.concat(pieces.map((p) => b(p.bytes)));
  const expected: Out[] = [];
  const inline: boolean[] = [];
  for (const p of pieces) {
    if (p.argv !== null) {
      expected.push(p.argv);
      inline.push(p.inline === true);
    }
  }
  return { stream, expected, inline };
}

describe('RequestParser: valid streams', () => {
  it('parses each piece alone at every split point', () => {
    for (const piece of PIECES) {
      assertEverySplit(b(piece.bytes), piece.argv === null ? [] : [piece.argv]);
    }
  });

  it('parses the whole mixed stream at every split point, bytewise and in random chunks', () => {
    const { stream, expected, inline } = concat(PIECES);
    assertEverySplit(stream, expected);
    assert.deepEqual(run([stream]).inline, inline, 'lastWasInline per command');
  });

  it('parses a short mixed stream at every pair of split points', () => {
    const { stream, expected } = concat([PIECES[0]!, PIECES[1]!, PIECES[2]!, PIECES[9]!, PIECES[12]!]);
    assertEverySplit(stream, expected, undefined, true);
  });

  it('parses many pipelined commands in one chunk', () => {
    const cmds: string[][] = [];
    for (let i = 0; i < 2000; i++) cmds.push(['SET', `key:${i}`, 'x'.repeat(i % 50)]);
    const stream = Buffer.concat(cmds.map((c) => encodeCommand(c)));
    assert.deepEqual(run([stream]).out, cmds);
    assert.deepEqual(run(randomChunks(stream, rng(7), 4096)).out, cmds);
    assert.deepEqual(run(randomChunks(stream, rng(8), 7)).out, cmds);
  });

  it('round-trips encodeCommand for binary arguments of every byte value', () => {
    const all = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i)).join('');
    const cmds = [['SET', all, all + all], ['X', '', '\r\n', '\r', '\n', '$', '*1\r\n']];
    const stream = Buffer.concat(cmds.map((c) => encodeCommand(c)));
    assert.deepEqual(run([stream]).out, cmds);
    assert.deepEqual(run(randomChunks(stream, rng(3), 13)).out, cmds);
  });

  it('accepts Buffers and strings in encodeCommand identically', () => {
    assert.deepEqual(encodeCommand(['SET', b('k\xff'), 'v']), b('*3\r\n$3\r\nSET\r\n$2\r\nk\xff\r\n$1\r\nv\r\n'));
  });
});

// ---------------------------------------------------------------------------------------------
// Big arguments.

describe('RequestParser: big arguments', () => {
  it('parses arguments around the 32 KB threshold at every split point', () => {
    for (const len of [32 * 1024 - 1, 32 * 1024, 32 * 1024 + 1]) {
      const big = 'v'.repeat(len - 3) + '\r\n\x00';
      const cmds = [['SET', 'k', big], ['GET', 'k']];
      const stream = Buffer.concat([...cmds.map((c) => encodeCommand(c)), b('PING\r\n')]);
      const expected = [...cmds, ['PING']];
      assert.deepEqual(run([stream]).out, expected);
      // Every split point near the headers and the end; a stride through the middle.
      const points = new Set<number>();
      for (let i = 0; i < 40; i++) points.add(i);
      for (let i = stream.length - 60; i <= stream.length; i++) points.add(i);
      for (let i = 0; i < stream.length; i += 997) points.add(i);
      for (const i of points) assert.deepEqual(run(splitAt(stream, i)).out, expected, `len ${len}, split at ${i}`);
      assert.deepEqual(run(randomChunks(stream, rng(len), 3000)).out, expected);
      assert.deepEqual(run(randomChunks(stream, rng(len + 1), 100)).out, expected);
      for (let k = 0; k < 20; k++) {
        const rand = rng(len * 100 + k);
        assert.deepEqual(run(randomChunks(stream, rand, 1 + k * 500), undefined, rand).out, expected, `lazy ${k}`);
      }
    }
  });

  it('gathers a 4 MB argument fed in 1 KB pieces, counting it in bufferedBytes', () => {
    const len = 4 * 1024 * 1024;
    const value = Buffer.alloc(len);
    for (let i = 0; i < len; i++) value[i] = (i * 31 + 7) & 0xff;
    const stream = Buffer.concat([encodeCommand(['SET', 'k', value]), b('*1\r\n$4\r\nPING\r\n')]);
    const p = new RequestParser({ ...DEFAULT_LIMITS });
    const out: string[][] = [];
    let fed = 0;
    for (let pos = 0; pos < stream.length; pos += 1024) {
      const chunk = stream.subarray(pos, pos + 1024);
      p.feed(chunk);
      fed += chunk.length;
      for (let r = p.next(); r !== null; r = p.next()) {
        assert.ok(Array.isArray(r));
        out.push(r);
      }
      if (out.length === 0) {
        const headers = '*3\r\n$3\r\nSET\r\n$1\r\nk\r\n'.length;
        // Once inside the value, everything after the parsed headers is buffered.
        if (fed > headers + 20) assert.equal(p.bufferedBytes(), fed - headers - `$${len}\r\n`.length);
      }
    }
    assert.equal(out.length, 2);
    assert.equal(out[0]![2], value.toString('latin1'));
    assert.deepEqual(out[1], ['PING']);
    assert.equal(p.bufferedBytes(), 0);
  });

  it('keeps the start of a big argument intact when later chunks are fed before parsing', () => {
    for (const first of [10, 1000, 3000, 20000]) {
      const value = Array.from({ length: 40000 }, (_, i) => String.fromCharCode(97 + (i % 26))).join('');
      const p = new RequestParser({ ...DEFAULT_LIMITS });
      p.feed(b('PING\r\n*2\r\n$4\r\nECHO\r\n$4'));
      assert.deepEqual(p.next(), ['PING']);
      assert.equal(p.next(), null); // the tail "$4" now sits in the parser's own buffer
      p.feed(b('0000\r\n' + value.slice(0, first)));
      assert.equal(p.next(), null); // big argument: its first bytes were in that buffer
      p.feed(b(value.slice(first) + '\r\nPING\r\n*1\r\n$4\r\nPI'));
      p.feed(b('NG\r\n')); // appending this must not reuse memory holding the start of the value
      p.feed(b('ECHO x\r\n'));
      assert.deepEqual(p.next(), ['ECHO', value], `first piece ${first}`);
      assert.deepEqual(p.next(), ['PING']);
      assert.deepEqual(p.next(), ['PING']);
      assert.deepEqual(p.next(), ['ECHO', 'x']);
      assert.equal(p.next(), null);
    }
  });

  it('gathers a big argument trickled in pieces of 1 to 2000 bytes', () => {
    const value = Array.from({ length: 70000 }, (_, i) => String.fromCharCode(i & 0xff)).join('');
    const stream = Buffer.concat([encodeCommand(['SET', 'k', value]), encodeCommand(['GET', 'k'])]);
    for (const max of [1, 3, 700, 1500, 2000]) {
      const rand = rng(max);
      assert.deepEqual(run(randomChunks(stream, rand, max)).out, [['SET', 'k', value], ['GET', 'k']], `max ${max}`);
      assert.deepEqual(run(randomChunks(stream, rand, max), undefined, rand).out, [['SET', 'k', value], ['GET', 'k']], `lazy max ${max}`);
    }
  });

  it('does not allocate a declared length up front', () => {
    const p = new RequestParser({ ...DEFAULT_LIMITS });
    const before = process.memoryUsage().arrayBuffers;
    p.feed(b('*2\r\n$3\r\nSET\r\n$536870912\r\nabc'));
    assert.equal(p.next(), null);
    p.feed(Buffer.alloc(100000, 'x'));
    assert.equal(p.next(), null);
    const grown = process.memoryUsage().arrayBuffers - before;
    assert.ok(grown < 64 * 1024 * 1024, `grew by ${grown} bytes`);
    assert.equal(p.bufferedBytes(), 100003);
  });

  it('keeps no reference to a fed chunk once next() has asked for more (small arguments)', () => {
    const chunk = b('*2\r\n$4\r\nECHO\r\n$10\r\nabcde');
    const p = new RequestParser({ ...DEFAULT_LIMITS });
    p.feed(chunk);
    assert.equal(p.next(), null);
    chunk.fill(0x21); // the socket layer may reuse or drop it
    p.feed(b('fghij\r\n'));
    assert.deepEqual(p.next(), ['ECHO', 'abcdefghij']);
  });

  it('returns arguments that do not share memory with the chunk', () => {
    const chunk = b('*1\r\n$5\r\nhello\r\n');
    const p = new RequestParser({ ...DEFAULT_LIMITS });
    p.feed(chunk);
    const r = p.next();
    chunk.fill(0);
    assert.deepEqual(r, ['hello']);
  });
});

// ---------------------------------------------------------------------------------------------
// Protocol errors.

interface ErrorCase {
  name: string;
  /** bytes sent */
  bytes: string;
  /** commands that parse before the error (each is a PING so the real server answers +PONG) */
  before: number;
  error: string;
  /** parser setup (and server flags for the real-redis check) */
  auth?: boolean;
}

const PINGS = (n: number): string => '*1\r\n$4\r\nPING\r\n'.repeat(n);

const ERROR_CASES: ErrorCase[] = [
  { name: 'multibulk count not a number', bytes: '*x\r\n', before: 0, error: ERR_INVALID_MBULK_LEN },
  { name: 'empty multibulk count', bytes: '*\r\n', before: 0, error: ERR_INVALID_MBULK_LEN },
  { name: 'multibulk count with a leading zero', bytes: '*01\r\n', before: 0, error: ERR_INVALID_MBULK_LEN },
  { name: 'multibulk count with +', bytes: '*+1\r\n', before: 0, error: ERR_INVALID_MBULK_LEN },
  { name: 'multibulk count -0', bytes: '*-0\r\n', before: 0, error: ERR_INVALID_MBULK_LEN },
  { name: 'multibulk count with a space', bytes: '* 1\r\n', before: 0, error: ERR_INVALID_MBULK_LEN },
  { name: 'multibulk count INT_MAX + 1', bytes: '*2147483648\r\n', before: 0, error: ERR_INVALID_MBULK_LEN },
  { name: 'multibulk count below int64', bytes: '*-9223372036854775809\r\n', before: 0, error: ERR_INVALID_MBULK_LEN },
  { name: 'multibulk count ended by \\n only', bytes: '*1\n$4\r\nPING\r\n', before: 0, error: ERR_INVALID_MBULK_LEN },
  { name: 'after good commands', bytes: PINGS(2) + 'PING\r\n*1\r\n$x\r\n', before: 3, error: ERR_INVALID_BULK_LEN },
  { name: "expected '$', got a letter", bytes: '*1\r\nPING\r\n', before: 0, error: "ERR Protocol error: expected '$', got 'P'" },
  { name: "expected '$', got CR (shown as a space)", bytes: '*1\r\n\r\n', before: 0, error: "ERR Protocol error: expected '$', got ' '" },
  { name: "expected '$', got LF (shown as a space)", bytes: '*1\r\n\n\r\n', before: 0, error: "ERR Protocol error: expected '$', got ' '" },
  { name: "expected '$', got a high byte", bytes: '*1\r\n\xff\r\n', before: 0, error: "ERR Protocol error: expected '$', got '\xff'" },
  { name: "expected '$' for the second argument", bytes: '*2\r\n$4\r\nECHO\r\n:1\r\n', before: 0, error: "ERR Protocol error: expected '$', got ':'" },
  { name: 'bulk length -1', bytes: '*1\r\n$-1\r\n', before: 0, error: ERR_INVALID_BULK_LEN },
  { name: 'bulk length with a leading zero', bytes: '*1\r\n$04\r\nPING\r\n', before: 0, error: ERR_INVALID_BULK_LEN },
  { name: 'bulk length empty', bytes: '*1\r\n$\r\n', before: 0, error: ERR_INVALID_BULK_LEN },
  { name: 'bulk length over proto-max-bulk-len', bytes: '*1\r\n$536870913\r\n', before: 0, error: ERR_INVALID_BULK_LEN },
  { name: 'bulk length over int64', bytes: '*1\r\n$9223372036854775808\r\n', before: 0, error: ERR_INVALID_BULK_LEN },
  { name: 'bulk length of 21 digits', bytes: '*1\r\n$100000000000000000000\r\n', before: 0, error: ERR_INVALID_BULK_LEN },
  { name: 'unbalanced double quote', bytes: 'ECHO "abc\r\n', before: 0, error: ERR_UNBALANCED_QUOTES },
  { name: 'closing quote followed by a letter', bytes: 'ECHO "abc"d\r\n', before: 0, error: ERR_UNBALANCED_QUOTES },
  { name: 'unbalanced single quote', bytes: "ECHO 'ab\r\n", before: 0, error: ERR_UNBALANCED_QUOTES },
  { name: 'closing single quote followed by a quote', bytes: "ECHO 'a''b'\r\n", before: 0, error: ERR_UNBALANCED_QUOTES },
  { name: 'escaped closing quote', bytes: 'ECHO "ab\\"\r\n', before: 0, error: ERR_UNBALANCED_QUOTES },
  { name: 'trailing backslash in quotes', bytes: 'ECHO "a\\\r\n', before: 0, error: ERR_UNBALANCED_QUOTES },
  { name: 'inline line over 64 KB', bytes: 'x'.repeat(K64 + 1), before: 0, error: ERR_TOO_BIG_INLINE },
  { name: 'inline line over 64 KB after a command', bytes: 'PING\r\n' + 'x'.repeat(K64 + 1), before: 1, error: ERR_TOO_BIG_INLINE },
  { name: 'inline line stalled by a NUL, then over 64 KB', bytes: 'PING\x00\r\n' + 'x'.repeat(K64), before: 0, error: ERR_TOO_BIG_INLINE },
  { name: 'multibulk count line over 64 KB', bytes: '*' + '1'.repeat(K64), before: 0, error: ERR_TOO_BIG_MBULK_COUNT },
  { name: 'bulk count line over 64 KB', bytes: '*1\r\n' + '$'.repeat(K64 + 1), before: 0, error: ERR_TOO_BIG_BULK_COUNT },
  { name: 'long bulk count with CR', bytes: '*1\r\n$' + '1'.repeat(K64 + 5) + '\r\n', before: 0, error: ERR_INVALID_BULK_LEN },
  { name: 'long non-$ line with CR', bytes: '*1\r\n' + 'x'.repeat(K64 + 5) + '\r\n', before: 0, error: "ERR Protocol error: expected '$', got 'x'" },
  { name: 'unauthenticated: 11 arguments', bytes: '*11\r\n', before: 0, error: ERR_UNAUTH_MBULK_LEN, auth: true },
  { name: 'unauthenticated: invalid count wins', bytes: '*2147483648\r\n', before: 0, error: ERR_INVALID_MBULK_LEN, auth: true },
  { name: 'unauthenticated: 16385-byte argument', bytes: '*1\r\n$16385\r\n', before: 0, error: ERR_UNAUTH_BULK_LEN, auth: true },
  { name: 'unauthenticated: invalid bulk length wins', bytes: '*1\r\n$536870913\r\n', before: 0, error: ERR_INVALID_BULK_LEN, auth: true },
  { name: 'unauthenticated: count checked before arguments', bytes: '*11\r\n$x\r\n', before: 0, error: ERR_UNAUTH_MBULK_LEN, auth: true },
];

function authSetup(c: ErrorCase): ((p: RequestParser) => void) | undefined {
  return c.auth ? (p) => (p.requireAuth = true) : undefined;
}

describe('RequestParser: protocol errors', () => {
  for (const c of ERROR_CASES) {
    it(`${c.name} -> ${c.error}`, () => {
      const stream = b(c.bytes);
      const expected: Out[] = [];
      for (let i = 0; i < c.before; i++) expected.push(['PING']);
      expected.push({ error: c.error });
      if (stream.length < 300) {
        assertEverySplit(stream, expected, authSetup(c));
      } else {
        assert.deepEqual(run([stream], authSetup(c)).out, expected);
        assert.deepEqual(run(randomChunks(stream, rng(1), 5000), authSetup(c)).out, expected);
        assert.deepEqual(run(randomChunks(stream, rng(2), 16384), authSetup(c)).out, expected);
      }
    });
  }

  it('keeps returning the error and ignores later bytes', () => {
    const p = new RequestParser({ ...DEFAULT_LIMITS });
    p.feed(b('*x\r\nPING\r\n'));
    assert.deepEqual(p.next(), { error: ERR_INVALID_MBULK_LEN });
    p.feed(b('PING\r\n'));
    assert.deepEqual(p.next(), { error: ERR_INVALID_MBULK_LEN });
    assert.equal(p.bufferedBytes(), 0);
  });

  it('fires the 64 KB line errors only past 65536 buffered bytes', () => {
    assert.deepEqual(run([b('x'.repeat(K64))]).out, []);
    assert.deepEqual(run([b('x'.repeat(K64)), b('y')]).out, [{ error: ERR_TOO_BIG_INLINE }]);
    assert.deepEqual(run([b('x'.repeat(K64 - 10)), b('y'.repeat(20) + '\n')]).out, [['x'.repeat(K64 - 10) + 'y'.repeat(20)]]);
    assert.deepEqual(run([b('*' + '1'.repeat(K64 - 1))]).out, []);
    assert.deepEqual(run([b('*' + '1'.repeat(K64 - 1)), b('1')]).out, [{ error: ERR_TOO_BIG_MBULK_COUNT }]);
    assert.deepEqual(run([b('*1\r\n' + '$'.repeat(K64))]).out, []);
    assert.deepEqual(run([b('*1\r\n' + '$'.repeat(K64)), b('1')]).out, [{ error: ERR_TOO_BIG_BULK_COUNT }]);
    // The count is of everything buffered, not of the line alone (as Redis's sdslen - qb_pos).
    assert.deepEqual(run([b('*1\r\n$' + '\x00'.repeat(K64 - 1))]).out, []);
    assert.deepEqual(run([b('*1\r\n$' + '\x00'.repeat(K64))]).out, [{ error: ERR_TOO_BIG_BULK_COUNT }]);
  });

  it('stalls on a NUL before the line terminator, as Redis strchr does', () => {
    for (const s of ['PING\x00\r\nPING\r\n', '*1\x00\r\n*1\r\n$4\r\nPING\r\n', '*1\r\n$4\x00\r\nPING\r\n', 'ECHO a\x00b\r\n']) {
      const { out, parser } = run([b(s)]);
      assert.deepEqual(out, [], JSON.stringify(s));
      assert.equal(parser.bufferedBytes(), s.length - (s.startsWith('*1\r\n$') ? 4 : 0));
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Limits and flags.

describe('RequestParser: limits and flags', () => {
  it('applies proto-max-bulk-len, and changes to it, from the next bulk header', () => {
    const p = new RequestParser({ protoMaxBulkLen: 5, queryBufferLimit: 1 << 30 });
    p.feed(b('*2\r\n$4\r\nECHO\r\n$5\r\nabcde\r\n'));
    assert.deepEqual(p.next(), ['ECHO', 'abcde']);
    p.limits.protoMaxBulkLen = 4;
    p.feed(b('*2\r\n$4\r\nECHO\r\n$5\r\nabcde\r\n'));
    assert.deepEqual(p.next(), { error: ERR_INVALID_BULK_LEN });
  });

  it('does not apply proto-max-bulk-len to a primary', () => {
    const p = new RequestParser({ protoMaxBulkLen: 2, queryBufferLimit: 1 << 30 });
    p.fromPrimary = true;
    p.feed(b('*1\r\n$4\r\nPING\r\n'));
    assert.deepEqual(p.next(), ['PING']);
  });

  it('applies the unauthenticated limits only while requireAuth is set', () => {
    const ten = '*10\r\n' + '$1\r\na\r\n'.repeat(10);
    const eleven = '*11\r\n' + '$1\r\na\r\n'.repeat(11);
    const big = `*1\r\n$16384\r\n${'v'.repeat(16384)}\r\n`;
    const bigger = `*1\r\n$16385\r\n${'v'.repeat(16385)}\r\n`;
    const auth = (p: RequestParser): void => {
      p.requireAuth = true;
    };
    assert.deepEqual(run([b(ten)], auth).out, [Array(10).fill('a')]);
    assert.deepEqual(run([b(big)], auth).out, [['v'.repeat(16384)]]);
    assert.deepEqual(run([b(eleven)], auth).out, [{ error: ERR_UNAUTH_MBULK_LEN }]);
    assert.deepEqual(run([b(bigger)], auth).out, [{ error: ERR_UNAUTH_BULK_LEN }]);
    assert.deepEqual(run([b(eleven + bigger)]).out, [Array(11).fill('a'), ['v'.repeat(16385)]]);
    // Inline requests have no such limit.
    assert.deepEqual(run([b('a b c d e f g h i j k l\r\n')], auth).out, [['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l']]);
  });

  it('applies requireAuth as it is when the next command is parsed (AUTH in the same read)', () => {
    const p = new RequestParser({ ...DEFAULT_LIMITS });
    p.requireAuth = true;
    p.feed(b('*2\r\n$4\r\nAUTH\r\n$2\r\npw\r\n*11\r\n' + '$1\r\na\r\n'.repeat(11)));
    assert.deepEqual(p.next(), ['AUTH', 'pw']);
    p.requireAuth = false; // the server runs AUTH before asking for the next command
    assert.deepEqual(p.next(), Array(11).fill('a'));
  });

  it('counts unconsumed bytes in bufferedBytes and compares them with queryBufferLimit', () => {
    const p = new RequestParser({ protoMaxBulkLen: 1 << 29, queryBufferLimit: 20 });
    p.feed(b('*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$10\r\nab'));
    assert.equal(p.next(), null);
    assert.equal(p.bufferedBytes(), 2);
    assert.equal(p.overQueryBufferLimit(), false);
    p.feed(b('cdefghij\r\nPING\r\nGET k'));
    assert.equal(p.bufferedBytes(), 2 + 10 + 6 + 5);
    assert.equal(p.overQueryBufferLimit(), true);
    assert.deepEqual(p.next(), ['SET', 'k', 'abcdefghij']);
    assert.deepEqual(p.next(), ['PING']);
    assert.equal(p.next(), null);
    assert.equal(p.bufferedBytes(), 5);
  });
});

// ---------------------------------------------------------------------------------------------
// Numbers and sdssplitargs.

describe('parseLongLong (string2ll)', () => {
  const cases: [string, number | null][] = [
    ['0', 0], ['1', 1], ['-1', -1], ['10', 10], ['2147483647', 2147483647],
    ['9223372036854775807', 9223372036854775807], ['-9223372036854775808', -9223372036854775808],
    ['9223372036854775808', null], ['-9223372036854775809', null], ['9999999999999999999', null],
    ['18446744073709551615', null], ['99999999999999999999', null], ['1000000000000000000', 1e18],
    ['', null], ['-', null], ['-0', null], ['00', null], ['01', null], ['+1', null], [' 1', null],
    ['1 ', null], ['1a', null], ['0x1', null], ['1.0', null], ['--1', null], ['9223372036854775806', 9223372036854775806],
  ];
  for (const [s, want] of cases) {
    it(JSON.stringify(s), () => {
      const got = parseLongLong(b(s), 0, s.length);
      if (want === null) assert.ok(Number.isNaN(got), `got ${got}`);
      else assert.equal(got, want);
    });
  }
});

describe('splitArgs (sdssplitargs)', () => {
  const cases: [string, string[] | null][] = [
    ['', []],
    ['   ', []],
    ['a', ['a']],
    ['  a   b  ', ['a', 'b']],
    ['a\tb\nc\rd', ['a', 'b', 'c', 'd']],
    ['\x0b\x0ca\x0bb', ['a\x0bb']],
    ['"a b"', ['a b']],
    ['"a\\x41\\x4g\\n\\q"', ['aAx4g\nq']],
    ['"\\xFf\\x0"', ['\xffx0']],
    ['"\\r\\t\\b\\a\\\\\\""', ['\r\t\b\x07\\"']],
    ['"abc"d', null],
    ['"abc"\x0b', ['abc']],
    ['"abc', null],
    ['a"b c"', ['ab c']],
    ['a"b c"d', null],
    ["'a\\'b\\n'", ["a'b\\n"]],
    ["'ab", null],
    ["'a'b", null],
    ["'a''b'", null],
    ['""', ['']],
    ["''", ['']],
    ['"" \'\'', ['', '']],
    ['"a\rb"', ['a\rb']],
    ['"ab\\"', null],
    ['"a\\"b"', ['a"b']],
    ['"a\\', null],
    ["'a\\", null],
    ['x"\\x41"', ['xA']],
    ["'\\x41'", ['\\x41']],
    ['"\\x4"', ['x4']],
    ['a\x00b', ['a']],
    ['\xa0x\x85', ['\xa0x\x85']],
  ];
  for (const [line, want] of cases) {
    it(JSON.stringify(line), () => {
      assert.deepEqual(splitArgs(line), want);
      const nul = line.indexOf('\0');
      const bytes = b(line);
      assert.deepEqual(splitArgsBytes(bytes, 0, nul < 0 ? bytes.length : nul), want);
    });
  }

  it('agrees between the string and byte versions on random lines', () => {
    const alphabet = ['a', 'b', ' ', '\t', '"', "'", '\\', 'x', '4', 'F', 'n', '\r', '\x0b', '\xff'];
    const rand = rng(42);
    for (let i = 0; i < 20000; i++) {
      let s = '';
      const n = Math.floor(rand() * 12);
      for (let j = 0; j < n; j++) s += alphabet[Math.floor(rand() * alphabet.length)];
      const bytes = b(s);
      assert.deepEqual(splitArgsBytes(bytes, 0, bytes.length), splitArgs(s), JSON.stringify(s));
    }
  });
});

// ---------------------------------------------------------------------------------------------
// The same bytes against the real redis-server 7.0.15.

interface Exchange {
  out: string;
  closed: boolean;
}

/** Sends the parts (pausing between them) and collects what comes back until close or quiet. */
function exchange(port: number, parts: string[], quietMs = 250): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let timer: NodeJS.Timeout | null = null;
    let done = false;
    const finish = (closed: boolean): void => {
      if (done) return;
      done = true;
      if (timer) clearTimeout(timer);
      sock.destroy();
      resolve({ out: Buffer.concat(chunks).toString('latin1'), closed });
    };
    const arm = (): void => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => finish(false), quietMs);
    };
    sock.on('data', (d: Buffer) => {
      chunks.push(d);
      arm();
    });
    sock.on('close', () => finish(true));
    sock.on('error', (e) => (done ? undefined : chunks.length ? finish(true) : reject(e)));
    sock.on('connect', async () => {
      for (const part of parts) {
        sock.write(b(part));
        await new Promise((r) => setTimeout(r, 30));
      }
      arm();
    });
  });
}

/** What Memora's server would send for these parts: +PONG per PING, then the error. */
function expectedBytes(parts: string[], auth: boolean): Exchange {
  const { out } = run(parts.map(b), auth ? (p) => (p.requireAuth = true) : undefined);
  let s = '';
  for (const r of out) {
    if (Array.isArray(r)) s += r[0] === 'PING' ? '+PONG\r\n' : '?';
    else return { out: s + '-' + r.error + '\r\n', closed: true };
  }
  return { out: s, closed: false };
}

const haveRedis = redisServerAvailable();

describe('RequestParser against redis-server 7.0.15', { skip: haveRedis ? false : 'redis-server 7 not installed' }, () => {
  let redis: RealRedis;
  let locked: RealRedis;
  before(async () => {
    redis = await startRealRedis();
    // (startRealRedis waits for +PONG, so the password is set once it runs.)
    locked = await startRealRedis();
    const set = await exchange(locked.port, ['*4\r\n$6\r\nCONFIG\r\n$3\r\nSET\r\n$11\r\nrequirepass\r\n$2\r\npw\r\n'], 100);
    assert.equal(set.out, '+OK\r\n');
  });
  after(async () => {
    await redis?.close();
    await locked?.close();
  });

  it('answers every protocol error with the same bytes, then closes', async () => {
    const results = await Promise.all(
      ERROR_CASES.map(async (c) => {
        const got = await exchange(c.auth ? locked.port : redis.port, [c.bytes]);
        return { c, got };
      }),
    );
    for (const { c, got } of results) {
      const want = expectedBytes([c.bytes], c.auth === true);
      assert.equal(want.closed, true, c.name);
      assert.deepEqual(got, want, c.name);
    }
  });

  it('fires the 64 KB limits at the same byte counts (bytes sent in separate writes)', async () => {
    const sets: string[][] = [
      ['x'.repeat(K64)],
      ['x'.repeat(K64), 'y'],
      ['*' + '1'.repeat(K64 - 1)],
      ['*' + '1'.repeat(K64 - 1), '1'],
      ['*1\r\n' + '$'.repeat(K64)],
      ['*1\r\n' + '$'.repeat(K64), '$'],
      ['PING\x00\r\n', 'x'.repeat(K64 - 7)],
      ['PING\x00\r\n', 'x'.repeat(K64 - 6)],
    ];
    const got = await Promise.all(sets.map((parts) => exchange(redis.port, parts)));
    sets.forEach((parts, i) => {
      assert.deepEqual(got[i], expectedBytes(parts, false), JSON.stringify(parts.map((p) => p.length)));
    });
  });

  it('skips and accepts the same inputs (PING streams)', async () => {
    const streams = [
      '*0\r\n*-1\r\n*-9223372036854775808\r\n\r\n   \n\nPING\r\n',
      '*1\r\n$4\r\nPINGxy*1\rX$4\rYPING\r\n',
      '*1\r\n$4\r\nPING\r\nPING\n PING \r\n\x0bPING \x0c\r\n',
      'PING\x00\r\nPING\r\n',
      '*1\x00\r\n',
      '*1\r\n$4\x00\r\nPING\r\n',
      '*10\r\n',
      '*1\r\n$536870912\r\n',
      '*2147483647\r\n',
    ];
    const got = await Promise.all(streams.map((s) => exchange(redis.port, [s])));
    streams.forEach((s, i) => assert.deepEqual(got[i], expectedBytes([s], false), JSON.stringify(s)));
    for (const s of ['*10\r\n', '*1\r\n$16384\r\n']) {
      const got = await exchange(locked.port, [s]);
      assert.deepEqual(got, { out: '', closed: false }, JSON.stringify(s));
      assert.deepEqual(run([b(s)], (p) => (p.requireAuth = true)).out, []);
    }
  });

  it('splits inline ECHO lines into the same arguments', async () => {
    const lines = [
      'ECHO a\x0bb', 'ECHO "a\\x41\\x4g\\n\\q"', 'ECHO "abc"\x0b', 'ECHO a"b c"', "ECHO 'a\\'b\\n'", 'ECHO ""',
      'ECHO "a\rb"', 'ECHO a\rb', 'ECHO a\r', 'ECHO "a\\"b"', 'ECHO "\\xFf\\x0"', 'ECHO \xa0x\x85', 'ECHO\ta\tb',
      'ECHO "\\r\\t\\b\\a\\\\"', "ECHO '\\x41'", 'ECHO x"\\x41"', '  ECHO   z  ', 'ECHO "abc"d', "ECHO 'a''b'",
    ];
    const replies = await Promise.all(lines.map((line) => exchange(redis.port, [line + '\r\n'])));
    for (const [i, line] of lines.entries()) {
      const got = replies[i];
      const r = run([b(line + '\r\n')]).out;
      let want: Exchange;
      const first = r[0];
      if (first === undefined) want = { out: '', closed: false };
      else if (!Array.isArray(first)) want = { out: `-${first.error}\r\n`, closed: true };
      else if (first.length !== 2) want = { out: "-ERR wrong number of arguments for 'echo' command\r\n", closed: false };
      else want = { out: `$${first[1]!.length}\r\n${first[1]}\r\n`, closed: false };
      assert.deepEqual(got, want, JSON.stringify(line));
    }
  });
});
