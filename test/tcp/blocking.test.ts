// Blocking list commands over real sockets: many waiters served in order, one push waking exactly
// as many clients as elements, sub-second and forever timeouts, disconnected waiters forgotten,
// BLMOVE chains, CLIENT UNBLOCK, pipelined commands after a blocked one, propagation and keyspace
// events of served pops — and the same multi-client scenarios run against a real redis-server
// 7.0.15 with every client's replies compared byte for byte (including keyspace events, which
// the real server publishes and Memora reports through its hook).
import { describe, it, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { startServer, type MemoraHandle } from '../../src/index.js';
import { RawClient } from '../helpers/raw-client.js';
import { redisServerAvailable, startRealRedis, type RealRedis } from '../helpers/real-redis.js';
import { encodeCommand } from '../../src/protocol/encode.js';
import { parseReplies } from '../../src/protocol/client-parser.js';
import * as fs from 'node:fs';
import * as path from 'node:path';

const SKIP_ENV = 'MEMORA_SKIP_DIFFERENTIAL';

function show(b: Buffer): string {
  return JSON.stringify(b.toString('latin1'));
}

/** Number of clients CLIENT LIST shows with the 'b' (blocked) flag. */
async function blockedCount(ctl: RawClient): Promise<number> {
  const out = (await ctl.command(['CLIENT', 'LIST'])).toString('latin1');
  let n = 0;
  for (const line of out.split('\n')) {
    const m = / flags=(\S+) /.exec(line);
    if (m && (m[1] as string).includes('b')) n++;
  }
  return n;
}

/** Waits until exactly `n` clients are blocked (fails after a few seconds). */
async function waitBlocked(ctl: RawClient, n: number): Promise<void> {
  const deadline = Date.now() + 4000;
  for (;;) {
    const got = await blockedCount(ctl);
    if (got === n) return;
    if (Date.now() > deadline) throw new Error(`expected ${n} blocked clients, CLIENT LIST shows ${got}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Asserts no reply arrives on `c` within `ms`. */
async function assertSilent(c: RawClient, ms: number, what: string): Promise<void> {
  let frame: Buffer | null = null;
  try {
    frame = await c.readFrame(ms);
  } catch {
    return;
  }
  assert.fail(`${what}: unexpected reply ${show(frame)}`);
}

/**
 * A multi-client script run against one server: named connections, commands sent without
 * waiting (to block), replies read and logged as "<name>: <bytes>". The logs of two servers are
 * compared. `ctl` is an unlogged control connection for waiting on blocked clients.
 */
class Scenario {
  readonly log: string[] = [];
  private readonly conns = new Map<string, RawClient>();
  private ctlConn: RawClient | null = null;

  constructor(readonly port: number) {}

  async conn(name: string): Promise<RawClient> {
    let c = this.conns.get(name);
    if (!c) {
      c = await RawClient.connect(this.port);
      this.conns.set(name, c);
    }
    return c;
  }

  async ctl(): Promise<RawClient> {
    if (!this.ctlConn) this.ctlConn = await RawClient.connect(this.port);
    return this.ctlConn;
  }

  /** Sends without reading (the command may block). */
  async send(name: string, argv: string[]): Promise<void> {
    (await this.conn(name)).write(encodeCommand(argv));
  }

  async sendRaw(name: string, bytes: string): Promise<void> {
    (await this.conn(name)).write(bytes);
  }

  /** Reads one reply of `name` into the log. */
  async read(name: string): Promise<Buffer> {
    const f = await (await this.conn(name)).readFrame();
    this.log.push(`${name}: ${show(f)}`);
    return f;
  }

  async cmd(name: string, argv: string[]): Promise<Buffer> {
    await this.send(name, argv);
    return this.read(name);
  }

  /** The connection's client id (not logged: ids differ between servers). */
  async id(name: string): Promise<string> {
    const f = await (await this.conn(name)).command(['CLIENT', 'ID']);
    return f.toString('latin1').slice(1, -2);
  }

  async waitBlocked(n: number): Promise<void> {
    await waitBlocked(await this.ctl(), n);
  }

  close(name: string): void {
    this.conns.get(name)?.close();
    this.conns.delete(name);
  }

  closeAll(): void {
    for (const c of this.conns.values()) c.close();
    this.ctlConn?.close();
  }
}

type ScenarioFn = (s: Scenario) => Promise<void>;

/** Multi-client scenarios with deterministic replies, compared between Memora and Redis. */
const SCENARIOS: { name: string; run: ScenarioFn }[] = [
  {
    name: 'waiters on one key are served in the order they blocked',
    run: async (s) => {
      for (let i = 0; i < 5; i++) {
        await s.send(`w${i}`, i % 2 ? ['BRPOP', 'k', '0'] : ['BLPOP', 'k', '0']);
        await s.waitBlocked(i + 1);
      }
      await s.cmd('p', ['RPUSH', 'k', 'a', 'b', 'c', 'd', 'e']);
      for (let i = 0; i < 5; i++) await s.read(`w${i}`);
      await s.cmd('p', ['EXISTS', 'k']);
    },
  },
  {
    name: 'a push of N elements wakes exactly N of more waiters; the rest keep their places',
    run: async (s) => {
      for (let i = 0; i < 4; i++) {
        await s.send(`w${i}`, ['BLPOP', 'k', '0']);
        await s.waitBlocked(i + 1);
      }
      await s.cmd('p', ['LPUSH', 'k', 'x', 'y']);
      await s.read('w0');
      await s.read('w1');
      await s.waitBlocked(2);
      await s.cmd('p', ['RPUSH', 'k', 'z']);
      await s.read('w2');
      await s.waitBlocked(1);
      await s.cmd('p', ['RPUSH', 'k', 'last', 'left']);
      await s.read('w3');
      await s.cmd('p', ['LRANGE', 'k', '0', '-1']);
    },
  },
  {
    name: 'a waiter on several keys is served from the key that received data',
    run: async (s) => {
      await s.send('w', ['BRPOP', 'a', 'b', 'c', '0']);
      await s.waitBlocked(1);
      await s.cmd('p', ['RPUSH', 'c', '1', '2']);
      await s.read('w');
      await s.send('w', ['BLPOP', 'a', 'b', 'a', '0']);
      await s.waitBlocked(1);
      await s.cmd('p', ['LPUSH', 'a', 'x']);
      await s.read('w');
      await s.cmd('p', ['LRANGE', 'c', '0', '-1']);
    },
  },
  {
    name: 'BLMOVE chain: a push to the source reaches the client blocked on the destination',
    run: async (s) => {
      await s.send('A', ['BLMOVE', 'a', 'b', 'LEFT', 'RIGHT', '0']);
      await s.waitBlocked(1);
      await s.send('B', ['BLPOP', 'b', '0']);
      await s.waitBlocked(2);
      await s.send('C', ['BRPOPLPUSH', 'c', 'a', '0']);
      await s.waitBlocked(3);
      await s.cmd('p', ['RPUSH', 'c', 'x']);
      await s.read('C');
      await s.read('A');
      await s.read('B');
      await s.cmd('p', ['EXISTS', 'a', 'b', 'c']);
    },
  },
  {
    name: 'BLMPOP waiters get up to COUNT elements with the key name',
    run: async (s) => {
      await s.send('A', ['BLMPOP', '0', '2', 'a', 'b', 'RIGHT', 'COUNT', '2']);
      await s.waitBlocked(1);
      await s.send('B', ['BLMPOP', '0', '1', 'b', 'LEFT', 'COUNT', '10']);
      await s.waitBlocked(2);
      await s.cmd('p', ['RPUSH', 'b', '1', '2', '3']);
      await s.read('A');
      await s.read('B');
      await s.cmd('p', ['EXISTS', 'b']);
    },
  },
  {
    name: 'a blocked BLMOVE whose destination became another type gets WRONGTYPE and pops nothing',
    run: async (s) => {
      await s.send('A', ['BLMOVE', 'src', 'dst', 'LEFT', 'LEFT', '0']);
      await s.waitBlocked(1);
      await s.send('B', ['BLPOP', 'src', '0']);
      await s.waitBlocked(2);
      await s.cmd('p', ['SET', 'dst', 'string']);
      await s.cmd('p', ['RPUSH', 'src', 'x']);
      await s.read('A');
      await s.read('B');
      await s.cmd('p', ['EXISTS', 'src']);
    },
  },
  {
    name: 'an LMOVE into a waited key serves the waiter',
    run: async (s) => {
      await s.send('A', ['BLPOP', 'dst', '0']);
      await s.waitBlocked(1);
      await s.cmd('p', ['RPUSH', 'src', '1', '2']);
      await s.cmd('p', ['LMOVE', 'src', 'dst', 'RIGHT', 'LEFT']);
      await s.read('A');
      await s.cmd('p', ['EXISTS', 'dst']);
      await s.cmd('p', ['LRANGE', 'src', '0', '-1']);
    },
  },
  {
    name: 'waiters only see pushes in their own database',
    run: async (s) => {
      await s.cmd('A', ['SELECT', '1']);
      await s.send('A', ['BLPOP', 'k', '0']);
      await s.waitBlocked(1);
      await s.cmd('p', ['RPUSH', 'k', 'db0']);
      await s.cmd('p', ['SELECT', '1']);
      await s.cmd('p', ['RPUSH', 'k', 'db1']);
      await s.read('A');
      await s.cmd('p', ['SELECT', '0']);
      await s.cmd('p', ['LRANGE', 'k', '0', '-1']);
    },
  },
  {
    name: 'timeouts reply a null array (RESP2) or null (RESP3) for every blocking command',
    run: async (s) => {
      await s.cmd('A', ['BLPOP', 'a', 'b', '0.05']);
      await s.cmd('A', ['BRPOP', 'a', '0.05']);
      await s.cmd('A', ['BLMOVE', 'a', 'b', 'LEFT', 'LEFT', '0.05']);
      await s.cmd('A', ['BRPOPLPUSH', 'a', 'b', '0.05']);
      await s.cmd('A', ['BLMPOP', '0.05', '1', 'a', 'LEFT']);
      await s.cmd('B', ['HELLO', '3']).then(() => s.log.pop());
      await s.cmd('B', ['BLPOP', 'a', '0.05']);
      await s.cmd('B', ['BLMOVE', 'a', 'b', 'LEFT', 'LEFT', '0.05']);
      await s.cmd('B', ['BLMPOP', '0.05', '1', 'a', 'LEFT', 'COUNT', '3']);
      await s.cmd('A', ['EXISTS', 'a', 'b']);
    },
  },
  {
    name: 'RESP3 clients served after blocking',
    run: async (s) => {
      await s.cmd('A', ['HELLO', '3']).then(() => s.log.pop());
      await s.send('A', ['BLMPOP', '0', '1', 'k', 'LEFT', 'COUNT', '2']);
      await s.waitBlocked(1);
      await s.cmd('p', ['RPUSH', 'k', 'a', 'b', 'c']);
      await s.read('A');
      await s.send('A', ['BLMOVE', 'k', 'd', 'RIGHT', 'LEFT', '0']);
      await s.cmd('p', ['LLEN', 'k']);
      await s.read('A');
    },
  },
  {
    name: 'CLIENT UNBLOCK: TIMEOUT gives the timeout reply, ERROR the -UNBLOCKED error; then 0',
    run: async (s) => {
      const id = await s.id('A');
      await s.send('A', ['BLPOP', 'k', '0']);
      await s.waitBlocked(1);
      await s.cmd('p', ['CLIENT', 'UNBLOCK', id]);
      await s.read('A');
      await s.cmd('p', ['CLIENT', 'UNBLOCK', id]);
      await s.send('A', ['BLMOVE', 'k', 'd', 'LEFT', 'LEFT', '0']);
      await s.waitBlocked(1);
      await s.cmd('p', ['CLIENT', 'UNBLOCK', id, 'timeout']);
      await s.read('A');
      await s.send('A', ['BLMPOP', '0', '1', 'k', 'LEFT']);
      await s.waitBlocked(1);
      await s.cmd('p', ['CLIENT', 'UNBLOCK', id, 'ERROR']);
      await s.read('A');
      await s.cmd('p', ['CLIENT', 'UNBLOCK', id, 'ERROR']);
      await s.cmd('A', ['HELLO', '3']).then(() => s.log.pop());
      await s.send('A', ['BRPOPLPUSH', 'k', 'd', '0']);
      await s.waitBlocked(1);
      await s.cmd('p', ['CLIENT', 'UNBLOCK', id, 'TIMEOUT']);
      await s.read('A');
      // an unblocked client is no longer waiting: a push stays in the list
      await s.cmd('p', ['RPUSH', 'k', 'x']);
      await s.cmd('A', ['LRANGE', 'k', '0', '-1']);
    },
  },
  {
    name: 'pipelined commands after a blocking one run only once it is served',
    run: async (s) => {
      await s.sendRaw('A', 'BLPOP k 0\r\nPING\r\nLLEN k\r\nRPUSH k mine\r\n');
      await s.waitBlocked(1);
      await s.cmd('p', ['RPUSH', 'k', 'a', 'b']);
      await s.read('A');
      await s.read('A');
      await s.read('A');
      await s.read('A');
      await s.cmd('p', ['LRANGE', 'k', '0', '-1']);
    },
  },
  {
    name: 'a waiter that disconnects is forgotten: the next push goes to the next waiter',
    run: async (s) => {
      await s.send('A', ['BLPOP', 'k', '0']);
      await s.waitBlocked(1);
      await s.send('B', ['BLPOP', 'k', '0']);
      await s.waitBlocked(2);
      s.close('A');
      await s.waitBlocked(1);
      await s.cmd('p', ['RPUSH', 'k', 'x']);
      await s.read('B');
      await s.cmd('p', ['EXISTS', 'k']);
    },
  },
  {
    name: 'pushes to other keys and pops of the missing key leave a waiter blocked',
    run: async (s) => {
      await s.send('A', ['BLPOP', 'k', '0']);
      await s.waitBlocked(1);
      // LMPOP on a missing key and pushes onto other keys do not wake it
      await s.cmd('p', ['RPUSH', 'other', 'x']);
      await s.cmd('p', ['LMPOP', '1', 'k', 'LEFT']);
      await s.waitBlocked(1);
      await s.cmd('p', ['RPUSH', 'k', 'v']);
      await s.read('A');
    },
  },
];

describe('blocking list commands vs a real redis-server 7.0.15', () => {
  const available = redisServerAvailable();
  const skip = !available && process.env[SKIP_ENV] === '1';
  let memora: MemoraHandle;
  let redis: RealRedis;

  before(async () => {
    if (skip) return;
    if (!available) throw new Error(`redis-server 7.x is required (or set ${SKIP_ENV}=1)`);
    [memora, redis] = await Promise.all([startServer({ port: 0 }), startRealRedis()]);
  });
  after(async () => {
    await Promise.all([memora?.close(), redis?.close()]);
  });

  async function runOn(port: number, fn: ScenarioFn): Promise<string[]> {
    const s = new Scenario(port);
    try {
      assert.equal((await s.cmd('p', ['FLUSHALL'])).toString(), '+OK\r\n');
      s.log.length = 0;
      await fn(s);
      return s.log;
    } finally {
      s.closeAll();
      // let the server notice the closed connections before the next scenario counts blocked clients
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  for (const sc of SCENARIOS) {
    it(sc.name, { skip: skip ? `redis-server 7 not installed (${SKIP_ENV}=1)` : false }, async () => {
      const [m, r] = await Promise.all([runOn(memora.port, sc.run), runOn(redis.port, sc.run)]);
      assert.deepEqual(m, r, 'Memora (actual) vs Redis (expected), reply by reply');
    });
  }

  it('keyspace events of list commands and served pops match what Redis publishes', { skip: skip ? 'no redis-server' : false }, async () => {
    const script: { wait?: number; conn: string; argv: string[]; read?: boolean }[] = [
      { conn: 'p', argv: ['RPUSH', 'a', 'x', 'y'] },
      { conn: 'p', argv: ['LPUSHX', 'a', 'z'] },
      { conn: 'p', argv: ['RPUSHX', 'nokey', 'z'] },
      { conn: 'p', argv: ['LINSERT', 'a', 'BEFORE', 'x', 'w'] },
      { conn: 'p', argv: ['LINSERT', 'a', 'BEFORE', 'nope', 'w'] },
      { conn: 'p', argv: ['LSET', 'a', '0', 'q'] },
      { conn: 'p', argv: ['LREM', 'a', '0', 'nope'] },
      { conn: 'p', argv: ['LREM', 'a', '1', 'q'] },
      { conn: 'p', argv: ['LTRIM', 'a', '0', '100'] },
      { conn: 'p', argv: ['LMOVE', 'a', 'b', 'LEFT', 'RIGHT'] },
      { conn: 'p', argv: ['LMOVE', 'a', 'a', 'LEFT', 'RIGHT'] },
      { conn: 'p', argv: ['RPOPLPUSH', 'a', 'b'] },
      { conn: 'p', argv: ['LPOP', 'b', '2'] },
      { conn: 'p', argv: ['LTRIM', 'nokey', '0', '1'] },
      { conn: 'p', argv: ['RPUSH', 'c', '1'] },
      { conn: 'p', argv: ['LTRIM', 'c', '1', '0'] },
      { conn: 'p', argv: ['RPUSH', 'd', '1', '2'] },
      { conn: 'p', argv: ['LMPOP', '1', 'd', 'RIGHT', 'COUNT', '5'] },
      { conn: 'p', argv: ['RPUSH', 'e', '1'] },
      { conn: 'p', argv: ['LPOP', 'e', '0'] },
      { conn: 'p', argv: ['LREM', 'e', '0', '1'] },
      // blocked waiters served by pushes
      { conn: 'w', argv: ['BLPOP', 'f', '0'], read: false, wait: 1 },
      { conn: 'p', argv: ['RPUSH', 'f', '1'] },
      { conn: 'w', argv: [], read: true },
      { conn: 'w', argv: ['BLMOVE', 'g', 'h', 'RIGHT', 'LEFT', '0'], read: false, wait: 1 },
      { conn: 'p', argv: ['LPUSH', 'g', '1', '2'] },
      { conn: 'w', argv: [], read: true },
      { conn: 'w', argv: ['BLMPOP', '0', '1', 'i', 'LEFT', 'COUNT', '5'], read: false, wait: 1 },
      { conn: 'p', argv: ['RPUSH', 'i', '1', '2'] },
      { conn: 'w', argv: [], read: true },
      { conn: 'w', argv: ['BRPOP', 'g', '0'] },
      { conn: 'p', argv: ['SET', 'end', '1'] },
    ];
    const run = async (s: Scenario): Promise<void> => {
      for (const st of script) {
        if (st.argv.length > 0) await s.send(st.conn, st.argv);
        if (st.wait !== undefined) await s.waitBlocked(st.wait);
        else if (st.read !== false) await s.read(st.conn);
      }
    };
    // Redis: publish keyevents to a subscriber.
    const sub = await RawClient.connect(redis.port);
    const events: string[] = [];
    try {
      await sub.command(['CONFIG', 'SET', 'notify-keyspace-events', 'KEA']);
      await sub.command(['PSUBSCRIBE', '__keyevent@0__:*']);
      const redisLog = await runOn(redis.port, run);
      for (;;) {
        const f = (await sub.readFrame()).toString('latin1');
        const parts = f.split('\r\n');
        // *4 $8 pmessage $len pattern $len channel $len key
        const channel = parts[6] as string;
        const key = parts[8] as string;
        const ev = channel.slice(channel.indexOf(':') + 1);
        if (ev === 'flushall') continue;
        events.push(`${ev} ${key}`);
        if (key === 'end') break;
      }
      // Memora: the engine's keyspace-event hook.
      const mine: string[] = [];
      let on = false;
      memora.engine.onKeyspaceEvent((type, event, key, dbId) => {
        if (on && dbId === 0 && type !== 'n' && type !== 'm') mine.push(`${event} ${key}`);
      });
      const memoraLog = await runOn(memora.port, async (s) => {
        on = true;
        await run(s);
      });
      on = false;
      assert.deepEqual(memoraLog, redisLog, 'replies');
      assert.deepEqual(mine, events, 'keyspace events');
    } finally {
      await sub.command(['QUIT']).catch(() => undefined);
      sub.close();
    }
  });

  it('propagation of served pops equals what redis-server writes to its AOF', { skip: skip ? 'no redis-server' : false }, async () => {
    const run: ScenarioFn = async (s) => {
      await s.cmd('p', ['RPUSH', 'pa', '1', '2', '3']);
      await s.cmd('p', ['BLPOP', 'missing', 'pa', '0']);
      await s.cmd('p', ['BRPOP', 'pa', '0']);
      await s.cmd('p', ['BLMPOP', '0', '1', 'pa', 'LEFT', 'COUNT', '9']);
      await s.cmd('p', ['RPUSH', 'pa', '1', '2', '3']);
      await s.cmd('p', ['LMPOP', '1', 'pa', 'RIGHT', 'COUNT', '2']);
      await s.cmd('p', ['BLMOVE', 'pa', 'pb', 'left', 'Right', '0']);
      await s.cmd('p', ['rpush', 'pa', '4']);
      await s.cmd('p', ['BRPOPLPUSH', 'pa', 'pb', '0']);
      // changing nothing: not propagated
      await s.cmd('p', ['LPOP', 'pb', '0']);
      await s.cmd('p', ['LTRIM', 'pb', '0', '-1']);
      await s.cmd('p', ['LREM', 'pb', '0', 'nope']);
      await s.cmd('p', ['LINSERT', 'pb', 'BEFORE', 'nope', 'x']);
      await s.cmd('p', ['BLPOP', 'missing', '0.01']);
      // served after blocking
      const served = async (argv: string[], push: string[]): Promise<void> => {
        await s.send('w', argv);
        await s.waitBlocked(1);
        await s.cmd('p', push);
        await s.read('w');
      };
      await served(['BLPOP', 'qa', '0'], ['RPUSH', 'qa', 'x', 'y']);
      await served(['BLMPOP', '0', '1', 'qc', 'RIGHT', 'COUNT', '5'], ['RPUSH', 'qc', 'a', 'b']);
      await served(['BLMOVE', 'qd', 'qb', 'right', 'left', '0'], ['LPUSH', 'qd', 'm']);
      await served(['BRPOPLPUSH', 'qe', 'qb', '0'], ['LPUSH', 'qe', 'n']);
      await served(['BRPOP', 'qf', 'qg', '0'], ['LMOVE', 'qb', 'qg', 'LEFT', 'LEFT']);
      // the other list writes
      await s.cmd('p', ['LSET', 'qb', '0', 'set']);
      await s.cmd('p', ['LINSERT', 'qb', 'AFTER', 'set', 'ins']);
      await s.cmd('p', ['LREM', 'qb', '-1', 'ins']);
      await s.cmd('p', ['LTRIM', 'qb', '0', '0']);
      await s.cmd('p', ['RPUSHX', 'qb', 'x']);
      await s.cmd('p', ['LPUSHX', 'none', 'x']);
    };
    const aofRedis = await startRealRedis(['--appendonly', 'yes', '--appendfsync', 'always']);
    const mine: string[][] = [];
    const hook = { on: false };
    memora.engine.onPropagate((_db, argv) => {
      if (hook.on) mine.push([...argv]);
    });
    try {
      const redisLog = await runOn(aofRedis.port, run);
      const memoraLog = await runOn(memora.port, async (s) => {
        hook.on = true;
        await run(s);
      });
      hook.on = false;
      assert.deepEqual(memoraLog, redisLog, 'replies');
      const dir = path.join(aofRedis.dir, 'appendonlydir');
      const file = fs.readdirSync(dir).find((f) => f.endsWith('.incr.aof'));
      assert.ok(file, 'AOF file');
      const theirs = parseReplies(fs.readFileSync(path.join(dir, file)))
        .map((v) => (v.type === 'array' ? v.value.map((e) => (e.type === 'bulk' ? String(e.value) : '?')) : []))
        .filter((argv) => !['select', 'flushall'].includes((argv[0] ?? '').toLowerCase()));
      assert.deepEqual(mine, theirs, 'Memora propagated (actual) vs Redis AOF (expected)');
      assert.ok(theirs.some((a) => a.join(' ') === 'LMOVE qd qb right left'), 'the AOF has the served BLMOVE');
    } finally {
      hook.on = false;
      await aofRedis.close();
    }
  });
});

describe('blocking list commands (Memora)', () => {
  let server: MemoraHandle;
  before(async () => {
    server = await startServer({ port: 0 });
  });
  after(async () => {
    await server.close();
  });

  async function connect(): Promise<RawClient> {
    return RawClient.connect(server.port);
  }

  it('twenty waiters on one key are served strictly in blocking order', async () => {
    const ctl = await connect();
    const waiters: RawClient[] = [];
    try {
      for (let i = 0; i < 20; i++) {
        const w = await connect();
        w.write(encodeCommand(['BLPOP', 'order', '0']));
        await waitBlocked(ctl, i + 1);
        waiters.push(w);
      }
      // one element at a time: each push serves the oldest waiter
      for (let i = 0; i < 20; i++) {
        assert.equal((await ctl.command(['RPUSH', 'order', `v${i}`])).toString(), ':1\r\n');
        const f = await (waiters[i] as RawClient).readFrame();
        assert.equal(f.toString('latin1'), `*2\r\n$5\r\norder\r\n$${`v${i}`.length}\r\nv${i}\r\n`);
        await waitBlocked(ctl, 19 - i);
      }
    } finally {
      ctl.close();
      for (const w of waiters) w.close();
    }
  });

  it('sub-second timeouts fire after (not before) the timeout; the waiter is then released', async () => {
    const c = await connect();
    const ctl = await connect();
    try {
      const t0 = Date.now();
      const f = await c.command(['BLPOP', 'never', '0.15']);
      const elapsed = Date.now() - t0;
      assert.equal(f.toString(), '*-1\r\n');
      assert.ok(elapsed >= 130, `replied after ${elapsed} ms, before the 150 ms timeout`);
      assert.equal(await blockedCount(ctl), 0);
      assert.equal((await c.command(['PING'])).toString(), '+PONG\r\n');
    } finally {
      c.close();
      ctl.close();
    }
  });

  it('timeout 0 blocks until served, however long', async () => {
    const c = await connect();
    const ctl = await connect();
    try {
      c.write(encodeCommand(['BRPOP', 'forever', '0']));
      await waitBlocked(ctl, 1);
      await assertSilent(c, 300, 'BRPOP with timeout 0');
      assert.equal(await blockedCount(ctl), 1);
      await ctl.command(['RPUSH', 'forever', 'at-last']);
      assert.equal((await c.readFrame()).toString(), '*2\r\n$7\r\nforever\r\n$7\r\nat-last\r\n');
    } finally {
      c.close();
      ctl.close();
    }
  });

  it('a waiter that disconnects is dropped from every key it waited on', async () => {
    const ctl = await connect();
    const a = await connect();
    const b = await connect();
    try {
      a.write(encodeCommand(['BLPOP', 'd1', 'd2', '0']));
      await waitBlocked(ctl, 1);
      b.write(encodeCommand(['BLPOP', 'd2', '0']));
      await waitBlocked(ctl, 2);
      a.close();
      await waitBlocked(ctl, 1);
      assert.equal(server.engine.blocking.blockedKeys, 1, 'only d2 still has a waiter');
      await ctl.command(['RPUSH', 'd2', 'x']);
      assert.equal((await b.readFrame()).toString(), '*2\r\n$2\r\nd2\r\n$1\r\nx\r\n');
      await ctl.command(['RPUSH', 'd1', 'kept']);
      assert.equal((await ctl.command(['LLEN', 'd1'])).toString(), ':1\r\n');
      assert.equal(server.engine.blocking.blockedKeys, 0);
    } finally {
      ctl.close();
      b.close();
    }
  });

  it('CLIENT UNBLOCK ERROR and TIMEOUT release the client and its pipelined commands run', async () => {
    const ctl = await connect();
    const c = await connect();
    try {
      const id = (await c.command(['CLIENT', 'ID'])).toString().slice(1, -2);
      c.write('BLPOP u 0\r\nECHO after\r\n');
      await waitBlocked(ctl, 1);
      assert.equal((await ctl.command(['CLIENT', 'UNBLOCK', id, 'ERROR'])).toString(), ':1\r\n');
      assert.equal((await c.readFrame()).toString(), '-UNBLOCKED client unblocked via CLIENT UNBLOCK\r\n');
      assert.equal((await c.readFrame()).toString(), '$5\r\nafter\r\n');
      c.write('BLMOVE u v LEFT LEFT 0\r\nECHO again\r\n');
      await waitBlocked(ctl, 1);
      assert.equal((await ctl.command(['CLIENT', 'UNBLOCK', id, 'TIMEOUT'])).toString(), ':1\r\n');
      assert.equal((await c.readFrame()).toString(), '*-1\r\n');
      assert.equal((await c.readFrame()).toString(), '$5\r\nagain\r\n');
      assert.equal((await ctl.command(['CLIENT', 'UNBLOCK', id])).toString(), ':0\r\n');
    } finally {
      ctl.close();
      c.close();
    }
  });

  it('ioredis: blpop, brpoplpush and blmove resolve when another client pushes', async () => {
    const waiter = new Redis({ port: server.port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0 });
    const pusher = new Redis({ port: server.port, host: '127.0.0.1', lazyConnect: true });
    await waiter.connect();
    await pusher.connect();
    try {
      const p1 = waiter.blpop('io:a', 0);
      await waitFor(async () => (await pusher.call('CLIENT', 'LIST')) as string, (s) => / flags=b /.test(s));
      await pusher.rpush('io:a', 'hello');
      assert.deepEqual(await p1, ['io:a', 'hello']);
      const p2 = waiter.brpoplpush('io:b', 'io:c', 0);
      await waitFor(async () => (await pusher.call('CLIENT', 'LIST')) as string, (s) => / flags=b /.test(s));
      await pusher.lpush('io:b', 'moved');
      assert.equal(await p2, 'moved');
      assert.deepEqual(await pusher.lrange('io:c', 0, -1), ['moved']);
      const p3 = waiter.blmove('io:d', 'io:c', 'LEFT', 'LEFT', 0.05);
      assert.equal(await p3, null);
      assert.equal(await waiter.blpop('io:none', 0.05), null);
    } finally {
      waiter.disconnect();
      pusher.disconnect();
    }
  });

  it('a blocked client keeps its place when a signalled key is empty again before serving', async () => {
    // Waiters keep their order across writes that change nothing for them.
    const ctl = await connect();
    const a = await connect();
    const b = await connect();
    try {
      a.write(encodeCommand(['BLPOP', 'kk', '0']));
      await waitBlocked(ctl, 1);
      b.write(encodeCommand(['BLPOP', 'kk', '0']));
      await waitBlocked(ctl, 2);
      // RPOPLPUSH from a missing key changes nothing
      await ctl.command(['RPOPLPUSH', 'nothing', 'kk']);
      await waitBlocked(ctl, 2);
      await ctl.command(['RPUSH', 'kk', '1']);
      assert.equal((await a.readFrame()).toString(), '*2\r\n$2\r\nkk\r\n$1\r\n1\r\n');
      await waitBlocked(ctl, 1);
      await ctl.command(['RPUSH', 'kk', '2']);
      assert.equal((await b.readFrame()).toString(), '*2\r\n$2\r\nkk\r\n$1\r\n2\r\n');
    } finally {
      ctl.close();
      a.close();
      b.close();
    }
  });

  it('manual clock: a deadline passes only when the clock moves', async () => {
    const s = await startServer({ port: 0, manualClock: true });
    const c = await RawClient.connect(s.port);
    const ctl = await RawClient.connect(s.port);
    try {
      c.write(encodeCommand(['BLPOP', 'k', '5']));
      await waitBlocked(ctl, 1);
      s.advanceTime(4999);
      await assertSilent(c, 50, 'before the deadline');
      s.advanceTime(2);
      assert.equal((await c.readFrame()).toString(), '*-1\r\n');
    } finally {
      c.close();
      ctl.close();
      await s.close();
    }
  });

  it('a push inside MULTI wakes a blocked client only at EXEC', async () => {
    const ctl = await connect();
    const w = await connect();
    try {
      w.write(encodeCommand(['BLPOP', 'mk', '0']));
      await waitBlocked(ctl, 1);
      assert.equal((await ctl.command(['MULTI'])).toString(), '+OK\r\n');
      assert.equal((await ctl.command(['RPUSH', 'mk', 'a', 'b'])).toString(), '+QUEUED\r\n');
      assert.equal((await ctl.command(['LPOP', 'mk'])).toString(), '+QUEUED\r\n');
      await assertSilent(w, 100, 'while the push is only queued');
      assert.equal((await ctl.command(['EXEC'])).toString(), '*2\r\n:2\r\n$1\r\na\r\n');
      assert.equal((await w.readFrame()).toString(), '*2\r\n$2\r\nmk\r\n$1\r\nb\r\n');
      // and blocking commands inside MULTI answer at once
      await ctl.command(['MULTI']);
      await ctl.command(['BLPOP', 'mk', '0']);
      await ctl.command(['BLMOVE', 'mk', 'x', 'LEFT', 'LEFT', '0']);
      assert.equal((await ctl.command(['EXEC'])).toString(), '*2\r\n*-1\r\n$-1\r\n');
    } finally {
      ctl.close();
      w.close();
    }
  });
});

/** Polls `get` until `ok` holds (a few seconds at most). */
async function waitFor<T>(get: () => Promise<T>, ok: (v: T) => boolean): Promise<void> {
  const deadline = Date.now() + 4000;
  for (;;) {
    if (ok(await get())) return;
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 5));
  }
}
