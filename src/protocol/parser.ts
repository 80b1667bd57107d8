// The incremental request parser: turns the bytes a client sends into argv arrays exactly as
// Redis 7.0.15 does (networking.c processInlineBuffer / processMultibulkBuffer, sds.c
// sdssplitargs), including every protocol error text and the cases Redis silently skips.
//
// Hot path. Bytes are scanned with integer loops; each argument is copied out of the buffer
// with latin1Slice, so no argument keeps a socket chunk alive. The parser resumes a partially
// received command where it stopped (it never re-parses finished arguments), and arguments of
// 32 KB or more that arrive in pieces are collected as a list of chunks and joined once, so a
// declared length is never allocated up front and large values cost linear time.

export interface ParserLimits {
  /** proto-max-bulk-len: the largest bulk argument accepted (Redis default 512 MB). */
  protoMaxBulkLen: number;
  /** client-query-buffer-limit: the server closes a client whose bufferedBytes() exceed it. */
  queryBufferLimit: number;
}

/**
 * One command's argv (latin1 strings, never empty), a protocol error (the full reply text,
 * e.g. "ERR Protocol error: invalid multibulk length"; the connection replies it and closes),
 * or null when more bytes are needed.
 */
export type ParseResult = string[] | { error: string } | null;

/** Node's Buffer has fast latin1 helpers that @types/node does not declare. */
type Latin1Buffer = Buffer & { latin1Slice(start: number, end: number): string };

/** PROTO_INLINE_MAX_SIZE: a line (inline request or count header) without terminator may not exceed it. */
export const PROTO_INLINE_MAX_SIZE = 64 * 1024;
/** PROTO_MBULK_BIG_ARG: arguments at least this long are gathered as chunks. */
export const PROTO_MBULK_BIG_ARG = 32 * 1024;
/** Before authentication: at most this many arguments ... */
export const UNAUTH_MAX_MULTIBULK = 10;
/** ... each of at most this many bytes. */
export const UNAUTH_MAX_BULK = 16384;
const INT_MAX = 2147483647;

export const ERR_TOO_BIG_INLINE = 'ERR Protocol error: too big inline request';
export const ERR_UNBALANCED_QUOTES = 'ERR Protocol error: unbalanced quotes in request';
export const ERR_TOO_BIG_MBULK_COUNT = 'ERR Protocol error: too big mbulk count string';
export const ERR_INVALID_MBULK_LEN = 'ERR Protocol error: invalid multibulk length';
export const ERR_UNAUTH_MBULK_LEN = 'ERR Protocol error: unauthenticated multibulk length';
export const ERR_TOO_BIG_BULK_COUNT = 'ERR Protocol error: too big bulk count string';
export const ERR_INVALID_BULK_LEN = 'ERR Protocol error: invalid bulk length';
export const ERR_UNAUTH_BULK_LEN = 'ERR Protocol error: unauthenticated bulk length';

/** "Protocol error: expected '$', got '%c'" — Redis maps CR/LF in error texts to spaces. */
export function expectedDollarError(byte: number): string {
  const c = byte === 13 || byte === 10 ? ' ' : String.fromCharCode(byte);
  return "ERR Protocol error: expected '$', got '" + c + "'";
}

const EMPTY = Buffer.alloc(0) as Latin1Buffer;
const SCRATCH_MIN = 16 * 1024;
/** Pieces of a big argument smaller than this are coalesced into BIG_STAGE-byte buffers. */
const BIG_SMALL_PART = 1024;
const BIG_STAGE = 16 * 1024;
/** A scratch buffer larger than this is released once it holds nothing. */
const SCRATCH_KEEP_MAX = 1024 * 1024;

const LLONG_MAX_DIGITS = [57, 50, 50, 51, 51, 55, 50, 48, 51, 54, 56, 53, 52, 55, 55, 53, 56, 48, 55]; // "9223372036854775807"

/**
 * Redis's string2ll over buf[s, e): the whole range must be a canonical int64 (no sign other
 * than one leading '-', no leading zeros, no spaces, "-0" refused, at most 20 bytes).
 * Returns NaN when Redis would refuse it. Values beyond 2^53 come back as the nearest double
 * (fine for the limits they are compared with); validity itself is decided exactly.
 */
export function parseLongLong(buf: Buffer, s: number, e: number): number {
  const len = e - s;
  if (len <= 0 || len >= 21) return NaN;
  let p = s;
  let c = buf[p]!;
  if (c === 48) return len === 1 ? 0 : NaN;
  let neg = false;
  if (c === 45) {
    neg = true;
    if (++p === e) return NaN;
    c = buf[p]!;
  }
  if (c < 49 || c > 57) return NaN;
  let v = c - 48;
  const digitsStart = p;
  for (p++; p < e; p++) {
    c = buf[p]!;
    if (c < 48 || c > 57) return NaN;
    v = v * 10 + (c - 48);
  }
  const digits = e - digitsStart;
  if (digits > 19) return NaN;
  if (digits === 19) {
    // Compare with 9223372036854775807 (or ...808 for a negative value) digit by digit.
    for (let i = 0; i < 19; i++) {
      const d = buf[digitsStart + i]!;
      const lim = i === 18 && neg ? 56 : LLONG_MAX_DIGITS[i]!;
      if (d < lim) break;
      if (d > lim) return NaN;
    }
  }
  // Beyond 2^53 the running product is inexact: take the correctly rounded value instead.
  if (digits > 15) v = Number((buf as Latin1Buffer).latin1Slice(digitsStart, e));
  return neg ? -v : v;
}

/** C isspace() in the "C" locale: space, \t, \n, \v, \f, \r. */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

function hexVal(c: number): number {
  return c <= 57 ? c - 48 : c >= 97 ? c - 87 : c - 55;
}

/**
 * sdssplitargs over buf[s, e) (the bytes after e read as the terminating NUL). Returns the
 * arguments, or null for unbalanced quotes. `buf[s, e)` must not contain NUL bytes.
 */
export function splitArgsBytes(buf: Buffer, s: number, e: number): string[] | null {
  const b = buf as Latin1Buffer;
  const out: string[] = [];
  let p = s;
  for (;;) {
    while (p < e && isSpace(b[p]!)) p++;
    if (p >= e) return out;
    // Fast path: a plain token (no quotes) is one slice.
    const tokStart = p;
    let c = 0;
    while (p < e) {
      c = b[p]!;
      if (c === 32 || c === 10 || c === 13 || c === 9 || c === 34 || c === 39) break;
      p++;
    }
    if (p >= e || (c !== 34 && c !== 39)) {
      out.push(b.latin1Slice(tokStart, p));
      if (p < e) p++; // the separator
      continue;
    }
    // Slow path: the token contains quotes.
    let cur = b.latin1Slice(tokStart, p);
    let inq = false;
    let insq = false;
    for (;;) {
      c = p < e ? b[p]! : 0;
      if (inq) {
        if (c === 92 && p + 3 < e && b[p + 1] === 120 && isHex(b[p + 2]!) && isHex(b[p + 3]!)) {
          cur += String.fromCharCode(hexVal(b[p + 2]!) * 16 + hexVal(b[p + 3]!));
          p += 3;
        } else if (c === 92 && p + 1 < e) {
          p++;
          const n = b[p]!;
          switch (n) {
            case 110: cur += '\n'; break;
            case 114: cur += '\r'; break;
            case 116: cur += '\t'; break;
            case 98: cur += '\b'; break;
            case 97: cur += '\x07'; break;
            default: cur += String.fromCharCode(n);
          }
        } else if (c === 34) {
          // The closing quote must be followed by a space or nothing at all.
          if (p + 1 < e && !isSpace(b[p + 1]!)) return null;
          p++;
          break;
        } else if (p >= e) {
          return null; // unterminated quotes
        } else {
          // Copy a run of ordinary characters at once.
          const runStart = p;
          while (p + 1 < e) {
            const n = b[p + 1]!;
            if (n === 92 || n === 34) break;
            p++;
          }
          cur += b.latin1Slice(runStart, p + 1);
        }
      } else if (insq) {
        if (c === 92 && p + 1 < e && b[p + 1] === 39) {
          p++;
          cur += "'";
        } else if (c === 39) {
          if (p + 1 < e && !isSpace(b[p + 1]!)) return null;
          p++;
          break;
        } else if (p >= e) {
          return null;
        } else {
          cur += String.fromCharCode(c);
        }
      } else {
        if (p >= e) break;
        if (c === 32 || c === 10 || c === 13 || c === 9) {
          p++;
          break;
        }
        if (c === 34) inq = true;
        else if (c === 39) insq = true;
        else cur += String.fromCharCode(c);
      }
      p++;
    }
    out.push(cur);
  }
}

/**
 * sdssplitargs over a JS string (config lines, CLI input). The string is read up to its first
 * NUL, as C would. Characters above 0xFF are kept as they are.
 */
export function splitArgs(line: string): string[] | null {
  let e = line.indexOf('\0');
  if (e < 0) e = line.length;
  const out: string[] = [];
  let p = 0;
  const at = (i: number): number => (i < e ? line.charCodeAt(i) : 0);
  for (;;) {
    while (p < e && isSpace(at(p))) p++;
    if (p >= e) return out;
    let cur = '';
    let inq = false;
    let insq = false;
    for (;;) {
      const c = at(p);
      if (inq) {
        if (c === 92 && at(p + 1) === 120 && isHex(at(p + 2)) && isHex(at(p + 3))) {
          cur += String.fromCharCode(hexVal(at(p + 2)) * 16 + hexVal(at(p + 3)));
          p += 3;
        } else if (c === 92 && p + 1 < e) {
          p++;
          const n = at(p);
          switch (n) {
            case 110: cur += '\n'; break;
            case 114: cur += '\r'; break;
            case 116: cur += '\t'; break;
            case 98: cur += '\b'; break;
            case 97: cur += '\x07'; break;
            default: cur += line[p];
          }
        } else if (c === 34) {
          if (p + 1 < e && !isSpace(at(p + 1))) return null;
          p++;
          break;
        } else if (p >= e) {
          return null;
        } else {
          cur += line[p];
        }
      } else if (insq) {
        if (c === 92 && at(p + 1) === 39) {
          p++;
          cur += "'";
        } else if (c === 39) {
          if (p + 1 < e && !isSpace(at(p + 1))) return null;
          p++;
          break;
        } else if (p >= e) {
          return null;
        } else {
          cur += line[p];
        }
      } else {
        if (p >= e) break;
        if (c === 32 || c === 10 || c === 13 || c === 9) {
          p++;
          break;
        }
        if (c === 34) inq = true;
        else if (c === 39) insq = true;
        else cur += line[p];
      }
      p++;
    }
    out.push(cur);
  }
}

export class RequestParser {
  /** Mutable: CONFIG SET changes them; they apply from the next header parsed. */
  limits: ParserLimits;
  /** While true, Redis's pre-AUTH limits apply (> 10 arguments, > 16384-byte arguments). */
  requireAuth = false;
  /** The connection is our primary (CLIENT_MASTER): proto-max-bulk-len does not apply. */
  fromPrimary = false;
  /** Whether the last command returned by next() was an inline one. */
  lastWasInline = false;

  /** Unparsed bytes are buf[start, end). buf is either a fed chunk (borrowed) or our scratch. */
  private buf: Latin1Buffer = EMPTY;
  private start = 0;
  private end = 0;
  private owned = false;
  private scratch: Latin1Buffer | null = null;
  /** Bytes after `start` already known to hold neither the awaited terminator nor a NUL. */
  private scanned = 0;

  /** Multibulk state: arguments still expected (0 = between commands), current bulk length. */
  private remaining = 0;
  private bulkLen = -1;
  private argv: string[] = [];

  /** A big argument being gathered: its chunks (with the trailing CRLF) and their total size. */
  private bigParts: Buffer[] | null = null;
  private bigHave = 0;
  private bigStage: Buffer | null = null;
  private bigStageLen = 0;

  private failed: { error: string } | null = null;

  constructor(limits: ParserLimits) {
    this.limits = limits;
  }

  /**
   * Appends bytes. The parser may keep a reference to `chunk` until the command it belongs to
   * is complete (it never keeps one past the next next() call that returns null, except for
   * the pieces of a big argument): do not modify a chunk after feeding it.
   */
  feed(chunk: Buffer): void {
    let n = chunk.length;
    if (n === 0 || this.failed !== null) return;
    let data = chunk as Latin1Buffer;
    if (this.bigParts !== null) {
      const need = this.bulkLen + 2 - this.bigHave;
      if (need > 0) {
        const take = n <= need ? data : (data.subarray(0, need) as Latin1Buffer);
        this.addBigPart(take);
        if (n <= need) return;
        data = data.subarray(need) as Latin1Buffer;
        n = data.length;
      }
    }
    const pending = this.end - this.start;
    if (pending === 0) {
      if (this.owned) this.keepScratch();
      this.buf = data;
      this.start = 0;
      this.end = n;
      this.owned = false;
      return;
    }
    if (this.owned && this.end + n <= this.buf.length) {
      data.copy(this.buf, this.end);
      this.end += n;
      return;
    }
    this.rebuffer(pending + n);
    data.copy(this.buf, this.end);
    this.end += n;
  }

  /** Moves the pending bytes to the start of an owned buffer with room for `need` bytes. */
  private rebuffer(need: number): void {
    const pending = this.end - this.start;
    let target: Latin1Buffer;
    if (this.owned && need <= this.buf.length >>> 1) {
      target = this.buf; // compact in place (only when that leaves at least half free)
      target.copyWithin(0, this.start, this.end);
    } else {
      const sc = this.scratch;
      if (sc !== null && sc !== this.buf && need <= sc.length) {
        target = sc;
      } else {
        let size = this.owned ? Math.max(SCRATCH_MIN, this.buf.length * 2) : SCRATCH_MIN;
        while (size < need) size *= 2;
        target = Buffer.allocUnsafe(size) as Latin1Buffer;
      }
      this.buf.copy(target, 0, this.start, this.end);
    }
    this.buf = target;
    this.scratch = target;
    this.owned = true;
    this.start = 0;
    this.end = pending;
  }

  private keepScratch(): void {
    if (this.buf.length > SCRATCH_KEEP_MAX) this.scratch = null;
    else this.scratch = this.buf;
  }

  /** Called whenever next() must wait: drops a borrowed chunk, or copies its tail. */
  private needMore(): null {
    const pending = this.end - this.start;
    if (pending === 0) {
      if (this.owned) this.keepScratch();
      this.buf = EMPTY;
      this.start = 0;
      this.end = 0;
      this.owned = false;
    } else if (!this.owned) {
      this.rebuffer(pending);
    }
    return null;
  }

  private fail(error: string): { error: string } {
    this.failed = { error };
    this.buf = EMPTY;
    this.scratch = null;
    this.start = this.end = 0;
    this.owned = false;
    this.bigParts = null;
    this.bigHave = 0;
    this.bigStage = null;
    this.bigStageLen = 0;
    this.argv = [];
    return this.failed;
  }

  /**
   * Index of the first `target` byte at or after start, or -1 when there is none yet. Like
   * Redis's strchr on the NUL-terminated query buffer, a NUL byte hides everything after it.
   */
  private findByte(target: number): number {
    const b = this.buf;
    const end = this.end;
    let i = this.start + this.scanned;
    for (; i < end; i++) {
      const c = b[i];
      if (c === target) return i;
      if (c === 0) break;
    }
    this.scanned = i - this.start;
    return -1;
  }

  /** Parses the next complete command. After a protocol error it keeps returning that error. */
  next(): ParseResult {
    if (this.failed !== null) return this.failed;
    for (;;) {
      if (this.remaining === 0) {
        const start = this.start;
        if (start >= this.end) return this.needMore();
        const b = this.buf;
        if (b[start] === 42) {
          // '*': the multibulk count line.
          const cr = this.findByte(13);
          if (cr < 0) {
            if (this.end - start > PROTO_INLINE_MAX_SIZE) return this.fail(ERR_TOO_BIG_MBULK_COUNT);
            return this.needMore();
          }
          if (cr > this.end - 2) return this.needMore(); // the byte after '\r' has not arrived
          const ll = parseLongLong(b, start + 1, cr);
          if (!(ll <= INT_MAX)) return this.fail(ERR_INVALID_MBULK_LEN);
          if (ll > UNAUTH_MAX_MULTIBULK && this.requireAuth) return this.fail(ERR_UNAUTH_MBULK_LEN);
          this.start = cr + 2;
          this.scanned = 0;
          if (ll <= 0) continue; // *0, *-1: nothing to run
          this.remaining = ll;
          this.bulkLen = -1;
          this.argv = [];
        } else {
          const nl = this.findByte(10);
          if (nl < 0) {
            if (this.end - start > PROTO_INLINE_MAX_SIZE) return this.fail(ERR_TOO_BIG_INLINE);
            return this.needMore();
          }
          const lineEnd = nl > start && b[nl - 1] === 13 ? nl - 1 : nl;
          const argv = splitArgsBytes(b, start, lineEnd);
          if (argv === null) return this.fail(ERR_UNBALANCED_QUOTES);
          this.start = nl + 1;
          this.scanned = 0;
          if (argv.length === 0) continue; // empty line
          this.lastWasInline = true;
          return argv;
        }
      }

      // Multibulk arguments.
      while (this.remaining > 0) {
        if (this.bigParts !== null) {
          if (this.bigHave < this.bulkLen + 2) return this.needMore();
          this.argv.push(this.joinBig());
          this.bulkLen = -1;
          this.remaining--;
          continue;
        }
        let start = this.start;
        const b = this.buf;
        if (this.bulkLen < 0) {
          const cr = this.findByte(13);
          if (cr < 0) {
            if (this.end - start > PROTO_INLINE_MAX_SIZE) return this.fail(ERR_TOO_BIG_BULK_COUNT);
            return this.needMore();
          }
          if (cr > this.end - 2) return this.needMore();
          if (b[start] !== 36) return this.fail(expectedDollarError(b[start]!));
          const ll = parseLongLong(b, start + 1, cr);
          if (!(ll >= 0) || (ll > this.limits.protoMaxBulkLen && !this.fromPrimary)) {
            return this.fail(ERR_INVALID_BULK_LEN);
          }
          if (ll > UNAUTH_MAX_BULK && this.requireAuth) return this.fail(ERR_UNAUTH_BULK_LEN);
          start = this.start = cr + 2;
          this.scanned = 0;
          this.bulkLen = ll;
          if (ll >= PROTO_MBULK_BIG_ARG && this.end - start < ll + 2) {
            // Gather a big argument as chunks instead of growing one buffer.
            this.bigParts = [];
            this.bigHave = 0;
            if (start < this.end) {
              const first = b.subarray(start, this.end);
              this.addBigPart(first);
              // A large first piece is kept by reference: never reuse that memory as scratch.
              if (this.owned && first.length >= BIG_SMALL_PART) this.scratch = null;
            }
            this.buf = EMPTY;
            this.start = this.end = 0;
            this.owned = false;
            return null;
          }
        }
        const len = this.bulkLen;
        if (this.end - start < len + 2) return this.needMore();
        this.argv.push(b.latin1Slice(start, start + len));
        this.start = start + len + 2; // the two bytes after the data are not checked, as in Redis
        this.bulkLen = -1;
        this.remaining--;
      }
      const argv = this.argv;
      this.argv = [];
      this.lastWasInline = false;
      return argv;
    }
  }

  /**
   * Adds a piece of a big argument. Small pieces (a client trickling bytes) are copied into a
   * staging buffer so that each stored part is at least BIG_STAGE bytes, keeping the per-part
   * overhead small.
   */
  private addBigPart(part: Buffer): void {
    const n = part.length;
    this.bigHave += n;
    if (n >= BIG_SMALL_PART) {
      this.flushBigStage();
      this.bigParts!.push(part);
      return;
    }
    let stage = this.bigStage;
    if (stage === null || this.bigStageLen + n > stage.length) {
      this.flushBigStage();
      stage = this.bigStage = Buffer.allocUnsafe(BIG_STAGE);
    }
    part.copy(stage, this.bigStageLen);
    this.bigStageLen += n;
  }

  private flushBigStage(): void {
    if (this.bigStage !== null && this.bigStageLen > 0) {
      this.bigParts!.push(this.bigStage.subarray(0, this.bigStageLen));
    }
    this.bigStage = null;
    this.bigStageLen = 0;
  }

  private joinBig(): string {
    this.flushBigStage();
    const parts = this.bigParts!;
    const len = this.bulkLen;
    this.bigParts = null;
    this.bigHave = 0;
    const first = parts[0];
    if (first !== undefined && first.length >= len) return (first as Latin1Buffer).latin1Slice(0, len);
    const all = Buffer.allocUnsafeSlow(len) as Latin1Buffer;
    let off = 0;
    for (const p of parts) {
      if (off >= len) break;
      const take = Math.min(p.length, len - off);
      p.copy(all, off, 0, take);
      off += take;
    }
    return all.latin1Slice(0, len);
  }

  /**
   * Bytes received and not yet consumed into arguments: what Redis reports as qbuf and checks
   * against client-query-buffer-limit (arguments already parsed for an incomplete command are
   * not counted, as in Redis).
   */
  bufferedBytes(): number {
    return this.end - this.start + this.bigHave;
  }

  /** True when bufferedBytes() exceeds limits.queryBufferLimit. */
  overQueryBufferLimit(): boolean {
    return this.bufferedBytes() > this.limits.queryBufferLimit;
  }

  /** True while a command has been started but not completed (for diagnostics). */
  inCommand(): boolean {
    return this.remaining > 0 || this.end > this.start;
  }
}
