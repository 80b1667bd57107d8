// CLIENT PAUSE / UNPAUSE over TCP: WRITE holds writes (and may-replicate commands such as
// PUBLISH) while reads go on; ALL holds everything, the pausing client included; held clients
// run again in the order they were held, each with its whole pipeline; EXEC is held when its
// queue writes; MONITOR clients are never held; active expiry waits; errors as redis-server's.
import { describe, it, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { startServer, type MemoraHandle } from '../../src/index.js';
import { RawClient } from '../helpers/raw-client.js';
import { encodeCommand } from '../../src/protocol/encode.js';
import { skipWithoutRedis } from '../helpers/redis-pipe.js';
import { sideBySide } from '../helpers/differential.js';

async function eventually(cond: () => boolean, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('CLIENT PAUSE', () => {
  let server: MemoraHandle;
  const held = (): number => server.engine.pause.heldCount;
  before(async () => {
    server = await startServer({ port: 0 });
  });
  after(async () => {
    await server.close();
  });

  it('WRITE: writes (and PUBLISH) are held, reads and PING go on; UNPAUSE releases in order', async () => {
    const admin = await RawClient.connect(server.port);
    const w1 = await RawClient.connect(server.port);
    const w2 = await RawClient.connect(server.port);
    const w3 = await RawClient.connect(server.port);
    const reader = await RawClient.connect(server.port);
    try {
      await admin.command(['DEL', 'pl']);
      assert.equal((await admin.command(['CLIENT', 'PAUSE', '60000', 'WRITE'])).toString(), '+OK\r\n');
      w1.write(encodeCommand(['RPUSH', 'pl', 'x']));
      await eventually(() => held() === 1);
      w2.write(encodeCommand(['RPUSH', 'pl', 'y']));
      await eventually(() => held() === 2);
      w3.write(encodeCommand(['PUBLISH', 'ch', 'm']));
      await eventually(() => held() === 3);
      assert.equal((await reader.command(['LRANGE', 'pl', '0', '-1'])).toString(), '*0\r\n', 'reads are served');
      assert.equal((await reader.command(['PING'])).toString(), '+PONG\r\n');
      const list = (await reader.command(['CLIENT', 'LIST'])).toString('latin1');
      assert.equal((list.match(/flags=b .*cmd=rpush /g) ?? []).length, 2, 'held clients show flag b');
      assert.match((await reader.command(['INFO', 'clients'])).toString(), /blocked_clients:3\r\n/);
      // The pausing client is held by its own WRITE pause too.
      admin.write(encodeCommand(['RPUSH', 'pl', 'z']));
      await eventually(() => held() === 4);
      assert.equal((await reader.command(['CLIENT', 'UNPAUSE'])).toString(), '+OK\r\n');
      assert.equal((await w1.readFrame()).toString(), ':1\r\n');
      assert.equal((await w2.readFrame()).toString(), ':2\r\n');
      assert.equal((await w3.readFrame()).toString(), ':0\r\n');
      assert.equal((await admin.readFrame()).toString(), ':3\r\n');
      assert.equal((await reader.command(['LRANGE', 'pl', '0', '-1'])).toString(), '*3\r\n$1\r\nx\r\n$1\r\ny\r\n$1\r\nz\r\n');
      assert.equal(held(), 0);
    } finally {
      for (const c of [admin, w1, w2, w3, reader]) c.close();
    }
  });

  it('ALL: everything is held until the timeout; each held client then runs its whole pipeline', async () => {
    const admin = await RawClient.connect(server.port);
    const a = await RawClient.connect(server.port);
    const b = await RawClient.connect(server.port);
    try {
      await admin.command(['SET', 'n', '0']);
      assert.equal((await admin.command(['CLIENT', 'PAUSE', '300', 'ALL'])).toString(), '+OK\r\n');
      // a pipelines two INCRs; b's SET comes after a's first INCR was held.
      a.write(Buffer.concat([encodeCommand(['INCR', 'n']), encodeCommand(['INCR', 'n'])]));
      await eventually(() => held() === 1);
      b.write(Buffer.concat([encodeCommand(['PING']), encodeCommand(['SET', 'n', '100'])]));
      await eventually(() => held() === 2);
      admin.write(encodeCommand(['GET', 'n']));
      await eventually(() => held() === 3);
      // After the pause: a's two INCRs, then b's PING and SET, then admin's GET.
      assert.equal((await a.readFrame()).toString(), ':1\r\n');
      assert.equal((await a.readFrame()).toString(), ':2\r\n');
      assert.equal((await b.readFrame()).toString(), '+PONG\r\n');
      assert.equal((await b.readFrame()).toString(), '+OK\r\n');
      assert.equal((await admin.readFrame()).toString(), '$3\r\n100\r\n');
    } finally {
      for (const c of [admin, a, b]) c.close();
    }
  });

  it('a new pause combines with the one in force: the stricter type and the later end', async () => {
    const admin = await RawClient.connect(server.port);
    const c = await RawClient.connect(server.port);
    const other = await RawClient.connect(server.port);
    try {
      await admin.command(['CLIENT', 'PAUSE', '60000', 'WRITE']);
      await admin.command(['CLIENT', 'PAUSE', '10', 'ALL']);
      assert.equal(server.engine.pause.type, 2);
      c.write(encodeCommand(['PING']));
      await eventually(() => held() === 1);
      other.write(encodeCommand(['CLIENT', 'UNPAUSE']));
      await eventually(() => held() === 2);
      // Nobody can unpause from a normal connection now; the test ends the pause itself.
      server.engine.pause.unpause();
      assert.equal((await c.readFrame()).toString(), '+PONG\r\n');
      assert.equal((await other.readFrame()).toString(), '+OK\r\n');
    } finally {
      for (const x of [admin, c, other]) x.close();
    }
  });

  it('EXEC is held under WRITE only when its queue writes; MULTI queueing of a write is held', async () => {
    const admin = await RawClient.connect(server.port);
    const tx = await RawClient.connect(server.port);
    const ro = await RawClient.connect(server.port);
    try {
      await tx.command(['MULTI']);
      await tx.command(['SET', 'tx', '1']);
      await ro.command(['MULTI']);
      await ro.command(['GET', 'tx']);
      await admin.command(['CLIENT', 'PAUSE', '60000', 'WRITE']);
      assert.equal((await ro.command(['EXEC'])).toString(), '*1\r\n$-1\r\n', 'a read-only EXEC runs');
      tx.write(encodeCommand(['EXEC']));
      await eventually(() => held() === 1);
      await ro.command(['MULTI']);
      ro.write(encodeCommand(['SET', 'tx', '2']));
      await eventually(() => held() === 2);
      assert.equal((await admin.command(['CLIENT', 'UNPAUSE'])).toString(), '+OK\r\n');
      assert.equal((await tx.readFrame()).toString(), '*1\r\n+OK\r\n');
      assert.equal((await ro.readFrame()).toString(), '+QUEUED\r\n');
      assert.equal((await ro.command(['EXEC'])).toString(), '*1\r\n+OK\r\n');
    } finally {
      for (const c of [admin, tx, ro]) c.close();
    }
  });

  it('MONITOR clients are never held; CLIENT UNBLOCK leaves held clients alone; disconnects are dropped', async () => {
    const admin = await RawClient.connect(server.port);
    const mon = await RawClient.connect(server.port);
    const h = await RawClient.connect(server.port);
    const gone = await RawClient.connect(server.port);
    try {
      await mon.command(['MONITOR']);
      const hId = (await h.command(['CLIENT', 'ID'])).toString().slice(1, -2);
      await mon.readFrame(); // the CLIENT ID line; admin commands (CLIENT PAUSE, UNBLOCK) show none
      await admin.command(['CLIENT', 'PAUSE', '60000', 'WRITE']);
      h.write(encodeCommand(['SET', 'held', '1']));
      gone.write(encodeCommand(['SET', 'gone', '1']));
      await eventually(() => held() === 2);
      assert.equal((await admin.command(['CLIENT', 'UNBLOCK', hId])).toString(), ':0\r\n');
      await admin.command(['CLIENT', 'PAUSE', '60000', 'ALL']);
      assert.equal((await mon.command(['PING'])).toString(), '+PONG\r\n', 'a monitor is not paused');
      gone.close();
      await eventually(() => held() === 1);
      server.engine.pause.unpause();
      assert.equal((await h.readFrame()).toString(), '+OK\r\n');
      assert.equal(server.engine.dbs[0]?.peek('gone'), undefined, "a disconnected client's command never runs");
      assert.match((await mon.readFrame()).toString(), /"PING"/);
      assert.match((await mon.readFrame()).toString(), /"SET" "held" "1"/);
    } finally {
      server.engine.pause.unpause();
      for (const c of [admin, mon, h, gone]) c.close();
    }
  });

  it('active expiry waits while paused', async () => {
    const admin = await RawClient.connect(server.port);
    try {
      await admin.command(['SET', 'vol', '1', 'PX', '20']);
      await admin.command(['CLIENT', 'PAUSE', '60000', 'WRITE']);
      // Several active-expiry periods (hz 10) pass; the key stays in the dictionary.
      await new Promise((r) => setTimeout(r, 350));
      assert.notEqual(server.engine.dbs[0]?.peek('vol'), undefined);
      await admin.command(['CLIENT', 'UNPAUSE']);
      await eventually(() => server.engine.dbs[0]?.peek('vol') === undefined);
    } finally {
      admin.close();
    }
  });
});

describe('CLIENT PAUSE / UNPAUSE errors vs redis-server', { skip: skipWithoutRedis() }, () => {
  const servers = sideBySide();

  it('same replies', async () => {
    const cmds = [
      ['CLIENT', 'PAUSE'],
      ['CLIENT', 'PAUSE', 'abc'],
      ['CLIENT', 'PAUSE', '-1'],
      ['CLIENT', 'PAUSE', '1.5'],
      ['CLIENT', 'PAUSE', '99999999999999999999'],
      ['CLIENT', 'PAUSE', '10', 'foo'],
      ['CLIENT', 'PAUSE', 'abc', 'foo'],
      ['CLIENT', 'PAUSE', '-5', 'write'],
      ['CLIENT', 'pause', '10', 'write', 'x'],
      ['CLIENT', 'UNPAUSE', 'x'],
      ['CLIENT', 'UNPAUSE'],
      ['CLIENT', 'PAUSE', '10', 'wRiTe'],
      ['CLIENT', 'UNPAUSE'],
      // An end past 2^63 wraps into the past in Redis: OK, and no pause.
      ['CLIENT', 'PAUSE', '9223372036854775807'],
      ['PING'],
      ['COMMAND', 'INFO', 'client|pause', 'client|unpause', 'monitor'],
    ];
    const [m, r] = await Promise.all([RawClient.connect(servers.memora.port), RawClient.connect(servers.redis.port)]);
    try {
      for (const cmd of cmds) {
        const [a, b] = await Promise.all([m.command(cmd), r.command(cmd)]);
        assert.equal(a.toString('latin1'), b.toString('latin1'), cmd.join(' '));
      }
    } finally {
      m.close();
      r.close();
    }
  });
});
