// Unit tests for util/numbers.ts: string2ll-style integer parsing, strtod-style double parsing and
// the %.17g double reply text, checked against tables, an exact BigInt reference, and a real
// redis-server (INCRBY, ZADD/ZSCORE, ZCOUNT).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  parseLong,
  parseInt64,
  parseSafeInt,
  parseDouble,
  parseDoubleLoose,
  strtod,
  formatDouble,
  isInt64Bigint,
  INT64_MAX,
  INT64_MIN,
} from '../../src/util/numbers.js';
import { RedisPipe, seededRandom, skipWithoutRedis, type Reply } from '../helpers/redis-pipe.js';

// ---- helpers ----------------------------------------------------------------------------------

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

function fromBits(b: bigint): number {
  u64[0] = b;
  return f64[0]!;
}

/** d = m * 2^e exactly, m a non-negative integer bigint. */
function decompose(d: number): [boolean, bigint, number] {
  f64[0] = d;
  const bits = u64[0]!;
  const neg = bits >> 63n === 1n;
  const be = Number((bits >> 52n) & 0x7ffn);
  let m = bits & 0xfffffffffffffn;
  let e: number;
  if (be === 0) e = -1074;
  else {
    m |= 1n << 52n;
    e = be - 1075;
  }
  return [neg, m, e];
}

/** An exact hex-float spelling strtod reads back as d. */
function hexFloat(d: number): string {
  if (d === Infinity) return 'inf';
  if (d === -Infinity) return '-inf';
  const [neg, m, e] = decompose(d);
  return (neg ? '-' : '') + '0x' + m.toString(16) + 'p' + e;
}

/** Reference printf("%.17g") from the exact binary value, round-half-even. */
function refG17(d: number): string {
  if (d !== d) return 'nan';
  if (d === Infinity) return 'inf';
  if (d === -Infinity) return '-inf';
  const [neg, m, e] = decompose(d);
  const sign = neg ? '-' : '';
  if (m === 0n) return sign + '0';
  // exact value = N / 10^F
  let N: bigint;
  let F: number;
  if (e >= 0) {
    N = m << BigInt(e);
    F = 0;
  } else {
    N = m * 5n ** BigInt(-e);
    F = -e;
  }
  let digits = N.toString();
  let x = digits.length - 1 - F; // decimal exponent of the leading digit
  if (digits.length > 17) {
    const cut = digits.length - 17;
    const p = 10n ** BigInt(cut);
    let q = N / p;
    const r = N % p;
    const twice = 2n * r;
    if (twice > p || (twice === p && (q & 1n) === 1n)) q += 1n;
    digits = q.toString();
    if (digits.length > 17) {
      x += 1;
      digits = digits.slice(0, 17);
    }
  }
  digits = digits.padEnd(17, '0');
  const sig = digits.replace(/0+$/, '') || '0';
  let out: string;
  if (x < -4 || x >= 17) {
    const ax = Math.abs(x);
    out = sig[0] + (sig.length > 1 ? '.' + sig.slice(1) : '') + (x < 0 ? 'e-' : 'e+') + (ax < 10 ? '0' : '') + ax;
  } else if (x >= 0) {
    out = sig.length <= x + 1 ? sig + '0'.repeat(x + 1 - sig.length) : sig.slice(0, x + 1) + '.' + sig.slice(x + 1);
  } else {
    out = '0.' + '0'.repeat(-x - 1) + sig;
  }
  return sign + out;
}

function randomBits(r: () => number): bigint {
  return (BigInt(Math.floor(r() * 4294967296)) << 32n) | BigInt(Math.floor(r() * 4294967296));
}

/** Doubles that stress %.17g: random bit patterns, ties at the 17th digit, boundaries. */
function interestingDoubles(r: () => number, n: number): number[] {
  const out: number[] = [
    0, -0, 1, -1, 0.1, 0.5, 1.1, 1.5, 2.5, 1e-5, 1e-4, 1e-7, 1e15, 1e16, 1e17, 1e20, 1e21, 1e22, 1e300,
    1.7976931348623157e308, 5e-324, 2.2250738585072014e-308, 2 ** 53, 2 ** 53 + 2, 2 ** 60, -(2 ** 63),
    123456789012345.625, 123456789012345.375, 0.3, 2 / 3, 1 / 3, 99999999999999999, 9.999999999999999e16,
    Math.PI, -Math.E, 0.000123456789, 4503599627370495.5, 4503599627370497, 9007199254740993,
  ];
  while (out.length < n) {
    const k = r();
    if (k < 0.4) {
      const d = fromBits(randomBits(r));
      if (Number.isFinite(d)) out.push(d);
    } else if (k < 0.6) {
      // an exact tie at 17 significant digits: odd * 2^-j with an 18-digit expansion
      const j = 1 + Math.floor(r() * 25);
      const lo = Math.ceil(1e17 / 5 ** j);
      const hi = Math.min(Math.floor(1e18 / 5 ** j), 2 ** 53 - 1);
      if (lo >= hi) continue;
      let m = lo + Math.floor(r() * (hi - lo));
      if (m % 2 === 0) m += 1;
      const d = m / 2 ** j;
      out.push(r() < 0.5 ? -d : d);
    } else if (k < 0.8) {
      // short decimals at assorted magnitudes
      const d = Number((r() * 1000).toFixed(Math.floor(r() * 6)) + 'e' + (Math.floor(r() * 40) - 20));
      out.push(r() < 0.5 ? -d : d);
    } else {
      // small and large integers
      const d = Math.floor(r() * 2 ** (Math.floor(r() * 80)));
      out.push(r() < 0.5 ? -d : d);
    }
  }
  return out;
}

function randomNumericString(r: () => number): string {
  const pick = <T>(a: T[]): T => a[Math.floor(r() * a.length)]!;
  const k = r();
  let s = '';
  if (r() < 0.3) s += pick(['-', '+', '', '', ' ', '--']);
  if (k < 0.15) return s + pick(['inf', 'INF', 'Infinity', 'infinit', 'nan', 'NaN', 'nan(1)', '0x', '0x1p', '0x.8', '0x1.8p1', '0X1P-1074', '0x1p-1075', '0x1p1023', '0x1p1024', '0xffp-4', '0x1.fffffffffffff8p1023', '0xg', '.', 'e5', '1e', '1e+', '1.e5']);
  const nd = 1 + Math.floor(r() * 25);
  for (let i = 0; i < nd; i++) s += String(Math.floor(r() * 10));
  if (r() < 0.5) {
    const pos = Math.floor(r() * (s.length + 1));
    s = s.slice(0, pos) + '.' + s.slice(pos);
  }
  if (r() < 0.5) s += pick(['e', 'E']) + pick(['', '-', '+']) + String(Math.floor(r() * 340));
  if (r() < 0.05) s += pick([' ', 'x', '\x00', '\x001', 'e']);
  return s;
}

// ---- tests ------------------------------------------------------------------------------------

test('parseLong follows string2ll', () => {
  const ok: [string, number | bigint][] = [
    ['0', 0],
    ['1', 1],
    ['-1', -1],
    ['99', 99],
    ['123456789012345', 123456789012345],
    ['9007199254740991', 9007199254740991],
    ['-9007199254740991', -9007199254740991],
    ['9007199254740992', 9007199254740992n],
    ['-9007199254740992', -9007199254740992n],
    ['9223372036854775807', 9223372036854775807n],
    ['-9223372036854775808', -9223372036854775808n],
  ];
  for (const [s, v] of ok) {
    assert.equal(parseLong(s), v, s);
    assert.equal(parseInt64(s), BigInt(v), s);
    assert.equal(parseSafeInt(s), typeof v === 'number' ? v : null, s);
  }
  const bad = ['', '-', '+1', ' 1', '1 ', '01', '-0', '00', '-01', '1a', 'a', '1.0', '1e3', '9223372036854775808',
    '-9223372036854775809', '99999999999999999999', '123456789012345678901', '0x10', '\x001', '1\x00', '١'];
  for (const s of bad) {
    assert.equal(parseLong(s), null, JSON.stringify(s));
    assert.equal(parseInt64(s), null, JSON.stringify(s));
    assert.equal(parseSafeInt(s), null, JSON.stringify(s));
  }
  assert.equal(isInt64Bigint(INT64_MAX), true);
  assert.equal(isInt64Bigint(INT64_MIN), true);
  assert.equal(isInt64Bigint(INT64_MAX + 1n), false);
  assert.equal(isInt64Bigint(INT64_MIN - 1n), false);
  assert.equal(typeof parseLong('12'), 'number');
});

test('parseDouble follows string2d', () => {
  const ok: [string, number][] = [
    ['1', 1], ['-1', -1], ['+1', 1], ['1.5', 1.5], ['.5', 0.5], ['5.', 5], ['-.5e1', -5], ['1e5', 1e5],
    ['1E+5', 1e5], ['0x10', 16], ['0X1P-2', 0.25], ['0x1p3', 8], ['-0x.8', -0.5], ['inf', Infinity],
    ['+inf', Infinity], ['-inf', -Infinity], ['Infinity', Infinity], ['-INFINITY', -Infinity],
    ['4.9e-324', 5e-324], ['1e-310', 1e-310], ['0e-400', 0], ['00012', 12], ['1.7976931348623157e308', 1.7976931348623157e308],
    ['0.1', 0.1], ['123456789012345678901234567890', 1.2345678901234568e29],
  ];
  for (const [s, v] of ok) assert.equal(parseDouble(s), v, s);
  assert.ok(Object.is(parseDouble('-0'), -0));
  assert.ok(Object.is(parseDouble('-0.0e5'), -0));
  const bad = ['', ' 1', '1 ', '\t1', 'nan', 'NaN', '-nan', 'nan(1)', '1e400', '-1e400', '1e-400', '0x', '1e', '.', 'e5',
    'infinit', 'infx', '1_0', '1\x00', '\x001', '--1', '+-1', '0x1p99999', '1,5'];
  for (const s of bad) assert.equal(parseDouble(s), null, JSON.stringify(s));
});

test('parseDoubleLoose follows bare strtod with a C string end', () => {
  assert.equal(parseDoubleLoose(''), 0);
  assert.equal(parseDoubleLoose(' 1'), 1);
  assert.equal(parseDoubleLoose('\t\n2.5'), 2.5);
  assert.equal(parseDoubleLoose('1\x00abc'), 1);
  assert.equal(parseDoubleLoose('1e999'), Infinity);
  assert.equal(parseDoubleLoose('-1e999'), -Infinity);
  assert.equal(parseDoubleLoose('1e-999'), 0);
  assert.equal(parseDoubleLoose('(5', 1), 5);
  assert.equal(parseDoubleLoose('1 '), null);
  assert.equal(parseDoubleLoose('nan'), null);
  assert.equal(parseDoubleLoose('x'), null);
  const r = strtod('  -0x1.8p1zz');
  assert.deepEqual(r, { value: -3, end: 10, erange: false });
  assert.deepEqual(strtod('0x'), { value: 0, end: 1, erange: false });
  assert.deepEqual(strtod('1e'), { value: 1, end: 1, erange: false });
  assert.deepEqual(strtod('infinit'), { value: Infinity, end: 3, erange: false });
  assert.equal(strtod('nan(abc)x').end, 8);
  assert.equal(strtod('1e400').erange, true);
});

test('formatDouble is printf %.17g', () => {
  const table: [number, string][] = [
    [1.1, '1.1000000000000001'], [0, '0'], [-0, '-0'], [1, '1'], [-1.5, '-1.5'], [1e20, '1e+20'],
    [1.00000000000000001e20, '1e+20'], [1.0000000000000002e20, '1.0000000000000002e+20'], [1e-5, '1.0000000000000001e-05'], [1e-4, '0.0001'], [1e16, '10000000000000000'],
    [1e17, '1e+17'], [123456789012345.625, '123456789012345.62'], [123456789012345.375, '123456789012345.38'],
    [Infinity, 'inf'], [-Infinity, '-inf'], [NaN, 'nan'], [5e-324, '4.9406564584124654e-324'], [1e-7, '9.9999999999999995e-08'],
    [2 ** 60, '1.152921504606847e+18'], [1.7976931348623157e308, '1.7976931348623157e+308'], [0.5, '0.5'],
    [1e100, '1e+100'], [1.5e-300, '1.5000000000000001e-300'],
  ];
  for (const [d, s] of table) assert.equal(formatDouble(d), s, String(d));
  const r = seededRandom(42);
  for (const d of interestingDoubles(r, 200000)) assert.equal(formatDouble(d), refG17(d), `${d} (${hexFloat(d)})`);
});

test('numbers agree with redis-server', { skip: skipWithoutRedis() }, async () => {
  const redis = await RedisPipe.start();
  try {
    const r = seededRandom(2024);
    // --- integers: INCRBY parses its argument and the stored value with string2ll
    const ints = ['0', '-0', '01', '+1', ' 1', '1 ', '', '-', '9223372036854775807', '-9223372036854775808',
      '9223372036854775808', '-9223372036854775809', '9007199254740993', '1\x00', '12345678901234567890'];
    while (ints.length < 600) {
      let s = r() < 0.2 ? '-' : '';
      if (r() < 0.05) s += '0';
      const nd = 1 + Math.floor(r() * 21);
      for (let i = 0; i < nd; i++) s += String(Math.floor(r() * 10));
      if (r() < 0.05) s += ' ';
      ints.push(s);
    }
    const cmds: string[][] = [];
    for (const s of ints) cmds.push(['SET', 'i', '0'], ['INCRBY', 'i', s], ['SET', 'j', s], ['INCRBY', 'j', '0']);
    const replies = await redis.pipeline(cmds);
    for (let i = 0; i < ints.length; i++) {
      const s = ints[i]!;
      const want = parseInt64(s);
      for (const got of [replies[4 * i + 1], replies[4 * i + 3]]) {
        if (want === null) {
          assert.ok(got instanceof Error, `${JSON.stringify(s)} -> ${String(got)}`);
          assert.equal(got.message, 'ERR value is not an integer or out of range');
        } else {
          assert.equal(got, want, JSON.stringify(s));
        }
      }
    }

    // --- doubles: ZADD parses with string2d, ZSCORE replies %.17g (a long member keeps the
    // skiplist encoding, which stores -0 as is)
    const member = 'm'.repeat(80);
    const strs: string[] = ['-0', '0', '1.1', ' 1', '1 ', '', 'nan', '1e400', '1e-400', '0e-400', '4.9e-324', '2e-324',
      '3e-324', '1e-310', '0x10', '0x1p-1074', '0x1p-1075', '0x1.8p-1074', '0x1.fffffffffffff7p1023',
      '0x1.fffffffffffff8p1023', '1.7976931348623158e308', '1.797693134862315807e308', '2.4703282292062328e-324',
      '2.4703282292062327e-324', '123456789012345678901234567890.123456789e-10', '1\x00', '0x', '0x.', '0x.p1', '1.e5'];
    for (const d of interestingDoubles(r, 700)) strs.push(hexFloat(d));
    while (strs.length < 2000) strs.push(randomNumericString(r));
    const dc: string[][] = [];
    for (const s of strs) dc.push(['DEL', 'z'], ['ZADD', 'z', s, member], ['ZSCORE', 'z', member]);
    const dr = await redis.pipeline(dc);
    const validCount = strs.filter((s) => parseDouble(s) !== null).length;
    assert.ok(validCount > strs.length / 2 && validCount < strs.length - 100, `valid doubles: ${validCount}/${strs.length}`);
    for (let i = 0; i < strs.length; i++) {
      const s = strs[i]!;
      const want = parseDouble(s);
      const added = dr[3 * i + 1];
      if (want === null) {
        assert.ok(added instanceof Error, `ZADD ${JSON.stringify(s)} -> ${String(added)}`);
        assert.equal(added.message, 'ERR value is not a valid float');
      } else {
        assert.equal(added, 1n, `ZADD ${JSON.stringify(s)} -> ${String(added)}`);
        assert.equal(dr[3 * i + 2], formatDouble(want), `ZSCORE after ZADD ${JSON.stringify(s)}`);
      }
    }

    // --- loose doubles: ZCOUNT bounds use bare strtod
    const loose = ['', ' 1', '\t2.5', '1\x00abc', '\x00', '1e999', '-1e999', '1e-999', '1 ', 'nan', ' nan', 'inf',
      '-inf', '+inf', '0x10', '0x', 'x', '  ', '1e', '.5'];
    while (loose.length < 800) loose.push(randomNumericString(r));
    const lc: string[][] = [];
    for (const s of loose) {
      const v = parseDoubleLoose(s);
      lc.push(['DEL', 'zc'], ['ZADD', 'zc', v === null ? '0' : hexFloat(v === 0 ? 0 : v), member], ['ZCOUNT', 'zc', s, s]);
    }
    const lr = await redis.pipeline(lc);
    for (let i = 0; i < loose.length; i++) {
      const s = loose[i]!;
      const got = lr[3 * i + 2];
      if (parseDoubleLoose(s) === null) {
        assert.ok(got instanceof Error, `ZCOUNT ${JSON.stringify(s)} -> ${String(got)}`);
        assert.equal(got.message, 'ERR min or max is not a float');
      } else {
        assert.equal(got, 1n, `ZCOUNT ${JSON.stringify(s)}`);
      }
    }
  } finally {
    redis.stop();
  }
});
