// Real clients over real sockets: ioredis and node-redis handshakes and commands, pipelining,
// RESP3, inline commands, protocol errors, many concurrent clients, redis-cli --pipe.
import { describe, it, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { startServer, type MemoraHandle } from '../../src/index.js';
import { RawClient } from '../helpers/raw-client.js';
import { encodeCommand } from '../../src/protocol/encode.js';

describe('real clients over TCP', () => {
  let server: MemoraHandle;
  before(async () => {
    server = await startServer({ port: 0 });
  });
  after(async () => {
    await server.close();
  });

  it('ioredis: handshake (ready check), strings, db selection, binary values', async () => {
    const r = new Redis({ port: server.port, host: '127.0.0.1', db: 2, lazyConnect: true, maxRetriesPerRequest: 0 });
    await r.connect();
    try {
      assert.equal(r.status, 'ready');
      assert.equal(await r.set('k', 'v'), 'OK');
      assert.equal(await r.get('k'), 'v');
      assert.equal(await r.incr('n'), 1);
      assert.equal(await r.incrby('n', 41), 42);
      const bin = Buffer.from([0, 1, 2, 13, 10, 255, 128]);
      await r.set(Buffer.from('bin\x00key', 'latin1'), bin);
      assert.deepEqual(await r.getBuffer(Buffer.from('bin\x00key', 'latin1')), bin);
      // db 2 was selected by the handshake: db 0 does not see the key
      const r0 = new Redis({ port: server.port, host: '127.0.0.1', lazyConnect: true });
      await r0.connect();
      assert.equal(await r0.get('k'), null);
      r0.disconnect();
      await assert.rejects(r.call('nosuchcommand'), /ERR unknown command 'nosuchcommand'/);
    } finally {
      r.disconnect();
    }
  });

  it('ioredis: a pipeline of 10,000 commands returns every reply in order', async () => {
    const r = new Redis({ port: server.port, host: '127.0.0.1', lazyConnect: true });
    await r.connect();
    try {
      const p = r.pipeline();
      for (let i = 0; i < 10_000; i++) p.set(`p:${i}`, String(i));
      for (let i = 0; i < 10_000; i++) p.get(`p:${i}`);
      const res = (await p.exec()) ?? [];
      assert.equal(res.length, 20_000);
      for (let i = 0; i < 10_000; i++) assert.deepEqual(res[i], [null, 'OK']);
      for (let i = 0; i < 10_000; i++) assert.deepEqual(res[10_000 + i], [null, String(i)]);
    } finally {
      r.disconnect();
    }
  });

  it('node-redis: RESP2 and RESP3 clients (HELLO, CLIENT SETINFO handshake)', async () => {
    for (const RESP of [2, 3] as const) {
      const c = createClient({ url: server.url, RESP });
      c.on('error', () => undefined);
      await c.connect();
      try {
        assert.equal(await c.set(`nr${RESP}`, 'x'), 'OK');
        assert.equal(await c.get(`nr${RESP}`), 'x');
        assert.equal(await c.incrByFloat(`f${RESP}`, 1.5), RESP === 3 ? '1.5' : '1.5');
        assert.equal(await c.ping(), 'PONG');
      } finally {
        await c.quit();
      }
    }
  });

  it('ioredis and node-redis transactions: MULTI/EXEC, and a WATCH race between two clients', async () => {
    const a = new Redis({ port: server.port, host: '127.0.0.1', lazyConnect: true });
    const b = new Redis({ port: server.port, host: '127.0.0.1', lazyConnect: true });
    await Promise.all([a.connect(), b.connect()]);
    try {
      assert.deepEqual(await a.multi().set('tx', '1').incr('tx').get('tx').exec(), [
        [null, 'OK'],
        [null, 2],
        [null, '2'],
      ]);
      // optimistic locking: b changes the watched key between WATCH and EXEC, so EXEC is null
      await a.watch('tx');
      const seen = await a.get('tx');
      await b.set('tx', '100');
      assert.equal(await a.multi().set('tx', String(Number(seen) + 1)).exec(), null);
      assert.equal(await a.get('tx'), '100');
      // a retry without interference succeeds
      await a.watch('tx');
      const again = Number(await a.get('tx'));
      assert.deepEqual(await a.multi().set('tx', String(again + 1)).exec(), [[null, 'OK']]);
      assert.equal(await b.get('tx'), '101');
    } finally {
      a.disconnect();
      b.disconnect();
    }
    const n = createClient({ url: server.url });
    n.on('error', () => undefined);
    await n.connect();
    try {
      assert.deepEqual(await n.multi().set('ntx', 'a').append('ntx', 'b').get('ntx').exec(), ['OK', 2, 'ab']);
      // 100 concurrent WATCH/MULTI increments from 10 clients: none lost
      const clients = await Promise.all(
        Array.from({ length: 10 }, async () => {
          const c = new Redis({ port: server.port, host: '127.0.0.1', lazyConnect: true });
          await c.connect();
          return c;
        }),
      );
      try {
        await Promise.all(
          clients.map(async (c) => {
            for (let i = 0; i < 10; i++) {
              for (;;) {
                await c.watch('cas');
                const cur = Number((await c.get('cas')) ?? '0');
                const res = await c.multi().set('cas', String(cur + 1)).exec();
                if (res !== null) break;
              }
            }
          }),
        );
        assert.equal(await n.get('cas'), '100');
      } finally {
        for (const c of clients) c.disconnect();
      }
    } finally {
      await n.quit();
    }
  });

  it('raw socket: 10,000 commands in one write, replies in order in one stream', async () => {
    const c = await RawClient.connect(server.port);
    try {
      const parts: Buffer[] = [];
      for (let i = 0; i < 10_000; i++) parts.push(encodeCommand(['INCR', 'rawcounter']));
      c.write(Buffer.concat(parts));
      for (let i = 1; i <= 10_000; i++) {
        assert.equal((await c.readFrame()).toString(), `:${i}\r\n`);
      }
    } finally {
      c.close();
    }
  });

  it('raw socket: frames split at every byte still parse', async () => {
    const c = await RawClient.connect(server.port);
    try {
      const bytes = Buffer.concat([encodeCommand(['SET', 'split', 'a\r\nb']), encodeCommand(['GET', 'split'])]);
      for (let i = 0; i < bytes.length; i++) {
        c.write(bytes.subarray(i, i + 1));
        await new Promise((r) => setImmediate(r));
      }
      assert.equal((await c.readFrame()).toString(), '+OK\r\n');
      assert.equal((await c.readFrame()).toString('latin1'), '$4\r\na\r\nb\r\n');
    } finally {
      c.close();
    }
  });

  it('inline commands with quotes, and empty lines skipped', async () => {
    const c = await RawClient.connect(server.port);
    try {
      c.write('\r\n\r\nSET inl "hello world\\n"\r\n\r\nGET inl\r\nPING\r\n');
      assert.equal((await c.readFrame()).toString(), '+OK\r\n');
      assert.equal((await c.readFrame()).toString(), '$12\r\nhello world\n\r\n');
      assert.equal((await c.readFrame()).toString(), '+PONG\r\n');
    } finally {
      c.close();
    }
  });

  it('protocol errors reply with Redis\'s text and close the connection', async () => {
    const cases: [string, string][] = [
      ['*abc\r\n', '-ERR Protocol error: invalid multibulk length\r\n'],
      ['*1\r\n+foo\r\n', "-ERR Protocol error: expected '$', got '+'\r\n"],
      ['*1\r\n$-5\r\n', '-ERR Protocol error: invalid bulk length\r\n'],
      ['SET a "b\r\n', '-ERR Protocol error: unbalanced quotes in request\r\n'],
    ];
    for (const [input, expected] of cases) {
      const c = await RawClient.connect(server.port);
      c.write(input);
      const out = await c.readUntilClose();
      assert.equal(out.toString(), expected, JSON.stringify(input));
    }
    // the server is still fine
    const ok = await RawClient.connect(server.port);
    assert.equal((await ok.command(['PING'])).toString(), '+PONG\r\n');
    ok.close();
  });

  it('a declared huge bulk length is not allocated up front', async () => {
    const before = process.memoryUsage().rss;
    const c = await RawClient.connect(server.port);
    c.write('*2\r\n$3\r\nGET\r\n$536870000\r\nabc');
    await new Promise((r) => setTimeout(r, 100));
    const grown = process.memoryUsage().rss - before;
    assert.ok(grown < 100 * 1024 * 1024, `rss grew by ${grown} bytes`);
    c.close();
    const ok = await RawClient.connect(server.port);
    assert.equal((await ok.command(['PING'])).toString(), '+PONG\r\n');
    ok.close();
  });

  it('100 concurrent clients incrementing one counter', async () => {
    const clients = await Promise.all(Array.from({ length: 100 }, () => RawClient.connect(server.port)));
    try {
      await Promise.all(
        clients.map(async (c) => {
          for (let i = 0; i < 50; i++) await c.command(['INCR', 'shared']);
        }),
      );
      const res = await (clients[0] as RawClient).command(['GET', 'shared']);
      assert.equal(res.toString(), '$4\r\n5000\r\n');
    } finally {
      for (const c of clients) c.close();
    }
  });

  it('redis-cli --pipe mass insertion', async () => {
    const lines: Buffer[] = [];
    for (let i = 0; i < 20_000; i++) lines.push(encodeCommand(['SET', `mass:${i}`, `v${i}`]));
    const out = await new Promise<string>((resolve, reject) => {
      const p = spawn('redis-cli', ['-p', String(server.port), '--pipe'], { stdio: ['pipe', 'pipe', 'pipe'] });
      let text = '';
      p.stdout.on('data', (d) => (text += d));
      p.stderr.on('data', (d) => (text += d));
      p.on('error', reject);
      p.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`redis-cli exited ${code}: ${text}`))));
      p.stdin.end(Buffer.concat(lines));
    });
    assert.match(out, /errors: 0, replies: 20000/);
    const c = await RawClient.connect(server.port);
    assert.equal((await c.command(['GET', 'mass:19999'])).toString(), '$6\r\nv19999\r\n');
    c.close();
  });
});
