// CRC-64 as Redis's crc64.c computes it (Jones polynomial 0xad93d23594c935a9, reflected input
// and output, initial value 0, no final xor): the checksum of DUMP payloads and RDB files.
// The 64-bit state is kept as two unsigned 32-bit halves so the hot loop stays in small ints.

/** Bit-reversed Jones polynomial, split into halves. */
const POLY_HI = 0x95ac9329;
const POLY_LO = 0xac4bc9b5;

const TABLE_HI = new Uint32Array(256);
const TABLE_LO = new Uint32Array(256);

for (let i = 0; i < 256; i++) {
  let hi = 0;
  let lo = i;
  for (let k = 0; k < 8; k++) {
    const bit = lo & 1;
    lo = ((lo >>> 1) | ((hi & 1) << 31)) >>> 0;
    hi = hi >>> 1;
    if (bit) {
      hi = (hi ^ POLY_HI) >>> 0;
      lo = (lo ^ POLY_LO) >>> 0;
    }
  }
  TABLE_HI[i] = hi;
  TABLE_LO[i] = lo;
}

/** Running CRC state as [hi, lo] unsigned 32-bit halves. */
export interface Crc64State {
  hi: number;
  lo: number;
}

/** Folds bytes[start, end) into the state (crc64(crc, p, len) in Redis). */
export function crc64Update(state: Crc64State, bytes: Uint8Array, start = 0, end = bytes.length): void {
  let hi = state.hi;
  let lo = state.lo;
  for (let i = start; i < end; i++) {
    const idx = (lo ^ (bytes[i] as number)) & 0xff;
    // crc = table[idx] ^ (crc >> 8)
    const nlo = ((lo >>> 8) | ((hi & 0xff) << 24)) >>> 0;
    const nhi = hi >>> 8;
    hi = (nhi ^ (TABLE_HI[idx] as number)) >>> 0;
    lo = (nlo ^ (TABLE_LO[idx] as number)) >>> 0;
  }
  state.hi = hi;
  state.lo = lo;
}

/** CRC-64 of bytes[start, end) from a zero state, as a bigint. */
export function crc64(bytes: Uint8Array, start = 0, end = bytes.length): bigint {
  const s = { hi: 0, lo: 0 };
  crc64Update(s, bytes, start, end);
  return (BigInt(s.hi) << 32n) | BigInt(s.lo);
}

/** Writes the CRC of bytes[0, at) little-endian into bytes[at, at + 8) (Redis's on-disk order). */
export function writeCrc64LE(bytes: Uint8Array, at: number): void {
  const s = { hi: 0, lo: 0 };
  crc64Update(s, bytes, 0, at);
  for (let k = 0; k < 4; k++) bytes[at + k] = (s.lo >>> (8 * k)) & 0xff;
  for (let k = 0; k < 4; k++) bytes[at + 4 + k] = (s.hi >>> (8 * k)) & 0xff;
}

/** Whether bytes[at, at + 8) holds the little-endian CRC of bytes[0, at). */
export function checkCrc64LE(bytes: Uint8Array, at: number): boolean {
  const s = { hi: 0, lo: 0 };
  crc64Update(s, bytes, 0, at);
  for (let k = 0; k < 4; k++) if (bytes[at + k] !== ((s.lo >>> (8 * k)) & 0xff)) return false;
  for (let k = 0; k < 4; k++) if (bytes[at + 4 + k] !== ((s.hi >>> (8 * k)) & 0xff)) return false;
  return true;
}
