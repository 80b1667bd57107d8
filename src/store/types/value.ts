// The union of every value the keyspace can hold, and the type/encoding names Redis reports.
import { MutableString, type StringValue } from './string.js';

/** Collections implement this (lists, hashes, sets, sorted sets, streams). */
export interface RObject {
  readonly type: 'list' | 'hash' | 'set' | 'zset' | 'stream';
  /** OBJECT ENCODING name as Redis would report it for the current contents. */
  encoding(): string;
  /** An independent deep copy (COPY), keeping the encoding. */
  dup(): RObject;
}

export type RValue = StringValue | RObject;

export type TypeName = 'string' | 'list' | 'hash' | 'set' | 'zset' | 'stream';

export function typeName(v: RValue): TypeName {
  return typeof v === 'string' ? 'string' : v.type;
}

export function isString(v: RValue): v is StringValue {
  return typeof v === 'string' || v instanceof MutableString;
}

const MAX_INT_ENC_LEN = 20;
const EMBSTR_LIMIT = 44;

/** Whether a latin1 string is a canonical int64 Redis would store int-encoded. */
export function looksLikeInt64(s: string): boolean {
  const n = s.length;
  if (n === 0 || n > MAX_INT_ENC_LEN) return false;
  let i = 0;
  if (s.charCodeAt(0) === 45 /* - */) {
    if (n === 1) return false;
    i = 1;
  }
  const first = s.charCodeAt(i);
  if (first === 48 /* 0 */) return n === 1; // "0" only; "-0" and "01" are not canonical
  for (; i < n; i++) {
    const ch = s.charCodeAt(i);
    if (ch < 48 || ch > 57) return false;
  }
  if (n >= 19) {
    try {
      const b = BigInt(s);
      return b <= 9223372036854775807n && b >= -9223372036854775808n;
    } catch {
      return false;
    }
  }
  return true;
}

export function encodingOf(v: RValue): string {
  if (typeof v === 'string') {
    if (looksLikeInt64(v)) return 'int';
    return v.length <= EMBSTR_LIMIT ? 'embstr' : 'raw';
  }
  if (v instanceof MutableString) return 'raw';
  return v.encoding();
}
