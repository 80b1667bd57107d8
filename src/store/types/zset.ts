// The sorted set value type (the data half of Redis's t_zset.c): small sets as a flat pair of
// arrays sorted by (score, member) — Redis's listpack, which stores a score of -0 as 0 — and
// large ones as a skiplist with spans over a Float64Array record pool plus a member -> node Map
// (O(log n) insert, delete, rank and rank lookup). Conversion is one way, at write time, past
// zset-max-listpack-entries / zset-max-listpack-value (the caller passes the limits). Range
// searches follow Redis's algorithm for each encoding, so lex ranges over mixed scores answer
// as Redis does for listpacks (for skiplists Redis's answer then depends on its random levels).
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
//
// Redis's zskiplist plus its member -> score dict, laid out for memory locality: every node is a
// record in one Float64Array pool (score, back link, member slot, level count, then a
// (forward, span) pair per level), so a search step reads the record it is on and the score of
// the next one — one cache miss per step, as Redis's inline level array — instead of chasing
// three JS objects per step. A node is the offset of its record; -1 is null; offset 0 is the
// header. Freed records are reused per level; the pool is rebuilt when mostly empty.

const F_SCORE = 0;
const F_BACK = 1;
const F_SLOT = 2;
const F_LEVEL = 3;
const F_LINKS = 4;
const HEADER = 0;
const NIL = -1;

// Scratch arrays for searches (single-threaded, never re-entered).
const UPDATE = new Float64Array(ZSKIPLIST_MAXLEVEL);
const RANK = new Float64Array(ZSKIPLIST_MAXLEVEL);

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

const INITIAL_POOL = F_LINKS + 2 * ZSKIPLIST_MAXLEVEL + 64 * 8;

export class ZSkiplist {
  /** member -> node offset. */
  readonly dict = new Map<string, number>();
  private p = new Float64Array(INITIAL_POOL);
  /** First unused offset of the pool. */
  private top = F_LINKS + 2 * ZSKIPLIST_MAXLEVEL;
  /** Freed records by level. */
  private free: number[][] = [];
  /** Members by slot (a record keeps its member's slot). */
  private mem: string[] = [];
  private freeSlots: number[] = [];
  tail = NIL;
  length = 0;
  level = 1;

  constructor() {
    const p = this.p;
    p[HEADER + F_BACK] = NIL;
    p[HEADER + F_SLOT] = NIL;
    p[HEADER + F_LEVEL] = ZSKIPLIST_MAXLEVEL;
    for (let i = 0; i < ZSKIPLIST_MAXLEVEL; i++) {
      p[HEADER + F_LINKS + 2 * i] = NIL;
      p[HEADER + F_LINKS + 2 * i + 1] = 0;
    }
  }

  // ---- node accessors ----

  scoreOf(x: number): number {
    return this.p[x + F_SCORE] as number;
  }

  memberOf(x: number): string {
    return this.mem[this.p[x + F_SLOT] as number] as string;
  }

  /** The next node on level 0, or -1. */
  next(x: number): number {
    return this.p[x + F_LINKS] as number;
  }

  /** The previous node, or -1. */
  prev(x: number): number {
    return this.p[x + F_BACK] as number;
  }

  first(): number {
    return this.p[HEADER + F_LINKS] as number;
  }

  score(member: string): number | undefined {
    const x = this.dict.get(member);
    return x === undefined ? undefined : (this.p[x + F_SCORE] as number);
  }

  // ---- pool management ----

  private alloc(level: number, member: string): number {
    let x = this.free[level]?.pop();
    if (x === undefined) {
      const size = F_LINKS + 2 * level;
      if (this.top + size > this.p.length) {
        const grown = new Float64Array(Math.max(this.p.length * 2, this.top + size));
        grown.set(this.p);
        this.p = grown;
      }
      x = this.top;
      this.top += size;
    }
    let slot = this.freeSlots.pop();
    if (slot === undefined) {
      slot = this.mem.length;
      this.mem.push(member);
    } else {
      this.mem[slot] = member;
    }
    const p = this.p;
    p[x + F_SLOT] = slot;
    p[x + F_LEVEL] = level;
    return x;
  }

  private release(x: number): void {
    const p = this.p;
    const slot = p[x + F_SLOT] as number;
    this.mem[slot] = '';
    this.freeSlots.push(slot);
    const level = p[x + F_LEVEL] as number;
    (this.free[level] ??= []).push(x);
  }

  /** Rebuilds the pool when it is mostly free space (after big deletions). */
  private maybeShrink(): void {
    if (this.top < 4096 || this.length * 16 > this.top) return;
    const members: string[] = [];
    const scores: number[] = [];
    for (let x = this.first(); x !== NIL; x = this.next(x)) {
      members.push(this.memberOf(x));
      scores.push(this.scoreOf(x));
    }
    this.reset();
    for (let i = members.length - 1; i >= 0; i--) this.insert(scores[i] as number, members[i] as string);
  }

  private reset(): void {
    this.dict.clear();
    this.p = new Float64Array(INITIAL_POOL);
    this.top = F_LINKS + 2 * ZSKIPLIST_MAXLEVEL;
    this.free = [];
    this.mem = [];
    this.freeSlots = [];
    this.tail = NIL;
    this.length = 0;
    this.level = 1;
    const p = this.p;
    p[HEADER + F_BACK] = NIL;
    p[HEADER + F_SLOT] = NIL;
    p[HEADER + F_LEVEL] = ZSKIPLIST_MAXLEVEL;
    for (let i = 0; i < ZSKIPLIST_MAXLEVEL; i++) p[HEADER + F_LINKS + 2 * i] = NIL;
  }

  // ---- the skiplist ----

  /** Inserts a member that is not present yet (zslInsert + dictAdd); returns its node. */
  insert(score: number, member: string): number {
    const node = this.insertNode(score, member);
    this.dict.set(member, node);
    return node;
  }

  /** zslInsert: links a new node for a member that is not in the skiplist (the dict untouched). */
  private insertNode(score: number, member: string): number {
    const level = randomLevel();
    const node = this.alloc(level, member);
    const p = this.p;
    const mem = this.mem;
    const update = UPDATE;
    const rank = RANK;
    let x = HEADER;
    for (let i = this.level - 1; i >= 0; i--) {
      rank[i] = i === this.level - 1 ? 0 : (rank[i + 1] as number);
      const li = F_LINKS + 2 * i;
      for (;;) {
        const f = p[x + li] as number;
        if (f === NIL) break;
        const fs = p[f + F_SCORE] as number;
        if (!(fs < score || (fs === score && (mem[p[f + F_SLOT] as number] as string) < member))) break;
        rank[i] = (rank[i] as number) + (p[x + li + 1] as number);
        x = f;
      }
      update[i] = x;
    }
    if (level > this.level) {
      for (let i = this.level; i < level; i++) {
        rank[i] = 0;
        update[i] = HEADER;
        p[HEADER + F_LINKS + 2 * i + 1] = this.length;
      }
      this.level = level;
    }
    p[node + F_SCORE] = score;
    const r0 = rank[0] as number;
    for (let i = 0; i < level; i++) {
      const u = update[i] as number;
      const li = F_LINKS + 2 * i;
      p[node + li] = p[u + li] as number;
      p[u + li] = node;
      p[node + li + 1] = (p[u + li + 1] as number) - (r0 - (rank[i] as number));
      p[u + li + 1] = r0 - (rank[i] as number) + 1;
    }
    for (let i = level; i < this.level; i++) {
      const u = update[i] as number;
      p[u + F_LINKS + 2 * i + 1] = (p[u + F_LINKS + 2 * i + 1] as number) + 1;
    }
    const u0 = update[0] as number;
    p[node + F_BACK] = u0 === HEADER ? NIL : u0;
    const f0 = p[node + F_LINKS] as number;
    if (f0 !== NIL) p[f0 + F_BACK] = node;
    else this.tail = node;
    this.length++;
    return node;
  }

  /** Unlinks `x` given the predecessors in UPDATE (zslDeleteNode); the record stays allocated. */
  private unlink(x: number): void {
    const p = this.p;
    for (let i = 0; i < this.level; i++) {
      const u = UPDATE[i] as number;
      const li = F_LINKS + 2 * i;
      if (p[u + li] === x) {
        p[u + li + 1] = (p[u + li + 1] as number) + (p[x + li + 1] as number) - 1;
        p[u + li] = p[x + li] as number;
      } else {
        p[u + li + 1] = (p[u + li + 1] as number) - 1;
      }
    }
    const f0 = p[x + F_LINKS] as number;
    if (f0 !== NIL) p[f0 + F_BACK] = p[x + F_BACK] as number;
    else this.tail = p[x + F_BACK] as number;
    while (this.level > 1 && p[HEADER + F_LINKS + 2 * (this.level - 1)] === NIL) this.level--;
    this.length--;
  }

  /** Fills UPDATE with the last node before (score, member) on each level. */
  private seek(score: number, member: string): number {
    const p = this.p;
    const mem = this.mem;
    let x = HEADER;
    for (let i = this.level - 1; i >= 0; i--) {
      const li = F_LINKS + 2 * i;
      for (;;) {
        const f = p[x + li] as number;
        if (f === NIL) break;
        const fs = p[f + F_SCORE] as number;
        if (!(fs < score || (fs === score && (mem[p[f + F_SLOT] as number] as string) < member))) break;
        x = f;
      }
      UPDATE[i] = x;
    }
    return x;
  }

  /** Removes a member (dict and skiplist); false when absent. */
  delete(member: string): boolean {
    const node = this.dict.get(member);
    if (node === undefined) return false;
    this.dict.delete(member);
    const x = this.p[this.seek(this.p[node + F_SCORE] as number, member) + F_LINKS] as number;
    if (x !== node) throw new Error('zset: skiplist and dict disagree');
    this.unlink(x);
    this.release(x);
    this.maybeShrink();
    return true;
  }

  /** The node of a member, undefined when absent. */
  nodeOf(member: string): number | undefined {
    return this.dict.get(member);
  }

  /** Changes the score of `node`, `member`'s node (zslUpdateScore): in place when the order allows. */
  updateScore(node: number, member: string, score: number): void {
    const p = this.p;
    const cur = p[node + F_SCORE] as number;
    const back = p[node + F_BACK] as number;
    const f0 = p[node + F_LINKS] as number;
    if ((back === NIL || (p[back + F_SCORE] as number) < score) && (f0 === NIL || (p[f0 + F_SCORE] as number) > score)) {
      p[node + F_SCORE] = score;
      return;
    }
    const x = p[this.seek(cur, member) + F_LINKS] as number;
    if (x !== node) throw new Error('zset: skiplist and dict disagree');
    this.unlink(x);
    this.release(x);
    this.dict.set(member, this.insertNode(score, member));
  }

  /** 1-based rank of a node (zslGetRank). */
  rankOf(node: number): number {
    const p = this.p;
    const mem = this.mem;
    const score = p[node + F_SCORE] as number;
    const member = mem[p[node + F_SLOT] as number] as string;
    let rank = 0;
    let x = HEADER;
    for (let i = this.level - 1; i >= 0; i--) {
      const li = F_LINKS + 2 * i;
      for (;;) {
        const f = p[x + li] as number;
        if (f === NIL) break;
        const fs = p[f + F_SCORE] as number;
        if (!(fs < score || (fs === score && (mem[p[f + F_SLOT] as number] as string) <= member))) break;
        rank += p[x + li + 1] as number;
        x = f;
      }
      if (x === node) return rank;
    }
    return 0;
  }

  /** The node at a 1-based rank, -1 when out of range (zslGetElementByRank). */
  byRank(rank: number): number {
    const p = this.p;
    let traversed = 0;
    let x = HEADER;
    for (let i = this.level - 1; i >= 0; i--) {
      const li = F_LINKS + 2 * i;
      for (;;) {
        const f = p[x + li] as number;
        if (f === NIL || traversed + (p[x + li + 1] as number) > rank) break;
        traversed += p[x + li + 1] as number;
        x = f;
      }
      if (traversed === rank) return x === HEADER ? NIL : x;
    }
    return NIL;
  }

  /**
   * Descends to the last node on level 0 whose successor fails `stop` (Redis's "go forward while
   * *OUT* of range" / "while *IN* range" searches), filling UPDATE.
   */
  private descend(advance: (f: number) => boolean): number {
    const p = this.p;
    let x = HEADER;
    for (let i = this.level - 1; i >= 0; i--) {
      const li = F_LINKS + 2 * i;
      for (;;) {
        const f = p[x + li] as number;
        if (f === NIL || !advance(f)) break;
        x = f;
      }
      UPDATE[i] = x;
    }
    return x;
  }

  private isInRange(r: ScoreRange): boolean {
    if (scoreRangeEmpty(r)) return false;
    if (this.tail === NIL || !scoreGteMin(this.scoreOf(this.tail), r)) return false;
    const h = this.first();
    return h !== NIL && scoreLteMax(this.scoreOf(h), r);
  }

  firstInRange(r: ScoreRange): number {
    if (!this.isInRange(r)) return NIL;
    const n = this.next(this.descend((f) => !scoreGteMin(this.scoreOf(f), r)));
    return n !== NIL && scoreLteMax(this.scoreOf(n), r) ? n : NIL;
  }

  lastInRange(r: ScoreRange): number {
    if (!this.isInRange(r)) return NIL;
    const x = this.descend((f) => scoreLteMax(this.scoreOf(f), r));
    return x !== HEADER && scoreGteMin(this.scoreOf(x), r) ? x : NIL;
  }

  private isInLexRange(r: LexRange): boolean {
    if (lexRangeEmpty(r)) return false;
    if (this.tail === NIL || !lexGteMin(this.memberOf(this.tail), r)) return false;
    const h = this.first();
    return h !== NIL && lexLteMax(this.memberOf(h), r);
  }

  firstInLexRange(r: LexRange): number {
    if (!this.isInLexRange(r)) return NIL;
    const n = this.next(this.descend((f) => !lexGteMin(this.memberOf(f), r)));
    return n !== NIL && lexLteMax(this.memberOf(n), r) ? n : NIL;
  }

  lastInLexRange(r: LexRange): number {
    if (!this.isInLexRange(r)) return NIL;
    const x = this.descend((f) => lexLteMax(this.memberOf(f), r));
    return x !== HEADER && lexGteMin(this.memberOf(x), r) ? x : NIL;
  }

  /** Deletes nodes from `x` on while `keep` holds, UPDATE being their predecessors. */
  private deleteFrom(x: number, inRange: (x: number) => boolean): number {
    let removed = 0;
    while (x !== NIL && inRange(x)) {
      const next = this.next(x);
      this.dict.delete(this.memberOf(x));
      this.unlink(x);
      this.release(x);
      removed++;
      x = next;
    }
    if (removed) this.maybeShrink();
    return removed;
  }

  /** zslDeleteRangeByScore. */
  deleteRangeByScore(r: ScoreRange): number {
    const x = this.descend((f) => (r.minex ? this.scoreOf(f) <= r.min : this.scoreOf(f) < r.min));
    return this.deleteFrom(this.next(x), (n) => (r.maxex ? this.scoreOf(n) < r.max : this.scoreOf(n) <= r.max));
  }

  /** zslDeleteRangeByLex. */
  deleteRangeByLex(r: LexRange): number {
    const x = this.descend((f) => !lexGteMin(this.memberOf(f), r));
    return this.deleteFrom(this.next(x), (n) => lexLteMax(this.memberOf(n), r));
  }

  /** Deletes ranks start..end (1-based, inclusive; zslDeleteRangeByRank). */
  deleteRangeByRank(start: number, end: number): number {
    const p = this.p;
    let traversed = 0;
    let x = HEADER;
    for (let i = this.level - 1; i >= 0; i--) {
      const li = F_LINKS + 2 * i;
      for (;;) {
        const f = p[x + li] as number;
        if (f === NIL || traversed + (p[x + li + 1] as number) >= start) break;
        traversed += p[x + li + 1] as number;
        x = f;
      }
      UPDATE[i] = x;
    }
    let rank = traversed + 1;
    return this.deleteFrom(this.next(x), () => rank++ <= end);
  }

  /** Checks every structural invariant (tests): order, spans, back links, dict, tail. */
  checkInvariants(): void {
    const fail = (msg: string): never => {
      throw new Error('zset skiplist invariant: ' + msg);
    };
    const p = this.p;
    const order: number[] = [];
    for (let x = this.first(); x !== NIL; x = this.next(x)) order.push(x);
    if (order.length !== this.length) fail(`length ${this.length} vs ${order.length} nodes`);
    if (this.dict.size !== this.length) fail('dict size');
    if (this.tail !== (order.length ? order[order.length - 1] : NIL)) fail('tail');
    const rankOf = new Map<number, number>();
    order.forEach((x, i) => rankOf.set(x, i + 1));
    for (let i = 0; i < order.length; i++) {
      const x = order[i] as number;
      if (this.prev(x) !== (i === 0 ? NIL : order[i - 1])) fail('back link');
      if (this.dict.get(this.memberOf(x)) !== x) fail('dict entry');
      if (i > 0) {
        const y = order[i - 1] as number;
        if (compareEntries(this.scoreOf(y), this.memberOf(y), this.scoreOf(x), this.memberOf(x)) >= 0) fail('order');
      }
    }
    for (let i = 0; i < ZSKIPLIST_MAXLEVEL; i++) {
      if (i >= this.level && p[HEADER + F_LINKS + 2 * i] !== NIL) fail(`header level ${i} above the skiplist level`);
      if (i >= this.level) continue;
      let x = HEADER;
      let rank = 0;
      for (;;) {
        const f = p[x + F_LINKS + 2 * i] as number;
        if (f === NIL) break;
        rank += p[x + F_LINKS + 2 * i + 1] as number;
        if (rankOf.get(f) !== rank) fail(`span at level ${i}`);
        if ((p[f + F_LEVEL] as number) <= i) fail(`link above a node's level at ${i}`);
        x = f;
      }
    }
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
  /** Skiplist encoding (with its member -> node dict); null for a listpack. */
  private zsl: ZSkiplist | null = null;
  /** The score zsetAdd ended with (ZINCRBY's reply), valid after an add that did not NOP. */
  newScore = 0;

  constructor(listpack = true) {
    if (listpack) {
      this.lpM = [];
      this.lpS = [];
    } else {
      this.lpM = null;
      this.lpS = null;
      this.zsl = new ZSkiplist();
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
      const zsl = z.zsl as ZSkiplist;
      for (let k = n - 1; k >= 0; k--) {
        const i = order[k] as number;
        zsl.insert(scores[i] as number, members[i] as string);
      }
    }
    return z;
  }

  get length(): number {
    return this.lpM !== null ? this.lpM.length : (this.zsl as ZSkiplist).length;
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
    const src = this.zsl as ZSkiplist;
    const zsl = z.zsl as ZSkiplist;
    // From the largest down: each insert stops at the head.
    for (let x = src.tail; x !== NIL; x = src.prev(x)) zsl.insert(src.scoreOf(x), src.memberOf(x));
    return z;
  }

  /** The score of a member, undefined when absent. */
  score(member: string): number | undefined {
    if (this.lpM !== null) {
      const i = this.lpM.indexOf(member);
      return i < 0 ? undefined : (this.lpS as number[])[i];
    }
    return (this.zsl as ZSkiplist).score(member);
  }

  has(member: string): boolean {
    return this.lpM !== null ? this.lpM.indexOf(member) >= 0 : (this.zsl as ZSkiplist).dict.has(member);
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
    const zsl = new ZSkiplist();
    for (let i = lpM.length - 1; i >= 0; i--) zsl.insert(lpS[i] as number, lpM[i] as string);
    this.lpM = null;
    this.lpS = null;
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
    const zsl = this.zsl as ZSkiplist;
    const node = zsl.nodeOf(member);
    if (node !== undefined) {
      if (nx) return ZADD_OUT_NOP;
      const cur = zsl.scoreOf(node);
      if (incr) {
        score += cur;
        if (score !== score) return ZADD_OUT_NAN;
      }
      if ((lt && score >= cur) || (gt && score <= cur)) return ZADD_OUT_NOP;
      this.newScore = score;
      if (score !== cur) {
        zsl.updateScore(node, member, score);
        return ZADD_OUT_UPDATED;
      }
      return 0;
    }
    if (xx) return ZADD_OUT_NOP;
    zsl.insert(score, member);
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
    return (this.zsl as ZSkiplist).delete(member);
  }

  /** 0-based rank of a member (from the highest score when `reverse`), -1 when absent. */
  rank(member: string, reverse = false): number {
    const n = this.length;
    let r: number;
    if (this.lpM !== null) {
      r = this.lpM.indexOf(member);
      if (r < 0) return -1;
    } else {
      const zsl = this.zsl as ZSkiplist;
      const node = zsl.dict.get(member);
      if (node === undefined) return -1;
      r = zsl.rankOf(node) - 1;
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
    const zsl = this.zsl as ZSkiplist;
    let x = zsl.byRank(start + 1);
    while (x !== NIL) {
      if (fn(zsl.memberOf(x), zsl.scoreOf(x)) === false) return;
      x = reverse ? zsl.prev(x) : zsl.next(x);
    }
  }

  /** The member and score at a 0-based rank (which must exist). */
  at(rank: number): [string, number] {
    if (this.lpM !== null) return [this.lpM[rank] as string, (this.lpS as number[])[rank] as number];
    const zsl = this.zsl as ZSkiplist;
    const x = zsl.byRank(rank + 1);
    if (x === NIL) throw new Error('zset: rank out of range');
    return [zsl.memberOf(x), zsl.scoreOf(x)];
  }

  /** All elements ascending (for tests and whole-set replies). */
  entries(): [string, number][] {
    const out: [string, number][] = [];
    this.walk(0, false, (m, s) => {
      out.push([m, s]);
    });
    return out;
  }

  private nodeRank(x: number): number {
    return x === NIL ? -1 : (this.zsl as ZSkiplist).rankOf(x) - 1;
  }

  /** zzlIsInRange: a quick rejection before scanning a listpack. */
  private lpInRange(r: ScoreRange): boolean {
    const lpS = this.lpS as number[];
    if (scoreRangeEmpty(r) || lpS.length === 0) return false;
    return scoreGteMin(lpS[lpS.length - 1] as number, r) && scoreLteMax(lpS[0] as number, r);
  }

  /** Rank of the first element in the score range, -1 when none. */
  firstInScoreRange(r: ScoreRange): number {
    if (this.lpM === null) return this.nodeRank((this.zsl as ZSkiplist).firstInRange(r));
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
    if (this.lpM === null) return this.nodeRank((this.zsl as ZSkiplist).lastInRange(r));
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
    if (this.lpM === null) return this.nodeRank((this.zsl as ZSkiplist).firstInLexRange(r));
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
    if (this.lpM === null) return this.nodeRank((this.zsl as ZSkiplist).lastInLexRange(r));
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
    return (this.zsl as ZSkiplist).deleteRangeByRank(start + 1, end + 1);
  }

  deleteRangeByScore(r: ScoreRange): number {
    if (this.lpM === null) return (this.zsl as ZSkiplist).deleteRangeByScore(r);
    const first = this.firstInScoreRange(r);
    if (first < 0) return 0;
    const lpS = this.lpS as number[];
    let i = first;
    while (i < lpS.length && scoreLteMax(lpS[i] as number, r)) i++;
    return this.deleteRangeByRank(first, i - 1);
  }

  deleteRangeByLex(r: LexRange): number {
    if (this.lpM === null) return (this.zsl as ZSkiplist).deleteRangeByLex(r);
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
  scanSource(): ReadonlyMap<string, number> | null {
    return this.zsl === null ? null : this.zsl.dict;
  }

  /** Structural self-check of the skiplist encoding (tests). */
  checkInvariants(): void {
    this.zsl?.checkInvariants();
  }
}
