// Unit tests for util/longdouble.ts: x87 long double parsing (string2ld), addition and the
// ld2string human format, checked on known values and against a real redis-server's
// INCRBYFLOAT / HINCRBYFLOAT on edge cases and random operands.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ldParse,
  ldAdd,
  ldIsFinite,
  ldIsNaN,
  ldFormatHuman,
  ldFromNumber,
  ldFromInt,
  ldToNumber,
  formatDoubleHuman,
} from '../../src/util/longdouble.js';
import { RedisPipe, seededRandom, skipWithoutRedis, type Reply } from '../helpers/redis-pipe.js';

// ---- helpers ----------------------------------------------------------------------------------

const NOT_FLOAT = 'ERR value is not a valid float';
const NAN_INF = 'ERR increment would produce NaN or Infinity';

/** What INCRBYFLOAT answers for stored value a (null: no key) and increment b. */
function expectIncr(a: string | null, b: string): string {
  const x = a === null ? ldFromInt(0) : ldParse(a);
  if (x === null) return NOT_FLOAT;
  const y = ldParse(b);
  if (y === null) return NOT_FLOAT;
  const s = ldAdd(x, y);
  if (!ldIsFinite(s)) return NAN_INF;
  return ldFormatHuman(s);
}

function pick<T>(r: () => number, a: T[]): T {
  return a[Math.floor(r() * a.length)]!;
}

function randomOperand(r: () => number): string {
  const k = r();
  const sign = r() < 0.35 ? '-' : r() < 0.05 ? '+' : '';
  if (k < 0.08) {
    return pick(r, ['inf', '-inf', 'Infinity', 'nan', '', ' 1', '1 ', '1\x00junk', '\x00', '0x1p3', '0x1.8p-16445',
      '0x1p-16446', '0x1p16383', '0x1p16384', '0x1.fffffffffffffffep16383', '0x1.ffffffffffffffffp16383', '1e4932',
      '1.18973149535723176502e4932', '1.18973149535723176508e4932', '1.19e4932', '3.6e-4951', '3.7e-4951',
      '1.8e-4951', '1.9e-4951', '1e-4950', '0e99999', '1e99999', '1e-99999', '-0', '0.0', '5.', '.5', '.', '1e', '1e+',
      '18446744073709551615', '18446744073709551617', '-9223372036854775808', '9223372036854775807', '0.1', '0.2']);
  }
  if (k < 0.2) {
    // integers
    const nd = 1 + Math.floor(r() * 22);
    let s = String(1 + Math.floor(r() * 9));
    for (let i = 1; i < nd; i++) s += String(Math.floor(r() * 10));
    return sign + s;
  }
  if (k < 0.3) {
    // hex floats
    let s = '0x';
    const nd = 1 + Math.floor(r() * 20);
    for (let i = 0; i < nd; i++) s += pick(r, [...'0123456789abcdefABCDEF']);
    if (r() < 0.5) s = s.slice(0, 3) + '.' + s.slice(3);
    return sign + s + 'p' + String(Math.floor(r() * 400) - 200);
  }
  // decimals
  const nd = 1 + Math.floor(r() * 26);
  let s = '';
  for (let i = 0; i < nd; i++) s += String(Math.floor(r() * 10));
  const pos = Math.floor(r() * (s.length + 1));
  if (r() < 0.8) s = s.slice(0, pos) + '.' + s.slice(pos);
  const range = pick(r, [0, 0, 5, 20, 40, 320, 5000]);
  if (range > 0 && r() < 0.7) s += 'e' + String(Math.floor(r() * (2 * range + 1)) - range);
  return sign + s;
}

// ---- tests ------------------------------------------------------------------------------------

/** [stored value (null: no key), increment, INCRBYFLOAT reply] — also replayed against redis. */
const KNOWN: [string | null, string, string][] = [
  ['10.5', '0.1', '10.6'],
  ['0.1', '0.2', '0.3'],
  ['3.0e3', '0', '3000'],
  ['-0', '-0', '0'],
  ['-1e-30', '0', '0'],
  ['5', '-5', '0'],
  [null, '0x10', '16'],
  [null, '0X1P-2', '0.25'],
  [null, '1e-400', '0'],
  [null, '1e5000', NOT_FLOAT],
  [null, '1e-5000', NOT_FLOAT],
  [null, 'nan', NOT_FLOAT],
  [null, 'inf', NAN_INF],
  ['inf', '1', NAN_INF],
  [null, ' 1', NOT_FLOAT],
  [null, '1 ', NOT_FLOAT],
  [null, '', NOT_FLOAT],
  [null, '1\x00abc', NOT_FLOAT],
  [null, '\x00', NOT_FLOAT],
  [null, '+1', '1'],
  [null, '1.' + '0'.repeat(5117), '1'],
  [null, '1.' + '0'.repeat(5118), NOT_FLOAT],
  ['1', '1e-17', '1.00000000000000001'],
  ['1', '5e-18', '1'],
  ['0', '0.000000000000000015', '0.00000000000000002'],
  [null, '0x1p-18', '0.00000381469726562'], // exact ties at the 17th decimal: half-even
  [null, '0x3p-18', '0.00001144409179688'],
  [null, '-0x1p-18', '-0.00000381469726562'],
  ['1e-18', '-1e-18', '0'],
  [null, '-1e-18', '0'],
  [null, '18446744073709551617', '18446744073709551616'],
];

test('known INCRBYFLOAT results', () => {
  for (const [a, b, want] of KNOWN) assert.equal(expectIncr(a, b), want, `${JSON.stringify(a)} + ${JSON.stringify(b)}`);
  assert.equal(
    expectIncr('1e308', '1e308').slice(0, 100),
    '1999999999999999999933717593116912913211201996948311344155940959898434697376761237442002538437770786',
  );
  assert.equal(expectIncr(null, '1e400').length, 401);
});

test('long double conversions', () => {
  assert.equal(formatDoubleHuman(0.1), '0.10000000000000001');
  assert.equal(formatDoubleHuman(1.5), '1.5');
  assert.equal(formatDoubleHuman(-0), '0');
  assert.equal(formatDoubleHuman(1e20), '100000000000000000000');
  assert.equal(formatDoubleHuman(Infinity), 'inf');
  assert.equal(ldFormatHuman(ldFromNumber(-Infinity)), '-inf');
  assert.equal(ldToNumber(ldParse('0.1')!), 0.1);
  assert.equal(ldToNumber(ldParse('1e400')!), Infinity);
  assert.equal(ldToNumber(ldParse('-4.9e-324')!), -5e-324);
  assert.equal(ldToNumber(ldParse('2e-324')!), 0);
  assert.equal(ldToNumber(ldFromInt(9007199254740993n)), 9007199254740992);
  assert.equal(ldFormatHuman(ldFromInt(18446744073709551615n)), '18446744073709551615');
  assert.equal(ldFormatHuman(ldFromInt(18446744073709551617n)), '18446744073709551616');
  assert.equal(ldIsNaN(ldAdd(ldParse('inf')!, ldParse('-inf')!)), true);
  for (const d of [0.1, 1 / 3, 1e300, 5e-324, -2.5, 123456.789]) assert.equal(ldToNumber(ldFromNumber(d)), d);
});

test('INCRBYFLOAT / HINCRBYFLOAT agree with redis-server', { skip: skipWithoutRedis() }, async () => {
  const redis = await RedisPipe.start();
  try {
    const r = seededRandom(99);
    // Pairs: SET k a; INCRBYFLOAT k b
    const pairs: [string, string][] = [];
    for (let i = 0; i < 2500; i++) pairs.push([randomOperand(r), randomOperand(r)]);
    // same-magnitude pairs (cancellation, carries) and far-apart magnitudes (rounding of the sum)
    for (let i = 0; i < 500; i++) {
      const a = randomOperand(r);
      const x = ldParse(a);
      if (x === null || !ldIsFinite(x)) continue;
      const f = ldToNumber(x);
      const b = pick(r, [String(-f), String(f * (1 + r() * 1e-15)), String(f * 1e-17), String(-f * 1e-19), String(f * 3e-20)]);
      pairs.push([a, b]);
    }
    const known = await redis.pipeline(
      KNOWN.flatMap(([a, b]) => [a === null ? ['DEL', 'k'] : ['SET', 'k', a], ['INCRBYFLOAT', 'k', b]]),
    );
    for (let i = 0; i < KNOWN.length; i++) {
      const [a, b, want] = KNOWN[i]!;
      const got = known[2 * i + 1];
      assert.equal(got instanceof Error ? got.message : got, want, `known: ${JSON.stringify(a)} + ${JSON.stringify(b)}`);
    }
    const cmds: string[][] = [];
    for (const [a, b] of pairs) cmds.push(['SET', 'k', a], ['INCRBYFLOAT', 'k', b]);
    const replies = await redis.pipeline(cmds);
    let valid = 0;
    for (let i = 0; i < pairs.length; i++) {
      const [a, b] = pairs[i]!;
      const want = expectIncr(a, b);
      const got = replies[2 * i + 1];
      const gotText = got instanceof Error ? got.message : got;
      assert.equal(gotText, want, `SET k ${JSON.stringify(a)}; INCRBYFLOAT k ${JSON.stringify(b)}`);
      if (!(got instanceof Error)) valid++;
    }
    assert.ok(valid > pairs.length / 3, `only ${valid} of ${pairs.length} pairs were valid`);

    // Chains: the stored text of one result is the operand of the next.
    const chain: string[] = [];
    for (let i = 0; i < 400; i++) chain.push(pick(r, ['0.1', '-0.3', '1e-5', '123.456', '1e15', '-1e15', '7e-12', randomOperand(r)]));
    const chainReplies = await redis.pipeline([['DEL', 'c'], ...chain.map((b) => ['INCRBYFLOAT', 'c', b])]);
    let cur: string | null = null;
    for (let i = 0; i < chain.length; i++) {
      const want = expectIncr(cur, chain[i]!);
      const got = chainReplies[i + 1];
      assert.equal(got instanceof Error ? got.message : got, want, `chain step ${i}: ${cur} + ${chain[i]}`);
      if (!(got instanceof Error)) cur = got as string;
    }

    // HINCRBYFLOAT formats the same way (its errors are its own).
    const hpairs = pairs.slice(0, 300);
    const hcmds: string[][] = [];
    for (const [a, b] of hpairs) hcmds.push(['HSET', 'h', 'f', a], ['HINCRBYFLOAT', 'h', 'f', b]);
    const hreplies = await redis.pipeline(hcmds);
    for (let i = 0; i < hpairs.length; i++) {
      const [a, b] = hpairs[i]!;
      const got = hreplies[2 * i + 1];
      const y = ldParse(b);
      const x = ldParse(a);
      let want: string;
      if (y === null) want = NOT_FLOAT;
      else if (!ldIsFinite(y)) want = 'ERR value is NaN or Infinity';
      else if (x === null) want = 'ERR hash value is not a float';
      else want = expectIncr(a, b);
      assert.equal(got instanceof Error ? got.message : got, want, `HSET h f ${JSON.stringify(a)}; HINCRBYFLOAT h f ${JSON.stringify(b)}`);
    }
  } finally {
    redis.stop();
  }
});
