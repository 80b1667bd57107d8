// A minimal pipelining RESP client bound to its own real redis-server (test-only): tests that
// compare many computed values with Redis send them in one write and read the decoded replies.
import * as net from 'node:net';
import { startRealRedis, redisServerAvailable, type RealRedis } from './real-redis.js';
import { ReplyParser, plainReply, type PlainReply } from '../../src/protocol/client-parser.js';
import { encodeCommands } from '../../src/protocol/encode.js';

export type Reply = PlainReply;

/**
 * The skip reason for tests that need redis-server: they are skipped, visibly, only when it is
 * missing and MEMORA_SKIP_DIFFERENTIAL=1; otherwise they run (and fail without it).
 */
export function skipWithoutRedis(): string | false {
  if (redisServerAvailable() || process.env['MEMORA_SKIP_DIFFERENTIAL'] !== '1') return false;
  return 'redis-server not installed (MEMORA_SKIP_DIFFERENTIAL=1)';
}

export class RedisPipe {
  private readonly parser = new ReplyParser();
  private waiters: ((r: Reply) => void)[] = [];

  private constructor(
    private readonly server: RealRedis,
    private readonly sock: net.Socket,
  ) {
    sock.on('data', (d: Buffer) => {
      this.parser.feed(d);
      for (let r = this.parser.next(); r !== undefined; r = this.parser.next()) {
        (this.waiters.shift() as (r: Reply) => void)(plainReply(r));
      }
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
    const promises: Promise<Reply>[] = [];
    for (let i = 0; i < cmds.length; i++) promises.push(new Promise((resolve) => this.waiters.push(resolve)));
    this.sock.write(encodeCommands(cmds));
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
