// The incremental RESP2/RESP3 reply parser, for the CLI, tests, and a replica reading its
// primary: bytes in, typed RespValue frames out. frameEnd() finds where one complete frame
// ends without building it (byte-exact differential tests compare frames as raw bytes).

type Latin1Buffer = Buffer & { latin1Slice(start: number, end: number): string };

export type RespMap = [RespValue, RespValue][];

export type RespValue =
  /** +OK */
  | { type: 'simple'; value: string }
  /** -ERR ... or a RESP3 blob error (!len) */
  | { type: 'error'; value: string }
  /** :n — `value` may be inexact beyond 2^53; `raw` is the exact text */
  | { type: 'integer'; value: number; raw: string }
  /** $len — a latin1 string, or a Buffer when the parser was built with buffers: true */
  | { type: 'bulk'; value: string | Buffer }
  /** $-1 / *-1 (RESP2) or _ (RESP3); `prefix` tells which one was sent */
  | { type: 'null'; prefix: '$' | '*' | '_' }
  | { type: 'array'; value: RespValue[] }
  /** %n — key/value pairs in wire order */
  | { type: 'map'; value: RespMap }
  | { type: 'set'; value: RespValue[] }
  | { type: 'push'; value: RespValue[] }
  /** ,d — `raw` is the exact text (inf, -inf, nan, 1.5, ...) */
  | { type: 'double'; value: number; raw: string }
  | { type: 'boolean'; value: boolean }
  /** (n */
  | { type: 'bignum'; value: bigint; raw: string }
  /** =len\r\nfmt:data */
  | { type: 'verbatim'; format: string; value: string | Buffer }
  /** |n attributes, wrapping the reply they precede */
  | { type: 'attribute'; attributes: RespMap; value: RespValue };

export class RespProtocolError extends Error {}

/** Digits of a header line: an integer, or NaN when malformed. */
function lineInt(buf: Buffer, s: number, e: number): number {
  if (s >= e) return NaN;
  let p = s;
  let neg = false;
  if (buf[p] === 45) {
    neg = true;
    p++;
    if (p >= e) return NaN;
  }
  let v = 0;
  for (; p < e; p++) {
    const c = buf[p]!;
    if (c < 48 || c > 57) return NaN;
    v = v * 10 + (c - 48);
  }
  return neg ? -v : v;
}

function crlfFrom(buf: Buffer, from: number, end: number): number {
  for (let i = from; i < end; i++) if (buf[i] === 13) return i;
  return -1;
}

function typeError(byte: number, pos: number): RespProtocolError {
  return new RespProtocolError(`RESP protocol error: unexpected type byte ${JSON.stringify(String.fromCharCode(byte))} at offset ${pos}`);
}

/**
 * Resumable frame scanner: finds the end of one complete frame, remembering how far it got so
 * a frame that arrives in many pieces is scanned in linear time overall.
 */
class FrameScanner {
  /** Position of the next element to examine. */
  pos: number;
  /** Elements still expected by each open aggregate, innermost last. */
  readonly stack: number[] = [];

  constructor(pos: number) {
    this.pos = pos;
  }

  /** The end offset of the frame, or -1 if buf[.., end) does not hold all of it yet. */
  scan(buf: Buffer, end: number): number {
    let pos = this.pos;
    const stack = this.stack;
    for (;;) {
      if (pos >= end) break;
      const t = buf[pos]!;
      const cr = crlfFrom(buf, pos + 1, end);
      if (cr < 0 || cr + 1 >= end) break;
      let next = cr + 2;
      let open = 0;
      switch (t) {
        case 43: // +
        case 45: // -
        case 58: // :
        case 44: // ,
        case 35: // #
        case 40: // (
        case 95: // _
          break;
        case 36: // $
        case 33: // !
        case 61: { // =
          const n = lineInt(buf, pos + 1, cr);
          if (Number.isNaN(n) || n < -1) throw new RespProtocolError(`RESP protocol error: bad length at offset ${pos}`);
          if (n >= 0) next = cr + 2 + n + 2;
          break;
        }
        case 42: // *
        case 126: // ~
        case 62: // >
        case 37: // %
        case 124: { // |
          const n = lineInt(buf, pos + 1, cr);
          if (Number.isNaN(n) || n < -1) throw new RespProtocolError(`RESP protocol error: bad count at offset ${pos}`);
          if (t === 37) open = n * 2;
          else if (t === 124) open = n * 2 + 1; // the attributes, then the reply they describe
          else open = n;
          break;
        }
        default:
          throw typeError(t, pos);
      }
      if (next > end) break;
      pos = next;
      if (open > 0) {
        stack.push(open);
        continue;
      }
      // An element is complete: close every aggregate it completes.
      for (;;) {
        const top = stack.length - 1;
        if (top < 0) {
          this.pos = pos;
          return pos;
        }
        const left = stack[top]! - 1;
        if (left > 0) {
          stack[top] = left;
          break;
        }
        stack.pop();
      }
    }
    this.pos = pos;
    return -1;
  }
}

/**
 * The end offset of the complete reply frame starting at `start`, or -1 when `buf` does not
 * hold all of it. Throws RespProtocolError on bytes that are not RESP.
 */
export function frameEnd(buf: Buffer, start: number): number {
  return new FrameScanner(start).scan(buf, buf.length);
}

export interface ReplyParserOptions {
  /** Return bulk and verbatim payloads as Buffers instead of latin1 strings. */
  buffers?: boolean;
}

export class ReplyParser {
  private buf: Latin1Buffer = Buffer.alloc(0) as Latin1Buffer;
  private start = 0;
  private end = 0;
  private scanner: FrameScanner | null = null;
  private readonly buffers: boolean;

  constructor(opts: ReplyParserOptions = {}) {
    this.buffers = opts.buffers === true;
  }

  feed(chunk: Buffer): void {
    const n = chunk.length;
    if (n === 0) return;
    if (this.end + n > this.buf.length) {
      const pending = this.end - this.start;
      if (pending + n <= this.buf.length >>> 1) {
        this.buf.copyWithin(0, this.start, this.end);
      } else {
        let size = Math.max(16 * 1024, this.buf.length * 2);
        while (size < pending + n) size *= 2;
        const next = Buffer.allocUnsafe(size) as Latin1Buffer;
        this.buf.copy(next, 0, this.start, this.end);
        this.buf = next;
      }
      if (this.scanner !== null) this.scanner.pos -= this.start;
      this.start = 0;
      this.end = pending;
    }
    chunk.copy(this.buf, this.end);
    this.end += n;
  }

  /** Bytes received and not yet returned as frames. */
  bufferedBytes(): number {
    return this.end - this.start;
  }

  /** The next complete reply, or undefined. Throws RespProtocolError on malformed input. */
  next(): RespValue | undefined {
    const raw = this.nextFrameBounds();
    if (raw === null) return undefined;
    const { value } = this.parseAt(raw.start);
    return value;
  }

  /** The next complete reply as its raw bytes (a copy), or undefined. */
  nextRaw(): Buffer | undefined {
    const raw = this.nextFrameBounds();
    if (raw === null) return undefined;
    return Buffer.from(this.buf.subarray(raw.start, raw.end));
  }

  private nextFrameBounds(): { start: number; end: number } | null {
    if (this.start >= this.end) return null;
    if (this.scanner === null) this.scanner = new FrameScanner(this.start);
    const e = this.scanner.scan(this.buf, this.end);
    if (e < 0) return null;
    this.scanner = null;
    const s = this.start;
    this.start = e;
    if (this.start === this.end) this.start = this.end = 0;
    return { start: s, end: e };
  }

  /** Builds the value at `pos` (known complete). */
  private parseAt(pos: number): { value: RespValue; next: number } {
    const b = this.buf;
    const t = b[pos]!;
    const cr = crlfFrom(b, pos + 1, b.length);
    const line = (): string => b.latin1Slice(pos + 1, cr);
    let next = cr + 2;
    switch (t) {
      case 43:
        return { value: { type: 'simple', value: line() }, next };
      case 45:
        return { value: { type: 'error', value: line() }, next };
      case 58: {
        const raw = line();
        return { value: { type: 'integer', value: Number(raw), raw }, next };
      }
      case 44: {
        const raw = line();
        const lower = raw.toLowerCase();
        const value = lower === 'inf' || lower === '+inf' ? Infinity : lower === '-inf' ? -Infinity : lower === 'nan' || lower === '-nan' ? NaN : Number(raw);
        return { value: { type: 'double', value, raw }, next };
      }
      case 35:
        return { value: { type: 'boolean', value: b[pos + 1] === 116 }, next };
      case 40: {
        const raw = line();
        return { value: { type: 'bignum', value: BigInt(raw), raw }, next };
      }
      case 95:
        return { value: { type: 'null', prefix: '_' }, next };
      case 36:
      case 33:
      case 61: {
        const n = lineInt(b, pos + 1, cr);
        if (n < 0) return { value: { type: 'null', prefix: '$' }, next };
        const s = cr + 2;
        next = s + n + 2;
        if (t === 33) return { value: { type: 'error', value: b.latin1Slice(s, s + n) }, next };
        if (t === 61) {
          const format = b.latin1Slice(s, Math.min(s + 3, s + n));
          const ds = Math.min(s + 4, s + n);
          const value = this.buffers ? Buffer.from(b.subarray(ds, s + n)) : b.latin1Slice(ds, s + n);
          return { value: { type: 'verbatim', format, value }, next };
        }
        const value = this.buffers ? Buffer.from(b.subarray(s, s + n)) : b.latin1Slice(s, s + n);
        return { value: { type: 'bulk', value }, next };
      }
      case 42:
      case 126:
      case 62: {
        const n = lineInt(b, pos + 1, cr);
        if (n < 0) return { value: { type: 'null', prefix: '*' }, next };
        const items: RespValue[] = new Array(n);
        for (let i = 0; i < n; i++) {
          const r = this.parseAt(next);
          items[i] = r.value;
          next = r.next;
        }
        const type = t === 42 ? 'array' : t === 126 ? 'set' : 'push';
        return { value: { type, value: items }, next };
      }
      case 37:
      case 124: {
        const n = lineInt(b, pos + 1, cr);
        const pairs: RespMap = [];
        for (let i = 0; i < n; i++) {
          const k = this.parseAt(next);
          const v = this.parseAt(k.next);
          pairs.push([k.value, v.value]);
          next = v.next;
        }
        if (t === 37) return { value: { type: 'map', value: pairs }, next };
        const inner = this.parseAt(next);
        return { value: { type: 'attribute', attributes: pairs, value: inner.value }, next: inner.next };
      }
      default:
        throw typeError(t, pos);
    }
  }
}

/** Parses every complete frame in `buf` (convenience for tests). */
export function parseReplies(buf: Buffer, opts: ReplyParserOptions = {}): RespValue[] {
  const p = new ReplyParser(opts);
  p.feed(buf);
  const out: RespValue[] = [];
  for (let v = p.next(); v !== undefined; v = p.next()) out.push(v);
  return out;
}

/** A reply reduced to plain JS values (tests, benchmarks, simple tools). */
export type PlainReply = string | bigint | null | Error | PlainReply[];

/**
 * Flattens a RespValue: simple/bulk/verbatim/double/bignum as latin1 strings, integers as
 * bigint, errors as Error, nulls as null, aggregates (maps as flat key/value lists) as arrays.
 */
export function plainReply(v: RespValue): PlainReply {
  switch (v.type) {
    case 'simple':
      return v.value;
    case 'error':
      return new Error(v.value);
    case 'integer':
      return BigInt(v.raw);
    case 'bulk':
    case 'verbatim':
      return typeof v.value === 'string' ? v.value : v.value.toString('latin1');
    case 'null':
      return null;
    case 'array':
    case 'set':
    case 'push':
      return v.value.map(plainReply);
    case 'map':
      return v.value.flatMap(([k, val]) => [plainReply(k), plainReply(val)]);
    case 'double':
    case 'bignum':
      return v.raw;
    case 'boolean':
      return v.value ? 1n : 0n;
    case 'attribute':
      return plainReply(v.value);
  }
}
