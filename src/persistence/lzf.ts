// LZF compression as used by Redis's RDB strings (liblzf 3.6 format). Compression follows
// liblzf's algorithm (HLOG 16, VERY_FAST hashing, a zeroed hash table) so its output usually
// equals Redis's; decompression accepts any valid LZF stream.

const HLOG = 16;
const HSIZE = 1 << HLOG;
const MAX_LIT = 1 << 5;
const MAX_OFF = 1 << 13;
const MAX_REF = (1 << 8) + (1 << 3);

let htab: Int32Array | null = null;

/**
 * Compresses `input` into at most `outLen` bytes. Returns the compressed bytes, or null when the
 * result would not fit (liblzf's 0 return), as rdbSaveLzfStringObject calls it with len - 4.
 */
export function lzfCompress(input: Uint8Array, outLen: number): Uint8Array | null {
  const inLen = input.length;
  if (inLen === 0 || outLen <= 0) return null;
  const out = new Uint8Array(outLen + 1);
  const tab = htab ?? (htab = new Int32Array(HSIZE));
  tab.fill(0);
  const inEnd = inLen;
  const outEnd = outLen;
  let ip = 0;
  let op = 0;
  let lit = 0;
  op++; // start run
  let hval = ((input[0] as number) << 8) | (input[1] ?? 0);
  while (ip < inEnd - 2) {
    hval = ((hval << 8) | (input[ip + 2] as number)) >>> 0;
    const slot = ((hval >>> (3 * 8 - HLOG)) - Math.imul(hval, 5)) & (HSIZE - 1);
    const ref = tab[slot] as number;
    tab[slot] = ip;
    const off = ip - ref - 1;
    if (
      ref < ip &&
      off < MAX_OFF &&
      ref > 0 &&
      input[ref + 2] === input[ip + 2] &&
      input[ref] === input[ip] &&
      input[ref + 1] === input[ip + 1]
    ) {
      let len = 2;
      let maxlen = inEnd - ip - len;
      if (maxlen > MAX_REF) maxlen = MAX_REF;
      if (op + 3 + 1 >= outEnd) {
        if (op - (lit === 0 ? 1 : 0) + 3 + 1 >= outEnd) return null;
      }
      out[op - lit - 1] = lit - 1; // stop run
      if (lit === 0) op--; // undo run if length is zero
      do len++;
      while (len < maxlen && input[ref + len] === input[ip + len]);
      len -= 2; // len is now #octets - 1
      ip++;
      if (len < 7) {
        out[op++] = (off >> 8) + (len << 5);
      } else {
        out[op++] = (off >> 8) + (7 << 5);
        out[op++] = len - 7;
      }
      out[op++] = off & 0xff;
      lit = 0;
      op++; // start run
      ip += len + 1;
      if (ip >= inEnd - 2) break;
      ip -= 2;
      hval = ((input[ip] as number) << 8) | (input[ip + 1] as number);
      hval = ((hval << 8) | (input[ip + 2] as number)) >>> 0;
      tab[((hval >>> (3 * 8 - HLOG)) - Math.imul(hval, 5)) & (HSIZE - 1)] = ip;
      ip++;
      hval = ((hval << 8) | (input[ip + 2] as number)) >>> 0;
      tab[((hval >>> (3 * 8 - HLOG)) - Math.imul(hval, 5)) & (HSIZE - 1)] = ip;
      ip++;
    } else {
      if (op >= outEnd) return null;
      lit++;
      out[op++] = input[ip++] as number;
      if (lit === MAX_LIT) {
        out[op - lit - 1] = lit - 1;
        lit = 0;
        op++;
      }
    }
  }
  if (op + 3 > outEnd) return null;
  while (ip < inEnd) {
    lit++;
    out[op++] = input[ip++] as number;
    if (lit === MAX_LIT) {
      out[op - lit - 1] = lit - 1;
      lit = 0;
      op++;
    }
  }
  out[op - lit - 1] = lit - 1; // end run
  if (lit === 0) op--;
  if (op > outLen) return null;
  return out.subarray(0, op);
}

/**
 * Decompresses an LZF stream that must expand to exactly `outLen` bytes; null when the stream
 * is malformed or its length differs (Redis's "Invalid LZF compressed string").
 */
export function lzfDecompress(input: Uint8Array, outLen: number): Uint8Array | null {
  const out = new Uint8Array(outLen);
  const inEnd = input.length;
  let ip = 0;
  let op = 0;
  while (ip < inEnd) {
    const ctrl = input[ip++] as number;
    if (ctrl < 32) {
      const n = ctrl + 1;
      if (op + n > outLen || ip + n > inEnd) return null;
      out.set(input.subarray(ip, ip + n), op);
      op += n;
      ip += n;
    } else {
      let len = ctrl >> 5;
      if (len === 7) {
        if (ip >= inEnd) return null;
        len += input[ip++] as number;
      }
      if (ip >= inEnd) return null;
      const ref = op - ((ctrl & 0x1f) << 8) - (input[ip++] as number) - 1;
      len += 2;
      if (op + len > outLen || ref < 0) return null;
      for (let k = 0; k < len; k++) out[op + k] = out[ref + k] as number;
      op += len;
    }
  }
  return op === outLen ? out : null;
}
