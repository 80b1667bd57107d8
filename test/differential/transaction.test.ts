// MULTI/EXEC/DISCARD/WATCH/UNWATCH against a real redis-server: queueing, EXECABORT after a
// rejected command, runtime errors inside EXEC, WATCH touched by other clients and by the same
// client, by expiry, FLUSHALL and SWAPDB.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { differential, sideBySide, skipDifferential, type Case } from '../helpers/differential.js';
import { RawClient } from '../helpers/raw-client.js';
import { startServer } from '../../src/index.js';

const cases: Case[] = [
  {
    name: 'queue and exec',
    steps: [['MULTI'], ['SET', 'a', '1'], ['INCR', 'a'], ['GET', 'a'], ['EXEC'], ['GET', 'a']],
  },
  {
    name: 'errors while queueing abort EXEC',
    steps: [['MULTI'], ['SET', 'a', '1'], ['NOSUCH', 'x'], ['GET'], ['EXEC'], ['GET', 'a'], ['EXEC']],
  },
  {
    name: 'runtime errors are returned in their slot, the rest run',
    steps: [['SET', 's', 'str'], ['MULTI'], ['INCR', 's'], ['SET', 'b', '2'], ['INCRBY', 'b', 'x'], ['INCR', 'b'], ['EXEC']],
  },
  {
    name: 'nested MULTI, WATCH inside MULTI, EXEC/DISCARD without MULTI',
    steps: [['EXEC'], ['DISCARD'], ['MULTI'], ['MULTI'], ['WATCH', 'k'], ['PING'], ['EXEC'], ['MULTI'], ['DISCARD'], ['DISCARD']],
  },
  {
    name: 'empty transaction, and wrong arity of the transaction commands',
    steps: [['MULTI'], ['EXEC'], ['MULTI', 'x'], ['EXEC', 'x'], ['DISCARD', 'x'], ['WATCH'], ['UNWATCH', 'x']],
  },
  {
    name: 'WATCH then own modification before MULTI aborts',
    steps: [['SET', 'w', '1'], ['WATCH', 'w'], ['SET', 'w', '2'], ['MULTI'], ['GET', 'w'], ['EXEC'], ['GET', 'w']],
  },
  {
    name: 'WATCH untouched key: EXEC runs; UNWATCH forgets',
    steps: [
      ['WATCH', 'w', 'other'],
      ['MULTI'],
      ['SET', 'w', 'x'],
      ['EXEC'],
      ['WATCH', 'w'],
      ['SET', 'w', 'y'],
      ['UNWATCH'],
      ['MULTI'],
      ['GET', 'w'],
      ['EXEC'],
    ],
  },
  {
    name: 'WATCH aborted by FLUSHALL only when the key existed',
    steps: [
      ['WATCH', 'missing'],
      ['FLUSHALL'],
      ['MULTI'],
      ['PING'],
      ['EXEC'],
      ['SET', 'present', '1'],
      ['WATCH', 'present'],
      ['FLUSHALL'],
      ['MULTI'],
      ['PING'],
      ['EXEC'],
    ],
  },
  {
    name: 'WATCH aborted by SWAPDB when the key exists in either db',
    steps: [
      ['SELECT', '1'],
      ['SET', 'k', 'in1'],
      ['SELECT', '0'],
      ['WATCH', 'k'],
      ['SWAPDB', '0', '1'],
      ['MULTI'],
      ['GET', 'k'],
      ['EXEC'],
      ['FLUSHALL'],
    ],
  },
  {
    name: 'WATCH and DEL, EXPIRE, deleting a missing key does not touch',
    steps: [
      ['SET', 'd', '1'],
      ['WATCH', 'd', 'nokey'],
      ['DEL', 'nokey'],
      ['MULTI'],
      ['PING'],
      ['EXEC'],
      ['WATCH', 'd'],
      ['EXPIRE', 'd', '100'],
      ['MULTI'],
      ['PING'],
      ['EXEC'],
    ],
  },
  {
    name: 'WATCH of a key that expires before EXEC aborts',
    steps: [['SET', 'e', '1', 'PX', '50'], ['WATCH', 'e'], { sleep: 120 }, ['MULTI'], ['PING'], ['EXEC']],
  },
  {
    name: 'RESP3: aborted EXEC is a null, replies keep their types',
    resp3: true,
    steps: [
      ['SET', 'w', '1'],
      ['WATCH', 'w'],
      ['SET', 'w', '2'],
      ['MULTI'],
      ['GET', 'w'],
      ['EXEC'],
      ['MULTI'],
      ['GET', 'nokey'],
      ['INCRBYFLOAT', 'f', '1.5'],
      ['EXEC'],
    ],
  },
  {
    name: 'CLIENT REPLY and SELECT inside MULTI',
    steps: [['MULTI'], ['SELECT', '2'], ['SET', 'x', '1'], ['EXEC'], ['GET', 'x'], ['SELECT', '0'], ['GET', 'x']],
  },
];

differential('transactions', cases);

describe('WATCH across clients (both servers)', { skip: skipDifferential() }, () => {
  const servers = sideBySide();

  it('another client modifying a watched key makes EXEC return null; reads do not', async () => {
    for (const port of [servers.memora.port, servers.redis.port]) {
      const a = await RawClient.connect(port);
      const b = await RawClient.connect(port);
      try {
        await a.command(['SET', 'k', '1']);
        await a.command(['WATCH', 'k']);
        await b.command(['GET', 'k']);
        await a.command(['MULTI']);
        await a.command(['INCR', 'k']);
        assert.equal((await a.command(['EXEC'])).toString(), '*1\r\n:2\r\n', `port ${port}`);
        await a.command(['WATCH', 'k']);
        await b.command(['SET', 'k', '10']);
        await a.command(['MULTI']);
        await a.command(['INCR', 'k']);
        assert.equal((await a.command(['EXEC'])).toString(), '*-1\r\n', `port ${port}`);
        assert.equal((await a.command(['GET', 'k'])).toString(), '$2\r\n10\r\n');
        const list = (await a.command(['CLIENT', 'LIST'])).toString();
        assert.match(list, /multi=-1/);
      } finally {
        a.close();
        b.close();
      }
    }
  });

  it('CLIENT LIST shows multi= count and the x flag while queueing', async () => {
    const out: string[] = [];
    for (const port of [servers.memora.port, servers.redis.port]) {
      const a = await RawClient.connect(port);
      try {
        await a.command(['MULTI']);
        await a.command(['SET', 'x', '1']);
        await a.command(['GET', 'x']);
        const info = (await a.command(['CLIENT', 'INFO'])).toString();
        out.push(`${/flags=(\S+)/.exec(info)?.[1]} ${/multi=(\S+)/.exec(info)?.[1]}`);
        await a.command(['DISCARD']);
      } finally {
        a.close();
      }
    }
    assert.equal(out[0], out[1]);
  });
});

describe('transaction propagation', () => {
  it('writes inside EXEC are propagated once, wrapped in MULTI/EXEC; a single write alone', async () => {
    const server = await startServer({ port: 0 });
    const seen: string[] = [];
    server.engine.onPropagate((db, argv) => seen.push(`${db}:${argv.join(' ')}`));
    const c = await RawClient.connect(server.port);
    try {
      await c.command(['MULTI']);
      await c.command(['SET', 'a', '1']);
      await c.command(['GET', 'a']);
      await c.command(['INCR', 'a']);
      await c.command(['EXEC']);
      assert.deepEqual(seen, ['0:MULTI', '0:SET a 1', '0:INCR a', '0:EXEC']);
      seen.length = 0;
      await c.command(['MULTI']);
      await c.command(['SET', 'b', '1']);
      await c.command(['GET', 'b']);
      await c.command(['EXEC']);
      assert.deepEqual(seen, ['0:SET b 1']);
      seen.length = 0;
      await c.command(['MULTI']);
      await c.command(['GET', 'b']);
      await c.command(['EXEC']);
      assert.deepEqual(seen, []);
    } finally {
      c.close();
      await server.close();
    }
  });
});
