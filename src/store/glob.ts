// Glob matching exactly as Redis 7.0.15's stringmatchlen (util.c), used by KEYS, SCAN MATCH,
// PSUBSCRIBE/PUBSUB CHANNELS, CONFIG GET (nocase) and ACL patterns. Operands are latin1 strings
// (one char per byte).
//
// Semantics, pinned against redis-server 7.0.15:
// - `*` any run (consecutive stars collapse), `?` one byte, `\x` the literal x, `[...]` a class:
//   `[^...]` negates, `a-z` ranges (reversed ranges allowed), `\x` inside a class is a literal
//   compared case-sensitively even with nocase. A range compares bytes as C `signed char`, so
//   bytes >= 0x80 sort below 0x00 (e.g. [a-\xff] holds 0x00-0x61 and 0xff).
// - Malformed patterns: an unterminated class ends at the end of the pattern (`[^` matches any
//   one byte, `[` matches nothing); a trailing lone `\` is a literal backslash, also inside a class
//   (`[\` matches "\").
// - An empty string matches only the empty pattern: `*` does NOT match "" here. KEYS and
//   SCAN special-case the exact pattern "*" before calling the matcher (so they do list the empty
//   key); callers must do the same where Redis does.
// - nocase lower-cases ASCII A-Z only (C locale tolower).
// Redis backtracks recursively with a "skipLongerMatches" cut-off; this iterative form keeps only
// the innermost star as the backtrack point, which gives the same answers (the pattern between
// two stars always consumes a fixed number of bytes) in O(pattern * string) time and constant
// stack. Redis's recursion also gives up beyond 1000 nested stars: when a star run that is not
// the last thing in the pattern is reached as the 1001st star run, the whole match fails (a
// trailing 1001st run still matches). Verified on redis-server 7.0.15 as installed here.

const STAR = 42; // *
const QMARK = 63; // ?
const LBRACKET = 91; // [
const RBRACKET = 93; // ]
const BACKSLASH = 92; // \
const CARET = 94; // ^
const DASH = 45; // -
/** Star runs a match may pass through before Redis's nesting guard gives up. */
const MAX_STAR_NESTING = 1000;

function lower(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/** A byte as a C `signed char`. */
function signedChar(c: number): number {
  return c >= 128 ? c - 256 : c;
}

/** Index just past the class that starts at `p` ('['); set by classMatch. */
let classEnd = 0;

/** Matches byte c against the class at pattern[p] == '['; sets classEnd. */
function classMatch(pattern: string, p: number, c: number, nocase: boolean): boolean {
  const m = pattern.length;
  p++;
  let not = false;
  if (p < m && pattern.charCodeAt(p) === CARET) {
    not = true;
    p++;
  }
  let match = false;
  for (;;) {
    if (p >= m) {
      // Unterminated: the class ends with the pattern.
      p = m - 1;
      break;
    }
    const pc = pattern.charCodeAt(p);
    if (pc === BACKSLASH && m - p >= 2) {
      p++;
      if (pattern.charCodeAt(p) === c) match = true;
    } else if (pc === RBRACKET) {
      break;
    } else if (m - p >= 3 && pattern.charCodeAt(p + 1) === DASH) {
      let start = signedChar(pc);
      let end = signedChar(pattern.charCodeAt(p + 2));
      let cc = signedChar(c);
      if (start > end) {
        const t = start;
        start = end;
        end = t;
      }
      if (nocase) {
        start = lower(start);
        end = lower(end);
        cc = lower(cc);
      }
      p += 2;
      if (cc >= start && cc <= end) match = true;
    } else if (nocase ? lower(pc) === lower(c) : pc === c) {
      match = true;
    }
    p++;
  }
  classEnd = p + 1;
  return not ? !match : match;
}

/** Redis stringmatchlen(pattern, s, nocase). */
export function globMatch(pattern: string, s: string, nocase = false): boolean {
  const m = pattern.length;
  const n = s.length;
  if (n === 0) return m === 0;
  let pi = 0;
  let si = 0;
  let starP = -1; // pattern index just after the innermost star run seen
  let starS = 0; // string index where the rest after that star is being tried
  let stars = 0; // star runs reached so far (each is reached at most once)
  for (;;) {
    // Invariant: si < n.
    matched: if (pi < m) {
      const pc = pattern.charCodeAt(pi);
      const c = s.charCodeAt(si);
      if (pc === STAR) {
        pi++;
        while (pi < m && pattern.charCodeAt(pi) === STAR) pi++;
        if (pi === m) return true;
        if (++stars > MAX_STAR_NESTING) return false;
        starP = pi;
        starS = si;
        continue;
      } else if (pc === QMARK) {
        pi++;
      } else if (pc === LBRACKET) {
        if (!classMatch(pattern, pi, c, nocase)) break matched;
        pi = classEnd;
      } else {
        let lc = pc;
        if (pc === BACKSLASH && m - pi >= 2) {
          pi++;
          lc = pattern.charCodeAt(pi);
        }
        if (nocase ? lower(lc) !== lower(c) : lc !== c) break matched;
        pi++;
      }
      si++;
      if (si < n) continue;
      // String consumed: only trailing stars may remain.
      while (pi < m && pattern.charCodeAt(pi) === STAR) pi++;
      if (pi === m) return true;
    }
    // Mismatch: retry the rest after the innermost star one byte further on.
    if (starP < 0) return false;
    starS++;
    if (starS >= n) return false;
    si = starS;
    pi = starP;
  }
}

/**
 * A matcher for one pattern against many strings (KEYS, SCAN). Returns null-free function; the
 * exact pattern "*" is NOT special-cased (see the module comment).
 */
export function compileGlob(pattern: string, nocase = false): (s: string) => boolean {
  // Fast shapes: no special characters -> equality; "prefix*" with a plain prefix.
  let special = -1;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charCodeAt(i);
    if (c === STAR || c === QMARK || c === LBRACKET || c === BACKSLASH) {
      special = i;
      break;
    }
  }
  if (!nocase) {
    if (special < 0) return (s) => s === pattern;
    if (special === pattern.length - 1 && pattern.charCodeAt(special) === STAR) {
      const prefix = pattern.slice(0, special);
      // "prefix*" needs at least one byte when the prefix is empty ("*" does not match "").
      return (s) => s.length > 0 && s.startsWith(prefix);
    }
  }
  return (s) => globMatch(pattern, s, nocase);
}
