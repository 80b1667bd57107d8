// The list deque (src/store/types/list.ts) against a plain array model: random sequences of
// pushes, pops, index reads/writes, inserts, trims and filtered removals, checked after every step.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { ListValue } from '../../src/store/types/list.js';

/** A small deterministic PRNG (mulberry32) so failures reproduce. */
function rng(seed: number): (n: number) => number {
  let a = seed >>> 0;
  return (n: number) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) % n) as number;
  };
}

/** The model's LREM: at most `limit` (0 = all) matches, from the head or the tail. */
function modelRemove(arr: string[], v: string, limit: number, fromTail: boolean): number {
  let removed = 0;
  if (!fromTail) {
    for (let i = 0; i < arr.length; ) {
      if (arr[i] === v && (limit === 0 || removed < limit)) {
        arr.splice(i, 1);
        removed++;
      } else i++;
    }
  } else {
    for (let i = arr.length - 1; i >= 0; i--) {
      if (arr[i] === v && (limit === 0 || removed < limit)) {
        arr.splice(i, 1);
        removed++;
      }
    }
  }
  return removed;
}

function check(list: ListValue, model: string[], step: string): void {
  assert.equal(list.length, model.length, `${step}: length`);
  assert.deepEqual(list.toArray(), model, `${step}: contents`);
  for (let i = 0; i < model.length; i++) assert.equal(list.get(i), model[i], `${step}: get(${i})`);
  assert.equal(list.get(-1), undefined, `${step}: get(-1)`);
  assert.equal(list.get(model.length), undefined, `${step}: get(length)`);
}

describe('ListValue deque', () => {
  it('starts empty, pops undefined, reports quicklist', () => {
    const l = new ListValue();
    assert.equal(l.length, 0);
    assert.equal(l.popHead(), undefined);
    assert.equal(l.popTail(), undefined);
    assert.equal(l.encoding(), 'quicklist');
    assert.equal(l.type, 'list');
    assert.equal(l.set(0, 'x'), false);
  });

  it('wraps around the ring buffer at both ends and grows keeping order', () => {
    const l = new ListValue();
    const model: string[] = [];
    for (let i = 0; i < 100; i++) {
      if (i % 3 === 0) {
        l.pushHead(`h${i}`);
        model.unshift(`h${i}`);
      } else {
        l.pushTail(`t${i}`);
        model.push(`t${i}`);
      }
      check(l, model, `push ${i}`);
    }
    while (model.length > 0) {
      assert.equal(l.popHead(), model.shift());
      if (model.length > 0) assert.equal(l.popTail(), model.pop());
      check(l, model, `pop at ${model.length}`);
    }
  });

  it('dup() is independent and from() keeps order', () => {
    const a = ListValue.from(['a', 'b', 'c']);
    const b = a.dup();
    b.pushTail('d');
    b.set(0, 'z');
    assert.deepEqual(a.toArray(), ['a', 'b', 'c']);
    assert.deepEqual(b.toArray(), ['z', 'b', 'c', 'd']);
  });

  it('insert at every position of lists of several sizes and offsets', () => {
    for (let n = 0; n < 20; n++) {
      for (let offset = 0; offset < 6; offset++) {
        for (let at = 0; at <= n; at++) {
          const l = new ListValue();
          for (let k = 0; k < offset; k++) l.pushTail('x'); // move the head around the ring
          for (let k = 0; k < offset; k++) l.popHead();
          const model: string[] = [];
          for (let k = 0; k < n; k++) {
            l.pushTail(String(k));
            model.push(String(k));
          }
          l.insert(at, 'new');
          model.splice(at, 0, 'new');
          check(l, model, `n=${n} offset=${offset} at=${at}`);
        }
      }
    }
    assert.throws(() => new ListValue().insert(1, 'x'), RangeError);
  });

  it('random operation sequences match an array model', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const r = rng(seed);
      const l = new ListValue();
      const model: string[] = [];
      const values = ['a', 'b', 'c', 'd', '', '\x00\xff'];
      for (let step = 0; step < 600; step++) {
        const op = r(11);
        const v = values[r(values.length)] as string;
        const label = `seed ${seed} step ${step} op ${op}`;
        switch (op) {
          case 0:
          case 1: {
            // bursts of pushes so the buffer grows well beyond its start
            const k = 1 + r(op === 0 ? 3 : 40);
            for (let i = 0; i < k; i++) {
              l.pushHead(v + i);
              model.unshift(v + i);
            }
            break;
          }
          case 2: {
            const k = 1 + r(40);
            for (let i = 0; i < k; i++) {
              l.pushTail(v + i);
              model.push(v + i);
            }
            break;
          }
          case 3:
            assert.equal(l.popHead(), model.shift(), label);
            break;
          case 4:
            assert.equal(l.popTail(), model.pop(), label);
            break;
          case 5: {
            if (model.length === 0) break;
            const i = r(model.length);
            assert.equal(l.set(i, v), true, label);
            model[i] = v;
            break;
          }
          case 6: {
            const i = r(model.length + 1);
            l.insert(i, v);
            model.splice(i, 0, v);
            break;
          }
          case 7: {
            const n = r(model.length + 3);
            l.trimHead(n);
            model.splice(0, Math.min(n, model.length));
            break;
          }
          case 8: {
            const n = r(model.length + 3);
            l.trimTail(n);
            model.splice(Math.max(0, model.length - n), Math.min(n, model.length));
            break;
          }
          case 9: {
            const target = model.length > 0 && r(2) === 0 ? (model[r(model.length)] as string) : v + '0';
            const limit = r(4);
            const fromTail = r(2) === 1;
            const want = modelRemove(model, target, limit, fromTail);
            assert.equal(l.removeMatching(target, limit, fromTail), want, label);
            break;
          }
          default: {
            const target = model.length > 0 ? (model[r(model.length)] as string) : v;
            assert.equal(l.indexOf(target), model.indexOf(target), label);
          }
        }
        check(l, model, label);
      }
      // drain completely: shrinking keeps contents
      while (model.length > 0) {
        if (r(2) === 0) assert.equal(l.popHead(), model.shift());
        else assert.equal(l.popTail(), model.pop());
        check(l, model, `seed ${seed} drain at ${model.length}`);
      }
      assert.equal(l.popHead(), undefined);
    }
  });

  it('shrinks after mass removal without losing elements', () => {
    const l = new ListValue();
    const model: string[] = [];
    for (let i = 0; i < 5000; i++) {
      l.pushTail(String(i));
      model.push(String(i));
    }
    for (let i = 0; i < 4990; i++) assert.equal(l.popHead(), model.shift());
    check(l, model, 'after pops');
    for (let i = 0; i < 5000; i++) {
      l.pushHead(String(i));
      model.unshift(String(i));
    }
    l.trimTail(4995);
    model.splice(model.length - 4995);
    check(l, model, 'after trim');
    assert.equal(l.removeMatching('4999', 0, false), 1);
    model.splice(model.indexOf('4999'), 1);
    check(l, model, 'after remove');
  });
});
