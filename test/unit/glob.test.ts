// Unit tests for store/glob.ts: a table of cases, a cross-check against a plain recursive model of
// stringmatchlen on random short inputs, and a differential run against a real redis-server
// (KEYS over a fixed key set; CONFIG GET for the nocase flag).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { globMatch, compileGlob } from '../../src/store/glob.js';
import { RedisPipe, seededRandom, skipWithoutRedis, type Reply } from '../helpers/redis-pipe.js';

// ---- a plain recursive model of stringmatchlen (no skipLongerMatches) --------------------------

function modelMatch(p: string, s: string, nocase: boolean): boolean {
  const low = (c: number) => (c >= 65 && c <= 90 ? c + 32 : c);
  const sc = (c: number) => (c >= 128 ? c - 256 : c);
  const rec = (pi: number, si: number): boolean => {
    const m = p.length;
    const n = s.length;
    while (pi < m && si < n) {
      const pc = p.charCodeAt(pi);
      if (pc === 42) {
        while (pi + 1 < m && p.charCodeAt(pi + 1) === 42) pi++;
        if (pi === m - 1) return true;
        for (let k = si; k < n; k++) if (rec(pi + 1, k)) return true;
        return false;
      } else if (pc === 63) {
        si++;
      } else if (pc === 91) {
        let q = pi + 1;
        const not = q < m && p.charCodeAt(q) === 94;
        if (not) q++;
        let match = false;
        const c = s.charCodeAt(si);
        for (;;) {
          if (q < m && p.charCodeAt(q) === 92 && m - q >= 2) {
            q++;
            if (p.charCodeAt(q) === c) match = true;
          } else if (q < m && p.charCodeAt(q) === 93) {
            break;
          } else if (q >= m) {
            q--;
            break;
          } else if (m - q >= 3 && p.charCodeAt(q + 1) === 45) {
            let a = sc(p.charCodeAt(q));
            let b = sc(p.charCodeAt(q + 2));
            let cc = sc(c);
            if (a > b) [a, b] = [b, a];
            if (nocase) {
              a = low(a);
              b = low(b);
              cc = low(cc);
            }
            q += 2;
            if (cc >= a && cc <= b) match = true;
          } else if (nocase ? low(p.charCodeAt(q)) === low(c) : p.charCodeAt(q) === c) {
            match = true;
          }
          q++;
        }
        if (not) match = !match;
        if (!match) return false;
        si++;
        pi = q;
      } else {
        let lc = pc;
        if (pc === 92 && m - pi >= 2) {
          pi++;
          lc = p.charCodeAt(pi);
        }
        if (nocase ? low(lc) !== low(s.charCodeAt(si)) : lc !== s.charCodeAt(si)) return false;
        si++;
      }
      pi++;
      if (si === n) {
        while (pi < m && p.charCodeAt(pi) === 42) pi++;
        break;
      }
    }
    return pi === m && si === n;
  };
  return rec(0, 0);
}

// ---- tests ------------------------------------------------------------------------------------

const CASES: [string, string, boolean, boolean?][] = [
  // pattern, string, expected, nocase
  ['', '', true],
  ['', 'a', false],
  ['*', '', false],
  ['**', '', false],
  ['*', 'anything', true],
  ['a*', 'a', true],
  ['a*', 'abc', true],
  ['a*', 'ba', false],
  ['*a', 'ba', true],
  ['*a', 'ab', false],
  ['a*b*c', 'axxbyyc', true],
  ['a*b*c', 'axxbyy', false],
  ['a**b', 'ab', true],
  ['?', 'a', true],
  ['?', '', false],
  ['?', 'ab', false],
  ['h?llo', 'hello', true],
  ['h?llo', 'hllo', false],
  ['h*llo', 'hllo', true],
  ['h[ae]llo', 'hallo', true],
  ['h[ae]llo', 'hillo', false],
  ['h[^e]llo', 'hallo', true],
  ['h[^e]llo', 'hello', false],
  ['h[a-b]llo', 'hbllo', true],
  ['h[b-a]llo', 'hallo', true],
  ['h[a-b]llo', 'hcllo', false],
  ['h\\*llo', 'h*llo', true],
  ['h\\*llo', 'hello', false],
  ['\\', '\\', true],
  ['a\\', 'a\\', true],
  ['[', 'a', false],
  ['[', '[', false],
  ['[^', 'a', true],
  ['[^', 'ab', false],
  ['[\\', '\\', true],
  ['[\\]', ']', true],
  ['[\\]]', ']', true],
  ['[]', ']', false],
  ['[a-]', 'b', false],
  ['[a-]', ']', true],
  ['[a-]', 'a', true],
  ['[]]', ']', false],
  ['[!a]', '!', true],
  ['[*]', '*', true],
  ['[*]', 'x', false],
  ['*[', 'a', false],
  ['HELLO', 'hello', true, true],
  ['HELLO', 'hello', false, false],
  ['[A-Z]', 'q', true, true],
  ['[Z-a]', 'z', false, true], // tolower after the swap: 'z'..'a' is empty
  ['[Z-a]', '_', true, false],
  ['[\\A]', 'a', false, true], // escapes inside a class compare case-sensitively
  ['\\A', 'a', true, true],
  ['[a-\xff]', '\x00', true],
  ['[a-\xff]', '\xff', true],
  ['[a-\xff]', '\x80', false],
  ['[a-\xff]', 'b', false],
  ['[\x80-\x90]', '\x85', true],
  ['\xe9*', '\xe9t\xe9', true],
  ['a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b', 'a'.repeat(80), false],
  ['*\x00*', 'x\x00y', true],
];

test('globMatch table', () => {
  for (const [p, s, want, nocase] of CASES) {
    assert.equal(globMatch(p, s, nocase ?? false), want, `globMatch(${JSON.stringify(p)}, ${JSON.stringify(s)}, ${nocase})`);
    // (the plain model is exponential on the long star pattern)
    if (p.length < 30) assert.equal(modelMatch(p, s, nocase ?? false), want, `model(${JSON.stringify(p)}, ${JSON.stringify(s)})`);
    assert.equal(compileGlob(p, nocase ?? false)(s), want, `compileGlob(${JSON.stringify(p)})(${JSON.stringify(s)})`);
  }
});

test('deep star patterns: no stack overflow, and Redis\'s limit of 1000 nested stars', () => {
  const s = 'a'.repeat(1100);
  assert.equal(globMatch('*a'.repeat(1000), s), true);
  assert.equal(globMatch('*a'.repeat(1000) + '*', s), true); // a trailing 1001st run is fine
  assert.equal(globMatch('*a'.repeat(1001), s), false);
  assert.equal(globMatch('a*'.repeat(1001), s), true);
  assert.equal(globMatch('a*'.repeat(1002), s), false);
  assert.equal(globMatch('*a'.repeat(20000), 'a'.repeat(20000)), false);
  assert.equal(globMatch('a*'.repeat(5000) + 'b', 'a'.repeat(10000)), false);
  assert.equal(globMatch('*'.repeat(5000) + 'a', 'ba'), true); // consecutive stars are one run
});

const ALPHABET = ['a', 'b', 'A', '*', '?', '[', ']', '^', '-', '\\', '\xe9', '\xff', '\x00', 'z'];

function randomPattern(r: () => number, maxLen: number): string {
  const len = Math.floor(r() * (maxLen + 1));
  let p = '';
  for (let i = 0; i < len; i++) p += ALPHABET[Math.floor(r() * ALPHABET.length)]!;
  return p;
}

function randomString(r: () => number, maxLen: number, alphabet: string[]): string {
  const len = Math.floor(r() * (maxLen + 1));
  let s = '';
  for (let i = 0; i < len; i++) s += alphabet[Math.floor(r() * alphabet.length)]!;
  return s;
}

test('globMatch agrees with a recursive model on random inputs', () => {
  const r = seededRandom(12345);
  const strAlpha = ['a', 'b', 'A', 'B', '*', '[', ']', '-', '\\', '^', '\xe9', '\xff', '\x00', 'z'];
  for (let i = 0; i < 30000; i++) {
    const p = randomPattern(r, 8);
    const s = randomString(r, 7, strAlpha);
    const nocase = r() < 0.3;
    const want = modelMatch(p, s, nocase);
    assert.equal(globMatch(p, s, nocase), want, `globMatch(${JSON.stringify(p)}, ${JSON.stringify(s)}, ${nocase})`);
    assert.equal(compileGlob(p, nocase)(s), want);
  }
});

test('globMatch agrees with redis-server KEYS and CONFIG GET', { skip: skipWithoutRedis() }, async () => {
  const redis = await RedisPipe.start();
  try {
    const r = seededRandom(777);
    const strAlpha = ['a', 'b', 'A', '*', '[', ']', '-', '\\', '^', '\xe9', '\xff', '\x00', 'z', '?'];
    const keys = new Set<string>(['', 'a', 'b', 'ab', '\\', '[', ']', '*', '?', 'a'.repeat(30)]);
    while (keys.size < 400) keys.add(randomString(r, 6, strAlpha));
    const keyList = [...keys];
    await redis.pipeline(keyList.map((k) => ['SET', k, '1']));
    const patterns: string[] = [];
    for (const [p] of CASES) if (p !== '*') patterns.push(p);
    while (patterns.length < 1500) {
      const p = randomPattern(r, 7);
      if (p !== '*') patterns.push(p);
    }
    // Deep patterns around Redis's nesting guard.
    for (const n of [999, 1000, 1001, 1002]) patterns.push('*a'.repeat(n), '*a'.repeat(n) + '*', 'a*'.repeat(n));
    patterns.push('*'.repeat(3000) + 'a', '*a'.repeat(1500), 'a*'.repeat(1500) + 'b');
    await redis.pipeline([['SET', 'a'.repeat(1600), '1'], ['SET', 'a'.repeat(1001), '1']]);
    keyList.push('a'.repeat(1600), 'a'.repeat(1001));
    const replies = await redis.pipeline(patterns.map((p) => ['KEYS', p]));
    for (let i = 0; i < patterns.length; i++) {
      const p = patterns[i]!;
      const got = replies[i];
      assert.ok(Array.isArray(got), `KEYS ${JSON.stringify(p)} -> ${String(got)}`);
      const want = keyList.filter((k) => globMatch(p, k)).sort();
      assert.deepEqual((got as string[]).slice().sort(), want, `KEYS ${JSON.stringify(p)}`);
    }

    // nocase: CONFIG GET matches config names case-insensitively.
    const all = (await redis.call('CONFIG', 'GET', '*')) as string[];
    const names: string[] = [];
    for (let i = 0; i < all.length; i += 2) names.push(all[i]!);
    const cfgAlpha = ['*', '?', 'S', 'l', 'A', 'v', 'e', '-', '[', ']', 'a-z', 'M', 'x', 'o', 'r', 'y'];
    const cfgPatterns: string[] = ['*SLAVE*', 'MAX*', '[M-n]a*', '*-[A-C]*', '?????', '*[^a-z]*'];
    while (cfgPatterns.length < 400) {
      const p = randomString(r, 6, cfgAlpha);
      if (/[*?[]/.test(p)) cfgPatterns.push(p);
    }
    const cfgReplies = await redis.pipeline(cfgPatterns.map((p) => ['CONFIG', 'GET', p]));
    for (let i = 0; i < cfgPatterns.length; i++) {
      const p = cfgPatterns[i]!;
      const got = cfgReplies[i] as string[];
      const gotNames: string[] = [];
      for (let j = 0; j < got.length; j += 2) gotNames.push(got[j]!);
      const want = names.filter((n) => globMatch(p, n, true)).sort();
      assert.deepEqual(gotNames.sort(), want, `CONFIG GET ${JSON.stringify(p)}`);
    }
  } finally {
    redis.stop();
  }
});
