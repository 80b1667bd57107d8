// Emulation of the C `long double` arithmetic Redis 7.0.15 uses for INCRBYFLOAT and
// HINCRBYFLOAT on x86-64 (x87 80-bit extended: 64-bit significand, round-half-even, subnormals
// down to 2^-16445): strtold parsing (string2ld), addition, and ld2string's human format
// (`%.17Lf` then trailing zeros and '.' removed, "-0" printed as "0"). Exact, BigInt based.
//
// Redis's flow (t_string.c incrbyfloatCommand), verified against redis-server 7.0.15:
//   current = ldParse(stored) ?? "ERR value is not a valid float"   (missing key: 0)
//   incr    = ldParse(argv)   ?? "ERR value is not a valid float"
//   sum = ldAdd(current, incr); if (!ldIsFinite(sum)) "ERR increment would produce NaN or Infinity"
//   reply / store ldFormatHuman(sum)
// string2ld accepts what strtold accepts over the whole string, with these quirks:
//   - empty, or 5120 bytes and longer: refused;
//   - the whole string must be consumed (an embedded NUL byte makes it invalid);
//   - a leading whitespace is refused, '+' is fine, hex floats are fine ("0x1p3" = 8);
//   - "inf"/"infinity" (any case, signed) parse (so INCRBYFLOAT then reports NaN or Infinity);
//   - "nan" is refused; overflow to ±inf ("1e5000") and underflow to 0 ("1e-5000") are refused,
//     values beyond double range but within long double are fine ("1e400").
import { bitLength, roundToBinary, scanHex } from './numbers.js';

/** A long double value: (-1)^neg * mant * 2^exp when finite. */
export interface LongDouble {
  /** 0 finite, 1 infinite, 2 NaN. */
  readonly kind: 0 | 1 | 2;
  readonly neg: boolean;
  /** Significand, < 2^64 (0n for zero). */
  readonly mant: bigint;
  readonly exp: number;
}

const PRECISION = 64;
/** Exponent of the smallest subnormal (2^-16445). */
const MIN_EXP = -16445;
/** Finite values are < 2^16384. */
const MAX_BITS = 16384;
/** MAX_LONG_DOUBLE_CHARS in Redis: string2ld refuses strings this long or longer. */
const MAX_LONG_DOUBLE_CHARS = 5 * 1024;

const ZERO: LongDouble = { kind: 0, neg: false, mant: 0n, exp: 0 };
const NEG_ZERO: LongDouble = { kind: 0, neg: true, mant: 0n, exp: 0 };
const INF: LongDouble = { kind: 1, neg: false, mant: 0n, exp: 0 };
const NEG_INF: LongDouble = { kind: 1, neg: true, mant: 0n, exp: 0 };
const NAN: LongDouble = { kind: 2, neg: false, mant: 0n, exp: 0 };

function finite(neg: boolean, mant: bigint, exp: number): LongDouble {
  if (mant === 0n) return neg ? NEG_ZERO : ZERO;
  if (exp + bitLength(mant) > MAX_BITS) return neg ? NEG_INF : INF;
  return { kind: 0, neg, mant, exp };
}

export function ldIsFinite(a: LongDouble): boolean {
  return a.kind === 0;
}

export function ldIsNaN(a: LongDouble): boolean {
  return a.kind === 2;
}

/** The long double holding an integer exactly (|v| < 2^64 is exact, larger values are rounded). */
export function ldFromInt(v: number | bigint): LongDouble {
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) return ldFromNumber(v);
    v = BigInt(v);
  }
  const neg = v < 0n;
  const m = neg ? -v : v;
  if (m === 0n) return ZERO;
  const [mant, exp] = roundToBinary(m, 0, false, PRECISION, MIN_EXP);
  return finite(neg, mant, exp);
}

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The long double equal to a double (always exact). */
export function ldFromNumber(d: number): LongDouble {
  if (d !== d) return NAN;
  if (d === Infinity) return INF;
  if (d === -Infinity) return NEG_INF;
  if (d === 0) return 1 / d < 0 ? NEG_ZERO : ZERO;
  f64[0] = d;
  const hi = u32[LITTLE ? 1 : 0]!;
  const lo = u32[LITTLE ? 0 : 1]!;
  const be = (hi >>> 20) & 0x7ff;
  let m = (hi & 0xfffff) * 4294967296 + lo;
  let e: number;
  if (be === 0) {
    e = -1074;
  } else {
    m += 4503599627370496;
    e = be - 1075;
  }
  return { kind: 0, neg: d < 0, mant: BigInt(m), exp: e };
}

/** Rounds to the nearest double (round-half-even; ±Infinity on overflow). */
export function ldToNumber(a: LongDouble): number {
  if (a.kind === 2) return NaN;
  if (a.kind === 1) return a.neg ? -Infinity : Infinity;
  if (a.mant === 0n) return a.neg ? -0 : 0;
  const [m, e] = roundToBinary(a.mant, a.exp, false, 53, -1074);
  let v: number;
  if (m === 0n) v = 0;
  else if (e + bitLength(m) > 1024) v = Infinity;
  else if (e >= -1022) v = Number(m) * Math.pow(2, e);
  else v = Number(m) * Math.pow(2, e + 200) * Math.pow(2, -200);
  return a.neg ? -v : v;
}

function isCSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

function lowerAscii(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

function matchWordCI(s: string, at: number, word: string): boolean {
  if (at + word.length > s.length) return false;
  for (let k = 0; k < word.length; k++) {
    if (lowerAscii(s.charCodeAt(at + k)) !== word.charCodeAt(k)) return false;
  }
  return true;
}

const pow10Cache = new Map<number, bigint>();
function pow10(k: number): bigint {
  let p = pow10Cache.get(k);
  if (p === undefined) {
    p = 10n ** BigInt(k);
    if (k <= 64) pow10Cache.set(k, p);
  }
  return p;
}

/** Correctly rounded D * 10^e10 (D > 0) as a long double. */
function decimalToLd(neg: boolean, D: bigint, nDigits: number, e10: number): LongDouble {
  // value in [10^(nDigits+e10-1), 10^(nDigits+e10)); max ~1.19e4932, min subnormal ~3.6e-4951.
  if (nDigits + e10 > 4934) return neg ? NEG_INF : INF;
  if (nDigits + e10 < -4952) return neg ? NEG_ZERO : ZERO;
  if (e10 >= 0) {
    const [mant, exp] = roundToBinary(D * pow10(e10), 0, false, PRECISION, MIN_EXP);
    return finite(neg, mant, exp);
  }
  const Q = pow10(-e10);
  // Enough quotient bits for the significand plus guard bits: at least PRECISION + 2.
  let k = PRECISION + 3 + bitLength(Q) - bitLength(D);
  if (k < 0) k = 0;
  const num = D << BigInt(k);
  const q = num / Q;
  const sticky = q * Q !== num;
  const [mant, exp] = roundToBinary(q, -k, sticky, PRECISION, MIN_EXP);
  return finite(neg, mant, exp);
}

/** glibc strtold over `s`: the value, where it stopped, and whether errno would be ERANGE. */
function strtold(s: string): { value: LongDouble; end: number; erange: boolean } {
  const n = s.length;
  let i = 0;
  while (i < n && isCSpace(s.charCodeAt(i))) i++;
  let neg = false;
  let c = i < n ? s.charCodeAt(i) : 0;
  if (c === 43 || c === 45) {
    neg = c === 45;
    i++;
    c = i < n ? s.charCodeAt(i) : 0;
  }
  const lc = lowerAscii(c);
  if (lc === 105) {
    if (matchWordCI(s, i, 'inf')) {
      return { value: neg ? NEG_INF : INF, end: matchWordCI(s, i, 'infinity') ? i + 8 : i + 3, erange: false };
    }
    return { value: ZERO, end: 0, erange: false };
  }
  if (lc === 110) {
    // nan, nan(chars): refused by string2ld whatever follows.
    if (matchWordCI(s, i, 'nan')) return { value: NAN, end: i + 3, erange: false };
    return { value: ZERO, end: 0, erange: false };
  }
  if (c === 48 && i + 1 < n && (s.charCodeAt(i + 1) | 32) === 120) {
    const r = scanHex(s, i + 2, PRECISION, MIN_EXP);
    if (r !== null) {
      if (r.mant === 0n) return { value: neg ? NEG_ZERO : ZERO, end: r.end, erange: r.nonzero };
      const v = finite(neg, r.mant, r.exp);
      return { value: v, end: r.end, erange: v.kind === 1 };
    }
    return { value: neg ? NEG_ZERO : ZERO, end: i + 1, erange: false };
  }
  // decimal: collect significant digits
  let digits = '';
  let nd = 0;
  let fracDigits = 0;
  const intStart = i;
  while (i < n && (c = s.charCodeAt(i)) >= 48 && c <= 57) i++;
  digits = s.slice(intStart, i);
  nd = i - intStart;
  if (i < n && s.charCodeAt(i) === 46) {
    const fs = i + 1;
    let k = fs;
    while (k < n && (c = s.charCodeAt(k)) >= 48 && c <= 57) k++;
    fracDigits = k - fs;
    nd += fracDigits;
    digits += s.slice(fs, k);
    i = k;
  }
  if (nd === 0) return { value: ZERO, end: 0, erange: false };
  let e10 = 0;
  if (i < n && (s.charCodeAt(i) | 32) === 101) {
    let k = i + 1;
    let eneg = false;
    if (k < n && (s.charCodeAt(k) === 43 || s.charCodeAt(k) === 45)) {
      eneg = s.charCodeAt(k) === 45;
      k++;
    }
    if (k < n && (c = s.charCodeAt(k)) >= 48 && c <= 57) {
      let ev = 0;
      while (k < n && (c = s.charCodeAt(k)) >= 48 && c <= 57) {
        if (ev < 1e9) ev = ev * 10 + (c - 48);
        k++;
      }
      e10 = eneg ? -ev : ev;
      i = k;
    }
  }
  e10 -= fracDigits;
  // strip leading and trailing zeros
  let a = 0;
  let b = digits.length;
  while (a < b && digits.charCodeAt(a) === 48) a++;
  if (a === b) return { value: neg ? NEG_ZERO : ZERO, end: i, erange: false };
  while (digits.charCodeAt(b - 1) === 48) {
    b--;
    e10++;
  }
  const sig = digits.slice(a, b);
  const v = decimalToLd(neg, BigInt(sig), sig.length, e10);
  return { value: v, end: i, erange: v.kind === 1 || v.mant === 0n };
}

/**
 * Redis string2ld: the long double a string holds, or null when Redis answers "value is not a
 * valid float" (see the module comment for the exact rules). May return ±Infinity.
 */
export function ldParse(s: string): LongDouble | null {
  const n = s.length;
  if (n === 0 || n >= MAX_LONG_DOUBLE_CHARS) return null;
  if (isCSpace(s.charCodeAt(0))) return null;
  const r = strtold(s);
  if (r.end !== s.length) return null;
  if (r.value.kind === 2) return null;
  if (r.erange) return null;
  return r.value;
}

/** a + b rounded to long double (round-half-even), IEEE special cases included. */
export function ldAdd(a: LongDouble, b: LongDouble): LongDouble {
  if (a.kind === 2 || b.kind === 2) return NAN;
  if (a.kind === 1) {
    if (b.kind === 1 && b.neg !== a.neg) return NAN;
    return a;
  }
  if (b.kind === 1) return b;
  if (a.mant === 0n) {
    if (b.mant === 0n) return a.neg && b.neg ? NEG_ZERO : ZERO;
    return b;
  }
  if (b.mant === 0n) return a;
  // Order by magnitude scale; a far smaller operand cannot change the rounded result.
  const topA = a.exp + bitLength(a.mant);
  const topB = b.exp + bitLength(b.mant);
  // (|small| < 2^-72 |large| is below a quarter ulp even across a binade boundary.)
  if (topA - topB > PRECISION + 8) return a;
  if (topB - topA > PRECISION + 8) return b;
  const e = a.exp < b.exp ? a.exp : b.exp;
  const A = a.exp === e ? a.mant : a.mant << BigInt(a.exp - e);
  const B = b.exp === e ? b.mant : b.mant << BigInt(b.exp - e);
  let sum = (a.neg ? -A : A) + (b.neg ? -B : B);
  if (sum === 0n) return ZERO;
  const neg = sum < 0n;
  if (neg) sum = -sum;
  const [mant, exp] = roundToBinary(sum, e, false, PRECISION, MIN_EXP);
  return finite(neg, mant, exp);
}

const TEN17 = 10n ** 17n;

/**
 * ld2string(..., LD_STR_HUMAN): `%.17Lf` (exact value rounded half-even to 17 decimals) with
 * trailing zeros and a trailing '.' removed, and "-0" printed as "0"; "inf" / "-inf" for
 * infinities ("nan" for NaN, which Redis never formats). Redis's 5 KB buffer always fits a
 * finite long double (at most 4952 characters), so there is no failure case.
 */
export function ldFormatHuman(a: LongDouble): string {
  if (a.kind === 1) return a.neg ? '-inf' : 'inf';
  if (a.kind === 2) return 'nan';
  const m = a.mant;
  if (m === 0n) return '0';
  if (a.exp >= 0) {
    const v = (a.exp === 0 ? m : m << BigInt(a.exp)).toString();
    return a.neg ? '-' + v : v;
  }
  const sh = BigInt(-a.exp);
  const X = m * TEN17;
  let q = X >> sh;
  const r = X - (q << sh);
  const half = 1n << (sh - 1n);
  if (r > half || (r === half && (q & 1n) === 1n)) q += 1n;
  if (q === 0n) return '0';
  let s = q.toString();
  if (s.length <= 17) s = '0'.repeat(18 - s.length) + s;
  const intPart = s.slice(0, s.length - 17);
  let end = s.length;
  while (end > s.length - 17 && s.charCodeAt(end - 1) === 48) end--;
  const out = end > s.length - 17 ? intPart + '.' + s.slice(s.length - 17, end) : intPart;
  return a.neg ? '-' + out : out;
}

/** addReplyHumanLongDouble / createStringObjectFromLongDouble(d, 1) for a double value. */
export function formatDoubleHuman(d: number): string {
  return ldFormatHuman(ldFromNumber(d));
}

/** a * k for an integer k, rounded to long double (BLPOP's `ftval * 1000.0`). */
export function ldMulInt(a: LongDouble, k: bigint): LongDouble {
  if (a.kind !== 0) return k === 0n && a.kind === 1 ? NAN : a;
  const neg = a.neg !== k < 0n;
  const mk = k < 0n ? -k : k;
  if (a.mant === 0n || mk === 0n) return neg ? NEG_ZERO : ZERO;
  const [mant, exp] = roundToBinary(a.mant * mk, a.exp, false, PRECISION, MIN_EXP);
  return finite(neg, mant, exp);
}

/**
 * C's `(long long)` conversion of a long double on x86-64: truncation toward zero; NaN,
 * infinities and values outside the int64 range become INT64_MIN (the x87 "integer indefinite").
 */
export function ldToInt64(a: LongDouble): bigint {
  const MIN = -(2n ** 63n);
  if (a.kind !== 0) return MIN;
  if (a.mant === 0n) return 0n;
  const t = a.exp >= 0 ? a.mant << BigInt(a.exp) : a.mant >> BigInt(-a.exp);
  const v = a.neg ? -t : t;
  if (v >= 2n ** 63n || v < MIN) return MIN;
  return v;
}
