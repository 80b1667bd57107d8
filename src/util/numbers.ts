// Number parsing and formatting exactly as Redis 7.0.15 does it: strict int64 parsing (string2ll),
// strtod-based double parsing (string2d / getDoubleFromObject, and the looser strtod use of range
// arguments), and the `%.17g` text of a double reply (addReplyDouble). Pure functions, no I/O.
//
// Which Redis parser is which (verified against redis-server 7.0.15):
// - parseLong / parseInt64 / parseSafeInt: string2ll. No spaces, no '+', no leading zeros, "-0"
//   refused, int64 range, at most 20 characters.
// - parseDouble: string2d / getDoubleFromObject (ZADD, ZINCRBY, GEOADD, INCRBYFLOAT-style "value
//   is not a valid float" checks on doubles). strtod over the whole string: leading '+' ok, hex
//   floats ok ("0x10" = 16, "0x1p-2" = 0.25), "inf"/"infinity" any case with sign ok, "nan"
//   refused, leading whitespace refused, trailing garbage (and embedded NUL) refused, overflow to
//   ±inf refused ("1e400"), underflow to zero refused ("1e-400"; "0e-400" is fine), subnormal
//   results accepted ("4.9e-324").
// - parseDoubleLoose: the bare `strtod(s,&eptr); if (*eptr != '\0' || isnan(v)) err` pattern
//   (zslParseRange for ZRANGEBYSCORE/ZCOUNT bounds): leading whitespace ok, "" is 0, parsing
//   stops at an embedded NUL, overflow gives ±inf.
// - INCRBYFLOAT / HINCRBYFLOAT use long double (strtold): see util/longdouble.ts.

export const INT64_MAX = 9223372036854775807n;
export const INT64_MIN = -9223372036854775808n;
const SAFE_MAX_BIG = BigInt(Number.MAX_SAFE_INTEGER);
const SAFE_MIN_BIG = -SAFE_MAX_BIG;

/** True when `b` fits a signed 64-bit integer. */
export function isInt64Bigint(b: bigint): boolean {
  return b >= INT64_MIN && b <= INT64_MAX;
}

/**
 * Redis string2ll. Returns a JS number when the value is a safe integer (|v| <= 2^53-1), a bigint
 * for the rest of the int64 range, null when the string is not a valid int64. Small values never
 * allocate a BigInt.
 */
export function parseLong(s: string): number | bigint | null {
  const n = s.length;
  if (n === 0 || n > 20) return null;
  let i = 0;
  let c = s.charCodeAt(0);
  const neg = c === 45; /* - */
  if (neg) {
    if (n === 1) return null;
    i = 1;
    c = s.charCodeAt(1);
  }
  if (c < 49 || c > 57) {
    // Only "0" itself may start with a zero ("-0", "01" are refused).
    return c === 48 && n === 1 ? 0 : null;
  }
  if (n - i <= 15) {
    let v = c - 48;
    for (i++; i < n; i++) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return null;
      v = v * 10 + d;
    }
    return neg ? -v : v;
  }
  for (let j = i + 1; j < n; j++) {
    const d = s.charCodeAt(j) - 48;
    if (d < 0 || d > 9) return null;
  }
  const b = BigInt(s);
  if (b > INT64_MAX || b < INT64_MIN) return null;
  if (b <= SAFE_MAX_BIG && b >= SAFE_MIN_BIG) return Number(b);
  return b;
}

/** Redis string2ll as a bigint (null when invalid). */
export function parseInt64(s: string): bigint | null {
  const v = parseLong(s);
  if (v === null) return null;
  return typeof v === 'bigint' ? v : BigInt(v);
}

/**
 * Redis string2ll restricted to safe integers: null when the string is not a valid int64 OR when
 * the value is outside ±(2^53-1). Use parseLong when the difference matters.
 */
export function parseSafeInt(s: string): number | null {
  const v = parseLong(s);
  return typeof v === 'number' ? v : null;
}

// ---------------------------------------------------------------------------------------------
// strtod

/** Result of a C strtod scan. */
export interface StrtodResult {
  /** The converted value (0 when nothing was consumed). */
  value: number;
  /** Index just past the consumed characters (== start when nothing was consumed). */
  end: number;
  /** True when glibc would set errno = ERANGE (overflow to ±inf, or underflow to ±0). */
  erange: boolean;
}

function isCSpace(c: number): boolean {
  // C-locale isspace: ' ', \t, \n, \v, \f, \r
  return c === 32 || (c >= 9 && c <= 13);
}

function lowerAscii(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/** Case-insensitive ASCII compare of s[at..] with a lower-case word. */
function matchWordCI(s: string, at: number, word: string): boolean {
  if (at + word.length > s.length) return false;
  for (let k = 0; k < word.length; k++) {
    if (lowerAscii(s.charCodeAt(at + k)) !== word.charCodeAt(k)) return false;
  }
  return true;
}

function hexVal(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const l = c | 32;
  if (l >= 97 && l <= 102) return l - 87;
  return -1;
}

/** Number of bits of a positive bigint (0 for 0n). */
export function bitLength(b: bigint): number {
  if (b <= 0xffffffffn) return 32 - Math.clz32(Number(b));
  const h = b.toString(16);
  const c = h.charCodeAt(0);
  return (h.length - 1) * 4 + 32 - Math.clz32(c <= 57 ? c - 48 : (c | 32) - 87);
}

/**
 * Rounds `N * 2^e` (N >= 0, plus a tiny positive amount when `sticky`) to a binary float with
 * `precision` significand bits and minimum exponent `minExp` (exponent of the smallest
 * subnormal's unit), round-half-even. Returns [mantissa, exponent]; the caller checks overflow.
 * With `sticky`, N must carry at least precision + 2 bits (so the tail is below the guard bit).
 * Shared with util/longdouble.ts.
 */
export function roundToBinary(
  N: bigint,
  e: number,
  sticky: boolean,
  precision: number,
  minExp: number,
): [bigint, number] {
  if (N === 0n) return [0n, minExp];
  const len = bitLength(N);
  let shift = len - precision;
  if (e + shift < minExp) shift = minExp - e;
  if (shift <= 0) {
    // Already on the grid: exact.
    return [shift < 0 ? N << BigInt(-shift) : N, e + shift];
  }
  const bs = BigInt(shift);
  let q = N >> bs;
  const rem = N - (q << bs);
  const half = 1n << (bs - 1n);
  if (rem > half || (rem === half && (sticky || (q & 1n) === 1n))) {
    q += 1n;
  }
  let ne = e + shift;
  if (bitLength(q) > precision && q !== 0n) {
    q >>= 1n;
    ne += 1;
  }
  return [q, ne];
}

/** mant * 2^exp for a mantissa < 2^53 already rounded to the double grid. */
function composeDouble(mant: bigint, exp: number): number {
  if (mant === 0n) return 0;
  const m = Number(mant);
  if (exp >= -1022) {
    if (exp > 971) return Infinity;
    return m * Math.pow(2, exp);
  }
  // Split so that no intermediate underflows before the final (exact) step.
  return m * Math.pow(2, exp + 200) * Math.pow(2, -200);
}

const POW10: number[] = [];
for (let k = 0; k <= 22; k++) POW10.push(Math.pow(10, k));

/**
 * glibc strtod over `s` starting at `start`: skips leading whitespace, then the longest prefix
 * that is a decimal float, a hex float, inf/infinity or nan[(...)] (any case, optional sign).
 * Correctly rounded (round-half-even), like glibc.
 */
export function strtod(s: string, start = 0): StrtodResult {
  const n = s.length;
  let i = start;
  while (i < n && isCSpace(s.charCodeAt(i))) i++;
  let neg = false;
  let c = i < n ? s.charCodeAt(i) : 0;
  if (c === 43 || c === 45) {
    neg = c === 45;
    i++;
    c = i < n ? s.charCodeAt(i) : 0;
  }
  // inf / infinity / nan
  const lc = lowerAscii(c);
  if (lc === 105 /* i */) {
    if (matchWordCI(s, i, 'inf')) {
      const end = matchWordCI(s, i, 'infinity') ? i + 8 : i + 3;
      return { value: neg ? -Infinity : Infinity, end, erange: false };
    }
    return { value: 0, end: start, erange: false };
  }
  if (lc === 110 /* n */) {
    if (matchWordCI(s, i, 'nan')) {
      let end = i + 3;
      if (end < n && s.charCodeAt(end) === 40 /* ( */) {
        let k = end + 1;
        while (k < n) {
          const ch = s.charCodeAt(k);
          const ok =
            (ch >= 48 && ch <= 57) || (ch >= 65 && ch <= 90) || (ch >= 97 && ch <= 122) || ch === 95;
          if (!ok) break;
          k++;
        }
        if (k < n && s.charCodeAt(k) === 41 /* ) */) end = k + 1;
      }
      return { value: NaN, end, erange: false };
    }
    return { value: 0, end: start, erange: false };
  }
  // hex float
  if (c === 48 && i + 1 < n && (s.charCodeAt(i + 1) | 32) === 120) {
    const r = scanHex(s, i + 2, 53, -1074);
    if (r !== null) {
      const v = composeDouble(r.mant, r.exp);
      const overflow = r.mant !== 0n && (r.exp + bitLength(r.mant) > 1024 || v === Infinity);
      if (overflow) return { value: neg ? -Infinity : Infinity, end: r.end, erange: true };
      const value = neg ? -v : v;
      return { value, end: r.end, erange: r.mant === 0n && r.nonzero };
    }
    // "0x" without hex digits: only the "0" is consumed.
    return { value: neg ? -0 : 0, end: i + 1, erange: false };
  }
  // decimal
  const dstart = i;
  let digits = 0;
  let nonzero = false;
  while (i < n) {
    c = s.charCodeAt(i);
    if (c < 48 || c > 57) break;
    if (c !== 48) nonzero = true;
    digits++;
    i++;
  }
  if (i < n && s.charCodeAt(i) === 46 /* . */) {
    i++;
    while (i < n) {
      c = s.charCodeAt(i);
      if (c < 48 || c > 57) break;
      if (c !== 48) nonzero = true;
      digits++;
      i++;
    }
  }
  if (digits === 0) return { value: 0, end: start, erange: false };
  if (i < n && (s.charCodeAt(i) | 32) === 101 /* e */) {
    let k = i + 1;
    if (k < n && (s.charCodeAt(k) === 43 || s.charCodeAt(k) === 45)) k++;
    if (k < n && s.charCodeAt(k) >= 48 && s.charCodeAt(k) <= 57) {
      while (k < n && s.charCodeAt(k) >= 48 && s.charCodeAt(k) <= 57) k++;
      i = k;
    }
  }
  // The prefix s[dstart, i) is valid JS decimal literal syntax; V8 converts it correctly rounded.
  const abs = Number(s.slice(dstart, i));
  if (abs === Infinity) return { value: neg ? -Infinity : Infinity, end: i, erange: true };
  return { value: neg ? -abs : abs, end: i, erange: abs === 0 && nonzero };
}

export interface HexScan {
  mant: bigint;
  exp: number;
  end: number;
  /** Some hex digit was non-zero (to tell an underflow from a true zero). */
  nonzero: boolean;
}

/**
 * Scans the part of a hex float after "0x" at `i`, rounding to `precision` bits with minimum
 * exponent `minExp`. Returns null when no hex digit follows. Shared with util/longdouble.ts.
 */
export function scanHex(
  s: string,
  i: number,
  precision: number,
  minExp: number,
): HexScan | null {
  const n = s.length;
  let digits = 0;
  let hex = '';
  let fracDigits = 0;
  while (i < n && hexVal(s.charCodeAt(i)) >= 0) {
    hex += s[i];
    digits++;
    i++;
  }
  if (i < n && s.charCodeAt(i) === 46) {
    let k = i + 1;
    let fd = 0;
    while (k < n && hexVal(s.charCodeAt(k)) >= 0) {
      hex += s[k];
      fd++;
      k++;
    }
    if (digits + fd > 0) {
      i = k;
      fracDigits = fd;
      digits += fd;
    }
  }
  if (digits === 0) return null;
  let exp2 = 0;
  if (i < n && (s.charCodeAt(i) | 32) === 112 /* p */) {
    let k = i + 1;
    let eneg = false;
    if (k < n && (s.charCodeAt(k) === 43 || s.charCodeAt(k) === 45)) {
      eneg = s.charCodeAt(k) === 45;
      k++;
    }
    if (k < n && s.charCodeAt(k) >= 48 && s.charCodeAt(k) <= 57) {
      let ev = 0;
      while (k < n && s.charCodeAt(k) >= 48 && s.charCodeAt(k) <= 57) {
        if (ev < 1e9) ev = ev * 10 + (s.charCodeAt(k) - 48);
        k++;
      }
      exp2 = eneg ? -ev : ev;
      i = k;
    }
  }
  // Strip leading zeros to keep the BigInt small; huge exponents saturate.
  let z = 0;
  while (z < hex.length - 1 && hex.charCodeAt(z) === 48) z++;
  const N = BigInt('0x' + hex.slice(z));
  const nonzero = N !== 0n;
  let e = exp2 - 4 * fracDigits;
  if (!nonzero) return { mant: 0n, exp: 0, end: i, nonzero };
  const len = bitLength(N);
  if (e + len > 100000) e = 100000; // certain overflow
  if (e + len < -100000) return { mant: 0n, exp: minExp, end: i, nonzero };
  const [mant, exp] = roundToBinary(N, e, false, precision, minExp);
  return { mant, exp, end: i, nonzero };
}

/**
 * Redis string2d / getDoubleFromObject: the whole string must be one strtod number. Null when
 * the string is empty, starts with whitespace, has trailing bytes, is NaN, or overflows /
 * underflows to ±inf / 0.
 */
export function parseDouble(s: string): number | null {
  const n = s.length;
  if (n === 0) return null;
  // Fast path: [-]digits[.digits] with at most 15 significant digits total is exact in a double
  // computation (integer part * 10^k + frac) / 10^k is correctly rounded when both are exact.
  let i = 0;
  let c = s.charCodeAt(0);
  let neg = false;
  if (c === 45) {
    neg = true;
    i = 1;
  }
  let intv = 0;
  let nd = 0;
  let fracDigits = 0;
  let sawDot = false;
  for (; i < n; i++) {
    c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      intv = intv * 10 + (c - 48);
      nd++;
      if (sawDot) fracDigits++;
    } else if (c === 46 && !sawDot) {
      sawDot = true;
    } else {
      break;
    }
  }
  if (i === n && nd > 0 && nd <= 15) {
    const v = fracDigits === 0 ? intv : intv / POW10[fracDigits]!;
    return neg ? -v : v;
  }
  if (isCSpace(s.charCodeAt(0))) return null;
  const r = strtod(s, 0);
  if (r.end !== n) return null;
  if (r.value !== r.value) return null;
  if (r.erange) return null;
  return r.value;
}

/**
 * The bare `strtod(s,&eptr); if (eptr[0] != '\0' || isnan(v)) error` pattern over a C string
 * (zslParseRange): leading whitespace allowed, "" parses as 0, an embedded NUL ends the string,
 * overflow yields ±Infinity (ERANGE is not checked).
 */
export function parseDoubleLoose(s: string, start = 0): number | null {
  const r = strtod(s, start);
  if (r.end < s.length && s.charCodeAt(r.end) !== 0) return null;
  if (r.value !== r.value) return null;
  return r.value;
}

// ---------------------------------------------------------------------------------------------
// %.17g

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const HI = LITTLE ? 1 : 0;
const LO = LITTLE ? 0 : 1;

const POW5: bigint[] = [];
for (let k = 0, p = 1n; k <= 26; k++, p *= 5n) POW5.push(p);

/**
 * Decomposes a finite non-zero |d| as odd * 2^exp. Returns [odd mantissa as number, exp].
 */
function oddDecompose(d: number): [number, number] {
  f64[0] = d;
  const hi = u32[HI]!;
  const lo = u32[LO]!;
  const be = (hi >>> 20) & 0x7ff;
  let m = (hi & 0xfffff) * 4294967296 + lo;
  let e: number;
  if (be === 0) {
    e = -1074;
  } else {
    m += 4503599627370496; // 2^52
    e = be - 1075;
  }
  // strip trailing zero bits
  if (m !== 0) {
    let low = m % 4294967296;
    if (low === 0) {
      m /= 4294967296;
      e += 32;
      low = m % 4294967296;
    }
    const tz = 31 - Math.clz32(low & -low);
    m /= Math.pow(2, tz);
    e += tz;
  }
  return [m, e];
}

/** Formats 17 significant digits with decimal exponent x as C's %g (precision 17) would. */
function gFromDigits(neg: boolean, digits: string, x: number): string {
  // trim trailing zeros of the digit string
  let end = digits.length;
  while (end > 1 && digits.charCodeAt(end - 1) === 48) end--;
  const sig = digits.slice(0, end);
  let out: string;
  if (x < -4 || x >= 17) {
    const ax = x < 0 ? -x : x;
    out =
      sig[0]! +
      (sig.length > 1 ? '.' + sig.slice(1) : '') +
      (x < 0 ? 'e-' : 'e+') +
      (ax < 10 ? '0' + ax : String(ax));
  } else if (x >= 0) {
    if (sig.length <= x + 1) out = sig + '0'.repeat(x + 1 - sig.length);
    else out = sig.slice(0, x + 1) + '.' + sig.slice(x + 1);
  } else {
    out = '0.' + '0'.repeat(-x - 1) + sig;
  }
  return neg ? '-' + out : out;
}

/**
 * C printf("%.17g", d) as glibc prints it (round-half-even on the exact binary value), with
 * "inf" / "-inf" / "nan". This is the text of a Redis 7.0 double reply (addReplyDouble).
 */
export function formatDouble(d: number): string {
  if (Number.isInteger(d) && d < 9007199254740992 && d > -9007199254740992) {
    if (d === 0 && 1 / d < 0) return '-0';
    return String(d);
  }
  if (d !== d) return 'nan';
  if (d === Infinity) return 'inf';
  if (d === -Infinity) return '-inf';
  const neg = d < 0;
  const a = neg ? -d : d;
  // An exact tie at the 17th significant digit needs round-half-even (V8's toPrecision rounds
  // ties up). A tie means the exact decimal expansion has exactly 18 significant digits: with
  // a = odd * 2^-k (k > 0) that expansion is odd * 5^k, which needs k <= 25.
  const [odd, e2] = oddDecompose(a);
  if (e2 < 0 && e2 >= -25) {
    const k = -e2;
    const approx = odd * Math.pow(5, k);
    if (approx > 0.9e17 && approx < 1.1e18) {
      const exact = (BigInt(odd) * POW5[k]!).toString();
      if (exact.length === 18) {
        // value = exact * 10^-k; its decimal exponent is 17 - k.
        let x = 17 - k;
        let digits = exact.slice(0, 17);
        const last = digits.charCodeAt(16) - 48;
        if (last & 1) {
          digits = (BigInt(digits) + 1n).toString();
          if (digits.length > 17) {
            digits = digits.slice(0, 17);
            x += 1;
          }
        }
        return gFromDigits(neg, digits, x);
      }
    }
  }
  const p = a.toPrecision(17);
  if (a >= 1e-4 && a < 1e17) {
    // Fixed notation in both toPrecision and %g: only trailing zeros (and '.') differ.
    const dot = p.indexOf('.');
    if (dot < 0) return neg ? '-' + p : p;
    let end = p.length;
    while (p.charCodeAt(end - 1) === 48) end--;
    if (end - 1 === dot) end--;
    const out = end === p.length ? p : p.slice(0, end);
    return neg ? '-' + out : out;
  }
  const ei = p.indexOf('e');
  if (ei >= 0) {
    const digits = p.charCodeAt(1) === 46 ? p[0]! + p.slice(2, ei) : p.slice(0, ei);
    return gFromDigits(neg, digits, Number(p.slice(ei + 1)));
  }
  const dot = p.indexOf('.');
  if (p.charCodeAt(0) !== 48) {
    // a >= 1: integer part has `dot` digits (or all 17 when there is no point)
    const x = (dot < 0 ? p.length : dot) - 1;
    const digits = dot < 0 ? p : p.slice(0, dot) + p.slice(dot + 1);
    return gFromDigits(neg, digits, x);
  }
  // 0.000ddd
  let z = dot + 1;
  while (p.charCodeAt(z) === 48) z++;
  return gFromDigits(neg, p.slice(z), -(z - dot));
}
