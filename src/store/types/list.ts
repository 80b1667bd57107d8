// The list value: a deque of latin1 strings in a growable ring buffer — O(1) push and pop at
// both ends, O(1) access by index, O(min(i, n-i)) insertion, O(n) filtering removal. Redis 7.0
// keeps every list as a quicklist (list-max-listpack-size only sizes the quicklist's nodes), so
// OBJECT ENCODING is always "quicklist".
import type { RObject } from './value.js';

const MIN_CAPACITY = 4;

function capacityFor(n: number): number {
  let cap = MIN_CAPACITY;
  while (cap < n) cap *= 2;
  return cap;
}

export class ListValue implements RObject {
  readonly type = 'list' as const;
  /** Ring buffer; unused slots hold '' so no popped string stays referenced. Length is a power of two. */
  private items: string[];
  private mask: number;
  private head = 0;
  private count = 0;

  constructor(capacity = MIN_CAPACITY) {
    const cap = capacityFor(capacity);
    this.items = new Array<string>(cap).fill('');
    this.mask = cap - 1;
  }

  /** A list holding `values` in order (head first). */
  static from(values: readonly string[]): ListValue {
    const l = new ListValue(values.length);
    for (let i = 0; i < values.length; i++) l.items[i] = values[i] as string;
    l.count = values.length;
    return l;
  }

  get length(): number {
    return this.count;
  }

  encoding(): string {
    return 'quicklist';
  }

  dup(): ListValue {
    return ListValue.from(this.toArray());
  }

  /** Grows (or shrinks) the buffer to `cap` slots, re-laying elements from index 0. */
  private resize(cap: number): void {
    const next = new Array<string>(cap).fill('');
    const items = this.items;
    const mask = this.mask;
    for (let i = 0; i < this.count; i++) next[i] = items[(this.head + i) & mask] as string;
    this.items = next;
    this.mask = cap - 1;
    this.head = 0;
  }

  private grow(): void {
    if (this.count === this.items.length) this.resize(this.items.length * 2);
  }

  /** Releases memory after many pops: a quarter-full buffer larger than the minimum halves. */
  private maybeShrink(): void {
    const cap = this.items.length;
    if (cap > 16 && this.count < cap >>> 2) this.resize(cap >>> 1);
  }

  pushHead(v: string): void {
    this.grow();
    this.head = (this.head - 1) & this.mask;
    this.items[this.head] = v;
    this.count++;
  }

  pushTail(v: string): void {
    this.grow();
    this.items[(this.head + this.count) & this.mask] = v;
    this.count++;
  }

  popHead(): string | undefined {
    if (this.count === 0) return undefined;
    const v = this.items[this.head] as string;
    this.items[this.head] = '';
    this.head = (this.head + 1) & this.mask;
    this.count--;
    this.maybeShrink();
    return v;
  }

  popTail(): string | undefined {
    if (this.count === 0) return undefined;
    const at = (this.head + this.count - 1) & this.mask;
    const v = this.items[at] as string;
    this.items[at] = '';
    this.count--;
    this.maybeShrink();
    return v;
  }

  /** The element at `i` (0 = head), undefined outside 0..length-1. */
  get(i: number): string | undefined {
    if (i < 0 || i >= this.count) return undefined;
    return this.items[(this.head + i) & this.mask];
  }

  /** Replaces the element at `i`; returns false when `i` is out of range. */
  set(i: number, v: string): boolean {
    if (i < 0 || i >= this.count) return false;
    this.items[(this.head + i) & this.mask] = v;
    return true;
  }

  /** Inserts `v` so that it ends up at index `i` (0..length), shifting the shorter side. */
  insert(i: number, v: string): void {
    if (i < 0 || i > this.count) throw new RangeError(`list insert at ${i} of ${this.count}`);
    if (i === 0) return this.pushHead(v);
    if (i === this.count) return this.pushTail(v);
    this.grow();
    const items = this.items;
    const mask = this.mask;
    if (i < this.count >>> 1) {
      // Move the first i elements one slot towards the head.
      this.head = (this.head - 1) & mask;
      for (let k = 0; k < i; k++) items[(this.head + k) & mask] = items[(this.head + k + 1) & mask] as string;
    } else {
      // Move elements i..count-1 one slot towards the tail.
      for (let k = this.count; k > i; k--) items[(this.head + k) & mask] = items[(this.head + k - 1) & mask] as string;
    }
    items[(this.head + i) & mask] = v;
    this.count++;
  }

  /** Removes `n` elements from the head (all when n >= length). */
  trimHead(n: number): void {
    n = Math.min(n, this.count);
    for (let k = 0; k < n; k++) {
      this.items[this.head] = '';
      this.head = (this.head + 1) & this.mask;
    }
    this.count -= n;
    this.maybeShrinkFully();
  }

  /** Removes `n` elements from the tail (all when n >= length). */
  trimTail(n: number): void {
    n = Math.min(n, this.count);
    for (let k = 0; k < n; k++) this.items[(this.head + this.count - 1 - k) & this.mask] = '';
    this.count -= n;
    this.maybeShrinkFully();
  }

  /** After a bulk removal: shrink to the smallest power of two that keeps the usual headroom. */
  private maybeShrinkFully(): void {
    const cap = this.items.length;
    if (cap > 16 && this.count < cap >>> 2) this.resize(Math.max(16, capacityFor(this.count * 2)));
  }

  /**
   * Removes elements equal to `v`: at most `limit` of them (0 = all), the first ones from the
   * head, or from the tail when `fromTail`. Returns how many were removed. One O(n) pass.
   */
  removeMatching(v: string, limit: number, fromTail: boolean): number {
    const n = this.count;
    const items = this.items;
    const mask = this.mask;
    const head = this.head;
    let removed = 0;
    if (!fromTail) {
      let w = 0;
      for (let r = 0; r < n; r++) {
        const e = items[(head + r) & mask] as string;
        if (e === v && (limit === 0 || removed < limit)) {
          removed++;
          continue;
        }
        if (w !== r) items[(head + w) & mask] = e;
        w++;
      }
      for (let k = w; k < n; k++) items[(head + k) & mask] = '';
    } else {
      let w = n - 1;
      for (let r = n - 1; r >= 0; r--) {
        const e = items[(head + r) & mask] as string;
        if (e === v && (limit === 0 || removed < limit)) {
          removed++;
          continue;
        }
        if (w !== r) items[(head + w) & mask] = e;
        w--;
      }
      for (let k = 0; k <= w; k++) items[(head + k) & mask] = '';
      this.head = (head + removed) & mask;
    }
    this.count = n - removed;
    if (removed > 0) this.maybeShrinkFully();
    return removed;
  }

  /** Index of the first element equal to `v` from the head, or -1. */
  indexOf(v: string): number {
    const items = this.items;
    const mask = this.mask;
    for (let i = 0; i < this.count; i++) if (items[(this.head + i) & mask] === v) return i;
    return -1;
  }

  /** The elements head to tail. */
  toArray(): string[] {
    const out = new Array<string>(this.count);
    for (let i = 0; i < this.count; i++) out[i] = this.items[(this.head + i) & this.mask] as string;
    return out;
  }
}
