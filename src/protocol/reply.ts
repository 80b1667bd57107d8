// The semantic reply writer: handlers describe replies (bulk, map, double, ...) and this module
// alone decides the RESP2/RESP3 bytes. Replies accumulate in one growable buffer per connection
// and are taken out once per read batch (one socket write).
import { formatDouble } from '../util/numbers.js';

const CRLF = '\r\n';

/** A placeholder for a length written later (Redis's addReplyDeferredLen). */
export interface DeferredLen {
  readonly pos: number;
  readonly kind: 'array' | 'map' | 'set';
}

const DEFER_SLOT = 24;

/**
 * The most one read batch may produce for one client. Redis has no such limit (it would grow
 * until the machine runs out of memory, e.g. SRANDMEMBER k -9223372036854775807); a Node
 * process would crash instead, so the writer refuses and the pipeline turns that into an error.
 */
export const MAX_REPLY_BYTES = 1024 * 1024 * 1024;

/** Writes a non-negative integer's decimal digits at `p`; returns the position after them. */
function writeDecimal(buf: Buffer, p: number, n: number): number {
  if (n < 10) {
    buf[p] = 48 + n;
    return p + 1;
  }
  if (n < 100) {
    buf[p] = 48 + ((n / 10) | 0);
    buf[p + 1] = 48 + (n % 10);
    return p + 2;
  }
  const digits = String(n);
  return p + buf.latin1Write(digits, p, digits.length);
}

export class ReplyTooLargeError extends Error {
  constructor() {
    super('reply exceeds the maximum size');
  }
} // bytes reserved for a deferred header ("*<up to 20 digits>\r\n")

export class ReplyWriter {
  /** Protocol version of the client this writer belongs to. */
  resp: 2 | 3 = 2;
  private buf: Buffer;
  private len = 0;
  /** Deferred headers whose slots must be compacted on take(). */
  private deferred: { pos: number; used: number }[] = [];
  /** When true, replies are discarded (CLIENT REPLY OFF/SKIP). */
  muted = false;
  /** Called for every error reply (error statistics), muted or not. */
  onError: ((msg: string) => void) | null = null;

  constructor(initial = 16 * 1024) {
    this.buf = Buffer.allocUnsafe(initial);
  }

  get length(): number {
    return this.len;
  }

  private ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    if (this.len + n > MAX_REPLY_BYTES) throw new ReplyTooLargeError();
    let size = Math.max(64, this.buf.length * 2);
    while (size < this.len + n) size *= 2;
    size = Math.min(size, MAX_REPLY_BYTES);
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.len);
    this.buf = next;
  }

  /** Appends ASCII/latin1 text verbatim. */
  private text(s: string): void {
    const n = s.length;
    this.ensure(n);
    this.len += this.buf.latin1Write(s, this.len, n);
  }

  private bytes(b: Buffer | Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }

  /** Raw protocol bytes (for MONITOR lines, pre-encoded replies). Use sparingly. */
  raw(b: Buffer | string): void {
    if (this.muted) return;
    if (typeof b === 'string') this.text(b);
    else this.bytes(b);
  }

  ok(): void {
    if (this.muted) return;
    this.ensure(5);
    const buf = this.buf;
    const p = this.len;
    buf[p] = 43; // "+OK\r\n"
    buf[p + 1] = 79;
    buf[p + 2] = 75;
    buf[p + 3] = 13;
    buf[p + 4] = 10;
    this.len = p + 5;
  }

  simple(s: string): void {
    if (this.muted) return;
    this.text('+' + s + CRLF);
  }

  /** An error reply; `msg` is the full message including its code (e.g. "ERR syntax error"). */
  error(msg: string): void {
    if (this.onError !== null) this.onError(msg);
    if (this.muted) return;
    // Redis replaces newlines in error messages with spaces so the protocol stays intact.
    const clean = msg.indexOf('\n') >= 0 || msg.indexOf('\r') >= 0 ? msg.replace(/[\r\n]/g, ' ') : msg;
    this.text('-' + clean + CRLF);
  }

  integer(n: number | bigint): void {
    if (this.muted) return;
    if (typeof n === 'number' && n >= 0 && n < 100 && (n | 0) === n) {
      this.ensure(8);
      const buf = this.buf;
      let p = this.len;
      buf[p++] = 58; // ':'
      p = writeDecimal(buf, p, n);
      buf[p++] = 13;
      buf[p++] = 10;
      this.len = p;
      return;
    }
    this.text(':' + n + CRLF);
  }

  bulk(s: string | Buffer): void {
    if (this.muted) return;
    const n = s.length;
    this.ensure(n + 24);
    const buf = this.buf;
    let p = this.len;
    buf[p++] = 36; // '$'
    p = writeDecimal(buf, p, n);
    buf[p++] = 13;
    buf[p++] = 10;
    if (typeof s === 'string') {
      // Short values byte by byte (no native call), longer ones with one latin1 copy.
      if (n <= 16) {
        for (let i = 0; i < n; i++) buf[p + i] = s.charCodeAt(i);
        p += n;
      } else {
        p += buf.latin1Write(s, p, n);
      }
    } else {
      buf.set(s, p);
      p += n;
    }
    buf[p++] = 13;
    buf[p++] = 10;
    this.len = p;
  }

  /** A null where Redis would send a null bulk string ($-1 in RESP2). */
  nullBulk(): void {
    if (this.muted) return;
    this.text(this.resp === 3 ? '_\r\n' : '$-1\r\n');
  }

  /** A null where Redis would send a null array (*-1 in RESP2). */
  nullArray(): void {
    if (this.muted) return;
    this.text(this.resp === 3 ? '_\r\n' : '*-1\r\n');
  }

  arrayLen(n: number): void {
    if (this.muted) return;
    this.ensure(24);
    const buf = this.buf;
    let p = this.len;
    buf[p++] = 42; // '*'
    p = writeDecimal(buf, p, n);
    buf[p++] = 13;
    buf[p++] = 10;
    this.len = p;
  }

  /** A map of n key/value pairs: RESP3 '%', RESP2 a flat array of 2n. */
  mapLen(n: number): void {
    if (this.muted) return;
    this.text(this.resp === 3 ? '%' + n + CRLF : '*' + n * 2 + CRLF);
  }

  setLen(n: number): void {
    if (this.muted) return;
    this.text(this.resp === 3 ? '~' + n + CRLF : '*' + n + CRLF);
  }

  /** Out-of-band push (pub/sub, invalidation). RESP2 sends it as an array. */
  pushLen(n: number): void {
    if (this.muted) return;
    this.text(this.resp === 3 ? '>' + n + CRLF : '*' + n + CRLF);
  }

  /** A double as Redis 7.0 replies it: RESP3 ',' type, RESP2 a bulk string (%.17g). */
  double(d: number): void {
    if (this.muted) return;
    const s = formatDouble(d);
    if (this.resp === 3) this.text(',' + s + CRLF);
    else this.bulk(s);
  }

  bool(b: boolean): void {
    if (this.muted) return;
    if (this.resp === 3) this.text(b ? '#t\r\n' : '#f\r\n');
    else this.text(b ? ':1\r\n' : ':0\r\n');
  }

  bigNumber(digits: string): void {
    if (this.muted) return;
    if (this.resp === 3) this.text('(' + digits + CRLF);
    else this.bulk(digits);
  }

  /** Verbatim string (RESP3 '=' with a 3-letter format), a bulk string in RESP2. */
  verbatim(s: string, format = 'txt'): void {
    if (this.muted) return;
    if (this.resp === 3) {
      this.text('=' + (s.length + 4) + CRLF + format + ':');
      this.text(s);
      this.text(CRLF);
    } else {
      this.bulk(s);
    }
  }

  /** An array of bulk strings (null entries become null bulks). */
  bulkArray(items: readonly (string | Buffer | null)[]): void {
    if (this.muted) return;
    this.arrayLen(items.length);
    for (const it of items) {
      if (it === null) this.nullBulk();
      else this.bulk(it);
    }
  }

  /** An empty array, or RESP3 empty set/map when asked. */
  emptyArray(): void {
    if (this.muted) return;
    this.text('*0\r\n');
  }

  /** Reserves a header whose length is written later with setDeferred(). */
  deferLen(kind: 'array' | 'map' | 'set' = 'array'): DeferredLen {
    if (this.muted) return { pos: -1, kind };
    this.ensure(DEFER_SLOT);
    const pos = this.len;
    this.len += DEFER_SLOT;
    // `used` stays 0 until setDeferred(): an unset header is dropped rather than sent.
    this.deferred.push({ pos, used: 0 });
    return { pos, kind };
  }

  setDeferred(d: DeferredLen, n: number): void {
    if (d.pos < 0) return;
    let prefix = '*';
    let count = n;
    if (d.kind === 'map') {
      if (this.resp === 3) prefix = '%';
      else count = n * 2;
    } else if (d.kind === 'set' && this.resp === 3) prefix = '~';
    const header = prefix + count + CRLF;
    let entry: { pos: number; used: number } | undefined;
    for (let i = this.deferred.length - 1; i >= 0; i--) {
      const e = this.deferred[i] as { pos: number; used: number };
      if (e.pos === d.pos) {
        entry = e;
        break;
      }
    }
    if (!entry) return;
    this.buf.latin1Write(header, d.pos);
    entry.used = header.length;
  }

  /** True when nothing is pending. */
  isEmpty(): boolean {
    return this.len === 0;
  }

  /** Takes everything written so far as one Buffer (a copy) and resets the writer. */
  take(): Buffer {
    let out: Buffer;
    if (this.deferred.length === 0) {
      out = Buffer.allocUnsafe(this.len);
      this.buf.copy(out, 0, 0, this.len);
    } else {
      // Compact reserved header slots down to the bytes actually used.
      let total = this.len;
      for (const d of this.deferred) total -= DEFER_SLOT - d.used;
      out = Buffer.allocUnsafe(total);
      let src = 0;
      let dst = 0;
      for (const d of this.deferred) {
        dst += this.buf.copy(out, dst, src, d.pos + d.used);
        src = d.pos + DEFER_SLOT;
      }
      this.buf.copy(out, dst, src, this.len);
      this.deferred = [];
    }
    this.len = 0;
    if (this.buf.length > 1024 * 1024) this.buf = Buffer.allocUnsafe(16 * 1024);
    return out;
  }

  /** Marks the current position, so a caller can discard or capture what follows. */
  mark(): number {
    return this.len;
  }

  /** Returns the bytes written since `mark` (a copy), and removes them from the writer. */
  cutFrom(mark: number): Buffer {
    if (this.deferred.some((d) => d.pos >= mark)) {
      // Compact only the deferred slots inside the cut region.
      const inside = this.deferred.filter((d) => d.pos >= mark);
      this.deferred = this.deferred.filter((d) => d.pos < mark);
      let total = this.len - mark;
      for (const d of inside) total -= DEFER_SLOT - d.used;
      const out = Buffer.allocUnsafe(total);
      let src = mark;
      let dst = 0;
      for (const d of inside) {
        dst += this.buf.copy(out, dst, src, d.pos + d.used);
        src = d.pos + DEFER_SLOT;
      }
      this.buf.copy(out, dst, src, this.len);
      this.len = mark;
      return out;
    }
    const out = Buffer.allocUnsafe(this.len - mark);
    this.buf.copy(out, 0, mark, this.len);
    this.len = mark;
    return out;
  }
}
