// Client-side caching against a real redis-server 7.0.15, byte for byte: CLIENT TRACKING /
// CACHING / GETREDIR / TRACKINGINFO errors and replies, and the invalidation messages other
// connections receive (RESP3 pushes, RESP2 __redis__:invalidate messages via REDIRECT, BCAST
// batches, flush nulls, tracking-redir-broken). Each case runs on several connections per
// server; client ids differ between the servers, so `$ID<n>` in a command stands for the id of
// connection n, and ids in replies are compared as `$ID<n>`.
import { describe, it, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { startServer, type MemoraHandle } from '../../src/index.js';
import { RawClient } from '../helpers/raw-client.js';
import { redisServerAvailable, startRealRedis, type RealRedis } from '../helpers/real-redis.js';

/** A command on connection `c`, compared with Redis; `frames` replies are read (default 1). */
interface CmdStep {
  c: number;
  cmd: string[];
  frames?: number;
}
/** Raw bytes (e.g. a pipeline in one write) on connection `c`, then `frames` frames read. */
interface RawStep {
  c: number;
  raw: string;
  frames: number;
}
/** Reads `frames` out-of-band frames (pushes) from connection `c`. */
interface ReadStep {
  c: number;
  read: number;
}
/** Closes connection `c`. */
interface CloseStep {
  c: number;
  close: true;
}
interface SleepStep {
  sleep: number;
}
type Step = CmdStep | RawStep | ReadStep | CloseStep | SleepStep;

interface TrackingCase {
  name: string;
  /** Number of connections (opened before the first step). */
  conns: number;
  steps: Step[];
}

const I = (c: number, ...cmd: string[]): CmdStep => ({ c, cmd });
const HELLO3 = (c: number): CmdStep => ({ c, cmd: ['HELLO', '3'] });
const READ = (c: number, read = 1): ReadStep => ({ c, read });
/** A PING round trip: proves nothing else was pending on the connection before it. */
const PING = (c: number): CmdStep => ({ c, cmd: ['PING'] });

const cases: TrackingCase[] = [
  {
    name: 'CLIENT TRACKING errors, in 7.0.15 order',
    conns: 2,
    steps: [
      I(1, 'CLIENT', 'TRACKING'),
      I(1, 'CLIENT', 'TRACKING', 'foo'),
      I(1, 'CLIENT', 'TRACKING', 'on', 'foo'),
      I(1, 'CLIENT', 'TRACKING', 'on', 'redirect'),
      I(1, 'CLIENT', 'TRACKING', 'on', 'prefix'),
      I(1, 'CLIENT', 'TRACKING', 'on', 'prefix', 'a'),
      I(1, 'CLIENT', 'TRACKING', 'on', 'prefix', 'a', 'optin', 'optout'),
      I(1, 'CLIENT', 'TRACKING', 'on', 'redirect', 'abc'),
      I(1, 'CLIENT', 'TRACKING', 'on', 'redirect', '99999'),
      I(1, 'CLIENT', 'TRACKING', 'on', 'redirect', '0'),
      I(1, 'CLIENT', 'TRACKING', 'on', 'redirect', '-1'),
      I(1, 'CLIENT', 'TRACKING', 'on', 'redirect', '$ID2', 'redirect', '$ID2'),
      I(1, 'CLIENT', 'TRACKING', 'on', 'bcast', 'optin'),
      I(1, 'CLIENT', 'TRACKING', 'on', 'bcast', 'optout'),
      I(1, 'CLIENT', 'TRACKING', 'on', 'optin', 'optout'),
      I(1, 'CLIENT', 'TRACKING', 'on', 'bcast', 'prefix', 'a', 'prefix', 'ab'),
      I(1, 'CLIENT', 'TRACKING', 'ON', 'BCAST', 'PREFIX', 'x\x00y', 'PREFIX', 'x'),
      I(1, 'CLIENT', 'TRACKING', 'off', 'bogus'),
      I(1, 'CLIENT', 'TRACKING', 'off', 'redirect', '99999'),
      I(1, 'CLIENT', 'TRACKING', 'off', 'prefix', 'a'),
      I(1, 'CLIENT', 'TRACKINGINFO'),
      I(1, 'CLIENT', 'TRACKING', 'on'),
      I(1, 'CLIENT', 'TRACKING', 'on', 'bcast'),
      I(1, 'CLIENT', 'TRACKING', 'on', 'optin'),
      I(1, 'CLIENT', 'TRACKING', 'on', 'optout'),
      I(1, 'CLIENT', 'TRACKING', 'on', 'bcast', 'optin', 'optout'),
      I(1, 'CLIENT', 'TRACKINGINFO'),
      I(1, 'CLIENT', 'TRACKING', 'off'),
      I(1, 'CLIENT', 'TRACKING', 'on', 'bcast', 'prefix', 'a', 'prefix', 'b'),
      I(1, 'CLIENT', 'TRACKING', 'on', 'bcast', 'prefix', 'ab'),
      I(1, 'CLIENT', 'TRACKING', 'on', 'bcast', 'prefix', 'c'),
      I(1, 'CLIENT', 'TRACKING', 'on'),
      I(1, 'CLIENT', 'TRACKINGINFO'),
    ],
  },
  {
    name: 'overlapping given prefixes past the first: 7.0.15 replies the error and +OK, and enables them',
    conns: 1,
    steps: [
      { c: 1, cmd: ['CLIENT', 'TRACKING', 'on', 'bcast', 'prefix', 'a', 'prefix', 'b', 'prefix', 'bc'], frames: 2 },
      I(1, 'CLIENT', 'TRACKINGINFO'),
      I(1, 'CLIENT', 'TRACKING', 'on', 'bcast'),
      I(1, 'CLIENT', 'TRACKINGINFO'),
    ],
  },
  {
    name: 'CLIENT CACHING, GETREDIR and TRACKINGINFO replies and errors (RESP2 and RESP3)',
    conns: 2,
    steps: [
      I(1, 'CLIENT', 'CACHING', 'yes'),
      I(1, 'CLIENT', 'CACHING'),
      I(1, 'CLIENT', 'CACHING', 'yes', 'extra'),
      I(1, 'CLIENT', 'GETREDIR'),
      I(1, 'CLIENT', 'GETREDIR', 'x'),
      I(1, 'CLIENT', 'TRACKINGINFO', 'x'),
      I(1, 'CLIENT', 'TRACKINGINFO'),
      I(1, 'CLIENT', 'TRACKING', 'on'),
      I(1, 'CLIENT', 'CACHING', 'yes'),
      I(1, 'CLIENT', 'CACHING', 'no'),
      I(1, 'CLIENT', 'CACHING', 'maybe'),
      I(1, 'CLIENT', 'TRACKING', 'off'),
      I(1, 'CLIENT', 'TRACKING', 'on', 'optin', 'noloop', 'redirect', '$ID2'),
      I(1, 'CLIENT', 'CACHING', 'no'),
      I(1, 'CLIENT', 'CACHING', 'maybe'),
      I(1, 'CLIENT', 'CACHING', 'YES'),
      I(1, 'CLIENT', 'GETREDIR'),
      I(1, 'CLIENT', 'TRACKINGINFO'),
      HELLO3(1),
      I(1, 'CLIENT', 'TRACKINGINFO'),
      I(1, 'CLIENT', 'TRACKING', 'off'),
      I(1, 'CLIENT', 'TRACKING', 'on', 'optout'),
      I(1, 'CLIENT', 'CACHING', 'yes'),
      I(1, 'CLIENT', 'CACHING', 'no'),
      I(1, 'CLIENT', 'TRACKINGINFO'),
      I(1, 'CLIENT', 'GETREDIR'),
      I(1, 'RESET'),
      I(1, 'CLIENT', 'TRACKINGINFO'),
      I(1, 'CLIENT', 'GETREDIR'),
    ],
  },
  {
    name: 'default mode: one invalidation per key until read again; own writes after the reply',
    conns: 2,
    steps: [
      HELLO3(1),
      I(1, 'CLIENT', 'TRACKING', 'on'),
      I(1, 'GET', 'k'),
      I(2, 'SET', 'k', 'v'),
      READ(1),
      I(2, 'SET', 'k', 'v2'),
      PING(1),
      I(1, 'GET', 'k'),
      I(1, 'SET', 'k', 'x'),
      READ(1),
      I(1, 'MGET', 'm1', 'm2', 'k'),
      I(2, 'MSET', 'm1', '1', 'm2', '2', 'zz', '3'),
      READ(1, 2),
      PING(1),
      I(2, 'DEL', 'k'),
      READ(1),
      I(2, 'DEL', 'k'),
      PING(1),
    ],
  },
  {
    name: 'reads that are tracked: WRONGTYPE, EXISTS, TYPE, STRLEN; writes that read are not',
    conns: 2,
    steps: [
      HELLO3(1),
      I(1, 'CLIENT', 'TRACKING', 'on'),
      I(2, 'LPUSH', 'l', 'a'),
      I(1, 'GET', 'l'),
      I(1, 'EXISTS', 'ex'),
      I(1, 'TYPE', 'ty'),
      I(1, 'STRLEN', 'sl'),
      I(1, 'SET', 'sg', '1', 'GET'),
      I(1, 'GETSET', 'gs', '1'),
      I(2, 'SET', 'l', 'x'),
      READ(1),
      I(2, 'MSET', 'ex', '1', 'ty', '2', 'sl', '3', 'sg', '4', 'gs', '5'),
      READ(1, 3),
      PING(1),
    ],
  },
  {
    name: 'MULTI/EXEC: invalidations of the executing client follow the EXEC reply',
    conns: 2,
    steps: [
      HELLO3(1),
      I(1, 'CLIENT', 'TRACKING', 'on'),
      I(1, 'GET', 'k'),
      I(1, 'MULTI'),
      I(1, 'SET', 'k', 'y'),
      I(1, 'GET', 'k'),
      I(1, 'SET', 'k', 'z'),
      { c: 1, cmd: ['EXEC'], frames: 3 },
      I(2, 'MULTI'),
      I(2, 'SET', 'k', '1'),
      I(2, 'EXEC'),
      PING(1),
      I(1, 'GET', 'k'),
      I(2, 'MULTI'),
      I(2, 'SET', 'k', '2'),
      I(2, 'EXEC'),
      READ(1),
    ],
  },
  {
    name: 'FLUSHALL/FLUSHDB send a null invalidation to every tracking client; SWAPDB none',
    conns: 3,
    steps: [
      HELLO3(1),
      I(1, 'CLIENT', 'TRACKING', 'on'),
      HELLO3(3),
      I(3, 'CLIENT', 'TRACKING', 'on', 'bcast'),
      I(1, 'GET', 'a'),
      I(2, 'SWAPDB', '0', '1'),
      PING(1),
      PING(3),
      I(2, 'SELECT', '1'),
      I(2, 'SET', 'a', '1'),
      READ(1),
      READ(3),
      I(2, 'FLUSHALL'),
      READ(1),
      READ(3),
      I(2, 'FLUSHDB'),
      READ(1),
      READ(3),
      { c: 1, cmd: ['FLUSHALL'], frames: 2 },
      READ(3),
      PING(1),
    ],
  },
  {
    name: 'NOLOOP: no invalidation for own writes (and the key is forgotten)',
    conns: 2,
    steps: [
      HELLO3(1),
      I(1, 'CLIENT', 'TRACKING', 'on', 'noloop'),
      I(1, 'GET', 'c'),
      I(1, 'SET', 'c', '1'),
      I(2, 'SET', 'c', '2'),
      PING(1),
      I(1, 'GET', 'c'),
      I(2, 'SET', 'c', '3'),
      READ(1),
    ],
  },
  {
    name: 'OPTIN: only after CLIENT CACHING YES, for the next command; CLIENT commands keep it',
    conns: 2,
    steps: [
      HELLO3(1),
      I(1, 'CLIENT', 'TRACKING', 'on', 'optin'),
      I(1, 'GET', 'a'),
      I(2, 'SET', 'a', '1'),
      PING(1),
      I(1, 'CLIENT', 'CACHING', 'yes'),
      I(1, 'CLIENT', 'ID'),
      I(1, 'GET', 'a'),
      I(2, 'SET', 'a', '2'),
      READ(1),
      I(1, 'CLIENT', 'CACHING', 'yes'),
      I(1, 'PING'),
      I(1, 'GET', 'a'),
      I(2, 'SET', 'a', '3'),
      PING(1),
      I(1, 'CLIENT', 'CACHING', 'yes'),
      I(1, 'NOSUCHCMD'),
      I(1, 'GET', 'a'),
      I(2, 'SET', 'a', '4'),
      PING(1),
      I(1, 'CLIENT', 'CACHING', 'yes'),
      I(1, 'GET'),
      I(1, 'GET', 'a'),
      I(2, 'SET', 'a', '5'),
      PING(1),
      I(1, 'CLIENT', 'CACHING', 'yes'),
      I(1, 'MULTI'),
      I(1, 'GET', 'a'),
      I(1, 'EXEC'),
      I(2, 'SET', 'a', '6'),
      READ(1),
      I(1, 'MULTI'),
      I(1, 'CLIENT', 'CACHING', 'yes'),
      I(1, 'GET', 'a'),
      I(1, 'EXEC'),
      I(1, 'GET', 'b'),
      I(2, 'MSET', 'a', '7', 'b', '7'),
      READ(1),
      PING(1),
      I(1, 'CLIENT', 'TRACKINGINFO'),
    ],
  },
  {
    name: 'OPTOUT: tracked unless CLIENT CACHING NO',
    conns: 2,
    steps: [
      HELLO3(1),
      I(1, 'CLIENT', 'TRACKING', 'on', 'optout'),
      I(1, 'GET', 'b'),
      I(2, 'SET', 'b', '1'),
      READ(1),
      I(1, 'CLIENT', 'CACHING', 'no'),
      I(1, 'CLIENT', 'TRACKINGINFO'),
      I(1, 'GET', 'b'),
      I(2, 'SET', 'b', '2'),
      PING(1),
      I(1, 'GET', 'b'),
      I(2, 'SET', 'b', '3'),
      READ(1),
    ],
  },
  {
    name: 'BCAST: keys by prefix, batched per event-loop turn in byte order, one message per prefix',
    conns: 2,
    steps: [
      HELLO3(1),
      I(1, 'CLIENT', 'TRACKING', 'on', 'bcast', 'prefix', 'a', 'prefix', 'b'),
      I(2, 'MSET', 'a1', '1', 'b1', '2', 'c1', '3', 'a0', 'x', 'a1', 'y'),
      READ(1, 2),
      {
        c: 2,
        raw: '*3\r\n$3\r\nSET\r\n$2\r\naz\r\n$1\r\n1\r\n*3\r\n$3\r\nSET\r\n$2\r\nab\r\n$1\r\n1\r\n*3\r\n$3\r\nSET\r\n$2\r\naz\r\n$1\r\n2\r\n',
        frames: 3,
      },
      READ(1),
      I(2, 'SET', 'c9', '1'),
      PING(1),
      I(1, 'SET', 'a5', '1'),
      READ(1),
      I(1, 'CLIENT', 'TRACKING', 'on', 'bcast', 'noloop', 'prefix', 'c'),
      I(1, 'CLIENT', 'TRACKINGINFO'),
      I(1, 'MSET', 'a5', '1', 'c5', '2'),
      PING(1),
      I(2, 'MSET', 'a5', '1', 'c5', '2'),
      READ(1, 2),
      I(1, 'CLIENT', 'TRACKING', 'off'),
      I(1, 'CLIENT', 'TRACKING', 'on', 'bcast'),
      I(1, 'CLIENT', 'TRACKINGINFO'),
      I(2, 'SET', 'zz', '1'),
      READ(1),
      I(2, 'DEL', 'nokey'),
      PING(1),
    ],
  },
  {
    name: 'REDIRECT to a RESP2 pub/sub client: __redis__:invalidate messages, flush as $-1',
    conns: 3,
    steps: [
      I(2, 'SUBSCRIBE', 'x'),
      I(1, 'CLIENT', 'TRACKING', 'on', 'redirect', '$ID2'),
      I(1, 'CLIENT', 'LIST', 'ID', '$ID1'),
      I(1, 'GET', 'k'),
      I(3, 'SET', 'k', '1'),
      READ(2),
      I(3, 'FLUSHALL'),
      READ(2),
      I(1, 'CLIENT', 'TRACKING', 'off'),
      I(1, 'CLIENT', 'TRACKING', 'on', 'bcast', 'redirect', '$ID2'),
      I(3, 'SET', 'k', '1'),
      READ(2),
      I(1, 'CLIENT', 'TRACKING', 'off'),
      HELLO3(1),
      I(1, 'CLIENT', 'TRACKING', 'on', 'redirect', '$ID2'),
      I(1, 'GET', 'k'),
      I(3, 'FLUSHALL'),
      READ(2),
      PING(1),
    ],
  },
  {
    name: 'REDIRECT to a RESP2 client that is not subscribed, or to itself: nothing is sent',
    conns: 3,
    steps: [
      I(1, 'CLIENT', 'TRACKING', 'on', 'redirect', '$ID2'),
      I(1, 'GET', 'k'),
      I(3, 'SET', 'k', '1'),
      PING(2),
      I(1, 'CLIENT', 'TRACKING', 'on', 'redirect', '$ID1'),
      I(1, 'GET', 'k'),
      I(3, 'SET', 'k', '2'),
      PING(1),
      HELLO3(1),
      I(1, 'GET', 'k'),
      I(3, 'SET', 'k', '3'),
      READ(1),
      I(1, 'GET', 'k'),
      I(1, 'SET', 'k', '4'),
      READ(1),
    ],
  },
  {
    name: 'REDIRECT to a RESP3 client: pushes; the target gone: tracking-redir-broken',
    conns: 3,
    steps: [
      HELLO3(2),
      HELLO3(1),
      I(1, 'CLIENT', 'TRACKING', 'on', 'redirect', '$ID2'),
      I(1, 'GET', 'k'),
      I(3, 'SET', 'k', '1'),
      READ(2),
      PING(1),
      I(1, 'GET', 'k'),
      { c: 2, close: true },
      { sleep: 50 },
      I(1, 'CLIENT', 'TRACKINGINFO'),
      I(3, 'SET', 'k', '2'),
      READ(1),
      I(1, 'CLIENT', 'TRACKINGINFO'),
      I(1, 'CLIENT', 'GETREDIR'),
      I(1, 'GET', 'k'),
      I(3, 'SET', 'k', '3'),
      READ(1),
      I(1, 'CLIENT', 'TRACKING', 'off'),
      I(1, 'CLIENT', 'TRACKINGINFO'),
    ],
  },
  {
    name: 'invalidations are delivered under CLIENT REPLY OFF and SKIP',
    conns: 2,
    steps: [
      HELLO3(1),
      I(1, 'CLIENT', 'TRACKING', 'on'),
      I(1, 'GET', 'k'),
      { c: 1, raw: '*3\r\n$6\r\nCLIENT\r\n$5\r\nREPLY\r\n$3\r\nOFF\r\n', frames: 0 },
      { c: 2, cmd: ['SET', 'k', '1'] },
      READ(1),
      { c: 1, raw: '*2\r\n$3\r\nGET\r\n$1\r\nk\r\n*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\n2\r\n', frames: 1 },
      { c: 1, raw: '*3\r\n$6\r\nCLIENT\r\n$5\r\nREPLY\r\n$2\r\nON\r\n', frames: 1 },
      I(1, 'GET', 'k'),
      { c: 1, raw: '*3\r\n$6\r\nCLIENT\r\n$5\r\nREPLY\r\n$4\r\nSKIP\r\n*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\n3\r\n', frames: 1 },
      PING(1),
    ],
  },
  {
    name: 'expired keys invalidate: lazily on access (after the reply) and by active expiry',
    conns: 2,
    steps: [
      HELLO3(1),
      I(1, 'CLIENT', 'TRACKING', 'on'),
      I(1, 'SET', 'e', '1', 'PX', '50'),
      I(1, 'GET', 'e'),
      { sleep: 400 },
      READ(1),
      I(2, 'DEBUG', 'SET-ACTIVE-EXPIRE', '0'),
      I(1, 'SET', 'e2', '1', 'PX', '100'),
      I(1, 'GET', 'e2'),
      { sleep: 250 },
      { c: 1, cmd: ['GET', 'e2'], frames: 2 },
      I(2, 'DEBUG', 'SET-ACTIVE-EXPIRE', '1'),
    ],
  },
];

const SKIP_ENV = 'MEMORA_SKIP_DIFFERENTIAL';

function encode(argv: string[]): Buffer {
  let s = `*${argv.length}\r\n`;
  for (const a of argv) s += `$${a.length}\r\n${a}\r\n`;
  return Buffer.from(s, 'latin1');
}

async function readId(cl: RawClient): Promise<number> {
  const r = (await cl.command(['CLIENT', 'ID'])).toString('latin1');
  return Number(r.slice(1, -2));
}

/**
 * Replaces this server's client ids with $ID<n> where replies carry ids: HELLO's id field,
 * TRACKINGINFO's redirect, tracking-redir-broken pushes, CLIENT LIST's id=/redir=, and the
 * whole integer reply of CLIENT GETREDIR (`idReply`).
 */
function normalise(frame: Buffer, ids: number[], idReply: boolean): string {
  let s = frame.toString('latin1');
  ids.forEach((id, i) => {
    const tok = `$ID${i + 1}`;
    s = s.replace(new RegExp(`(\\$2\r\nid\r\n|redirect\r\n|tracking-redir-broken\r\n):${id}\r\n`, 'g'), `$1:${tok}\r\n`);
    s = s.replace(new RegExp(`(\\bid|redir)=${id}\\b`, 'g'), `$1=${tok}`);
    if (idReply && s === `:${id}\r\n`) s = `:${tok}\r\n`;
  });
  // CLIENT LIST fields that depend on the connection itself.
  s = s.replace(/(addr|laddr)=\S+/g, '$1=ADDR').replace(/(fd|age|idle|qbuf|qbuf-free|argv-mem|rbs|rbp|omem|tot-mem)=\d+/g, '$1=N');
  s = s.replace(/^([=$])\d+\r\n/, '$1LEN\r\n');
  return s;
}

interface Side {
  conns: RawClient[];
  ids: number[];
}

async function openSide(port: number, n: number): Promise<Side> {
  const conns: RawClient[] = [];
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const cl = await RawClient.connect(port);
    conns.push(cl);
    ids.push(await readId(cl));
  }
  return { conns, ids };
}

function substitute(argv: string[], side: Side): string[] {
  return argv.map((a) => a.replace(/\$ID(\d)/g, (_, n: string) => String(side.ids[Number(n) - 1])));
}

async function readFrames(side: Side, c: number, n: number, idReply = false): Promise<string[]> {
  const out: string[] = [];
  const cl = side.conns[c - 1] as RawClient;
  for (let i = 0; i < n; i++) out.push(normalise(await cl.readFrame(3000), side.ids, idReply));
  return out;
}

async function runStep(step: Step, mem: Side, red: Side, label: string): Promise<void> {
  if ('sleep' in step) {
    await new Promise((r) => setTimeout(r, step.sleep));
    return;
  }
  if ('close' in step) {
    mem.conns[step.c - 1]?.close();
    red.conns[step.c - 1]?.close();
    return;
  }
  let n: number;
  if ('read' in step) {
    n = step.read;
  } else if ('raw' in step) {
    mem.conns[step.c - 1]?.write(step.raw);
    red.conns[step.c - 1]?.write(step.raw);
    n = step.frames;
  } else {
    mem.conns[step.c - 1]?.write(encode(substitute(step.cmd, mem)));
    red.conns[step.c - 1]?.write(encode(substitute(step.cmd, red)));
    n = step.frames ?? 1;
  }
  const sub = 'cmd' in step && step.cmd.length === 2 ? step.cmd[1]?.toLowerCase() : undefined;
  const idReply = sub === 'getredir' || sub === 'id';
  const [m, r] = await Promise.all([readFrames(mem, step.c, n, idReply), readFrames(red, step.c, n, idReply)]);
  assert.deepEqual(m, r, `${label}: Memora vs Redis`);
}

function describeStep(step: Step): string {
  if ('sleep' in step) return `sleep ${step.sleep}`;
  if ('close' in step) return `[${step.c}] close`;
  if ('read' in step) return `[${step.c}] read ${step.read}`;
  if ('raw' in step) return `[${step.c}] ${JSON.stringify(step.raw)}`;
  return `[${step.c}] ${step.cmd.join(' ')}`;
}

const available = redisServerAvailable();
describe('client-side caching (CLIENT TRACKING) vs redis-server', { skip: !available && process.env[SKIP_ENV] === '1' ? `redis-server 7 not installed (${SKIP_ENV}=1)` : false }, () => {
  let memora: MemoraHandle;
  let redis: RealRedis;
  before(async () => {
    if (!available) throw new Error(`redis-server 7.x is required (or set ${SKIP_ENV}=1)`);
    [memora, redis] = await Promise.all([
      startServer({ port: 0, config: { 'enable-debug-command': 'yes' } }),
      startRealRedis(['--enable-debug-command', 'yes']),
    ]);
  });
  after(async () => {
    await Promise.all([memora?.close(), redis?.close()]);
  });
  for (const tc of cases) {
    it(tc.name, async () => {
      for (const port of [memora.port, redis.port]) {
        const cl = await RawClient.connect(port);
        assert.equal((await cl.command(['FLUSHALL'])).toString(), '+OK\r\n');
        cl.close();
      }
      const [mem, red] = await Promise.all([openSide(memora.port, tc.conns), openSide(redis.port, tc.conns)]);
      try {
        let i = 0;
        for (const step of tc.steps) {
          i++;
          await runStep(step, mem, red, `${tc.name} step ${i} (${describeStep(step)})`);
        }
      } finally {
        for (const cl of [...mem.conns, ...red.conns]) cl.close();
      }
    });
  }
});
