// The hash value type: a field -> value map with Redis 7.0's two encodings. Small hashes are a
// flat array [field0, value0, field1, value1, ...] in insertion order (Redis's listpack: a new
// field goes at the end, an update keeps its place, a delete closes the gap), so their iteration
// order is exactly Redis's; past hash-max-listpack-entries / hash-max-listpack-value they become
// a Map ("hashtable"), one way only. No RESP and no clients here: thresholds come from callers.
import type { RObject } from './value.js';

export type HashEncoding = 'listpack' | 'hashtable';

export class HashValue implements RObject {
  readonly type = 'hash' as const;
  /** listpack encoding: flat field/value pairs; null once converted. */
  private lp: string[] | null = [];
  /** hashtable encoding. */
  private map: Map<string, string> | null = null;
  /** hashtable: the fields as an array for random access, rebuilt after inserts/deletes. */
  private fieldCache: string[] | null = null;

  encoding(): HashEncoding {
    return this.lp !== null ? 'listpack' : 'hashtable';
  }

  get isListpack(): boolean {
    return this.lp !== null;
  }

  /** Number of fields. */
  get size(): number {
    return this.lp !== null ? this.lp.length >> 1 : (this.map as Map<string, string>).size;
  }

  /** Index of `field`'s slot in the flat array, or -1. */
  private lpFind(field: string): number {
    const lp = this.lp as string[];
    for (let i = 0; i < lp.length; i += 2) if (lp[i] === field) return i;
    return -1;
  }

  get(field: string): string | undefined {
    if (this.lp !== null) {
      const i = this.lpFind(field);
      return i < 0 ? undefined : this.lp[i + 1];
    }
    return (this.map as Map<string, string>).get(field);
  }

  has(field: string): boolean {
    if (this.lp !== null) return this.lpFind(field) >= 0;
    return (this.map as Map<string, string>).has(field);
  }

  /** Sets a field (no encoding checks: see hashSet). Returns true when the field is new. */
  set(field: string, value: string): boolean {
    const lp = this.lp;
    if (lp !== null) {
      const i = this.lpFind(field);
      if (i >= 0) {
        lp[i + 1] = value;
        return false;
      }
      lp.push(field, value);
      return true;
    }
    const map = this.map as Map<string, string>;
    const n = map.size;
    map.set(field, value);
    if (map.size === n) return false;
    this.fieldCache = null;
    return true;
  }

  /** Removes a field; true when it existed. */
  delete(field: string): boolean {
    const lp = this.lp;
    if (lp !== null) {
      const i = this.lpFind(field);
      if (i < 0) return false;
      lp.splice(i, 2);
      return true;
    }
    if (!(this.map as Map<string, string>).delete(field)) return false;
    this.fieldCache = null;
    return true;
  }

  /** Converts to the hashtable encoding (Redis never converts back). */
  convertToHashtable(): void {
    const lp = this.lp;
    if (lp === null) return;
    const map = new Map<string, string>();
    for (let i = 0; i < lp.length; i += 2) map.set(lp[i] as string, lp[i + 1] as string);
    this.map = map;
    this.lp = null;
  }

  /** Calls fn for every field in iteration order (listpack order for small hashes). */
  forEach(fn: (field: string, value: string) => void): void {
    const lp = this.lp;
    if (lp !== null) {
      for (let i = 0; i < lp.length; i += 2) fn(lp[i] as string, lp[i + 1] as string);
    } else {
      for (const [f, v] of this.map as Map<string, string>) fn(f, v);
    }
  }

  /** [field, value] pairs in iteration order. */
  *entries(): IterableIterator<[string, string]> {
    const lp = this.lp;
    if (lp !== null) {
      // A copy of the pairs, so a caller may modify the hash while iterating.
      const copy = lp.slice();
      for (let i = 0; i < copy.length; i += 2) yield [copy[i] as string, copy[i + 1] as string];
    } else {
      yield* (this.map as Map<string, string>).entries();
    }
  }

  fields(): string[] {
    const out: string[] = [];
    this.forEach((f) => out.push(f));
    return out;
  }

  values(): string[] {
    const out: string[] = [];
    this.forEach((_f, v) => out.push(v));
    return out;
  }

  /** The field at position i (0 <= i < size) of the iteration order, for random sampling. */
  fieldAt(i: number): string {
    if (this.lp !== null) return this.lp[i * 2] as string;
    let cache = this.fieldCache;
    if (cache === null) {
      cache = [...(this.map as Map<string, string>).keys()];
      this.fieldCache = cache;
    }
    return cache[i] as string;
  }

  /** The hashtable's Map (HSCAN cursors are bound to it); null while listpack-encoded. */
  table(): Map<string, string> | null {
    return this.map;
  }

  dup(): HashValue {
    const h = new HashValue();
    if (this.lp !== null) {
      h.lp = this.lp.slice();
    } else {
      h.lp = null;
      h.map = new Map(this.map as Map<string, string>);
    }
    return h;
  }

  /** A hash from flat pairs (RESTORE, RDB load), converted as Redis would when loading. */
  static fromPairs(pairs: readonly string[], maxEntries: number, maxValue: number): HashValue {
    const h = new HashValue();
    let big = pairs.length / 2 > maxEntries;
    if (!big) for (const s of pairs) if (s.length > maxValue) big = true;
    if (big) h.convertToHashtable();
    for (let i = 0; i + 1 < pairs.length; i += 2) h.set(pairs[i] as string, pairs[i + 1] as string);
    return h;
  }
}

/**
 * hashTypeTryConversion: a listpack hash that is about to receive any of args[from..to] (fields
 * and values) longer than maxValue bytes becomes a hashtable first.
 */
export function hashTryConversion(h: HashValue, args: readonly string[], from: number, to: number, maxValue: number): void {
  if (!h.isListpack) return;
  for (let i = from; i <= to; i++) {
    if ((args[i] as string).length > maxValue) {
      h.convertToHashtable();
      return;
    }
  }
}

/**
 * hashTypeSet with Redis 7.0's conversions: a field or value longer than maxValue converts
 * first, and a listpack grown beyond maxEntries fields converts after. True when created.
 */
export function hashSet(h: HashValue, field: string, value: string, maxEntries: number, maxValue: number): boolean {
  if (h.isListpack && (field.length > maxValue || value.length > maxValue)) h.convertToHashtable();
  const created = h.set(field, value);
  if (h.isListpack && h.size > maxEntries) h.convertToHashtable();
  return created;
}
