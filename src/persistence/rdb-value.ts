// One value in Redis 7.0's RDB format (type byte + payload), both ways: the encoder writes what
// redis-server 7.0 writes for each of Memora's encodings (int/LZF strings, QUICKLIST_2 lists of
// listpack nodes, listpack or hashtable hashes, intset or hashtable sets, listpack or ZSET_2
// sorted sets); the decoder reads those plus the older encodings an RDB or DUMP payload may
// carry (plain LIST/ZSET, ziplists, quicklist v1, zipmap) and rebuilds values through the types'
// constructors, converting as rdbLoadObject does. Also DUMP payload framing (RDB version + CRC64).
// No clients, no RESP: malformed input throws RdbFormatError.
import { ListValue } from '../store/types/list.js';
import { HashValue } from '../store/types/hash.js';
import { SetValue } from '../store/types/set.js';
import { ZSet } from '../store/types/zset.js';
import { MutableString } from '../store/types/string.js';
import { looksLikeInt64, type RValue } from '../store/types/value.js';
import { formatDouble, strtod } from '../util/numbers.js';
import { lzfCompress, lzfDecompress } from './lzf.js';
import { checkCrc64LE, writeCrc64LE } from './crc64.js';

export const RDB_VERSION = 10;

export const RDB_TYPE_STRING = 0;
export const RDB_TYPE_LIST = 1;
export const RDB_TYPE_SET = 2;
export const RDB_TYPE_ZSET = 3;
export const RDB_TYPE_HASH = 4;
export const RDB_TYPE_ZSET_2 = 5;
export const RDB_TYPE_MODULE = 6;
export const RDB_TYPE_MODULE_2 = 7;
export const RDB_TYPE_HASH_ZIPMAP = 9;
export const RDB_TYPE_LIST_ZIPLIST = 10;
export const RDB_TYPE_SET_INTSET = 11;
export const RDB_TYPE_ZSET_ZIPLIST = 12;
export const RDB_TYPE_HASH_ZIPLIST = 13;
export const RDB_TYPE_LIST_QUICKLIST = 14;
export const RDB_TYPE_STREAM_LISTPACKS = 15;
export const RDB_TYPE_HASH_LISTPACK = 16;
export const RDB_TYPE_ZSET_LISTPACK = 17;
export const RDB_TYPE_LIST_QUICKLIST_2 = 18;
export const RDB_TYPE_STREAM_LISTPACKS_2 = 19;

const RDB_ENC_INT8 = 0;
const RDB_ENC_INT16 = 1;
const RDB_ENC_INT32 = 2;
const RDB_ENC_LZF = 3;

const QUICKLIST_NODE_CONTAINER_PLAIN = 1;
const QUICKLIST_NODE_CONTAINER_PACKED = 2;

/** Malformed or unsupported serialized data (RESTORE answers "Bad data format"). */
export class RdbFormatError extends Error {}

function fail(what: string): never {
  throw new RdbFormatError(what);
}

/** The settings that shape encoding and decoding (Redis's config at the time). */
export interface RdbOptions {
  rdbCompression: boolean;
  listMaxListpackSize: number;
  hashMaxListpackEntries: number;
  hashMaxListpackValue: number;
  setMaxIntsetEntries: number;
  zsetMaxListpackEntries: number;
  zsetMaxListpackValue: number;
}

export const DEFAULT_RDB_OPTIONS: RdbOptions = {
  rdbCompression: true,
  listMaxListpackSize: -2,
  hashMaxListpackEntries: 128,
  hashMaxListpackValue: 64,
  setMaxIntsetEntries: 512,
  zsetMaxListpackEntries: 128,
  zsetMaxListpackValue: 64,
};

// ---- byte writer --------------------------------------------------------------------------------

export class RdbWriter {
  buf: Buffer;
  pos = 0;

  constructor(capacity = 64) {
    this.buf = Buffer.allocUnsafe(capacity);
  }

  ensure(n: number): void {
    const need = this.pos + n;
    if (need <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < need) cap *= 2;
    const next = Buffer.allocUnsafe(cap);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  byte(b: number): void {
    this.ensure(1);
    this.buf[this.pos++] = b & 0xff;
  }

  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  latin1(s: string): void {
    this.ensure(s.length);
    this.buf.latin1Write(s, this.pos, s.length);
    this.pos += s.length;
  }

  /** rdbSaveLen. */
  len(n: number): void {
    if (n < 1 << 6) {
      this.byte(n);
    } else if (n < 1 << 14) {
      this.byte(((n >> 8) & 0x3f) | 0x40);
      this.byte(n & 0xff);
    } else if (n <= 0xffffffff) {
      this.byte(0x80);
      this.ensure(4);
      this.buf.writeUInt32BE(n, this.pos);
      this.pos += 4;
    } else {
      this.byte(0x81);
      this.ensure(8);
      this.buf.writeBigUInt64BE(BigInt(n), this.pos);
      this.pos += 8;
    }
  }

  /** rdbSaveRawString over bytes: int encoding for short canonical ints, LZF when worth it. */
  rawString(b: Uint8Array, compress: boolean): void {
    const n = b.length;
    if (n <= 11 && n > 0) {
      const s = Buffer.from(b.buffer, b.byteOffset, n).latin1Slice(0, n);
      if (this.tryIntEncoding(s)) return;
    }
    if (compress && n > 20 && this.tryLzf(b)) return;
    this.len(n);
    this.bytes(b);
  }

  /** rdbSaveRawString over a latin1 string. */
  string(s: string, compress: boolean): void {
    const n = s.length;
    if (n <= 11 && n > 0 && this.tryIntEncoding(s)) return;
    if (compress && n > 20 && this.tryLzf(Buffer.from(s, 'latin1'))) return;
    this.len(n);
    this.latin1(s);
  }

  private tryIntEncoding(s: string): boolean {
    if (!looksLikeInt64(s)) return false;
    const v = Number(s);
    if (v >= -128 && v <= 127) {
      this.byte(0xc0 | RDB_ENC_INT8);
      this.byte(v);
    } else if (v >= -32768 && v <= 32767) {
      this.byte(0xc0 | RDB_ENC_INT16);
      this.ensure(2);
      this.buf.writeInt16LE(v, this.pos);
      this.pos += 2;
    } else if (v >= -2147483648 && v <= 2147483647) {
      this.byte(0xc0 | RDB_ENC_INT32);
      this.ensure(4);
      this.buf.writeInt32LE(v, this.pos);
      this.pos += 4;
    } else {
      return false;
    }
    return true;
  }

  private tryLzf(b: Uint8Array): boolean {
    const n = b.length;
    if (n <= 4) return false;
    const out = lzfCompress(b, n - 4);
    if (out === null) return false;
    this.byte(0xc0 | RDB_ENC_LZF);
    this.len(out.length);
    this.len(n);
    this.bytes(out);
    return true;
  }

  /** rdbSaveBinaryDoubleValue: 8 bytes little-endian. */
  binaryDouble(d: number): void {
    this.ensure(8);
    this.buf.writeDoubleLE(d, this.pos);
    this.pos += 8;
  }

  result(): Buffer {
    return this.buf.subarray(0, this.pos);
  }
}

// ---- byte reader --------------------------------------------------------------------------------

export class RdbReader {
  pos: number;

  constructor(
    readonly buf: Buffer,
    start = 0,
    readonly end = buf.length,
  ) {
    this.pos = start;
  }

  byte(): number {
    if (this.pos >= this.end) fail('unexpected end of data');
    return this.buf[this.pos++] as number;
  }

  take(n: number): Buffer {
    if (n < 0 || this.pos + n > this.end) fail('unexpected end of data');
    const b = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }

  /** rdbLoadLenByRef: the length, or an encoding marker (encoded = true, value = RDB_ENC_*). */
  lenOrEnc(): { value: number; encoded: boolean } {
    const b0 = this.byte();
    const type = (b0 & 0xc0) >> 6;
    if (type === 3) return { value: b0 & 0x3f, encoded: true };
    if (type === 0) return { value: b0 & 0x3f, encoded: false };
    if (type === 1) return { value: ((b0 & 0x3f) << 8) | this.byte(), encoded: false };
    if (b0 === 0x80) {
      const b = this.take(4);
      return { value: b.readUInt32BE(0), encoded: false };
    }
    if (b0 === 0x81) {
      const b = this.take(8);
      const v = b.readBigUInt64BE(0);
      if (v > BigInt(Number.MAX_SAFE_INTEGER)) fail('length too large');
      return { value: Number(v), encoded: false };
    }
    fail('unknown length encoding');
  }

  len(): number {
    const r = this.lenOrEnc();
    if (r.encoded) fail('unexpected encoded length');
    return r.value;
  }

  /** rdbGenericLoadStringObject as bytes. */
  stringBytes(): Buffer {
    const r = this.lenOrEnc();
    if (!r.encoded) return this.take(r.value);
    switch (r.value) {
      case RDB_ENC_INT8: {
        const v = this.take(1).readInt8(0);
        return Buffer.from(String(v), 'latin1');
      }
      case RDB_ENC_INT16:
        return Buffer.from(String(this.take(2).readInt16LE(0)), 'latin1');
      case RDB_ENC_INT32:
        return Buffer.from(String(this.take(4).readInt32LE(0)), 'latin1');
      case RDB_ENC_LZF: {
        const clen = this.len();
        const len = this.len();
        const c = this.take(clen);
        if (len === 0) fail('invalid LZF length');
        const out = lzfDecompress(c, len);
        if (out === null) fail('Invalid LZF compressed string');
        return Buffer.from(out.buffer, out.byteOffset, out.length);
      }
      default:
        fail('unknown string encoding');
    }
  }

  /** A string as a latin1 JS string. */
  string(): string {
    const b = this.stringBytes();
    return b.latin1Slice(0, b.length);
  }

  binaryDouble(): number {
    return this.take(8).readDoubleLE(0);
  }

  /** rdbLoadDoubleValue (the old ZSET's textual scores). */
  textDouble(): number {
    const n = this.byte();
    if (n === 253) return NaN;
    if (n === 254) return Infinity;
    if (n === 255) return -Infinity;
    const s = this.take(n).latin1Slice(0, n);
    return strtod(s).value;
  }
}

// ---- listpack -----------------------------------------------------------------------------------

/** Size of the backlen field for an entry of `l` bytes (lpEncodeBacklen). */
function backlenSize(l: number): number {
  if (l <= 127) return 1;
  if (l < 16383) return 2;
  if (l < 2097151) return 3;
  if (l < 268435455) return 4;
  return 5;
}

function writeBacklen(w: RdbWriter, l: number): void {
  const n = backlenSize(l);
  if (n === 1) {
    w.byte(l);
  } else if (n === 2) {
    w.byte(l >>> 7);
    w.byte((l & 127) | 128);
  } else if (n === 3) {
    w.byte(l >>> 14);
    w.byte(((l >>> 7) & 127) | 128);
    w.byte((l & 127) | 128);
  } else if (n === 4) {
    w.byte(l >>> 21);
    w.byte(((l >>> 14) & 127) | 128);
    w.byte(((l >>> 7) & 127) | 128);
    w.byte((l & 127) | 128);
  } else {
    w.byte(Math.floor(l / 2 ** 28));
    w.byte(((l >>> 21) & 127) | 128);
    w.byte(((l >>> 14) & 127) | 128);
    w.byte(((l >>> 7) & 127) | 128);
    w.byte((l & 127) | 128);
  }
}

/** Bytes the encoding + data part of a listpack entry takes (without backlen). */
function lpEntryDataSize(s: string): number {
  if (looksLikeInt64(s)) {
    const v = Number(s);
    if (v >= 0 && v <= 127) return 1;
    if (v >= -4096 && v <= 4095) return 2;
    if (v >= -32768 && v <= 32767) return 3;
    if (v >= -8388608 && v <= 8388607) return 4;
    if (v >= -2147483648 && v <= 2147483647) return 5;
    return 9;
  }
  const n = s.length;
  if (n < 64) return 1 + n;
  if (n < 4096) return 2 + n;
  return 5 + n;
}

/** Bytes one element adds to a listpack. */
export function lpEntrySize(s: string): number {
  const d = lpEntryDataSize(s);
  return d + backlenSize(d);
}

function lpWriteEntry(w: RdbWriter, s: string): void {
  const start = w.pos;
  if (looksLikeInt64(s)) {
    const big = BigInt(s);
    const v = Number(big);
    if (v >= 0 && v <= 127) {
      w.byte(v);
    } else if (v >= -4096 && v <= 4095) {
      const u = v < 0 ? (1 << 13) + v : v;
      w.byte((u >> 8) | 0xc0);
      w.byte(u & 0xff);
    } else if (v >= -32768 && v <= 32767) {
      w.byte(0xf1);
      w.ensure(2);
      w.buf.writeInt16LE(v, w.pos);
      w.pos += 2;
    } else if (v >= -8388608 && v <= 8388607) {
      w.byte(0xf2);
      w.ensure(3);
      w.buf.writeIntLE(v, w.pos, 3);
      w.pos += 3;
    } else if (v >= -2147483648 && v <= 2147483647) {
      w.byte(0xf3);
      w.ensure(4);
      w.buf.writeInt32LE(v, w.pos);
      w.pos += 4;
    } else {
      w.byte(0xf4);
      w.ensure(8);
      w.buf.writeBigInt64LE(big, w.pos);
      w.pos += 8;
    }
  } else {
    const n = s.length;
    if (n < 64) {
      w.byte(0x80 | n);
    } else if (n < 4096) {
      w.byte(0xe0 | (n >> 8));
      w.byte(n & 0xff);
    } else {
      w.byte(0xf0);
      w.ensure(4);
      w.buf.writeUInt32LE(n, w.pos);
      w.pos += 4;
    }
    w.latin1(s);
  }
  writeBacklen(w, w.pos - start);
}

/** A listpack holding `items` in order (lpNew + lpAppend...). */
export function lpBuild(items: readonly string[]): Buffer {
  const w = new RdbWriter(16);
  w.ensure(6);
  w.pos = 6;
  for (const s of items) lpWriteEntry(w, s);
  w.byte(0xff);
  w.buf.writeUInt32LE(w.pos, 0);
  w.buf.writeUInt16LE(items.length < 65535 ? items.length : 65535, 4);
  return w.result();
}

/** The elements of a listpack, validated entry by entry. */
export function lpParse(b: Buffer): string[] {
  if (b.length < 7) fail('listpack too short');
  const total = b.readUInt32LE(0);
  if (total !== b.length) fail('listpack size mismatch');
  const count = b.readUInt16LE(4);
  const end = total - 1;
  if (b[end] !== 0xff) fail('listpack missing terminator');
  const out: string[] = [];
  let p = 6;
  while (p < end) {
    const start = p;
    const c = b[p] as number;
    let s: string;
    const need = (n: number): void => {
      if (p + n > end) fail('listpack entry overflows');
    };
    if ((c & 0x80) === 0) {
      s = String(c);
      p += 1;
    } else if ((c & 0xc0) === 0x80) {
      const n = c & 0x3f;
      need(1 + n);
      s = b.latin1Slice(p + 1, p + 1 + n);
      p += 1 + n;
    } else if ((c & 0xe0) === 0xc0) {
      need(2);
      let u = ((c & 0x1f) << 8) | (b[p + 1] as number);
      if (u >= 1 << 12) u -= 1 << 13;
      s = String(u);
      p += 2;
    } else if ((c & 0xf0) === 0xe0) {
      need(2);
      const n = ((c & 0x0f) << 8) | (b[p + 1] as number);
      need(2 + n);
      s = b.latin1Slice(p + 2, p + 2 + n);
      p += 2 + n;
    } else if (c === 0xf0) {
      need(5);
      const n = b.readUInt32LE(p + 1);
      need(5 + n);
      s = b.latin1Slice(p + 5, p + 5 + n);
      p += 5 + n;
    } else if (c === 0xf1) {
      need(3);
      s = String(b.readInt16LE(p + 1));
      p += 3;
    } else if (c === 0xf2) {
      need(4);
      s = String(b.readIntLE(p + 1, 3));
      p += 4;
    } else if (c === 0xf3) {
      need(5);
      s = String(b.readInt32LE(p + 1));
      p += 5;
    } else if (c === 0xf4) {
      need(9);
      s = String(b.readBigInt64LE(p + 1));
      p += 9;
    } else {
      fail('listpack bad entry encoding');
    }
    const l = p - start;
    const bl = backlenSize(l);
    need(bl);
    // Check the back length reads back as l.
    let v = 0;
    for (let k = 0; k < bl; k++) {
      const byte = b[p + bl - 1 - k] as number;
      v += (byte & 127) * 2 ** (7 * k);
      const more = (byte & 128) !== 0;
      if (more !== (k < bl - 1)) fail('listpack bad backlen');
    }
    if (v !== l) fail('listpack bad backlen');
    p += bl;
    out.push(s);
  }
  if (p !== end) fail('listpack overrun');
  if (count !== 65535 && count !== out.length) fail('listpack count mismatch');
  return out;
}

// ---- ziplist, intset, zipmap (decode only, plus intset encode) ----------------------------------

/** The elements of a ziplist (Redis <= 6.2 lists, hashes and sorted sets). */
export function zlParse(b: Buffer): string[] {
  if (b.length < 11) fail('ziplist too short');
  const total = b.readUInt32LE(0);
  if (total !== b.length) fail('ziplist size mismatch');
  const count = b.readUInt16LE(8);
  const end = total - 1;
  if (b[end] !== 0xff) fail('ziplist missing terminator');
  const out: string[] = [];
  let p = 10;
  let prevLen = 0;
  while (p < end) {
    const start = p;
    const need = (n: number): void => {
      if (p + n > end) fail('ziplist entry overflows');
    };
    need(1);
    let prev: number;
    if ((b[p] as number) < 254) {
      prev = b[p] as number;
      p += 1;
    } else {
      need(5);
      prev = b.readUInt32LE(p + 1);
      p += 5;
    }
    if (prev !== prevLen) fail('ziplist bad prevlen');
    need(1);
    const c = b[p] as number;
    let s: string;
    if ((c & 0xc0) === 0x00) {
      const n = c & 0x3f;
      need(1 + n);
      s = b.latin1Slice(p + 1, p + 1 + n);
      p += 1 + n;
    } else if ((c & 0xc0) === 0x40) {
      need(2);
      const n = ((c & 0x3f) << 8) | (b[p + 1] as number);
      need(2 + n);
      s = b.latin1Slice(p + 2, p + 2 + n);
      p += 2 + n;
    } else if (c === 0x80) {
      need(5);
      const n = b.readUInt32BE(p + 1);
      need(5 + n);
      s = b.latin1Slice(p + 5, p + 5 + n);
      p += 5 + n;
    } else if (c === 0xc0) {
      need(3);
      s = String(b.readInt16LE(p + 1));
      p += 3;
    } else if (c === 0xd0) {
      need(5);
      s = String(b.readInt32LE(p + 1));
      p += 5;
    } else if (c === 0xe0) {
      need(9);
      s = String(b.readBigInt64LE(p + 1));
      p += 9;
    } else if (c === 0xf0) {
      need(4);
      s = String(b.readIntLE(p + 1, 3));
      p += 4;
    } else if (c === 0xfe) {
      need(2);
      s = String(b.readInt8(p + 1));
      p += 2;
    } else if (c >= 0xf1 && c <= 0xfd) {
      s = String((c & 0x0f) - 1);
      p += 1;
    } else {
      fail('ziplist bad entry encoding');
    }
    prevLen = p - start;
    out.push(s);
  }
  if (p !== end) fail('ziplist overrun');
  if (count !== 65535 && count !== out.length) fail('ziplist count mismatch');
  return out;
}

/** The members of an intset blob (ascending, validated as intsetValidateIntegrity deep). */
export function intsetParse(b: Buffer): string[] {
  if (b.length < 8) fail('intset too short');
  const enc = b.readUInt32LE(0);
  if (enc !== 2 && enc !== 4 && enc !== 8) fail('intset bad encoding');
  const count = b.readUInt32LE(4);
  if (8 + count * enc !== b.length) fail('intset size mismatch');
  const out: string[] = [];
  let prev: bigint | null = null;
  for (let i = 0; i < count; i++) {
    const at = 8 + i * enc;
    const v = enc === 2 ? BigInt(b.readInt16LE(at)) : enc === 4 ? BigInt(b.readInt32LE(at)) : b.readBigInt64LE(at);
    if (prev !== null && v <= prev) fail('intset not sorted');
    prev = v;
    out.push(String(v));
  }
  return out;
}

/** An intset blob of ascending canonical integers. */
export function intsetBuild(members: readonly string[]): Buffer {
  let enc = 2;
  for (const m of members) {
    const v = Number(m);
    if (v < -2147483648 || v > 2147483647) {
      enc = 8;
      break;
    }
    if (v < -32768 || v > 32767) enc = 4;
  }
  const b = Buffer.alloc(8 + members.length * enc);
  b.writeUInt32LE(enc, 0);
  b.writeUInt32LE(members.length, 4);
  for (let i = 0; i < members.length; i++) {
    const at = 8 + i * enc;
    const m = members[i] as string;
    if (enc === 2) b.writeInt16LE(Number(m), at);
    else if (enc === 4) b.writeInt32LE(Number(m), at);
    else b.writeBigInt64LE(BigInt(m), at);
  }
  return b;
}

/** The flat field/value pairs of a zipmap (Redis 2.4 hashes). */
export function zipmapParse(b: Buffer): string[] {
  if (b.length < 2) fail('zipmap too short');
  const out: string[] = [];
  let p = 1;
  const readLen = (): number => {
    if (p >= b.length) fail('zipmap overflow');
    const c = b[p] as number;
    if (c < 254) {
      p += 1;
      return c;
    }
    if (c === 254) {
      if (p + 5 > b.length) fail('zipmap overflow');
      const n = b.readUInt32LE(p + 1);
      p += 5;
      return n;
    }
    fail('zipmap bad length');
  };
  for (;;) {
    if (p >= b.length) fail('zipmap overflow');
    if (b[p] === 255) {
      p++;
      break;
    }
    const klen = readLen();
    if (p + klen > b.length) fail('zipmap overflow');
    out.push(b.latin1Slice(p, p + klen));
    p += klen;
    const vlen = readLen();
    if (p >= b.length) fail('zipmap overflow');
    const free = b[p] as number;
    p += 1;
    if (p + vlen + free > b.length) fail('zipmap overflow');
    out.push(b.latin1Slice(p, p + vlen));
    p += vlen + free;
  }
  if (p !== b.length) fail('zipmap trailing bytes');
  return out;
}

// ---- encoding -----------------------------------------------------------------------------------

/** rdbSaveObjectType's type byte for a value. */
export function rdbTypeOf(v: RValue): number {
  if (typeof v === 'string' || v instanceof MutableString) return RDB_TYPE_STRING;
  if (v instanceof ListValue) return RDB_TYPE_LIST_QUICKLIST_2;
  if (v instanceof HashValue) return v.isListpack ? RDB_TYPE_HASH_LISTPACK : RDB_TYPE_HASH;
  if (v instanceof SetValue) return v.isIntset ? RDB_TYPE_SET_INTSET : RDB_TYPE_SET;
  if (v instanceof ZSet) return v.isListpack ? RDB_TYPE_ZSET_LISTPACK : RDB_TYPE_ZSET_2;
  throw new RdbFormatError(`cannot serialize a ${v.type}`);
}

const SIZE_SAFETY_LIMIT = 8192;
const SIZE_ESTIMATE_OVERHEAD = 8;
const OPTIMIZATION_LEVEL = [4096, 8192, 16384, 32768, 65536];

/** _quicklistNodeAllowInsert: whether a node of `nodeBytes`/`count` may take an element of `sz`. */
function quicklistAllowInsert(nodeBytes: number, count: number, fill: number, sz: number): boolean {
  const newSz = nodeBytes + sz + SIZE_ESTIMATE_OVERHEAD;
  if (fill < 0) {
    const level = OPTIMIZATION_LEVEL[-fill - 1];
    if (level !== undefined && newSz <= level) return true;
  }
  if (newSz > SIZE_SAFETY_LIMIT) return false;
  return count < fill;
}

/** The list cut into quicklist nodes as pushing its elements to the tail would cut it. */
export function listNodes(items: readonly string[], fill: number): string[][] {
  const nodes: string[][] = [];
  let cur: string[] = [];
  let bytes = 7;
  for (const s of items) {
    if (cur.length > 0 && !quicklistAllowInsert(bytes, cur.length, fill, s.length)) {
      nodes.push(cur);
      cur = [];
      bytes = 7;
    }
    cur.push(s);
    bytes += lpEntrySize(s);
  }
  if (cur.length > 0) nodes.push(cur);
  return nodes;
}

/** rdbSaveObjectType + rdbSaveObject for one value. */
export function encodeValue(w: RdbWriter, v: RValue, opts: RdbOptions): void {
  const compress = opts.rdbCompression;
  const type = rdbTypeOf(v);
  w.byte(type);
  if (typeof v === 'string') {
    w.string(v, compress);
  } else if (v instanceof MutableString) {
    w.rawString(v.buf.subarray(0, v.len), compress);
  } else if (v instanceof ListValue) {
    const nodes = listNodes(v.toArray(), opts.listMaxListpackSize);
    w.len(nodes.length);
    for (const node of nodes) {
      w.len(QUICKLIST_NODE_CONTAINER_PACKED);
      w.rawString(lpBuild(node), compress);
    }
  } else if (v instanceof HashValue) {
    if (type === RDB_TYPE_HASH_LISTPACK) {
      const flat: string[] = [];
      v.forEach((f, val) => flat.push(f, val));
      w.rawString(lpBuild(flat), compress);
    } else {
      w.len(v.size);
      v.forEach((f, val) => {
        w.string(f, compress);
        w.string(val, compress);
      });
    }
  } else if (v instanceof SetValue) {
    if (type === RDB_TYPE_SET_INTSET) {
      w.rawString(intsetBuild(v.toArray()), compress);
    } else {
      w.len(v.size);
      for (const m of v) w.string(m, compress);
    }
  } else if (v instanceof ZSet) {
    if (type === RDB_TYPE_ZSET_LISTPACK) {
      const flat: string[] = [];
      v.walk(0, false, (m, s) => {
        flat.push(m, formatDouble(s));
      });
      w.rawString(lpBuild(flat), compress);
    } else {
      w.len(v.length);
      v.walk(v.length - 1, true, (m, s) => {
        w.string(m, compress);
        w.binaryDouble(s);
      });
    }
  }
}

/** DUMP's payload: the value, the 2-byte RDB version and the CRC64 of all that, little-endian. */
export function createDumpPayload(v: RValue, opts: RdbOptions): Buffer {
  const w = new RdbWriter(64);
  encodeValue(w, v, opts);
  w.ensure(10);
  w.buf.writeUInt16LE(RDB_VERSION, w.pos);
  w.pos += 2;
  writeCrc64LE(w.buf, w.pos);
  w.pos += 8;
  return Buffer.from(w.result());
}

/** verifyDumpPayload: footer present, RDB version not newer than ours, CRC64 correct. */
export function verifyDumpPayload(p: Buffer, checkCrc = true): boolean {
  if (p.length < 10) return false;
  const footer = p.length - 10;
  const ver = p.readUInt16LE(footer);
  if (ver > RDB_VERSION) return false;
  if (!checkCrc) return true;
  return checkCrc64LE(p, p.length - 8);
}

// ---- decoding -----------------------------------------------------------------------------------

function isObjectType(t: number): boolean {
  return (t >= 0 && t <= 7) || (t >= 9 && t <= 19);
}

function hashFromPairs(flat: string[], maxEntries: number, maxValue: number): HashValue {
  if (flat.length === 0 || flat.length % 2 !== 0) fail('bad hash');
  const seen = new Set<string>();
  for (let i = 0; i < flat.length; i += 2) {
    const f = flat[i] as string;
    if (seen.has(f)) fail('Duplicate hash fields detected');
    seen.add(f);
  }
  return HashValue.fromPairs(flat, maxEntries, maxValue);
}

function zsetFromPairs(flat: string[], maxEntries: number, maxValue: number): ZSet {
  if (flat.length === 0 || flat.length % 2 !== 0) fail('bad zset');
  const members: string[] = [];
  const scores: number[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < flat.length; i += 2) {
    const m = flat[i] as string;
    if (seen.has(m)) fail('Duplicate zset fields detected');
    seen.add(m);
    const text = flat[i + 1] as string;
    const score = strtod(text.length > 127 ? text.slice(0, 127) : text).value;
    if (Number.isNaN(score)) fail('Zset with NAN score detected');
    members.push(m);
    scores.push(score);
  }
  return ZSet.fromEntries(members, scores, { entries: maxEntries, value: maxValue });
}

function setFromMembers(members: string[], maxIntset: number): SetValue {
  if (members.length === 0) fail('empty set');
  const s = SetValue.from(members, maxIntset);
  if (s.size !== members.length) fail('Duplicate set members detected');
  return s;
}

/** rdbLoadObject for a type already read; throws RdbFormatError. */
export function decodeValue(r: RdbReader, type: number, opts: RdbOptions): RValue {
  switch (type) {
    case RDB_TYPE_STRING:
      return r.string();
    case RDB_TYPE_LIST: {
      const n = r.len();
      if (n === 0) fail('empty list');
      const items: string[] = [];
      for (let i = 0; i < n; i++) items.push(r.string());
      return ListValue.from(items);
    }
    case RDB_TYPE_SET: {
      const n = r.len();
      if (n === 0) fail('empty set');
      const members: string[] = [];
      for (let i = 0; i < n; i++) members.push(r.string());
      return setFromMembers(members, opts.setMaxIntsetEntries);
    }
    case RDB_TYPE_ZSET:
    case RDB_TYPE_ZSET_2: {
      const n = r.len();
      if (n === 0) fail('empty zset');
      const members: string[] = [];
      const scores: number[] = [];
      const seen = new Set<string>();
      for (let i = 0; i < n; i++) {
        const m = r.string();
        const score = type === RDB_TYPE_ZSET_2 ? r.binaryDouble() : r.textDouble();
        if (Number.isNaN(score)) fail('Zset with NAN score detected');
        if (seen.has(m)) fail('Duplicate zset fields detected');
        seen.add(m);
        members.push(m);
        scores.push(score);
      }
      return ZSet.fromEntries(members, scores, {
        entries: opts.zsetMaxListpackEntries,
        value: opts.zsetMaxListpackValue,
      });
    }
    case RDB_TYPE_HASH: {
      const n = r.len();
      if (n === 0) fail('empty hash');
      const flat: string[] = [];
      for (let i = 0; i < n; i++) flat.push(r.string(), r.string());
      return hashFromPairs(flat, opts.hashMaxListpackEntries, opts.hashMaxListpackValue);
    }
    case RDB_TYPE_LIST_QUICKLIST:
    case RDB_TYPE_LIST_QUICKLIST_2: {
      const n = r.len();
      if (n === 0) fail('empty list');
      const items: string[] = [];
      for (let i = 0; i < n; i++) {
        let container = QUICKLIST_NODE_CONTAINER_PACKED;
        if (type === RDB_TYPE_LIST_QUICKLIST_2) {
          container = r.len();
          if (container !== QUICKLIST_NODE_CONTAINER_PACKED && container !== QUICKLIST_NODE_CONTAINER_PLAIN) {
            fail('Quicklist integrity check failed.');
          }
        }
        const data = r.stringBytes();
        if (data.length === 0) fail('empty quicklist node');
        if (container === QUICKLIST_NODE_CONTAINER_PLAIN) {
          items.push(data.latin1Slice(0, data.length));
          continue;
        }
        const els = type === RDB_TYPE_LIST_QUICKLIST_2 ? lpParse(data) : zlParse(data);
        for (const e of els) items.push(e);
      }
      if (items.length === 0) fail('empty list');
      return ListValue.from(items);
    }
    case RDB_TYPE_LIST_ZIPLIST: {
      const items = zlParse(r.stringBytes());
      if (items.length === 0) fail('empty list');
      return ListValue.from(items);
    }
    case RDB_TYPE_SET_INTSET: {
      const members = intsetParse(r.stringBytes());
      return setFromMembers(members, opts.setMaxIntsetEntries);
    }
    case RDB_TYPE_ZSET_ZIPLIST:
      return zsetFromPairs(zlParse(r.stringBytes()), opts.zsetMaxListpackEntries, Infinity);
    case RDB_TYPE_ZSET_LISTPACK:
      return zsetFromPairs(lpParse(r.stringBytes()), opts.zsetMaxListpackEntries, Infinity);
    case RDB_TYPE_HASH_ZIPLIST:
      return hashFromPairs(zlParse(r.stringBytes()), opts.hashMaxListpackEntries, Infinity);
    case RDB_TYPE_HASH_LISTPACK:
      return hashFromPairs(lpParse(r.stringBytes()), opts.hashMaxListpackEntries, Infinity);
    case RDB_TYPE_HASH_ZIPMAP:
      return hashFromPairs(zipmapParse(r.stringBytes()), opts.hashMaxListpackEntries, opts.hashMaxListpackValue);
    default:
      fail(isObjectType(type) ? `unsupported RDB type ${type}` : `bad RDB type ${type}`);
  }
}

/** The value a (verified) DUMP payload holds; throws RdbFormatError. Trailing bytes are ignored. */
export function decodeDumpPayload(p: Buffer, opts: RdbOptions): RValue {
  const r = new RdbReader(p);
  const type = r.byte();
  if (!isObjectType(type)) fail(`bad RDB type ${type}`);
  return decodeValue(r, type, opts);
}
