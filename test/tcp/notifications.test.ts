// Keyspace notifications over real sockets: ioredis and node-redis (RESP2 and RESP3) subscribers
// receiving __keyspace@<db>__ / __keyevent@<db>__ messages for strings, generic key commands,
// expiry (lazy and active, on a manual clock), lists, hashes, sets and sorted sets, filtered by
// the classes of notify-keyspace-events.
import { describe, it, before, after, beforeEach } from 'node:test';
import * as assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { startServer, type MemoraHandle } from '../../src/index.js';

async function until(cond: () => boolean, ms = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

function ioredis(port: number): Redis {
  return new Redis({ port, host: '127.0.0.1', maxRetriesPerRequest: 0, retryStrategy: () => null });
}

describe('keyspace notifications over TCP', () => {
  let server: MemoraHandle;
  let sub: Redis;
  let cmd: Redis;
  /** Events seen by `sub` (PSUBSCRIBE __key*__:*) as "channel message". */
  let events: string[] = [];

  before(async () => {
    server = await startServer({ port: 0, manualClock: true, config: { 'enable-debug-command': 'local' } });
    sub = ioredis(server.port);
    cmd = ioredis(server.port);
    sub.on('pmessage', (_p: string, ch: string, msg: string) => events.push(`${ch} ${msg}`));
    await sub.psubscribe('__key*__:*');
  });
  after(async () => {
    sub.disconnect();
    cmd.disconnect();
    await server.close();
  });
  beforeEach(async () => {
    await cmd.config('SET', 'notify-keyspace-events', '');
    await cmd.flushall();
    await cmd.select(0);
    events = [];
  });

  /** Runs `fn`, then waits for exactly the expected events (and checks nothing else came). */
  async function expectEvents(fn: () => Promise<unknown>, expected: string[], ms = 5000): Promise<void> {
    events = [];
    await fn();
    await until(() => events.length >= expected.length, ms, `events ${JSON.stringify(expected)}, got ${JSON.stringify(events)}`);
    // a round trip through the subscriber's connection flushes anything still on its way
    await cmd.publish('__keyspace@0__:fence', 'fence');
    await until(() => events.includes('__keyspace@0__:fence fence'), 5000, 'fence');
    assert.deepEqual(events.slice(0, -1), expected);
  }

  it('strings: K and E messages for each event, in order', async () => {
    await cmd.config('SET', 'notify-keyspace-events', 'KE$');
    await expectEvents(
      async () => {
        await cmd.set('k', 'v');
        await cmd.append('k', 'x');
        await cmd.incr('n');
        await cmd.incrbyfloat('n', '1.5');
        await cmd.setrange('k', 0, 'z');
        await cmd.mset('a', '1', 'b', '2');
      },
      [
        '__keyspace@0__:k set',
        '__keyevent@0__:set k',
        '__keyspace@0__:k append',
        '__keyevent@0__:append k',
        '__keyspace@0__:n incrby',
        '__keyevent@0__:incrby n',
        '__keyspace@0__:n incrbyfloat',
        '__keyevent@0__:incrbyfloat n',
        '__keyspace@0__:k setrange',
        '__keyevent@0__:setrange k',
        '__keyspace@0__:a set',
        '__keyevent@0__:set a',
        '__keyspace@0__:b set',
        '__keyevent@0__:set b',
      ],
    );
  });

  it('generic commands, other databases, and only the enabled classes', async () => {
    await cmd.config('SET', 'notify-keyspace-events', 'Eg');
    await expectEvents(
      async () => {
        await cmd.set('k', 'v'); // '$' not enabled: nothing
        await cmd.expire('k', 100);
        await cmd.persist('k');
        await cmd.rename('k', 'k2');
        await cmd.copy('k2', 'k3');
        await cmd.move('k3', 5);
        await cmd.del('k2', 'missing');
        await cmd.select(5);
        await cmd.del('k3');
      },
      [
        '__keyevent@0__:expire k',
        '__keyevent@0__:persist k',
        '__keyevent@0__:rename_from k',
        '__keyevent@0__:rename_to k2',
        '__keyevent@0__:copy_to k3',
        '__keyevent@0__:move_from k3',
        '__keyevent@5__:move_to k3',
        '__keyevent@0__:del k2',
        '__keyevent@5__:del k3',
      ],
    );
    await cmd.config('SET', 'notify-keyspace-events', '');
    await expectEvents(async () => {
      await cmd.set('quiet', '1');
      await cmd.del('quiet');
    }, []);
  });

  it('keymiss events (m) for reads of missing keys', async () => {
    await cmd.config('SET', 'notify-keyspace-events', 'KEm');
    await expectEvents(
      async () => {
        await cmd.get('nokey');
        await cmd.set('k', 'v');
        await cmd.get('k');
      },
      ['__keyspace@0__:nokey keymiss', '__keyevent@0__:keymiss nokey'],
    );
  });

  it('expired events when the key is reclaimed: lazily on access, actively by the cycle', async () => {
    await cmd.config('SET', 'notify-keyspace-events', 'Ex');
    await cmd.set('lazy', 'v', 'PX', 100);
    await cmd.set('active', 'v', 'PX', 100);
    await cmd.set('forever', 'v');
    await cmd.debug('SET-ACTIVE-EXPIRE', 0);
    server.advanceTime(1000);
    // nothing yet: the keys are past their time but not reclaimed
    await expectEvents(async () => undefined, []);
    await expectEvents(async () => assert.equal(await cmd.get('lazy'), null), ['__keyevent@0__:expired lazy']);
    await cmd.debug('SET-ACTIVE-EXPIRE', 1);
    server.engine.cron();
    await expectEvents(async () => undefined, ['__keyevent@0__:expired active']);
    assert.equal(await cmd.exists('forever'), 1);
  });

  it('lists, hashes, sets and sorted sets', async () => {
    await cmd.config('SET', 'notify-keyspace-events', 'Eglhsz');
    await expectEvents(
      async () => {
        await cmd.rpush('l', 'a', 'b');
        await cmd.lpop('l');
        await cmd.rpop('l');
        await cmd.hset('h', 'f', '1');
        await cmd.hincrby('h', 'f', 2);
        await cmd.hdel('h', 'f');
        await cmd.sadd('s', 'a', 'b');
        await cmd.srem('s', 'a');
        await cmd.spop('s');
      },
      [
        '__keyevent@0__:rpush l',
        '__keyevent@0__:lpop l',
        '__keyevent@0__:rpop l',
        '__keyevent@0__:del l',
        '__keyevent@0__:hset h',
        '__keyevent@0__:hincrby h',
        '__keyevent@0__:hdel h',
        '__keyevent@0__:del h',
        '__keyevent@0__:sadd s',
        '__keyevent@0__:srem s',
        '__keyevent@0__:spop s',
        '__keyevent@0__:del s',
      ],
    );
    if (server.engine.registry.lookup('zadd')?.handler !== undefined) {
      await expectEvents(
        async () => {
          await cmd.zadd('z', 1, 'a', 2, 'b');
          await cmd.zincrby('z', 1, 'a');
          await cmd.zrem('z', 'a', 'b');
        },
        ['__keyevent@0__:zadd z', '__keyevent@0__:zincr z', '__keyevent@0__:zrem z', '__keyevent@0__:del z'],
      );
    }
  });

  it('new-key events (n)', async () => {
    await cmd.config('SET', 'notify-keyspace-events', 'En');
    await expectEvents(async () => {
      await cmd.set('fresh', 'v');
      await cmd.set('fresh', 'w');
    }, ['__keyevent@0__:new fresh'], 500);
  });

  it('node-redis RESP3: a client receives the events of its own writes on the same connection', async () => {
    await cmd.config('SET', 'notify-keyspace-events', 'KE$g');
    const c = createClient({ url: server.url, RESP: 3 });
    c.on('error', () => undefined);
    await c.connect();
    try {
      const got: string[] = [];
      await c.subscribe('__keyspace@0__:mine', (msg) => got.push(`space ${msg}`));
      await c.pSubscribe('__keyevent@0__:*', (msg, ch) => got.push(`${ch} ${msg}`));
      assert.equal(await c.set('mine', '1'), 'OK');
      assert.equal(await c.incr('mine'), 2);
      assert.equal(await c.del('mine'), 1);
      await until(() => got.length === 6, 5000, 'six events');
      assert.deepEqual(got, [
        'space set',
        '__keyevent@0__:set mine',
        'space incrby',
        '__keyevent@0__:incrby mine',
        'space del',
        '__keyevent@0__:del mine',
      ]);
    } finally {
      await c.quit();
    }
  });

  it('node-redis RESP2 subscriber', async () => {
    await cmd.config('SET', 'notify-keyspace-events', 'E$');
    const c = createClient({ url: server.url, RESP: 2 });
    c.on('error', () => undefined);
    await c.connect();
    try {
      const got: string[] = [];
      await c.subscribe('__keyevent@0__:set', (msg) => got.push(msg));
      await cmd.set('x', '1');
      await cmd.set('y', '2');
      await until(() => got.length === 2, 5000, 'two events');
      assert.deepEqual(got, ['x', 'y']);
    } finally {
      await c.quit();
    }
  });
});
