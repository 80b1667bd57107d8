// Pub/sub over real sockets: ioredis and node-redis subscribers (RESP2 and RESP3), channel,
// pattern and shard subscriptions, message order under pipelining, CLIENT LIST's pub/sub fields,
// RESET, and slow subscribers cut off by client-output-buffer-limit while others carry on.
import { describe, it, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { startServer, type MemoraHandle } from '../../src/index.js';
import { RawClient } from '../helpers/raw-client.js';
import { encodeCommand } from '../../src/protocol/encode.js';
import * as net from 'node:net';

/** Waits until `cond` holds, polling; fails after `ms`. */
async function until(cond: () => boolean | Promise<boolean>, ms = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

function ioredis(port: number): Redis {
  return new Redis({ port, host: '127.0.0.1', maxRetriesPerRequest: 0, retryStrategy: () => null });
}

describe('pub/sub over TCP', () => {
  let server: MemoraHandle;
  before(async () => {
    server = await startServer({ port: 0 });
  });
  after(async () => {
    await server.close();
  });

  it('ioredis: subscribe, psubscribe, ssubscribe, messages and counts', async () => {
    const sub = ioredis(server.port);
    const pub = ioredis(server.port);
    try {
      const got: string[] = [];
      sub.on('message', (ch: string, msg: string) => got.push(`message ${ch} ${msg}`));
      sub.on('pmessage', (pat: string, ch: string, msg: string) => got.push(`pmessage ${pat} ${ch} ${msg}`));
      sub.on('smessage', (ch: string, msg: string) => got.push(`smessage ${ch} ${msg}`));
      assert.equal(await sub.subscribe('news', 'sport'), 2);
      assert.equal(await sub.psubscribe('n*'), 3);
      assert.equal(await sub.ssubscribe('orders'), 1);

      assert.equal(await pub.publish('news', 'hello'), 2);
      assert.equal(await pub.publish('sport', 'goal'), 1);
      assert.equal(await pub.publish('nothing', 'x'), 1);
      assert.equal(await pub.publish('other', 'x'), 0);
      assert.equal(await pub.spublish('orders', 'o1'), 1);
      await until(() => got.length === 5, 5000, 'five messages');
      assert.deepEqual(got, [
        'message news hello',
        'pmessage n* news hello',
        'message sport goal',
        'pmessage n* nothing x',
        'smessage orders o1',
      ]);
      assert.deepEqual(await pub.call('PUBSUB', 'NUMSUB', 'news', 'sport', 'n*'), ['news', 1, 'sport', 1, 'n*', 0]);
      assert.equal(await pub.call('PUBSUB', 'NUMPAT'), 1);
      assert.deepEqual(await pub.call('PUBSUB', 'SHARDCHANNELS'), ['orders']);

      assert.equal(await sub.unsubscribe('news'), 2);
      // (ioredis never resolves an argument-less PUNSUBSCRIBE/SUNSUBSCRIBE, against Redis too)
      assert.equal(await sub.punsubscribe('n*'), 1);
      assert.equal(await sub.sunsubscribe('orders'), 0);
      assert.equal(await pub.publish('news', 'gone'), 0);
      assert.equal(await sub.unsubscribe(), 0);
      // out of subscribed mode: ordinary commands work again
      assert.equal(await sub.set('k', 'v'), 'OK');
    } finally {
      sub.disconnect();
      pub.disconnect();
    }
  });

  it('ioredis: 2,000 pipelined publishes arrive complete and in order', async () => {
    const sub = ioredis(server.port);
    const pub = ioredis(server.port);
    try {
      const got: string[] = [];
      sub.on('message', (_ch: string, msg: string) => got.push(msg));
      await sub.subscribe('seq');
      const p = pub.pipeline();
      for (let i = 0; i < 2000; i++) p.publish('seq', String(i));
      const res = (await p.exec()) ?? [];
      assert.ok(res.every(([err, n]) => err === null && n === 1));
      await until(() => got.length === 2000, 5000, '2000 messages');
      for (let i = 0; i < 2000; i++) assert.equal(got[i], String(i));
    } finally {
      sub.disconnect();
      pub.disconnect();
    }
  });

  it('node-redis RESP2 and RESP3 subscribers; a RESP3 client runs commands while subscribed', async () => {
    const pub = createClient({ url: server.url });
    pub.on('error', () => undefined);
    await pub.connect();
    const clients = [];
    try {
      const got: Record<number, string[]> = { 2: [], 3: [] };
      for (const RESP of [2, 3] as const) {
        const c = createClient({ url: server.url, RESP });
        c.on('error', () => undefined);
        await c.connect();
        clients.push(c);
        await c.subscribe('ch', (msg, ch) => got[RESP]?.push(`${ch}:${msg}`));
        await c.pSubscribe('c*', (msg, ch) => got[RESP]?.push(`p ${ch}:${msg}`));
        await c.sSubscribe('sh', (msg, ch) => got[RESP]?.push(`s ${ch}:${msg}`));
      }
      assert.equal(await pub.publish('ch', 'one'), 4);
      assert.equal(await pub.sPublish('sh', 'two'), 2);
      assert.equal(await pub.publish('cx', 'three'), 2);
      await until(() => (got[2]?.length ?? 0) === 4 && (got[3]?.length ?? 0) === 4, 5000, 'node-redis messages');
      for (const RESP of [2, 3]) assert.deepEqual(got[RESP], ['ch:one', 'p ch:one', 's sh:two', 'p cx:three']);

      // RESP3: the subscribed client is a normal client too; its own publish reaches it
      const r3 = clients[1] as (typeof clients)[number];
      assert.equal(await r3.set('k3', 'v'), 'OK');
      assert.equal(await r3.get('k3'), 'v');
      assert.equal(await r3.publish('ch', 'self'), 4);
      await until(() => got[3]?.includes('ch:self') === true, 5000, 'own message');

      await (clients[0] as (typeof clients)[number]).unsubscribe('ch');
      assert.deepEqual(await pub.pubSubNumSub('ch'), { ch: 1 });
    } finally {
      for (const c of clients) await c.quit().catch(() => undefined);
      await pub.quit();
    }
  });

  it('CLIENT LIST shows flags=P and sub/psub/ssub counts; RESET clears them', async () => {
    const raw = await RawClient.connect(server.port);
    const admin = ioredis(server.port);
    try {
      raw.write(encodeCommand(['CLIENT', 'SETNAME', 'watcher']));
      assert.equal((await raw.readFrame()).toString(), '+OK\r\n');
      raw.write(encodeCommand(['SUBSCRIBE', 'a', 'b']));
      raw.write(encodeCommand(['PSUBSCRIBE', 'p*']));
      raw.write(encodeCommand(['SSUBSCRIBE', 's1', 's2', 's3']));
      for (let i = 0; i < 6; i++) await raw.readFrame();
      const line = () =>
        admin.call('CLIENT', 'LIST').then((out) => String(out).split('\n').find((l) => l.includes('name=watcher')) ?? '');
      const l1 = await line();
      assert.match(l1, / flags=P /);
      assert.match(l1, / sub=2 psub=1 ssub=3 /);
      const killable = String(await admin.call('CLIENT', 'LIST', 'TYPE', 'pubsub'));
      assert.match(killable, /name=watcher/);

      raw.write(encodeCommand(['RESET']));
      assert.equal((await raw.readFrame()).toString(), '+RESET\r\n');
      assert.equal((await raw.command(['PING'])).toString(), '+PONG\r\n');
      assert.equal((await raw.command(['CLIENT', 'SETNAME', 'watcher'])).toString(), '+OK\r\n');
      const l2 = await line();
      assert.match(l2, / flags=N /);
      assert.match(l2, / sub=0 psub=0 ssub=0 /);
      assert.equal(await admin.call('PUBSUB', 'NUMPAT'), 0);
      assert.deepEqual(await admin.call('PUBSUB', 'SHARDNUMSUB', 's1'), ['s1', 0]);
      assert.equal(await admin.publish('a', 'x'), 0);
      assert.match(String(await admin.info('stats')), /pubsub_channels:0\r\npubsub_patterns:0\r\npubsubshard_channels:0/);
    } finally {
      raw.close();
      admin.disconnect();
    }
  });

  it('a disconnected subscriber is forgotten', async () => {
    const sub = ioredis(server.port);
    const pub = ioredis(server.port);
    try {
      await sub.subscribe('bye');
      await sub.psubscribe('by*');
      assert.equal(await pub.publish('bye', 'x'), 2);
      sub.disconnect();
      await until(async () => (await pub.publish('bye', 'x')) === 0, 5000, 'subscriber gone');
      assert.equal(await pub.call('PUBSUB', 'NUMPAT'), 0);
      assert.deepEqual(await pub.call('PUBSUB', 'CHANNELS', 'by*'), []);
    } finally {
      pub.disconnect();
    }
  });
});

/** A raw subscriber that never reads: its socket is paused right after subscribing. */
async function stalledSubscriber(port: number, channel: string): Promise<{ sock: net.Socket; closed: () => boolean }> {
  const sock = net.connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    sock.once('connect', () => resolve());
    sock.once('error', reject);
  });
  let closed = false;
  sock.on('close', () => (closed = true));
  sock.on('error', () => (closed = true));
  const confirmed = new Promise<void>((resolve) => sock.once('data', () => resolve()));
  sock.write(encodeCommand(['SUBSCRIBE', channel]));
  await confirmed;
  sock.pause();
  return { sock, closed: () => closed };
}

/** Reads what a paused socket still holds and resolves once the server has closed it. */
function drainUntilClosed(sock: net.Socket, ms = 10000): Promise<number> {
  return new Promise((resolve, reject) => {
    let bytes = 0;
    if (sock.destroyed) {
      resolve(0);
      return;
    }
    const t = setTimeout(() => reject(new Error('the stalled subscriber was not disconnected')), ms);
    sock.on('data', (d: Buffer) => (bytes += d.length));
    sock.once('close', () => {
      clearTimeout(t);
      resolve(bytes);
    });
    sock.resume();
  });
}

describe('slow subscribers (client-output-buffer-limit pubsub)', () => {
  it('the hard limit cuts a subscriber that stops reading; the others carry on', async () => {
    const server = await startServer({ port: 0, config: { 'client-output-buffer-limit': 'pubsub 256kb 0 0' } });
    const pub = ioredis(server.port);
    const fast = ioredis(server.port);
    try {
      let fastGot = 0;
      fast.on('message', () => fastGot++);
      await fast.subscribe('firehose');
      const slow = await stalledSubscriber(server.port, 'firehose');
      assert.equal(await pub.publish('firehose', 'warm-up'), 2);

      const payload = 'x'.repeat(8 * 1024);
      let sent = 1;
      let receivers = 2;
      // Kernel socket buffers absorb a few MB first; then the server's own backlog passes 256kb.
      // Rounds of 128kb, each awaited by the fast subscriber, keep its own backlog far below.
      while (receivers === 2 && sent < 20000) {
        const p = pub.pipeline();
        for (let i = 0; i < 16; i++) p.publish('firehose', payload);
        const res = (await p.exec()) ?? [];
        sent += res.length;
        receivers = Number((res[res.length - 1] as [Error | null, unknown])[1]);
        await until(() => fastGot === sent, 10000, 'fast subscriber to keep up');
      }
      assert.equal(receivers, 1, 'the stalled subscriber was dropped');
      assert.deepEqual(await pub.call('PUBSUB', 'NUMSUB', 'firehose'), ['firehose', 1]);
      const types = String(await pub.call('CLIENT', 'LIST', 'TYPE', 'pubsub')).trim().split('\n');
      assert.equal(types.length, 1, 'only the fast subscriber is left');

      const slowBytes = await drainUntilClosed(slow.sock);
      assert.ok(slowBytes < sent * payload.length, 'the stalled subscriber did not get everything');
      // the fast subscriber got every message; the server still serves everyone
      await until(() => fastGot === sent, 10000, 'fast subscriber to catch up');
      assert.equal(await pub.publish('firehose', 'after'), 1);
      assert.equal(await fast.unsubscribe(), 0);
      assert.equal(await fast.ping(), 'PONG');
    } finally {
      pub.disconnect();
      fast.disconnect();
      await server.close();
    }
  });

  it('the soft limit cuts only after being exceeded for longer than its seconds', async () => {
    const server = await startServer({
      port: 0,
      manualClock: true,
      config: { 'client-output-buffer-limit': 'pubsub 0 128kb 2' },
    });
    const pub = ioredis(server.port);
    try {
      const slow = await stalledSubscriber(server.port, 'soft');
      const payload = 'y'.repeat(32 * 1024);
      // Fill the socket buffers until the server itself holds a backlog over the soft limit.
      let backlog = 0;
      for (let round = 0; round < 400 && backlog < 256 * 1024; round++) {
        const p = pub.pipeline();
        for (let i = 0; i < 20; i++) p.publish('soft', payload);
        await p.exec();
        const line = String(await pub.call('CLIENT', 'LIST', 'TYPE', 'pubsub'));
        backlog = Number(/omem=(\d+)/.exec(line)?.[1] ?? 0);
      }
      assert.ok(backlog >= 128 * 1024, `backlog reached ${backlog}`);
      // over the soft limit, but not for long enough: still subscribed
      assert.equal(await pub.publish('soft', payload), 1);
      server.advanceTime(2000);
      assert.equal(await pub.publish('soft', payload), 1, 'exactly the soft seconds is not more than them');
      server.advanceTime(1000);
      assert.equal(await pub.publish('soft', payload), 1, 'the write that finds the limit exceeded too long still counts');
      assert.equal(await pub.publish('soft', payload), 0, 'then the subscriber is gone');
      await drainUntilClosed(slow.sock);
      assert.ok(slow.closed());
    } finally {
      pub.disconnect();
      await server.close();
    }
  });

  it('a limit set with CONFIG SET applies to connected subscribers', async () => {
    const server = await startServer({ port: 0 });
    const pub = ioredis(server.port);
    try {
      const slow = await stalledSubscriber(server.port, 'c');
      assert.equal(await pub.call('CONFIG', 'SET', 'client-output-buffer-limit', 'pubsub 64kb 0 0'), 'OK');
      const payload = 'z'.repeat(16 * 1024);
      let receivers = 1;
      for (let round = 0; round < 2000 && receivers === 1; round++) {
        const p = pub.pipeline();
        for (let i = 0; i < 50; i++) p.publish('c', payload);
        const res = (await p.exec()) ?? [];
        receivers = Number((res[res.length - 1] as [Error | null, unknown])[1]);
      }
      assert.equal(receivers, 0);
      await drainUntilClosed(slow.sock);
    } finally {
      await pub.call('CONFIG', 'SET', 'client-output-buffer-limit', 'pubsub 32mb 8mb 60').catch(() => undefined);
      pub.disconnect();
      await server.close();
    }
  });
});
