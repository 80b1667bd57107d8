// Unit tests for store/types/zset.ts: the sorted set (listpack arrays and skiplist) against a
// plain sorted-array model under random operation sequences — adds with every ZADD flag, removes,
// ranks, score and lex range searches, counts, range deletions, pops — across the one-way
// listpack -> skiplist conversion; skiplist span/back-link/dict invariants (checkInvariants);
// pool reuse and rebuilding after mass deletions; dup and fromEntries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ZADD_GT,
  ZADD_INCR,
  ZADD_LT,
  ZADD_NX,
  ZADD_OUT_ADDED,
  ZADD_OUT_NAN,
  ZADD_OUT_NOP,
  ZADD_OUT_UPDATED,
  ZADD_XX,
  ZSet,
  lexGteMin,
  lexLteMax,
  scoreGteMin,
  scoreLteMax,
  type LexRange,
  type ScoreRange,
  type ZsetLimits,
} from '../../src/store/types/zset.js';

/** A small deterministic PRNG (mulberry32) so failures replay. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The reference model: member -> score, sorted on demand by (score, member). */
class Model {
  readonly m = new Map<string, number>();
  sorted(): [string, number][] {
    return [...this.m].sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }
  /** zsetAdd's documented semantics. */
  add(score: number, member: string, flags: number): { out: number; newScore?: number } {
    if (Number.isNaN(score)) return { out: ZADD_OUT_NAN };
    const cur = this.m.get(member);
    if (cur !== undefined) {
      if (flags & ZADD_NX) return { out: ZADD_OUT_NOP };
      if (flags & ZADD_INCR) {
        score += cur;
        if (Number.isNaN(score)) return { out: ZADD_OUT_NAN };
      }
      if ((flags & ZADD_LT && score >= cur) || (flags & ZADD_GT && score <= cur)) return { out: ZADD_OUT_NOP };
      if (score !== cur) {
        this.m.set(member, score);
        return { out: ZADD_OUT_UPDATED, newScore: score };
      }
      return { out: 0, newScore: score };
    }
    if (flags & ZADD_XX) return { out: ZADD_OUT_NOP };
    this.m.set(member, score);
    return { out: ZADD_OUT_ADDED, newScore: score };
  }
}

function checkAgainst(z: ZSet, model: Model, limits: ZsetLimits, wasSkiplist: boolean): void {
  const exp = model.sorted();
  assert.deepEqual(z.entries(), exp);
  assert.equal(z.length, exp.length);
  if (wasSkiplist) assert.equal(z.encoding(), 'skiplist', 'never converts back');
  if (z.isListpack) {
    assert.ok(exp.length <= limits.entries, 'listpack within the entries limit');
    for (const [m, s] of exp) {
      assert.ok(m.length <= limits.value, 'listpack within the value limit');
      assert.ok(!Object.is(s, -0), 'listpack stores no -0');
    }
  } else {
    z.checkInvariants();
  }
}

const SCORES = [-Infinity, -2.5, -1, -0, 0, 0.5, 1, 1, 2, 3, 1e300, Infinity];

function randomMember(r: () => number): string {
  const len = 1 + Math.floor(r() * (r() < 0.1 ? 14 : 3));
  let s = '';
  for (let i = 0; i < len; i++) s += String.fromCharCode(r() < 0.05 ? Math.floor(r() * 256) : 97 + Math.floor(r() * 6));
  return s;
}

function randomScoreRange(r: () => number): ScoreRange {
  const pick = (): number => (r() < 0.7 ? (SCORES[Math.floor(r() * SCORES.length)] as number) : Math.floor(r() * 8) - 3);
  return { min: pick(), max: pick(), minex: r() < 0.3, maxex: r() < 0.3 };
}

function runRandom(seed: number, limits: ZsetLimits, steps: number): void {
  const r = rng(seed);
  const z = new ZSet(limits.entries > 0);
  const model = new Model();
  let wasSkiplist = z.encoding() === 'skiplist';
  for (let step = 0; step < steps; step++) {
    const op = r();
    if (op < 0.4) {
      const member = randomMember(r);
      const score = r() < 0.8 ? (SCORES[Math.floor(r() * SCORES.length)] as number) : Math.floor(r() * 10) / 4;
      const flagChoices = [0, 0, 0, ZADD_NX, ZADD_XX, ZADD_GT, ZADD_LT, ZADD_INCR, ZADD_XX | ZADD_GT, ZADD_INCR | ZADD_LT];
      const flags = flagChoices[Math.floor(r() * flagChoices.length)] as number;
      const exp = model.add(score, member, flags);
      const out = z.add(score, member, flags, limits);
      assert.equal(out, exp.out, `add ${score} ${JSON.stringify(member)} flags ${flags}`);
      if (exp.newScore !== undefined) assert.ok(Object.is(z.newScore, exp.newScore), 'newScore');
      // A listpack stores -0 as 0 (the element keeps that 0 if the set converts later).
      if (z.isListpack && Object.is(model.m.get(member), -0)) model.m.set(member, 0);
    } else if (op < 0.55) {
      const members = [...model.m.keys()];
      const member = members.length && r() < 0.8 ? (members[Math.floor(r() * members.length)] as string) : randomMember(r);
      assert.equal(z.remove(member), model.m.delete(member));
    } else if (op < 0.65) {
      const exp = model.sorted();
      for (const [i, [m]] of exp.entries()) {
        assert.equal(z.rank(m), i);
        assert.equal(z.rank(m, true), exp.length - 1 - i);
      }
      assert.equal(z.rank('\u00ff\u00ffabsent'), -1);
    } else if (op < 0.8) {
      const range = randomScoreRange(r);
      const exp = model.sorted();
      const inRange = exp.map(([, s], i) => (scoreGteMin(s, range) && scoreLteMax(s, range) ? i : -1)).filter((i) => i >= 0);
      assert.equal(z.firstInScoreRange(range), inRange.length ? inRange[0] : -1, `first in ${JSON.stringify(range)}`);
      assert.equal(z.lastInScoreRange(range), inRange.length ? inRange[inRange.length - 1] : -1);
      assert.equal(z.countInScoreRange(range), inRange.length);
      if (r() < 0.3) {
        for (const i of inRange) model.m.delete((exp[i] as [string, number])[0]);
        assert.equal(z.deleteRangeByScore(range), inRange.length);
      }
    } else if (op < 0.88) {
      const n = z.length;
      if (n > 0) {
        const a = Math.floor(r() * n);
        const b = a + Math.floor(r() * (n - a));
        const exp = model.sorted();
        const got: [string, number][] = [];
        let k = b - a + 1;
        z.walk(a, false, (m, s) => {
          got.push([m, s]);
          return --k > 0;
        });
        assert.deepEqual(got, exp.slice(a, b + 1));
        const back: [string, number][] = [];
        z.walk(b, true, (m, s) => {
          back.push([m, s]);
        });
        assert.deepEqual(back, exp.slice(0, b + 1).reverse());
        assert.deepEqual(z.at(a), exp[a]);
        if (r() < 0.4) {
          for (const [m] of exp.slice(a, b + 1)) model.m.delete(m);
          assert.equal(z.deleteRangeByRank(a, b), b - a + 1);
        }
      }
    } else if (op < 0.93) {
      const max = r() < 0.5;
      const exp = model.sorted();
      const want = max ? exp[exp.length - 1] : exp[0];
      const got = z.pop(max);
      assert.deepEqual(got, want);
      if (want) model.m.delete(want[0]);
    } else {
      const members = [...model.m.keys()];
      const member = members.length ? (members[Math.floor(r() * members.length)] as string) : randomMember(r);
      assert.equal(z.score(member), model.m.get(member));
      assert.equal(z.has(member), model.m.has(member));
    }
    if (z.encoding() === 'skiplist') wasSkiplist = true;
    checkAgainst(z, model, limits, wasSkiplist);
  }
  // A copy keeps the encoding and is independent.
  const copy = z.dup();
  assert.equal(copy.encoding(), z.encoding());
  assert.deepEqual(copy.entries(), z.entries());
  copy.add(42, 'copy-only', 0, limits);
  assert.equal(z.has('copy-only'), false);
}

test('random operations match a sorted-array model (listpack limits 16/8, converting)', () => {
  for (let seed = 1; seed <= 12; seed++) runRandom(seed, { entries: 16, value: 8 }, 600);
});

test('random operations match the model with a skiplist from the start (entries 0)', () => {
  for (let seed = 100; seed <= 104; seed++) runRandom(seed, { entries: 0, value: 64 }, 800);
});

test('random operations match the model staying a listpack (large limits)', () => {
  for (let seed = 200; seed <= 204; seed++) runRandom(seed, { entries: 100000, value: 100000 }, 600);
});

test('a big skiplist: ranks, rank lookups and deletes stay consistent', () => {
  const r = rng(7);
  const z = new ZSet(false);
  const model = new Model();
  const limits = { entries: 128, value: 64 };
  for (let i = 0; i < 5000; i++) {
    const m = 'm' + Math.floor(r() * 4000);
    const s = Math.floor(r() * 500);
    model.add(s, m, 0);
    z.add(s, m, 0, limits);
  }
  const exp = model.sorted();
  assert.deepEqual(z.entries(), exp);
  z.checkInvariants();
  for (let k = 0; k < 300; k++) {
    const i = Math.floor(r() * exp.length);
    assert.deepEqual(z.at(i), exp[i]);
    assert.equal(z.rank((exp[i] as [string, number])[0]), i);
  }
  assert.equal(z.deleteRangeByRank(100, 1099), 1000);
  assert.deepEqual(z.entries(), exp.slice(0, 100).concat(exp.slice(1100)));
  z.checkInvariants();
});

test('lex ranges over equal scores match the model (both encodings)', () => {
  const r = rng(99);
  const bound = (): { s: string; inf: -1 | 0 | 1; ex: boolean } => {
    const x = r();
    if (x < 0.1) return { s: '', inf: -1, ex: true };
    if (x < 0.2) return { s: '', inf: 1, ex: true };
    return { s: randomMember(r).slice(0, 2), inf: 0, ex: r() < 0.5 };
  };
  for (const limits of [
    { entries: 128, value: 64 },
    { entries: 0, value: 64 },
  ]) {
    for (let round = 0; round < 300; round++) {
      const z = new ZSet(limits.entries > 0);
      const members = new Set<string>();
      const n = Math.floor(r() * 30);
      for (let i = 0; i < n; i++) members.add(randomMember(r));
      for (const m of members) z.add(0, m, 0, limits);
      const sorted = [...members].sort();
      const lo = bound();
      const hi = bound();
      const range: LexRange = { min: lo.s, minInf: lo.inf, minex: lo.ex, max: hi.s, maxInf: hi.inf, maxex: hi.ex };
      const inRange = sorted.map((m, i) => (lexGteMin(m, range) && lexLteMax(m, range) ? i : -1)).filter((i) => i >= 0);
      const label = `${JSON.stringify(range)} over ${JSON.stringify(sorted)}`;
      assert.equal(z.firstInLexRange(range), inRange.length ? inRange[0] : -1, label);
      assert.equal(z.lastInLexRange(range), inRange.length ? inRange[inRange.length - 1] : -1, label);
      assert.equal(z.countInLexRange(range), inRange.length, label);
      assert.equal(z.deleteRangeByLex(range), inRange.length, label);
      assert.deepEqual(
        z.entries().map(([m]) => m),
        sorted.filter((_, i) => !inRange.includes(i)),
      );
    }
  }
});

test('lex bounds: "-" and "+" compare below and above every string', () => {
  const all: LexRange = { min: '', minInf: -1, minex: true, max: '', maxInf: 1, maxex: true };
  assert.ok(lexGteMin('', all) && lexLteMax('\u00ff', all));
  const none: LexRange = { min: '', minInf: 1, minex: true, max: '', maxInf: -1, maxex: true };
  const z = new ZSet(true);
  z.add(0, 'a', 0, { entries: 128, value: 64 });
  assert.equal(z.firstInLexRange(none), -1);
  assert.equal(z.firstInLexRange(all), 0);
  const sameMinus: LexRange = { min: '', minInf: -1, minex: true, max: '', maxInf: -1, maxex: true };
  assert.equal(z.countInLexRange(sameMinus), 0);
});

test('-0 is stored as 0 in a listpack and kept in a skiplist', () => {
  const limits = { entries: 128, value: 64 };
  const lp = new ZSet(true);
  assert.equal(lp.add(-0, 'a', 0, limits), ZADD_OUT_ADDED);
  assert.ok(Object.is(lp.newScore, -0), 'the reply score stays -0 (ZINCRBY answers -0)');
  assert.ok(Object.is(lp.score('a'), 0));
  const sl = new ZSet(false);
  sl.add(-0, 'a', 0, limits);
  assert.ok(Object.is(sl.score('a'), -0));
  // Converting keeps what the listpack stored; fromEntries into a listpack normalises too.
  lp.convertToSkiplist();
  assert.ok(Object.is(lp.score('a'), 0));
  assert.ok(Object.is(ZSet.fromEntries(['a'], [-0], limits).score('a'), 0));
  assert.ok(Object.is(ZSet.fromEntries(['a'], [-0], { entries: 0, value: 64 }).score('a'), -0));
  // -0 == 0: re-adding with the other zero is no change.
  assert.equal(sl.add(0, 'a', 0, limits), 0);
});

test('conversion thresholds: entries and value length, checked when a new member is added', () => {
  const limits = { entries: 3, value: 4 };
  const z = new ZSet(true);
  z.add(1, 'a', 0, limits);
  z.add(2, 'b', 0, limits);
  z.add(3, 'c', 0, limits);
  assert.equal(z.encoding(), 'listpack');
  z.add(5, 'c', 0, limits); // an update never converts
  assert.equal(z.encoding(), 'listpack');
  z.add(4, 'd', ZADD_XX, limits); // a NOP never converts
  assert.equal(z.encoding(), 'listpack');
  z.add(4, 'd', 0, limits);
  assert.equal(z.encoding(), 'skiplist');
  z.remove('d');
  z.remove('c');
  assert.equal(z.encoding(), 'skiplist');
  const v = new ZSet(true);
  v.add(1, 'abcd', 0, limits);
  assert.equal(v.encoding(), 'listpack');
  v.add(1, 'abcde', 0, limits);
  assert.equal(v.encoding(), 'skiplist');
  assert.deepEqual(v.entries(), [
    ['abcd', 1],
    ['abcde', 1],
  ]);
});

test('fromEntries picks the store-result encoding and sorts', () => {
  const m = ['c', 'a', 'b'];
  const s = [1, 2, 1];
  const a = ZSet.fromEntries(m, s, { entries: 3, value: 1 });
  assert.equal(a.encoding(), 'listpack');
  assert.deepEqual(a.entries(), [
    ['b', 1],
    ['c', 1],
    ['a', 2],
  ]);
  assert.equal(ZSet.fromEntries(m, s, { entries: 2, value: 64 }).encoding(), 'skiplist');
  assert.equal(ZSet.fromEntries(['long'], [1], { entries: 2, value: 3 }).encoding(), 'skiplist');
  const b = ZSet.fromEntries(m, s, { entries: 0, value: 64 });
  assert.deepEqual(b.entries(), a.entries());
  b.checkInvariants();
});

test('NaN scores and NaN increments are refused without a change', () => {
  const limits = { entries: 128, value: 64 };
  for (const lp of [true, false]) {
    const z = new ZSet(lp);
    assert.equal(z.add(NaN, 'a', 0, limits), ZADD_OUT_NAN);
    assert.equal(z.length, 0);
    z.add(Infinity, 'a', 0, limits);
    assert.equal(z.add(-Infinity, 'a', ZADD_INCR, limits), ZADD_OUT_NAN);
    assert.equal(z.score('a'), Infinity);
  }
});

test('the skiplist pool is reused and rebuilt after mass deletions, staying consistent', () => {
  const limits = { entries: 0, value: 64 };
  const z = new ZSet(false);
  const model = new Model();
  for (let i = 0; i < 3000; i++) {
    z.add(i % 97, 'k' + i, 0, limits);
    model.add(i % 97, 'k' + i, 0);
  }
  // Delete almost everything in three ways; each path may rebuild the pool.
  const cut: ScoreRange = { min: 0, max: 90, minex: false, maxex: false };
  for (const [m, s] of model.sorted()) if (s <= 90) model.m.delete(m);
  assert.equal(z.deleteRangeByScore(cut), 3000 - model.m.size);
  z.checkInvariants();
  assert.deepEqual(z.entries(), model.sorted());
  for (const m of [...model.m.keys()].slice(0, 100)) {
    assert.equal(z.remove(m), model.m.delete(m));
  }
  z.checkInvariants();
  assert.deepEqual(z.entries(), model.sorted());
  // Freed records are reused by later inserts and updates.
  for (let i = 0; i < 500; i++) {
    z.add(i / 3, 'n' + i, 0, limits);
    model.add(i / 3, 'n' + i, 0);
    if (i % 5 === 0) {
      z.add(1000 - i, 'n' + (i >> 1), 0, limits);
      model.add(1000 - i, 'n' + (i >> 1), 0);
    }
  }
  z.checkInvariants();
  assert.deepEqual(z.entries(), model.sorted());
  const n = z.length;
  assert.equal(z.deleteRangeByRank(0, n - 2), n - 1);
  z.checkInvariants();
  assert.equal(z.length, 1);
});

test('checkInvariants notices a corrupted span (the structural check is not vacuous)', () => {
  const z = new ZSet(false);
  for (let i = 0; i < 50; i++) z.add(i, 'm' + i, 0, { entries: 0, value: 64 });
  z.checkInvariants();
  const zsl = (z as unknown as { zsl: { p: Float64Array } }).zsl;
  // The header's level-0 span (record offset 0, field 5) must be 1.
  zsl.p[5] = 2;
  assert.throws(() => z.checkInvariants(), /span at level 0/);
});
