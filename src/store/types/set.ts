// The set value (SADD & co.): Redis 7.0's two encodings and its one-way conversion between them.
// "intset" holds canonical int64 members only, kept sorted by numeric value (so iteration, and
// every reply that walks the set, is ascending as in Redis); "hashtable" holds any members in an
// array plus a member -> position Map, so a uniform random member costs O(1) and removal is a
// swap with the last element. An intset becomes a hashtable when a non-integer member arrives or
// when it grows past set-max-intset-entries; nothing converts back, except sets built afresh
// (SINTERSTORE & co., SPOP's rebuild), which start as intsets like Redis's temporary sets.
import type { RObject } from './value.js';
import { looksLikeInt64 } from './value.js';

/** Redis caps set-max-intset-entries at 2^30 (intset internals). */
const INTSET_HARD_LIMIT = 1 << 30;

/** The effective intset size limit for a set-max-intset-entries value. */
export function intsetLimit(maxEntries: number): number {
  return maxEntries >= INTSET_HARD_LIMIT ? INTSET_HARD_LIMIT : maxEntries;
}

/**
 * Numeric order of two canonical int64 strings (no leading zeros, no '+', no "-0"): sign first,
 * then digit count, then digits (reversed for negatives).
 */
export function compareIntStrings(a: string, b: string): number {
  const negA = a.charCodeAt(0) === 45;
  const negB = b.charCodeAt(0) === 45;
  if (negA !== negB) return negA ? -1 : 1;
  let r: number;
  if (a.length !== b.length) r = a.length < b.length ? -1 : 1;
  else r = a < b ? -1 : a > b ? 1 : 0;
  return negA ? 0 - r : r;
}

export class SetValue implements RObject {
  readonly type = 'set' as const;
  /**
   * The members. As an intset: sorted by numeric value. As a hashtable: in no particular order,
   * each at the position `index` records.
   */
  private items: string[] = [];
  /** null while the set is an intset. */
  private index: Map<string, number> | null = null;

  /** An empty set, as Redis's createIntsetObject (the first non-integer add converts it). */
  constructor() {}

  /**
   * A set holding `members` (duplicates ignored), built as Redis builds its temporary and
   * destination sets: an intset while every member is an integer and the count fits.
   */
  static from(members: Iterable<string>, maxIntsetEntries: number): SetValue {
    const s = new SetValue();
    const index = new Map<string, number>();
    const items: string[] = [];
    let allInts = true;
    for (const m of members) {
      if (index.has(m)) continue;
      index.set(m, items.length);
      items.push(m);
      if (allInts && !looksLikeInt64(m)) allInts = false;
    }
    s.items = items;
    // Same outcome as adding one by one, without the intset's O(n) inserts.
    if (allInts && items.length <= intsetLimit(maxIntsetEntries)) items.sort(compareIntStrings);
    else s.index = index;
    return s;
  }

  get size(): number {
    return this.items.length;
  }

  get isIntset(): boolean {
    return this.index === null;
  }

  encoding(): string {
    return this.index === null ? 'intset' : 'hashtable';
  }

  dup(): SetValue {
    const s = new SetValue();
    s.items = this.items.slice();
    if (this.index !== null) s.index = new Map(this.index);
    return s;
  }

  /** Binary search in the intset: the position of `m`, or -(insertion point) - 1. */
  private find(m: string): number {
    const a = this.items;
    let lo = 0;
    let hi = a.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const c = compareIntStrings(a[mid] as string, m);
      if (c < 0) lo = mid + 1;
      else if (c > 0) hi = mid - 1;
      else return mid;
    }
    return -lo - 1;
  }

  /** Converts the intset to a hashtable (setTypeConvert). */
  private toHashtable(): Map<string, number> {
    const index = new Map<string, number>();
    const a = this.items;
    for (let i = 0; i < a.length; i++) index.set(a[i] as string, i);
    this.index = index;
    return index;
  }

  /**
   * Adds a member; returns false when it was already there. `maxIntsetEntries` is
   * set-max-intset-entries: an intset growing past it becomes a hashtable.
   */
  add(m: string, maxIntsetEntries: number): boolean {
    let index = this.index;
    if (index === null) {
      if (looksLikeInt64(m)) {
        const pos = this.find(m);
        if (pos >= 0) return false;
        this.items.splice(-pos - 1, 0, m);
        if (this.items.length > intsetLimit(maxIntsetEntries)) this.toHashtable();
        return true;
      }
      index = this.toHashtable();
    }
    if (index.has(m)) return false;
    index.set(m, this.items.length);
    this.items.push(m);
    return true;
  }

  has(m: string): boolean {
    if (this.index !== null) return this.index.has(m);
    return looksLikeInt64(m) && this.find(m) >= 0;
  }

  /** Removes a member; returns false when it was not there. */
  remove(m: string): boolean {
    const index = this.index;
    if (index === null) {
      if (!looksLikeInt64(m)) return false;
      const pos = this.find(m);
      if (pos < 0) return false;
      this.items.splice(pos, 1);
      return true;
    }
    const pos = index.get(m);
    if (pos === undefined) return false;
    this.removeAt(pos);
    return true;
  }

  /** Removes the member at a position (hashtable: swap with the last; intset: shift). */
  private removeAt(pos: number): string {
    const a = this.items;
    const m = a[pos] as string;
    const index = this.index;
    if (index === null) {
      a.splice(pos, 1);
      return m;
    }
    const last = a.pop() as string;
    index.delete(m);
    if (pos < a.length) {
      a[pos] = last;
      index.set(last, pos);
    }
    return m;
  }

  /** A uniformly random member (the set must not be empty); `below(n)` is uniform in [0, n). */
  random(below: (n: number) => number): string {
    return this.items[below(this.items.length)] as string;
  }

  /** Removes and returns a uniformly random member (the set must not be empty). */
  popRandom(below: (n: number) => number): string {
    return this.removeAt(below(this.items.length));
  }

  /**
   * `count` distinct members chosen uniformly (count < size), each subset equally likely, in
   * O(count): rejection sampling when few are wanted, a partial shuffle of a copy otherwise.
   */
  sampleDistinct(count: number, below: (n: number) => number): string[] {
    const a = this.items;
    const n = a.length;
    if (count * 3 > n) {
      const copy = a.slice();
      for (let i = 0; i < count; i++) {
        const j = i + below(n - i);
        const t = copy[i] as string;
        copy[i] = copy[j] as string;
        copy[j] = t;
      }
      copy.length = count;
      return copy;
    }
    const picked = new Set<number>();
    const out: string[] = [];
    while (out.length < count) {
      const i = below(n);
      if (picked.has(i)) continue;
      picked.add(i);
      out.push(a[i] as string);
    }
    return out;
  }

  /** The members in iteration order (ascending for an intset). Do not mutate the set meanwhile. */
  values(): IterableIterator<string> {
    return this.items.values();
  }

  [Symbol.iterator](): IterableIterator<string> {
    return this.items.values();
  }

  /** A copy of the members in iteration order. */
  toArray(): string[] {
    return this.items.slice();
  }

  /**
   * What SSCAN iterates over a hashtable: the insertion-ordered Map of members (its iterator
   * survives additions and removals, as src/store/scan.ts needs). null for an intset.
   */
  scanSource(): Map<string, number> | null {
    return this.index;
  }
}
