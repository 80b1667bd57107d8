// Bad input never hurts the server: random bytes, malformed frames and random argv for every
// command in the table, for a bounded time, while a bystander connection keeps working.
import { describe, it, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import { startServer, type MemoraHandle } from '../../src/index.js';
import { RawClient } from '../helpers/raw-client.js';
import { encodeCommand } from '../../src/protocol/encode.js';
import { Random } from '../../src/store/random.js';

/** Commands that would end the test rather than exercise the server. */
const EXCLUDED = new Set([
  'shutdown', 'debug', 'config', 'client', 'quit', 'reset', 'hello', 'auth', 'flushall', 'monitor',
  // subscribing changes what the connection may send and receive
  'subscribe', 'psubscribe', 'ssubscribe', 'unsubscribe', 'punsubscribe', 'sunsubscribe',
  // XREAD/XREADGROUP block only with BLOCK; MULTI would queue everything after it
  'xread', 'xreadgroup', 'multi',
]);

function randomBytes(rng: Random, n: number): Buffer {
  const b = Buffer.allocUnsafe(n);
  for (let i = 0; i < n; i++) b[i] = rng.below(256);
  return b;
}

const PIECES = ['*', '$', '\r\n', '-1', '0', '3', '99999999999', '+', ':', '"', "'", '\\x', ' ', '\n', 'SET', 'GET', 'a'];

function garbage(rng: Random): Buffer {
  if (rng.below(2) === 0) return randomBytes(rng, 1 + rng.below(200));
  let s = '';
  const n = 1 + rng.below(30);
  for (let i = 0; i < n; i++) s += PIECES[rng.below(PIECES.length)];
  return Buffer.from(s, 'latin1');
}

function randomArg(rng: Random): string {
  switch (rng.below(8)) {
    case 0:
      return String(rng.below(100) - 50);
    case 1:
      return ['9223372036854775807', '-9223372036854775808', '9223372036854775808', '1e308', 'inf', '-inf', 'nan', '0.5'][rng.below(8)] as string;
    case 2:
      return ['NX', 'XX', 'GT', 'LT', 'EX', 'PX', 'EXAT', 'PXAT', 'KEEPTTL', 'GET', 'MATCH', 'COUNT', 'TYPE', 'LEN', 'IDX', 'REPLACE', 'DB'][rng.below(17)] as string;
    case 3:
      return randomBytes(rng, rng.below(20)).toString('latin1');
    default:
      return ['k', 'k2', 'key', 'x'][rng.below(4)] as string;
  }
}

describe('random input', () => {
  let server: MemoraHandle;
  before(async () => {
    server = await startServer({ port: 0, seed: 1 });
  });
  after(async () => {
    await server.close();
  });

  it('random bytes and malformed frames: the server answers or closes, never dies', async () => {
    const rng = new Random(42);
    const bystander = await RawClient.connect(server.port);
    const deadline = Date.now() + 3000;
    let rounds = 0;
    while (Date.now() < deadline) {
      rounds++;
      await new Promise<void>((resolve) => {
        const s = net.connect(server.port, '127.0.0.1');
        s.on('error', () => resolve());
        s.on('close', () => resolve());
        s.on('data', () => undefined);
        s.on('connect', () => {
          for (let i = 0; i < 5; i++) s.write(garbage(rng));
          setTimeout(() => s.destroy(), 5);
        });
      });
      if (rounds % 50 === 0) {
        assert.equal((await bystander.command(['PING'])).toString(), '+PONG\r\n');
      }
    }
    assert.equal((await bystander.command(['PING'])).toString(), '+PONG\r\n');
    bystander.close();
  });

  it('random argv for every command: every reply is well formed and the server survives', async () => {
    const rng = new Random(7);
    // Blocking commands would park the connection (that is their job), so they are left out.
    const names = server.engine.registry
      .all()
      .filter((s) => !s.flags.includes('blocking') && !EXCLUDED.has(s.name))
      .map((s) => s.name);
    const c = await RawClient.connect(server.port);
    const deadline = Date.now() + 3000;
    let sent = 0;
    while (Date.now() < deadline) {
      const batch: Buffer[] = [];
      for (let i = 0; i < 20; i++) {
        const argv = [names[rng.below(names.length)] as string];
        const n = rng.below(6);
        for (let j = 0; j < n; j++) argv.push(randomArg(rng));
        batch.push(encodeCommand(argv));
      }
      c.write(Buffer.concat(batch));
      for (let i = 0; i < 20; i++) {
        const frame = await c.readFrame();
        assert.ok(frame.length > 0);
      }
      sent += 20;
    }
    assert.ok(sent > 0);
    assert.equal((await c.command(['PING'])).toString(), '+PONG\r\n');
    c.close();
  });
});
