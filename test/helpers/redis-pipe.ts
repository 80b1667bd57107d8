// A minimal pipelining RESP client bound to its own real redis-server (test-only): tests that
// compare many computed values with Redis send them in one write and read the decoded replies.
import * as net from 'node:net';
import { startRealRedis, redisServerAvailable, type RealRedis } from './real-redis.js';

export type Reply = string | bigint | null | Error | Reply[];

/**
 * The skip reason for tests that need redis-server: they are skipped, visibly, only when it is
 * missing and MEMORA_SKIP_DIFFERENTIAL=1; otherwise they run (and fail without it).
 */
export function skipWithoutRedis(): string | false {
  if (redisServerAvailable() || process.env['MEMORA_SKIP_DIFFERENTIAL'] !== '1') return false;
  return 'redis-server not installed (MEMORA_SKIP_DIFFERENTIAL=1)';
}

function parseReply(buf: Buffer, pos: number): [Reply, number] | undefined {
  const eol = buf.indexOf('\r\n', pos, 'latin1');
  if (eol < 0) return undefined;
  const type = String.fromCharCode(buf[pos] as number);
  const line = buf.latin1Slice(pos + 1, eol);
  const next = eol + 2;
  switch (type) {
    case '+':
      return [line, next];
    case '-':
      return [new Error(line), next];
    case ':':
      return [BigInt(line), next];
    case '$': {
      const len = Number(line);
      if (len < 0) return [null, next];
      if (buf.length < next + len + 2) return undefined;
      return [buf.latin1Slice(next, next + len), next + len + 2];
    }
    case '*': {
      const len = Number(line);
      if (len < 0) return [null, next];
      const out: Reply[] = [];
      let p = next;
      for (let i = 0; i < len; i++) {
        const r = parseReply(buf, p);
        if (r === undefined) return undefined;
        out.push(r[0]);
        p = r[1];
      }
      return [out, p];
    }
    default:
      throw new Error('bad reply type ' + type);
  }
}

export class RedisPipe {
  private buf: Buffer = Buffer.alloc(0);
  private waiters: ((r: Reply) => void)[] = [];

  private constructor(
    private readonly server: RealRedis,
    private readonly sock: net.Socket,
  ) {
    sock.on('data', (d: Buffer) => {
      this.buf = this.buf.length === 0 ? d : Buffer.concat([this.buf, d]);
      let pos = 0;
      for (;;) {
        const r = parseReply(this.buf, pos);
        if (r === undefined) break;
        pos = r[1];
        (this.waiters.shift() as (r: Reply) => void)(r[0]);
      }
      this.buf = this.buf.subarray(pos);
    });
  }

  static async start(): Promise<RedisPipe> {
    const server = await startRealRedis();
    const sock = await new Promise<net.Socket>((resolve, reject) => {
      const s = net.connect(server.port, '127.0.0.1', () => resolve(s));
      s.once('error', reject);
    });
    return new RedisPipe(server, sock);
  }

  /** Sends all commands in one write and resolves with their replies in order. */
  pipeline(cmds: string[][]): Promise<Reply[]> {
    const parts: string[] = [];
    const promises: Promise<Reply>[] = [];
    for (const argv of cmds) {
      parts.push('*' + argv.length + '\r\n');
      for (const a of argv) parts.push('$' + Buffer.byteLength(a, 'latin1') + '\r\n' + a + '\r\n');
      promises.push(new Promise((resolve) => this.waiters.push(resolve)));
    }
    this.sock.write(Buffer.from(parts.join(''), 'latin1'));
    return Promise.all(promises);
  }

  async call(...argv: string[]): Promise<Reply> {
    return (await this.pipeline([argv]))[0] as Reply;
  }

  stop(): void {
    this.sock.destroy();
    void this.server.close();
  }
}

/** A small deterministic PRNG (mulberry32) returning floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
