// The sorted set value type (the data half of Redis's t_zset.c): small sets as a flat pair of
// arrays sorted by (score, member) — Redis's listpack, which stores a score of -0 as 0 — and
// large ones as a member -> node Map plus a skiplist with spans (O(log n) insert, delete, rank
// and rank lookup). Conversion is one way, at write time, past zset-max-listpack-entries /
// zset-max-listpack-value (the caller passes the limits). Range searches follow Redis's
// algorithms for each encoding, so even lex ranges over mixed scores answer as Redis does.
import type { RObject } from './value.js';

export const ZSKIPLIST_MAXLEVEL = 32;
/** Probability of one more level, as a 16-bit threshold (Redis's ZSKIPLIST_P = 0.25). */
const LEVEL_THRESHOLD = Math.floor(0.25 * 0xffff);

/** A score interval; `minex`/`maxex` make a bound exclusive ("(1.5"). */
export interface ScoreRange {
  min: number;
  max: number;
  minex: boolean;
  maxex: boolean;
}

/**
 * A lex interval. A bound's `inf` is -1 for "-" (below every string), 1 for "+" (above every
 * string), 0 for the string itself; "-" and "+" count as exclusive, as Redis parses them.
 */
export interface LexRange {
  min: string;
  minInf: -1 | 0 | 1;
  minex: boolean;
  max: string;
  maxInf: -1 | 0 | 1;
  maxex: boolean;
}

export function scoreGteMin(v: number, r: ScoreRange): boolean {
  return r.minex ? v > r.min : v >= r.min;
}

export function scoreLteMax(v: number, r: ScoreRange): boolean {
  return r.maxex ? v < r.max : v <= r.max;
}

/** A range that can never contain anything (min above max, or equal with an open side). */
export function scoreRangeEmpty(r: ScoreRange): boolean {
  return r.min > r.max || (r.min === r.max && (r.minex || r.maxex));
}

/** Byte-wise comparison of latin1 strings (memcmp, then length): JS code-unit order. */
function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Redis's sdscmplex over two bounds ("-" and "+" are shared objects equal only to themselves). */
function cmpBounds(aInf: number, a: string, bInf: number, b: string): number {
  if (aInf !== 0 && aInf === bInf) return 0;
  if (aInf === -1 || bInf === 1) return -1;
  if (aInf === 1 || bInf === -1) return 1;
  return cmpStr(a, b);
}

export function lexGteMin(v: string, r: LexRange): boolean {
  const cmp = r.minInf === 0 ? cmpStr(v, r.min) : -r.minInf;
  return r.minex ? cmp > 0 : cmp >= 0;
}

export function lexLteMax(v: string, r: LexRange): boolean {
  const cmp = r.maxInf === 0 ? cmpStr(v, r.max) : -r.maxInf;
  return r.maxex ? cmp < 0 : cmp <= 0;
}

export function lexRangeEmpty(r: LexRange): boolean {
  const cmp = cmpBounds(r.minInf, r.min, r.maxInf, r.max);
  return cmp > 0 || (cmp === 0 && (r.minex || r.maxex));
}

/** (score, member) order of a sorted set. */
export function compareEntries(s1: number, m1: string, s2: number, m2: string): number {
  if (s1 < s2) return -1;
  if (s1 > s2) return 1;
  return cmpStr(m1, m2);
}

// ---- skiplist ----------------------------------------------------------------------------------

export class ZNode {
  back: ZNode | null = null;
  readonly next: (ZNode | null)[];
  readonly span: number[];

  constructor(
    readonly member: string,
    public score: number,
    level: number,
  ) {
    this.next = new Array<ZNode | null>(level).fill(null);
    this.span = new Array<number>(level).fill(0);
  }
}

// Scratch arrays for searches (single-threaded, never re-entered).
const UPDATE: ZNode[] = new Array<ZNode>(ZSKIPLIST_MAXLEVEL);
const RANK: number[] = new Array<number>(ZSKIPLIST_MAXLEVEL).fill(0);

let levelSeed = 0x2545f491;

/** A level in 1..32 with P(level > k) = 0.25^k (xorshift32: deterministic, no I/O). */
function randomLevel(): number {
  let level = 1;
  for (;;) {
    let x = levelSeed;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    levelSeed = x | 0;
    if ((x & 0xffff) >= LEVEL_THRESHOLD || level >= ZSKIPLIST_MAXLEVEL) return level;
    level++;
  }
}

/** Redis's zskiplist: ordered by (score, member), with spans for ranks and back links. */
export class Skiplist {
  readonly header = new ZNode('', 0, ZSKIPLIST_MAXLEVEL);
  tail: ZNode | null = null;
  length = 0;
  level = 1;

  /** Inserts an element that is not present yet (the caller checks the dict). */
  insert(score: number, member: string): ZNode {
    const update = UPDATE;
    const rank = RANK;
    let x = this.header;
    for (let i = this.level - 1; i >= 0; i--) {
      rank[i] = i === this.level - 1 ? 0 : (rank[i + 1] as number);
      for (;;) {
        const f = x.next[i] as ZNode | null;
        if (f === null || !(f.score < score || (f.score === score && f.member < member))) break;
        rank[i] = (rank[i] as number) + (x.span[i] as number);
        x = f;
      }
      update[i] = x;
    }
    const level = randomLevel();
    if (level > this.level) {
      for (let i = this.level; i < level; i++) {
        rank[i] = 0;
        update[i] = this.header;
        this.header.span[i] = this.length;
      }
      this.level = level;
    }
    const node = new ZNode(member, score, level);
    const r0 = rank[0] as number;
    for (let i = 0; i < level; i++) {
      const u = update[i] as ZNode;
      node.next[i] = u.next[i] as ZNode | null;
      u.next[i] = node;
      node.span[i] = (u.span[i] as number) - (r0 - (rank[i] as number));
      u.span[i] = r0 - (rank[i] as number) + 1;
    }
    for (let i = level; i < this.level; i++) {
      const u = update[i] as ZNode;
      u.span[i] = (u.span[i] as number) + 1;
    }
    const u0 = update[0] as ZNode;
    node.back = u0 === this.header ? null : u0;
    const f0 = node.next[0] as ZNode | null;
    if (f0 !== null) f0.back = node;
    else this.tail = node;
    this.length++;
    return node;
  }

  /** Unlinks `x` given the predecessors found by a search. */
  private deleteNode(x: ZNode, update: ZNode[]): void {
    for (let i = 0; i < this.level; i++) {
      const u = update[i] as ZNode;
      if (u.next[i] === x) {
        u.span[i] = (u.span[i] as number) + (x.span[i] as number) - 1;
        u.next[i] = x.next[i] as ZNode | null;
      } else {
        u.span[i] = (u.span[i] as number) - 1;
      }
    }
    const f0 = x.next[0] as ZNode | null;
    if (f0 !== null) f0.back = x.back;
    else this.tail = x.back;
    while (this.level > 1 && this.header.next[this.level - 1] === null) this.level--;
    this.length--;
  }

  /** Fills UPDATE with the last node before (score, member) on each level; returns level 0's. */
  private seek(score: number, member: string): ZNode {
    let x = this.header;
    for (let i = this.level - 1; i >= 0; i--) {
      for (;;) {
        const f = x.next[i] as ZNode | null;
        if (f === null || !(f.score < score || (f.score === score && f.member < member))) break;
        x = f;
      }
      UPDATE[i] = x;
    }
    return x;
  }

  /** Removes the element with this score and member; false when absent. */
  delete(score: number, member: string): boolean {
    const x = this.seek(score, member).next[0] as ZNode | null;
    if (x !== null && x.score === score && x.member === member) {
      this.deleteNode(x, UPDATE);
      return true;
    }
    return false;
  }

  /** Changes an element's score (it must exist with `cur`); returns its (possibly new) node. */
  updateScore(cur: number, member: string, score: number): ZNode {
    const x = this.seek(cur, member).next[0] as ZNode | null;
    if (x === null || x.score !== cur || x.member !== member) throw new Error('zset: updateScore on a missing element');
    const f0 = x.next[0] as ZNode | null;
    if ((x.back === null || x.back.score < score) && (f0 === null || f0.score > score)) {
      x.score = score;
      return x;
    }
    this.deleteNode(x, UPDATE);
    return this.insert(score, member);
  }

  /** 1-based rank of an element, 0 when absent. */
  getRank(score: number, member: string): number {
    let rank = 0;
    let x = this.header;
    for (let i = this.level - 1; i >= 0; i--) {
      for (;;) {
        const f = x.next[i] as ZNode | null;
        if (f === null || !(f.score < score || (f.score === score && f.member <= member))) break;
        rank += x.span[i] as number;
        x = f;
      }
      if (x !== this.header && x.member === member) return rank;
    }
    return 0;
  }

  /** The element at a 1-based rank, null when out of range. */
  getByRank(rank: number): ZNode | null {
    let traversed = 0;
    let x = this.header;
    for (let i = this.level - 1; i >= 0; i--) {
      for (;;) {
        const f = x.next[i] as ZNode | null;
        if (f === null || traversed + (x.span[i] as number) > rank) break;
        traversed += x.span[i] as number;
        x = f;
      }
      if (traversed === rank) return x === this.header ? null : x;
    }
    return null;
  }

  private isInRange(r: ScoreRange): boolean {
    if (scoreRangeEmpty(r)) return false;
    const t = this.tail;
    if (t === null || !scoreGteMin(t.score, r)) return false;
    const h = this.header.next[0] as ZNode | null;
    return h !== null && scoreLteMax(h.score, r);
  }

  firstInRange(r: ScoreRange): ZNode | null {
    if (!this.isInRange(r)) return null;
    let x = this.header;
    for (let i = this.level - 1; i >= 0; i--) {
      for (;;) {
        const f = x.next[i] as ZNode | null;
        if (f === null || scoreGteMin(f.score, r)) break;
        x = f;
      }
    }
    const n = x.next[0] as ZNode | null;
    return n !== null && scoreLteMax(n.score, r) ? n : null;
  }

  lastInRange(r: ScoreRange): ZNode | null {
    if (!this.isInRange(r)) return null;
    let x = this.header;
    for (let i = this.level - 1; i >= 0; i--) {
      for (;;) {
        const f = x.next[i] as ZNode | null;
        if (f === null || !scoreLteMax(f.score, r)) break;
        x = f;
      }
    }
    return x !== this.header && scoreGteMin(x.score, r) ? x : null;
  }

  private isInLexRange(r: LexRange): boolean {
    if (lexRangeEmpty(r)) return false;
    const t = this.tail;
    if (t === null || !lexGteMin(t.member, r)) return false;
    const h = this.header.next[0] as ZNode | null;
    return h !== null && lexLteMax(h.member, r);
  }

  firstInLexRange(r: LexRange): ZNode | null {
    if (!this.isInLexRange(r)) return null;
    let x = this.header;
    for (let i = this.level - 1; i >= 0; i--) {
      for (;;) {
        const f = x.next[i] as ZNode | null;
        if (f === null || lexGteMin(f.member, r)) break;
        x = f;
      }
    }
    const n = x.next[0] as ZNode | null;
    return n !== null && lexLteMax(n.member, r) ? n : null;
  }

  lastInLexRange(r: LexRange): ZNode | null {
    if (!this.isInLexRange(r)) return null;
    let x = this.header;
    for (let i = this.level - 1; i >= 0; i--) {
      for (;;) {
        const f = x.next[i] as ZNode | null;
        if (f === null || !lexLteMax(f.member, r)) break;
        x = f;
      }
    }
    return x !== this.header && lexGteMin(x.member, r) ? x : null;
  }

  /** Deletes every element with a score in the range (zslDeleteRangeByScore). */
  deleteRangeByScore(r: ScoreRange, dict: Map<string, ZNode>): number {
    let x = this.header;
    for (let i = this.level - 1; i >= 0; i--) {
      for (;;) {
        const f = x.next[i] as ZNode | null;
        if (f === null || !(r.minex ? f.score <= r.min : f.score < r.min)) break;
        x = f;
      }
      UPDATE[i] = x;
    }
    let n = x.next[0] as ZNode | null;
    let removed = 0;
    while (n !== null && (r.maxex ? n.score < r.max : n.score <= r.max)) {
      const next = n.next[0] as ZNode | null;
      this.deleteNode(n, UPDATE);
      dict.delete(n.member);
      removed++;
      n = next;
    }
    return removed;
  }

  /** Deletes every element from the first >= min while <= max (zslDeleteRangeByLex). */
  deleteRangeByLex(r: LexRange, dict: Map<string, ZNode>): number {
    let x = this.header;
    for (let i = this.level - 1; i >= 0; i--) {
      for (;;) {
        const f = x.next[i] as ZNode | null;
        if (f === null || lexGteMin(f.member, r)) break;
        x = f;
      }
      UPDATE[i] = x;
    }
    let n = x.next[0] as ZNode | null;
    let removed = 0;
    while (n !== null && lexLteMax(n.member, r)) {
      const next = n.next[0] as ZNode | null;
      this.deleteNode(n, UPDATE);
      dict.delete(n.member);
      removed++;
      n = next;
    }
    return removed;
  }

  /** Deletes ranks start..end (1-based, inclusive). */
  deleteRangeByRank(start: number, end: number, dict: Map<string, ZNode>): number {
    let traversed = 0;
    let x = this.header;
    for (let i = this.level - 1; i >= 0; i--) {
      for (;;) {
        const f = x.next[i] as ZNode | null;
        if (f === null || traversed + (x.span[i] as number) >= start) break;
        traversed += x.span[i] as number;
        x = f;
      }
      UPDATE[i] = x;
    }
    traversed++;
    let n = x.next[0] as ZNode | null;
    let removed = 0;
    while (n !== null && traversed <= end) {
      const next = n.next[0] as ZNode | null;
      this.deleteNode(n, UPDATE);
      dict.delete(n.member);
      removed++;
      traversed++;
      n = next;
    }
    return removed;
  }
}

// ---- the sorted set value ----------------------------------------------------------------------

/** zsetAdd input flags. */
export const ZADD_INCR = 1;
export const ZADD_NX = 2;
export const ZADD_XX = 4;
export const ZADD_GT = 8;
export const ZADD_LT = 16;

/** zsetAdd output flags. */
export const ZADD_OUT_NAN = 1;
export const ZADD_OUT_ADDED = 2;
export const ZADD_OUT_UPDATED = 4;
export const ZADD_OUT_NOP = 8;

/** Size limits of the listpack encoding (zset-max-listpack-entries / -value). */
export interface ZsetLimits {
  entries: number;
  value: number;
}

export class ZSet implements RObject {
  readonly type = 'zset' as const;
  /** Listpack encoding: members and scores sorted by (score, member); null for skiplist. */
  private lpM: string[] | null;
  private lpS: number[] | null;
  /** Skiplist encoding: member -> node (which holds the score), and the skiplist. */
  private dict: Map<string, ZNode> | null = null;
  private zsl: Skiplist | null = null;
  /** The score zsetAdd ended with (ZINCRBY's reply), valid after an add that did not NOP. */
  newScore = 0;

  constructor(listpack = true) {
    if (listpack) {
      this.lpM = [];
      this.lpS = [];
    } else {
      this.lpM = null;
      this.lpS = null;
      this.dict = new Map();
      this.zsl = new Skiplist();
    }
  }

  /**
   * A sorted set from distinct (member, score) pairs, in Redis's store-result encoding
   * (zsetConvertToListpackIfNeeded): a listpack when it has at most `limits.entries`
   * elements none longer than `limits.value` bytes, else a skiplist.
   */
  static fromEntries(members: readonly string[], scores: readonly number[], limits: ZsetLimits): ZSet {
    const n = members.length;
    let maxLen = 0;
    for (const m of members) if (m.length > maxLen) maxLen = m.length;
    const listpack = n <= limits.entries && maxLen <= limits.value;
    const z = new ZSet(listpack);
    const order = Array.from({ length: n }, (_, i) => i);
    order.sort((a, b) => compareEntries(scores[a] as number, members[a] as string, scores[b] as number, members[b] as string));
    if (listpack) {
      const lpM = z.lpM as string[];
      const lpS = z.lpS as number[];
      for (const i of order) {
        lpM.push(members[i] as string);
        const s = scores[i] as number;
        lpS.push(s === 0 ? 0 : s);
      }
    } else {
      const dict = z.dict as Map<string, ZNode>;
      const zsl = z.zsl as Skiplist;
      for (let k = n - 1; k >= 0; k--) {
        const i = order[k] as number;
        dict.set(members[i] as string, zsl.insert(scores[i] as number, members[i] as string));
      }
    }
    return z;
  }

  get length(): number {
    return this.lpM !== null ? this.lpM.length : (this.zsl as Skiplist).length;
  }

  get isListpack(): boolean {
    return this.lpM !== null;
  }

  encoding(): string {
    return this.lpM !== null ? 'listpack' : 'skiplist';
  }

  dup(): ZSet {
    if (this.lpM !== null) {
      const z = new ZSet(true);
      z.lpM = this.lpM.slice();
      z.lpS = (this.lpS as number[]).slice();
      return z;
    }
    const z = new ZSet(false);
    const dict = z.dict as Map<string, ZNode>;
    const zsl = z.zsl as Skiplist;
    // From the largest down: each insert stops at the head.
    for (let x = (this.zsl as Skiplist).tail; x !== null; x = x.back) dict.set(x.member, zsl.insert(x.score, x.member));
    return z;
  }

  /** The score of a member, undefined when absent. */
  score(member: string): number | undefined {
    if (this.lpM !== null) {
      const i = this.lpM.indexOf(member);
      return i < 0 ? undefined : (this.lpS as number[])[i];
    }
    return (this.dict as Map<string, ZNode>).get(member)?.score;
  }

  has(member: string): boolean {
    return this.lpM !== null ? this.lpM.indexOf(member) >= 0 : (this.dict as Map<string, ZNode>).has(member);
  }

  /** Inserts into the listpack arrays at the (score, member) position; -0 is stored as 0. */
  private lpInsert(member: string, score: number): void {
    const lpM = this.lpM as string[];
    const lpS = this.lpS as number[];
    if (score === 0) score = 0;
    let lo = 0;
    let hi = lpM.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const s = lpS[mid] as number;
      if (s < score || (s === score && (lpM[mid] as string) < member)) lo = mid + 1;
      else hi = mid;
    }
    if (lo === lpM.length) {
      lpM.push(member);
      lpS.push(score);
    } else {
      lpM.splice(lo, 0, member);
      lpS.splice(lo, 0, score);
    }
  }

  private lpRemoveAt(i: number): void {
    const lpM = this.lpM as string[];
    if (i === lpM.length - 1) {
      lpM.pop();
      (this.lpS as number[]).pop();
    } else {
      lpM.splice(i, 1);
      (this.lpS as number[]).splice(i, 1);
    }
  }

  /** Converts a listpack to a skiplist (zsetConvert); no-op when already one. */
  convertToSkiplist(): void {
    const lpM = this.lpM;
    if (lpM === null) return;
    const lpS = this.lpS as number[];
    const dict = new Map<string, ZNode>();
    const zsl = new Skiplist();
    for (let i = lpM.length - 1; i >= 0; i--) dict.set(lpM[i] as string, zsl.insert(lpS[i] as number, lpM[i] as string));
    this.lpM = null;
    this.lpS = null;
    this.dict = dict;
    this.zsl = zsl;
  }

  /**
   * Redis's zsetAdd: adds or updates one member under the ZADD flags, converting a listpack
   * that a new member would take past the limits. Returns the ZADD_OUT_* flags (0 = no change);
   * `newScore` holds the resulting score unless NOP or NAN was returned.
   */
  add(score: number, member: string, flags: number, limits: ZsetLimits): number {
    const incr = (flags & ZADD_INCR) !== 0;
    const nx = (flags & ZADD_NX) !== 0;
    const xx = (flags & ZADD_XX) !== 0;
    const gt = (flags & ZADD_GT) !== 0;
    const lt = (flags & ZADD_LT) !== 0;
    if (score !== score) return ZADD_OUT_NAN;
    if (this.lpM !== null) {
      const lpM = this.lpM;
      const i = lpM.indexOf(member);
      if (i >= 0) {
        if (nx) return ZADD_OUT_NOP;
        const cur = (this.lpS as number[])[i] as number;
        if (incr) {
          score += cur;
          if (score !== score) return ZADD_OUT_NAN;
        }
        if ((lt && score >= cur) || (gt && score <= cur)) return ZADD_OUT_NOP;
        this.newScore = score;
        if (score !== cur) {
          this.lpRemoveAt(i);
          this.lpInsert(member, score);
          return ZADD_OUT_UPDATED;
        }
        return 0;
      }
      if (xx) return ZADD_OUT_NOP;
      if (lpM.length + 1 > limits.entries || member.length > limits.value) {
        this.convertToSkiplist();
      } else {
        this.lpInsert(member, score);
        this.newScore = score;
        return ZADD_OUT_ADDED;
      }
    }
    const dict = this.dict as Map<string, ZNode>;
    const zsl = this.zsl as Skiplist;
    const node = dict.get(member);
    if (node !== undefined) {
      if (nx) return ZADD_OUT_NOP;
      const cur = node.score;
      if (incr) {
        score += cur;
        if (score !== score) return ZADD_OUT_NAN;
      }
      if ((lt && score >= cur) || (gt && score <= cur)) return ZADD_OUT_NOP;
      this.newScore = score;
      if (score !== cur) {
        const moved = zsl.updateScore(cur, member, score);
        if (moved !== node) dict.set(member, moved);
        return ZADD_OUT_UPDATED;
      }
      return 0;
    }
    if (xx) return ZADD_OUT_NOP;
    dict.set(member, zsl.insert(score, member));
    this.newScore = score;
    return ZADD_OUT_ADDED;
  }

  /** Removes a member; false when absent. */
  remove(member: string): boolean {
    if (this.lpM !== null) {
      const i = this.lpM.indexOf(member);
      if (i < 0) return false;
      this.lpRemoveAt(i);
      return true;
    }
    const dict = this.dict as Map<string, ZNode>;
    const node = dict.get(member);
    if (node === undefined) return false;
    dict.delete(member);
    (this.zsl as Skiplist).delete(node.score, member);
    return true;
  }

  /** 0-based rank of a member (from the highest score when `reverse`), -1 when absent. */
  rank(member: string, reverse = false): number {
    const n = this.length;
    let r: number;
    if (this.lpM !== null) {
      r = this.lpM.indexOf(member);
      if (r < 0) return -1;
    } else {
      const node = (this.dict as Map<string, ZNode>).get(member);
      if (node === undefined) return -1;
      r = (this.zsl as Skiplist).getRank(node.score, member) - 1;
    }
    return reverse ? n - 1 - r : r;
  }

  /**
   * Calls `fn` with the elements from 0-based rank `start` on, ascending (descending when
   * `reverse`), until `fn` returns false or the set ends.
   */
  walk(start: number, reverse: boolean, fn: (member: string, score: number) => boolean | void): void {
    if (this.lpM !== null) {
      const lpM = this.lpM;
      const lpS = this.lpS as number[];
      const step = reverse ? -1 : 1;
      for (let i = start; i >= 0 && i < lpM.length; i += step) {
        if (fn(lpM[i] as string, lpS[i] as number) === false) return;
      }
      return;
    }
    if (start < 0) return;
    let x = (this.zsl as Skiplist).getByRank(start + 1);
    while (x !== null) {
      if (fn(x.member, x.score) === false) return;
      x = reverse ? x.back : (x.next[0] as ZNode | null);
    }
  }

  /** The member and score at a 0-based rank (which must exist). */
  at(rank: number): [string, number] {
    if (this.lpM !== null) return [this.lpM[rank] as string, (this.lpS as number[])[rank] as number];
    const x = (this.zsl as Skiplist).getByRank(rank + 1);
    if (x === null) throw new Error('zset: rank out of range');
    return [x.member, x.score];
  }

  /** All elements ascending (for tests and whole-set replies). */
  entries(): [string, number][] {
    const out: [string, number][] = [];
    this.walk(0, false, (m, s) => {
      out.push([m, s]);
    });
    return out;
  }

  private nodeRank(x: ZNode | null): number {
    return x === null ? -1 : (this.zsl as Skiplist).getRank(x.score, x.member) - 1;
  }

  /** zzlIsInRange: a quick rejection before scanning a listpack. */
  private lpInRange(r: ScoreRange): boolean {
    const lpS = this.lpS as number[];
    if (scoreRangeEmpty(r) || lpS.length === 0) return false;
    return scoreGteMin(lpS[lpS.length - 1] as number, r) && scoreLteMax(lpS[0] as number, r);
  }

  /** Rank of the first element in the score range, -1 when none. */
  firstInScoreRange(r: ScoreRange): number {
    if (this.lpM === null) return this.nodeRank((this.zsl as Skiplist).firstInRange(r));
    if (!this.lpInRange(r)) return -1;
    const lpS = this.lpS as number[];
    for (let i = 0; i < lpS.length; i++) {
      const s = lpS[i] as number;
      if (scoreGteMin(s, r)) return scoreLteMax(s, r) ? i : -1;
    }
    return -1;
  }

  /** Rank of the last element in the score range, -1 when none. */
  lastInScoreRange(r: ScoreRange): number {
    if (this.lpM === null) return this.nodeRank((this.zsl as Skiplist).lastInRange(r));
    if (!this.lpInRange(r)) return -1;
    const lpS = this.lpS as number[];
    for (let i = lpS.length - 1; i >= 0; i--) {
      const s = lpS[i] as number;
      if (scoreLteMax(s, r)) return scoreGteMin(s, r) ? i : -1;
    }
    return -1;
  }

  private lpInLexRange(r: LexRange): boolean {
    const lpM = this.lpM as string[];
    if (lexRangeEmpty(r) || lpM.length === 0) return false;
    return lexGteMin(lpM[lpM.length - 1] as string, r) && lexLteMax(lpM[0] as string, r);
  }

  /** Rank of the first element in the lex range, -1 when none. */
  firstInLexRange(r: LexRange): number {
    if (this.lpM === null) return this.nodeRank((this.zsl as Skiplist).firstInLexRange(r));
    if (!this.lpInLexRange(r)) return -1;
    const lpM = this.lpM;
    for (let i = 0; i < lpM.length; i++) {
      const m = lpM[i] as string;
      if (lexGteMin(m, r)) return lexLteMax(m, r) ? i : -1;
    }
    return -1;
  }

  /** Rank of the last element in the lex range, -1 when none. */
  lastInLexRange(r: LexRange): number {
    if (this.lpM === null) return this.nodeRank((this.zsl as Skiplist).lastInLexRange(r));
    if (!this.lpInLexRange(r)) return -1;
    const lpM = this.lpM;
    for (let i = lpM.length - 1; i >= 0; i--) {
      const m = lpM[i] as string;
      if (lexLteMax(m, r)) return lexGteMin(m, r) ? i : -1;
    }
    return -1;
  }

  /** ZCOUNT: a listpack is walked from the first in range; a skiplist answers from ranks. */
  countInScoreRange(r: ScoreRange): number {
    const first = this.firstInScoreRange(r);
    if (first < 0) return 0;
    if (this.lpM !== null) {
      const lpS = this.lpS as number[];
      let i = first;
      while (i < lpS.length && scoreLteMax(lpS[i] as number, r)) i++;
      return i - first;
    }
    const last = this.lastInScoreRange(r);
    return last < 0 ? this.length - first : last - first + 1;
  }

  /** ZLEXCOUNT, as countInScoreRange. */
  countInLexRange(r: LexRange): number {
    const first = this.firstInLexRange(r);
    if (first < 0) return 0;
    if (this.lpM !== null) {
      const lpM = this.lpM;
      let i = first;
      while (i < lpM.length && lexLteMax(lpM[i] as string, r)) i++;
      return i - first;
    }
    const last = this.lastInLexRange(r);
    return last < 0 ? this.length - first : last - first + 1;
  }

  /** Deletes 0-based ranks start..end (already clamped to the set); returns the count. */
  deleteRangeByRank(start: number, end: number): number {
    if (this.lpM !== null) {
      const n = end - start + 1;
      this.lpM.splice(start, n);
      (this.lpS as number[]).splice(start, n);
      return n;
    }
    return (this.zsl as Skiplist).deleteRangeByRank(start + 1, end + 1, this.dict as Map<string, ZNode>);
  }

  deleteRangeByScore(r: ScoreRange): number {
    if (this.lpM === null) return (this.zsl as Skiplist).deleteRangeByScore(r, this.dict as Map<string, ZNode>);
    const first = this.firstInScoreRange(r);
    if (first < 0) return 0;
    const lpS = this.lpS as number[];
    let i = first;
    while (i < lpS.length && scoreLteMax(lpS[i] as number, r)) i++;
    return this.deleteRangeByRank(first, i - 1);
  }

  deleteRangeByLex(r: LexRange): number {
    if (this.lpM === null) return (this.zsl as Skiplist).deleteRangeByLex(r, this.dict as Map<string, ZNode>);
    const first = this.firstInLexRange(r);
    if (first < 0) return 0;
    const lpM = this.lpM;
    let i = first;
    while (i < lpM.length && lexLteMax(lpM[i] as string, r)) i++;
    return this.deleteRangeByRank(first, i - 1);
  }

  /** Removes and returns the lowest (or highest) element; undefined when empty. */
  pop(max: boolean): [string, number] | undefined {
    const n = this.length;
    if (n === 0) return undefined;
    const e = this.at(max ? n - 1 : 0);
    this.remove(e[0]);
    return e;
  }

  /** The member -> node Map of a skiplist (ZSCAN's cursor source); null for a listpack. */
  scanSource(): Map<string, ZNode> | null {
    return this.dict;
  }
}
