// Unit tests of the hash value type against a plain Map model (random operation sequences across
// the listpack -> hashtable conversion point), and of the hash commands in-process: keyspace
// events, dirty counts, propagation (HINCRBYFLOAT -> HSET), HSCAN over a changing hashtable,
// HRANDFIELD distributions.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { HashValue, hashSet, hashTryConversion } from '../../src/store/types/hash.js';
import { Random } from '../../src/store/random.js';
import { Engine } from '../../src/engine/engine.js';
import { ManualClock } from '../../src/store/clock.js';
import { encodingOf } from '../../src/store/types/value.js';
import { parseReplies, type RespValue } from '../../src/protocol/client-parser.js';

/** A reply as plain JS: strings, numbers, arrays, null; errors as { error }. */
function plain(v: RespValue): unknown {
  switch (v.type) {
    case 'simple':
    case 'bulk':
      return typeof v.value === 'string' ? v.value : v.value.toString('latin1');
    case 'error':
      return { error: v.value };
    case 'integer':
      return v.value;
    case 'null':
      return null;
    case 'array':
    case 'set':
    case 'push':
      return v.value.map(plain);
    case 'map':
      return v.value.map(([k, x]) => [plain(k), plain(x)]);
    default:
      return v;
  }
}

function entriesOf(h: HashValue): [string, string][] {
  const out: [string, string][] = [];
  h.forEach((f, v) => out.push([f, v]));
  return out;
}

/** Compares a hash with the model: same pairs, and in the same order while listpack-encoded. */
function check(h: HashValue, model: Map<string, string>, label: string): void {
  assert.equal(h.size, model.size, `${label}: size`);
  const got = entriesOf(h);
  const want = [...model.entries()];
  if (h.isListpack) assert.deepEqual(got, want, `${label}: listpack order`);
  else assert.deepEqual(got.slice().sort(), want.slice().sort(), `${label}: contents`);
  for (const [f, v] of model) {
    assert.equal(h.get(f), v, `${label}: get ${f}`);
    assert.ok(h.has(f));
  }
  assert.deepEqual(h.fields(), got.map((p) => p[0]));
  assert.deepEqual(h.values(), got.map((p) => p[1]));
  for (let i = 0; i < h.size; i++) assert.equal(h.fieldAt(i), got[i]?.[0], `${label}: fieldAt ${i}`);
}

describe('HashValue against a Map model', () => {
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`random operations, seed ${seed}`, () => {
      const rng = new Random(seed);
      const maxEntries = 1 + rng.below(24);
      const maxValue = 2 + rng.below(8);
      const h = new HashValue();
      const model = new Map<string, string>();
      let converted = false;
      const randStr = (maxLen: number): string => {
        const n = rng.below(maxLen + 1);
        let s = '';
        for (let i = 0; i < n; i++) s += String.fromCharCode(rng.below(4) === 0 ? rng.below(256) : 97 + rng.below(4));
        return s;
      };
      for (let step = 0; step < 600; step++) {
        const op = rng.below(10);
        const field = randStr(rng.below(10) === 0 ? maxValue + 2 : 2);
        if (op < 5) {
          const value = randStr(rng.below(12) === 0 ? maxValue + 3 : maxValue);
          const wasListpack = h.isListpack;
          const tooLong = field.length > maxValue || value.length > maxValue;
          const created = hashSet(h, field, value, maxEntries, maxValue);
          assert.equal(created, !model.has(field), 'created flag');
          model.set(field, value);
          // The conversion happens exactly when Redis's would.
          if (wasListpack) assert.equal(!h.isListpack, tooLong || model.size > maxEntries, `conversion at step ${step}`);
        } else if (op < 6) {
          // HSET-style bulk with the up-front length check.
          const args = ['HSET', 'k', field, randStr(maxValue + 1), randStr(2), randStr(2)];
          const wasListpack = h.isListpack;
          hashTryConversion(h, args, 2, args.length - 1, maxValue);
          const long = args.slice(2).some((a) => a.length > maxValue);
          if (wasListpack) assert.equal(!h.isListpack, long);
          for (let i = 2; i < args.length; i += 2) {
            hashSet(h, args[i] as string, args[i + 1] as string, maxEntries, maxValue);
            model.set(args[i] as string, args[i + 1] as string);
          }
        } else if (op < 9) {
          assert.equal(h.delete(field), model.delete(field), 'delete result');
        } else {
          const d = h.dup();
          assert.equal(d.encoding(), h.encoding());
          check(d, model, `dup at step ${step}`);
          d.set('only-in-copy', 'x');
          assert.equal(h.has('only-in-copy'), model.has('only-in-copy'));
        }
        if (!h.isListpack) converted = true;
        assert.equal(h.isListpack, !converted, 'never converts back');
        assert.equal(h.encoding(), converted ? 'hashtable' : 'listpack');
        assert.equal(encodingOf(h), h.encoding());
        if (step % 25 === 0) check(h, model, `step ${step}`);
      }
      check(h, model, 'end');
    });
  }

  it('keeps listpack order: updates in place, new fields appended, deletes close the gap', () => {
    const h = new HashValue();
    for (const f of ['a', 'b', 'c']) h.set(f, f.toUpperCase());
    h.set('a', 'x');
    h.delete('b');
    h.set('b', 'y');
    assert.deepEqual(entriesOf(h), [
      ['a', 'x'],
      ['c', 'C'],
      ['b', 'y'],
    ]);
    h.convertToHashtable();
    assert.equal(h.encoding(), 'hashtable');
    assert.deepEqual(entriesOf(h).sort(), [
      ['a', 'x'],
      ['b', 'y'],
      ['c', 'C'],
    ]);
  });

  it('fromPairs picks the encoding Redis would load', () => {
    assert.equal(HashValue.fromPairs(['a', '1', 'b', '2'], 2, 5).encoding(), 'listpack');
    assert.equal(HashValue.fromPairs(['a', '1', 'b', '2', 'c', '3'], 2, 5).encoding(), 'hashtable');
    assert.equal(HashValue.fromPairs(['a', '123456'], 2, 5).encoding(), 'hashtable');
    assert.deepEqual(entriesOf(HashValue.fromPairs(['b', '1', 'a', '2'], 8, 8)), [
      ['b', '1'],
      ['a', '2'],
    ]);
  });

  it('entries() of a listpack hash tolerates changes during iteration', () => {
    const h = new HashValue();
    h.set('a', '1');
    h.set('b', '2');
    const seen: string[] = [];
    for (const [f] of h.entries()) {
      seen.push(f);
      h.delete(f);
    }
    assert.deepEqual(seen, ['a', 'b']);
    assert.equal(h.size, 0);
  });
});

// ---- commands in-process -----------------------------------------------------------------------

interface Harness {
  engine: Engine;
  run: (...argv: string[]) => unknown;
  raw: (...argv: string[]) => string;
  propagated: string[][];
  events: string[];
}

function harness(config: Record<string, string> = {}, seed = 1): Harness {
  const clock = new ManualClock(1_700_000_000_000);
  const engine = new Engine({ clock, config, seed });
  const c = engine.createClient();
  const propagated: string[][] = [];
  const events: string[] = [];
  engine.onPropagate((db, argv) => propagated.push([String(db), ...argv]));
  engine.onKeyspaceEvent((type, event, key, db) => {
    if (type !== 'm' && type !== 'n') events.push(`${type}:${event}:${key}@${db}`); // keymiss/new: tested elsewhere
  });
  const raw = (...argv: string[]): string => {
    engine.execute(c, argv);
    return c.reply.take().toString('latin1');
  };
  const run = (...argv: string[]): unknown => {
    const replies = parseReplies(Buffer.from(raw(...argv), 'latin1'));
    assert.equal(replies.length, 1);
    return plain(replies[0] as RespValue);
  };
  return { engine, run, raw, propagated, events };
}

describe('hash commands in-process', () => {
  it('keyspace events, dirty and propagation', () => {
    const t = harness();
    const d0 = t.engine.dirty;
    assert.equal(t.run('HSET', 'h', 'a', '1', 'b', '2'), 2);
    assert.equal(t.engine.dirty - d0, 2);
    assert.equal(t.run('HSETNX', 'h', 'a', 'x'), 0);
    assert.equal(t.run('HSETNX', 'h', 'c', 'x'), 1);
    assert.equal(t.run('HINCRBY', 'h', 'n', '5'), 5);
    assert.equal(t.run('HINCRBYFLOAT', 'h', 'f', '1.5'), '1.5');
    assert.equal(t.run('HINCRBYFLOAT', 'h', 'f', '0.25'), '1.75');
    assert.equal(t.run('HDEL', 'h', 'zz'), 0);
    assert.equal(t.run('HDEL', 'h', 'a', 'b', 'c', 'n'), 4);
    assert.equal(t.run('HDEL', 'h', 'f'), 1);
    assert.equal(t.run('EXISTS', 'h'), 0);
    assert.deepEqual(t.events, [
      'h:hset:h@0',
      'h:hset:h@0',
      'h:hincrby:h@0',
      'h:hincrbyfloat:h@0',
      'h:hincrbyfloat:h@0',
      'h:hdel:h@0',
      'h:hdel:h@0',
      'g:del:h@0',
    ]);
    assert.deepEqual(t.propagated, [
      ['0', 'HSET', 'h', 'a', '1', 'b', '2'],
      ['0', 'HSETNX', 'h', 'c', 'x'],
      ['0', 'HINCRBY', 'h', 'n', '5'],
      ['0', 'HSET', 'h', 'f', '1.5'],
      ['0', 'HSET', 'h', 'f', '1.75'],
      ['0', 'HDEL', 'h', 'a', 'b', 'c', 'n'],
      ['0', 'HDEL', 'h', 'f'],
    ]);
  });

  it('failed writes leave no empty hash behind', () => {
    const t = harness();
    t.raw('HINCRBY', 'h', 'a', 'x');
    t.raw('HINCRBYFLOAT', 'h', 'a', 'inf');
    t.raw('HSET', 'h', 'a');
    t.raw('HSET', 'h', 'a', '1', 'b');
    assert.equal(t.run('EXISTS', 'h'), 0);
    assert.deepEqual(t.propagated, []);
    assert.deepEqual(t.events, []);
  });

  it('HSCAN over a hashtable visits every field that stays, across changes', () => {
    const t = harness({ 'hash-max-listpack-entries': '8' });
    const args: string[] = [];
    for (let i = 0; i < 300; i++) args.push(`f${i}`, String(i));
    t.run('HSET', 'h', ...args);
    assert.equal(t.run('OBJECT', 'ENCODING', 'h'), 'hashtable');
    const seen = new Map<string, string>();
    let cursor = '0';
    let calls = 0;
    do {
      const reply = t.run('HSCAN', 'h', cursor, 'COUNT', '7') as [string, string[]];
      cursor = reply[0];
      const items = reply[1];
      assert.ok(items.length <= 14 + 2, `batch of ${items.length / 2} fields`);
      for (let i = 0; i < items.length; i += 2) seen.set(items[i] as string, items[i + 1] as string);
      // Changes during the scan: delete some, add some, update some.
      t.run('HDEL', 'h', `f${calls * 3 + 1}`);
      t.run('HSET', 'h', `new${calls}`, 'x', `f${299 - calls}`, 'updated');
      calls++;
    } while (cursor !== '0' && calls < 1000);
    assert.equal(cursor, '0');
    for (let i = 0; i < 300; i++) {
      const deleted = i % 3 === 1 && (i - 1) / 3 < calls;
      if (!deleted) assert.ok(seen.has(`f${i}`), `f${i} seen`);
    }
    // MATCH filters fields (values are not matched).
    const m = t.run('HSCAN', 'h', '0', 'MATCH', 'f1?', 'COUNT', '10000') as [string, string[]];
    assert.equal(m[0], '0');
    for (let i = 0; i < m[1].length; i += 2) assert.match(m[1][i] as string, /^f1.$/);
  });

  it('HRANDFIELD: distinct fields for a positive count, every field reachable', () => {
    const t = harness({ 'hash-max-listpack-entries': '4' }, 7);
    t.run('HSET', 'h', 'a', '1', 'b', '2', 'c', '3', 'd', '4', 'e', '5', 'f', '6');
    const all = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const r = t.run('HRANDFIELD', 'h', '3') as string[];
      assert.equal(r.length, 3);
      assert.equal(new Set(r).size, 3);
      for (const f of r) all.add(f);
      const single = t.run('HRANDFIELD', 'h') as string;
      all.add(single);
      const withValues = t.run('HRANDFIELD', 'h', '-4', 'WITHVALUES') as string[];
      assert.equal(withValues.length, 8);
      for (let j = 0; j < 8; j += 2) assert.equal(t.run('HGET', 'h', withValues[j] as string), withValues[j + 1]);
    }
    assert.equal(all.size, 6);
  });
});

describe('SORT in-process', () => {
  it('STORE: keyspace events, dirty, propagation as given; plain SORT propagates nothing', () => {
    const t = harness();
    t.run('RPUSH', 'l', '3', '1', '2');
    t.events.length = 0;
    t.propagated.length = 0;
    const d0 = t.engine.dirty;
    assert.deepEqual(t.run('SORT', 'l'), ['1', '2', '3']);
    assert.deepEqual(t.run('SORT_RO', 'l', 'DESC'), ['3', '2', '1']);
    assert.equal(t.engine.dirty, d0);
    assert.equal(t.run('SORT', 'l', 'GET', '#', 'GET', 'x_*', 'STORE', 'dst'), 6);
    assert.equal(t.engine.dirty - d0, 6);
    assert.deepEqual(t.run('LRANGE', 'dst', '0', '-1'), ['1', '', '2', '', '3', '']);
    assert.equal(t.run('SORT', 'l', 'LIMIT', '9', '1', 'STORE', 'dst'), 0);
    assert.equal(t.engine.dirty - d0, 7);
    assert.equal(t.run('EXISTS', 'dst'), 0);
    assert.equal(t.run('SORT', 'l', 'LIMIT', '9', '1', 'STORE', 'dst'), 0);
    assert.equal(t.engine.dirty - d0, 7);
    assert.deepEqual(t.events, ['l:sortstore:dst@0', 'g:del:dst@0']);
    assert.deepEqual(t.propagated, [
      ['0', 'SORT', 'l', 'GET', '#', 'GET', 'x_*', 'STORE', 'dst'],
      ['0', 'SORT', 'l', 'LIMIT', '9', '1', 'STORE', 'dst'],
    ]);
  });

  it('STORE wakes a client blocked on the destination', () => {
    const t = harness();
    const waiter = t.engine.createClient();
    t.engine.execute(waiter, ['BLPOP', 'dst', '0']);
    assert.equal(waiter.reply.take().length, 0, 'blocked: no reply yet');
    t.run('SADD', 's', 'b', 'a');
    assert.equal(t.run('SORT', 's', 'ALPHA', 'STORE', 'dst'), 2);
    const replies = parseReplies(waiter.reply.take());
    assert.equal(replies.length, 1);
    assert.deepEqual(plain(replies[0] as RespValue), ['dst', 'a']);
    assert.deepEqual(t.run('LRANGE', 'dst', '0', '-1'), ['b']);
  });

  it('BY and GET look keys up as reads (hits and misses counted)', () => {
    const t = harness();
    t.run('RPUSH', 'l', '1', '2');
    t.run('SET', 'w_1', '5');
    const hits = t.engine.stats.keyspaceHits;
    const misses = t.engine.stats.keyspaceMisses;
    assert.deepEqual(t.run('SORT', 'l', 'BY', 'w_*', 'GET', 'w_*'), [null, '5']);
    assert.equal(t.engine.stats.keyspaceHits - hits, 1 + 1 + 1);
    assert.equal(t.engine.stats.keyspaceMisses - misses, 1 + 1);
  });
});
