// Unit tests of the set value (src/store/types/set.ts) against a plain JS Set model — random
// operation sequences across the intset -> hashtable conversion, the intset's numeric order,
// uniformity of random members and samples — and of the set commands run in-process with a
// seeded engine: what SPOP/SRANDMEMBER return and leave behind, what is propagated, keyspace
// events, and SSCAN over a hashtable that changes while it is scanned.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { SetValue, compareIntStrings, intsetLimit } from '../../src/store/types/set.js';
import { looksLikeInt64 } from '../../src/store/types/value.js';
import { Random } from '../../src/store/random.js';
import { Engine } from '../../src/engine/engine.js';
import { ManualClock } from '../../src/store/clock.js';
import { parseReplies, type RespValue } from '../../src/protocol/client-parser.js';
import type { Client } from '../../src/engine/client.js';

// ---- helpers -------------------------------------------------------------------------------

function cmpBig(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

const EXTREMES = ['9223372036854775807', '-9223372036854775808', '0', '-1', '1', '9007199254740993', '-9007199254740993'];
const NON_CANONICAL = ['01', '-0', '+1', ' 1', '1 ', '9223372036854775808', '-9223372036854775809', '1.0', ''];

/** A random member: mostly small integers (so sets stay intsets for a while), some others. */
function randomMember(r: Random): string {
  const k = r.below(100);
  if (k < 70) return String(r.below(60) - 20);
  if (k < 80) return EXTREMES[r.below(EXTREMES.length)] as string;
  if (k < 85) return NON_CANONICAL[r.below(NON_CANONICAL.length)] as string;
  if (k < 95) return `m${r.below(30)}`;
  return String.fromCharCode(r.below(256), r.below(256));
}

function sameMembers(s: SetValue, model: Set<string>): void {
  assert.equal(s.size, model.size);
  const arr = s.toArray();
  assert.equal(new Set(arr).size, arr.length, 'no duplicates');
  for (const m of arr) assert.ok(model.has(m), `unexpected member ${JSON.stringify(m)}`);
  for (const m of model) assert.ok(s.has(m), `missing member ${JSON.stringify(m)}`);
}

function assertSortedInts(arr: string[]): void {
  for (let i = 1; i < arr.length; i++) assert.ok(cmpBig(arr[i - 1] as string, arr[i] as string) < 0, `order at ${i}`);
}

// ---- the data structure --------------------------------------------------------------------

describe('compareIntStrings', () => {
  it('orders canonical int64 strings as their numeric values', () => {
    const r = new Random(7);
    const pool = [...EXTREMES, '10', '-10', '99', '-99', '100', '-100', '123456789012345678', '-123456789012345678'];
    for (let i = 0; i < 2000; i++) {
      const a = i < 500 ? (pool[r.below(pool.length)] as string) : String(BigInt(r.below(2 ** 31)) * BigInt(r.below(2 ** 31)) - 2n ** 60n);
      const b = i < 500 ? (pool[r.below(pool.length)] as string) : String(BigInt(r.below(2 ** 31)) * BigInt(r.below(2 ** 31)) - 2n ** 60n);
      assert.equal(Math.sign(compareIntStrings(a, b)), cmpBig(a, b), `${a} vs ${b}`);
    }
  });
});

describe('SetValue against a JS Set model', () => {
  for (const max of [0, 1, 4, 16, 512]) {
    it(`random add/remove/pop sequences, set-max-intset-entries ${max}`, () => {
      const r = new Random(1000 + max);
      for (let round = 0; round < 40; round++) {
        const s = new SetValue();
        const model = new Set<string>();
        let hashtable = false;
        for (let step = 0; step < 300; step++) {
          const op = r.below(10);
          const m = randomMember(r);
          if (op < 5) {
            const added = s.add(m, max);
            assert.equal(added, !model.has(m), `add ${m}`);
            model.add(m);
            if (!looksLikeInt64(m) || model.size > intsetLimit(max)) hashtable = true;
          } else if (op < 8) {
            assert.equal(s.remove(m), model.delete(m), `remove ${m}`);
          } else if (op < 9) {
            assert.equal(s.has(m), model.has(m), `has ${m}`);
          } else if (model.size > 0) {
            const p = s.popRandom((n) => r.below(n));
            assert.ok(model.delete(p), `popped ${p} was a member`);
          }
          // The encoding only ever goes intset -> hashtable, on the first non-integer or when
          // the intset outgrows the limit.
          assert.equal(s.encoding(), hashtable ? 'hashtable' : 'intset');
          assert.equal(s.size, model.size);
        }
        sameMembers(s, model);
        if (s.isIntset) assertSortedInts(s.toArray());
        // SSCAN's source is the hashtable's index, holding exactly the members.
        const src = s.scanSource();
        if (src === null) assert.equal(s.encoding(), 'intset');
        else assert.deepEqual([...src.keys()].sort(), [...model].sort());
        // dup is deep and keeps the encoding.
        const d = s.dup();
        assert.equal(d.encoding(), s.encoding());
        sameMembers(d, model);
        d.add('only-in-dup', max);
        assert.equal(s.has('only-in-dup'), false);
        if (model.size > 0) {
          const first = [...model][0] as string;
          d.remove(first);
          assert.equal(s.has(first), true);
        }
      }
    });
  }

  it('an intset stays sorted through every insert and removal', () => {
    const r = new Random(3);
    const s = new SetValue();
    const model = new Set<string>();
    for (let i = 0; i < 3000; i++) {
      const m = r.below(4) === 0 ? (EXTREMES[r.below(EXTREMES.length)] as string) : String(r.below(2000) - 1000);
      if (r.below(3) === 0) {
        s.remove(m);
        model.delete(m);
      } else {
        s.add(m, 100000);
        model.add(m);
      }
    }
    assert.equal(s.encoding(), 'intset');
    assert.deepEqual(s.toArray(), [...model].sort(cmpBig));
  });

  it('converts exactly when the intset grows past the limit (and the 2^30 cap)', () => {
    const s = new SetValue();
    for (let i = 1; i <= 4; i++) s.add(String(i), 4);
    assert.equal(s.encoding(), 'intset');
    assert.equal(s.add('3', 4), false);
    assert.equal(s.encoding(), 'intset');
    s.add('5', 4);
    assert.equal(s.encoding(), 'hashtable');
    s.remove('5');
    s.remove('4');
    assert.equal(s.encoding(), 'hashtable', 'never converts back');
    assert.equal(intsetLimit(2 ** 40), 2 ** 30);
    const z = new SetValue();
    z.add('1', 0);
    assert.equal(z.encoding(), 'hashtable');
  });

  it('from() matches adding one by one (content, encoding, intset order)', () => {
    const r = new Random(11);
    for (let round = 0; round < 300; round++) {
      const max = [0, 1, 3, 8, 512][r.below(5)] as number;
      const n = r.below(20);
      const members: string[] = [];
      for (let i = 0; i < n; i++) members.push(r.below(3) === 0 ? randomMember(r) : String(r.below(12)));
      const a = SetValue.from(members, max);
      const b = new SetValue();
      for (const m of members) b.add(m, max);
      assert.equal(a.encoding(), b.encoding(), `encoding of ${JSON.stringify(members)} max ${max}`);
      assert.equal(a.size, b.size);
      for (const m of members) assert.ok(a.has(m));
      if (a.isIntset) assert.deepEqual(a.toArray(), b.toArray());
      // Removal works on a from()-built hashtable too (its index is consistent).
      for (const m of members) a.remove(m);
      assert.equal(a.size, 0);
    }
  });
});

describe('SetValue randomness (loose statistical checks)', () => {
  /** Chi-square statistic of observed counts against a uniform expectation. */
  function chiSquare(counts: number[], total: number): number {
    const exp = total / counts.length;
    return counts.reduce((acc, c) => acc + ((c - exp) * (c - exp)) / exp, 0);
  }
  // For 19 degrees of freedom the 99.99th percentile is about 50; a biased picker lands far above.
  const CHI_LIMIT_19DF = 55;

  for (const kind of ['intset', 'hashtable'] as const) {
    it(`random() is uniform over a ${kind}`, () => {
      const r = new Random(5);
      const s = SetValue.from(
        Array.from({ length: 20 }, (_, i) => (kind === 'intset' ? String(i * 7) : `m${i}`)),
        512,
      );
      assert.equal(s.encoding(), kind);
      const idx = new Map(s.toArray().map((m, i) => [m, i]));
      const counts = new Array<number>(20).fill(0);
      const N = 100000;
      for (let i = 0; i < N; i++) {
        const k = idx.get(s.random((n) => r.below(n))) as number;
        counts[k] = (counts[k] ?? 0) + 1;
      }
      assert.ok(chiSquare(counts, N) < CHI_LIMIT_19DF, `chi2 ${chiSquare(counts, N)}`);
    });
  }

  it('popRandom() is uniform after swap-removals reshuffle a hashtable', () => {
    const r = new Random(9);
    const counts = new Map<string, number>();
    const N = 40000;
    for (let i = 0; i < N; i++) {
      const s = SetValue.from(Array.from({ length: 25 }, (_, j) => `m${j}`), 512);
      // Remove five fixed members first so positions have moved.
      for (const m of ['m0', 'm3', 'm7', 'm20', 'm24']) s.remove(m);
      const p = s.popRandom((n) => r.below(n));
      counts.set(p, (counts.get(p) ?? 0) + 1);
      assert.equal(s.size, 19);
      assert.equal(s.has(p), false);
    }
    assert.equal(counts.size, 20);
    assert.ok(chiSquare([...counts.values()], N) < CHI_LIMIT_19DF);
  });

  it('sampleDistinct() returns distinct members, each included with probability count/size', () => {
    const r = new Random(21);
    const s = SetValue.from(Array.from({ length: 20 }, (_, i) => `m${i}`), 512);
    for (const count of [1, 3, 6, 7, 15, 19]) {
      const counts = new Map<string, number>();
      const N = 20000;
      for (let i = 0; i < N; i++) {
        const out = s.sampleDistinct(count, (n) => r.below(n));
        assert.equal(out.length, count);
        assert.equal(new Set(out).size, count, 'distinct');
        for (const m of out) {
          assert.ok(s.has(m));
          counts.set(m, (counts.get(m) ?? 0) + 1);
        }
      }
      const expected = (N * count) / 20;
      for (const [m, n] of counts) assert.ok(Math.abs(n - expected) < expected * 0.1 + 60, `${m}: ${n} vs ${expected} (count ${count})`);
      assert.equal(counts.size, 20);
    }
    assert.equal(s.size, 20, 'sampling does not change the set');
  });
});

// ---- the commands, in-process --------------------------------------------------------------

interface Harness {
  engine: Engine;
  c: Client;
  run: (...argv: string[]) => RespValue;
  propagated: string[][];
  events: string[];
}

function harness(seed = 1, config: Record<string, string> = {}): Harness {
  const engine = new Engine({ clock: new ManualClock(1_700_000_000_000), seed, config });
  const c = engine.createClient();
  const propagated: string[][] = [];
  const events: string[] = [];
  engine.onPropagate((_db, argv) => propagated.push(argv));
  engine.onKeyspaceEvent((type, event, key) => {
    // "new" (key created) events are covered by test/tcp/notifications.test.ts
    if (type !== 'n') events.push(`${type}:${event}:${key}`);
  });
  const run = (...argv: string[]): RespValue => {
    engine.execute(c, argv);
    const out = parseReplies(c.reply.take());
    assert.equal(out.length, 1, `one reply to ${argv.join(' ')}`);
    return out[0] as RespValue;
  };
  return { engine, c, run, propagated, events };
}

function strings(v: RespValue): string[] {
  assert.ok(v.type === 'array' || v.type === 'set', `aggregate expected, got ${v.type}`);
  return v.value.map((e) => {
    assert.equal(e.type, 'bulk');
    return String(e.value);
  });
}

function members(h: Harness, key: string): string[] {
  return strings(h.run('SMEMBERS', key)).sort();
}

const ints = (n: number): string[] => Array.from({ length: n }, (_, i) => String(i + 1));

describe('SPOP', () => {
  for (const [label, init] of [
    ['intset', ints(30)],
    ['hashtable', ints(30).map((m) => `m${m}`)],
  ] as const) {
    for (const count of [1, 3, 10, 24, 25, 29]) {
      it(`SPOP ${count} of 30 (${label}): distinct members, the rest stays, SREM propagated`, () => {
        const h = harness(count);
        h.run('SADD', 's', ...init);
        h.propagated.length = 0;
        h.events.length = 0;
        const popped = strings(h.run('SPOP', 's', String(count)));
        assert.equal(popped.length, count);
        assert.equal(new Set(popped).size, count);
        for (const m of popped) assert.ok(init.includes(m));
        const rest = members(h, 's');
        assert.deepEqual([...rest, ...popped].sort(), [...init].sort());
        // As Redis 7.0's AOF shows: one SREM per member, in MULTI/EXEC when there are several.
        const srems = popped.map((m) => ['SREM', 's', m]);
        assert.deepEqual(h.propagated, count === 1 ? srems : [['MULTI'], ...srems, ['EXEC']]);
        assert.deepEqual(h.events, ['s:spop:s']);
        // Replaying the propagated commands on a copy gives the same set.
        const replica = harness(99);
        replica.run('SADD', 's', ...init);
        for (const argv of h.propagated) replica.engine.execute(replica.c, argv);
        replica.c.reply.take();
        assert.deepEqual(members(replica, 's'), rest);
      });
    }
  }

  it('SPOP taking the whole set propagates DEL and notifies spop then del', () => {
    const h = harness();
    h.run('SADD', 's', 'a', 'b', 'c');
    h.propagated.length = 0;
    h.events.length = 0;
    assert.deepEqual(strings(h.run('SPOP', 's', '3')).sort(), ['a', 'b', 'c']);
    assert.deepEqual(h.propagated, [['DEL', 's']]);
    assert.deepEqual(h.events, ['s:spop:s', 'g:del:s']);
    assert.equal(h.engine.dirty, 3 + 3);
  });

  it('SPOP without count propagates SREM of the member; SPOP 0 changes and propagates nothing', () => {
    const h = harness();
    h.run('SADD', 's', 'a', 'b');
    h.propagated.length = 0;
    h.events.length = 0;
    const v = h.run('SPOP', 's');
    assert.equal(v.type, 'bulk');
    assert.deepEqual(h.propagated, [['SREM', 's', String(v.value)]]);
    const dirty = h.engine.dirty;
    h.run('SPOP', 's', '0');
    assert.equal(h.engine.dirty, dirty);
    h.run('SPOP', 's');
    assert.deepEqual(h.events, ['s:spop:s', 's:spop:s', 'g:del:s']);
    assert.equal(h.propagated.length, 2);
  });

  it('SPOP is repeatable with the same seed and uniform over many runs', () => {
    const a = harness(42);
    const b = harness(42);
    for (const h of [a, b]) h.run('SADD', 's', ...ints(50));
    assert.deepEqual(strings(a.run('SPOP', 's', '5')), strings(b.run('SPOP', 's', '5')));
    const h = harness(7);
    const counts = new Map<string, number>();
    for (let i = 0; i < 4000; i++) {
      h.run('SADD', 'u', 'a', 'b', 'c', 'd', 'x1');
      const v = h.run('SPOP', 'u');
      counts.set(String(v.type === 'bulk' ? v.value : ''), (counts.get(String(v.type === 'bulk' ? v.value : '')) ?? 0) + 1);
      h.run('DEL', 'u');
    }
    assert.equal(counts.size, 5);
    for (const n of counts.values()) assert.ok(n > 650 && n < 950, `count ${n}`);
  });
});

describe('SRANDMEMBER', () => {
  it('positive counts: distinct members of the set; negative counts: repeats allowed', () => {
    const h = harness(3);
    h.run('SADD', 's', ...ints(40));
    for (const count of [1, 2, 5, 13, 14, 39]) {
      const out = strings(h.run('SRANDMEMBER', 's', String(count)));
      assert.equal(out.length, count);
      assert.equal(new Set(out).size, count);
      for (const m of out) assert.ok(Number(m) >= 1 && Number(m) <= 40);
    }
    const neg = strings(h.run('SRANDMEMBER', 's', '-200'));
    assert.equal(neg.length, 200);
    assert.ok(new Set(neg).size < 200, 'repeats');
    assert.equal(strings(h.run('SRANDMEMBER', 's', '-1')).length, 1);
    assert.deepEqual(h.run('SCARD', 's'), { type: 'integer', value: 40, raw: '40' });
  });
});

describe('keyspace events, dirty counts and propagation of the other writes', () => {
  it('SADD/SREM/SMOVE', () => {
    const h = harness();
    assert.deepEqual(h.run('SADD', 's', 'a', 'b', 'a'), { type: 'integer', value: 2, raw: '2' });
    h.run('SADD', 's', 'a');
    h.run('SREM', 's', 'zz');
    h.run('SMOVE', 's', 'd', 'a');
    h.run('SMOVE', 's', 'd', 'b');
    h.run('SMOVE', 'd', 'd', 'a');
    assert.deepEqual(h.events, ['s:sadd:s', 's:srem:s', 's:sadd:d', 's:srem:s', 'g:del:s', 's:sadd:d']);
    assert.equal(h.engine.dirty, 2 + 2 + 2);
    assert.deepEqual(
      h.propagated.map((a) => a.join(' ')),
      ['SADD s a b a', 'SMOVE s d a', 'SMOVE s d b'],
    );
  });

  it('*STORE: the result event, or del when an existing destination gets an empty result', () => {
    const h = harness();
    h.run('SADD', 'a', '1', '2');
    h.run('SADD', 'b', '2', '3');
    h.events.length = 0;
    h.run('SINTERSTORE', 'd', 'a', 'b');
    h.run('SUNIONSTORE', 'd', 'a', 'b');
    h.run('SDIFFSTORE', 'd', 'a', 'b');
    h.run('SDIFFSTORE', 'd', 'a', 'a');
    h.run('SINTERSTORE', 'd', 'a', 'nokey');
    // The missing source is looked up for reading (7.0.15 fires keymiss for it, checked live).
    assert.deepEqual(h.events, ['s:sinterstore:d', 's:sunionstore:d', 's:sdiffstore:d', 'g:del:d', 'm:keymiss:nokey']);
    assert.equal(h.propagated.at(-1)?.join(' '), 'SDIFFSTORE d a a');
  });
});

describe('SSCAN over a hashtable', () => {
  it('returns every member present throughout, even while the set changes, and terminates', () => {
    const h = harness(5);
    const initial = Array.from({ length: 300 }, (_, i) => `m${i}`);
    h.run('SADD', 's', ...initial);
    const seen = new Set<string>();
    const removed = new Set<string>();
    let cursor = '0';
    let calls = 0;
    do {
      const v = h.run('SSCAN', 's', cursor, 'COUNT', '7');
      assert.equal(v.type, 'array');
      const [cur, items] = v.value as [RespValue, RespValue];
      cursor = String(cur.type === 'bulk' ? cur.value : '');
      for (const m of strings(items)) {
        assert.ok(!removed.has(m), `${m} was removed before it was returned`);
        seen.add(m);
      }
      // Churn: remove a few members not yet seen, add new ones.
      const victim = `m${(calls * 13) % 300}`;
      if (!seen.has(victim)) {
        h.run('SREM', 's', victim);
        removed.add(victim);
      }
      h.run('SADD', 's', `new${calls}`);
      calls++;
      assert.ok(calls < 1000, 'terminates');
    } while (cursor !== '0');
    for (const m of initial) if (!removed.has(m)) assert.ok(seen.has(m), `${m} missed`);
  });

  it('MATCH filters; an intset answers everything with cursor 0', () => {
    const h = harness();
    h.run('SADD', 'i', ...ints(100));
    const v = h.run('SSCAN', 'i', '12345', 'COUNT', '1', 'MATCH', '1?');
    assert.equal(v.type, 'array');
    const [cur, items] = v.value as [RespValue, RespValue];
    assert.deepEqual(cur, { type: 'bulk', value: '0' });
    assert.deepEqual(strings(items), ['10', '11', '12', '13', '14', '15', '16', '17', '18', '19']);
  });
});
