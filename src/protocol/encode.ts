// Encodes argv as a RESP multibulk request ("*N\r\n$len\r\narg\r\n..."): the one encoder used
// by the CLI, the AOF writer and replication. Strings are latin1 (one char per byte).

type Latin1Buffer = Buffer & { latin1Write(s: string, offset: number, length?: number): number };

function digits(n: number): number {
  let d = 1;
  while (n >= 10) {
    n = Math.floor(n / 10);
    d++;
  }
  return d;
}

/** The number of bytes encodeCommand(argv) produces. */
export function encodedLength(argv: readonly (string | Buffer)[]): number {
  let size = 3 + digits(argv.length);
  for (let i = 0; i < argv.length; i++) {
    const len = argv[i]!.length;
    size += 5 + digits(len) + len;
  }
  return size;
}

/**
 * Writes the encoding of argv into `out` at `offset` (which must have encodedLength(argv)
 * bytes free) and returns the offset after it. Lets AOF/replication batch many commands into
 * one buffer.
 */
export function writeCommand(argv: readonly (string | Buffer)[], out: Buffer, offset: number): number {
  const o = out as Latin1Buffer;
  let p = offset;
  p += o.latin1Write('*' + argv.length + '\r\n', p);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const len = a.length;
    p += o.latin1Write('$' + len + '\r\n', p);
    if (typeof a === 'string') {
      if (len > 0) p += o.latin1Write(a, p, len);
    } else {
      p += a.copy(o, p);
    }
    o[p++] = 13;
    o[p++] = 10;
  }
  return p;
}

/** RESP multibulk encoding of one command. */
export function encodeCommand(argv: readonly (string | Buffer)[]): Buffer {
  const out = Buffer.allocUnsafe(encodedLength(argv));
  writeCommand(argv, out, 0);
  return out;
}

/** Several commands back to back in one buffer (a pipeline, an AOF chunk). */
export function encodeCommands(list: readonly (readonly (string | Buffer)[])[]): Buffer {
  let size = 0;
  for (const argv of list) size += encodedLength(argv);
  const out = Buffer.allocUnsafe(size);
  let p = 0;
  for (const argv of list) p = writeCommand(argv, out, p);
  return out;
}
