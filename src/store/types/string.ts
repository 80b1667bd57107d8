// The string value type. Most strings are plain latin1 JS strings (compact and fast); a value
// grown or edited in place (APPEND, SETRANGE, SETBIT) becomes a MutableString: a Buffer with
// spare capacity, which is what Redis reports as the "raw" encoding.

export class MutableString {
  readonly type = 'string' as const;
  buf: Buffer;
  len: number;

  constructor(initial: string | Buffer, capacity = 0) {
    const n = initial.length;
    this.buf = Buffer.alloc(Math.max(capacity, n));
    if (typeof initial === 'string') this.buf.latin1Write(initial, 0, n);
    else initial.copy(this.buf, 0);
    this.len = n;
  }

  /** Makes room for `n` bytes in total, zero-filling, growing greedily as sds does. */
  reserve(n: number): void {
    if (n <= this.buf.length) return;
    const size = n < 1024 * 1024 ? n * 2 : n + 1024 * 1024;
    const next = Buffer.alloc(size);
    this.buf.copy(next, 0, 0, this.len);
    this.buf = next;
  }

  append(s: string | Buffer): void {
    const n = s.length;
    this.reserve(this.len + n);
    if (typeof s === 'string') this.buf.latin1Write(s, this.len, n);
    else s.copy(this.buf, this.len);
    this.len += n;
  }

  /** Writes `s` at `offset`, zero-padding any gap. */
  writeAt(offset: number, s: string): void {
    const end = offset + s.length;
    this.reserve(end);
    if (offset > this.len) this.buf.fill(0, this.len, offset);
    this.buf.latin1Write(s, offset, s.length);
    if (end > this.len) this.len = end;
  }

  toString(): string {
    return this.buf.latin1Slice(0, this.len);
  }

  slice(start: number, end: number): string {
    return this.buf.latin1Slice(start, end);
  }
}

export type StringValue = string | MutableString;

/** The bytes of a string value as a latin1 string. */
export function stringOf(v: StringValue): string {
  return typeof v === 'string' ? v : v.toString();
}

export function stringLength(v: StringValue): number {
  return typeof v === 'string' ? v.length : v.len;
}
