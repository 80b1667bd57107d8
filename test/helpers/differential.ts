// The differential harness: runs the same command sequences against Memora and a real
// redis-server 7.0.15 (both started here on free loopback ports) and compares the replies byte
// for byte — or order-insensitively / approximately where Redis leaves order or timing open.
import { describe, it, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { startServer, type MemoraHandle } from '../../src/index.js';
import { frameEnd } from '../../src/protocol/client-parser.js';
import { RawClient } from './raw-client.js';
import { redisServerAvailable, startRealRedis, type RealRedis } from './real-redis.js';

export type Compare =
  /** byte for byte (the default) */
  | 'exact'
  /** an array/set/map whose element order Redis leaves open: compared sorted */
  | 'unordered'
  /** only the reply type and, for aggregates, the element count (random results) */
  | 'shape'
  /** an integer within `tolerance` of Redis's (TTLs, times) */
  | 'approx';

export interface CommandStep {
  cmd: string[];
  compare?: Compare;
  tolerance?: number;
}

export interface RawStep {
  /** Bytes to send as they are (inline commands, malformed protocol). */
  raw: string | Buffer;
  /** How many reply frames to read; omitted = read until the server closes. */
  frames?: number;
}

export interface SleepStep {
  sleep: number;
}

export type Step = string[] | CommandStep | RawStep | SleepStep;

export interface Case {
  name: string;
  steps: Step[];
  /** Speak RESP3 (HELLO 3 first; its reply is compared too, except for server-specific fields). */
  resp3?: boolean;
}

export interface DifferentialOptions {
  /** Config for Memora (Redis names). */
  memoraConfig?: Record<string, string>;
  /** Extra redis-server arguments, e.g. ['--requirepass', 'x']. */
  redisArgs?: string[];
}

const SKIP_ENV = 'MEMORA_SKIP_DIFFERENTIAL';

function show(b: Buffer): string {
  return JSON.stringify(b.toString('latin1'));
}

/** Splits an aggregate frame into its header and element frames. */
function splitAggregate(frame: Buffer): { header: string; elems: Buffer[]; pairs: boolean } | null {
  const t = String.fromCharCode(frame[0] ?? 0);
  if (t !== '*' && t !== '~' && t !== '%') return null;
  const nl = frame.indexOf('\r\n');
  const header = frame.subarray(0, nl + 2).toString('latin1');
  let n = Number(header.slice(1, -2));
  if (n < 0) return null;
  const pairs = t === '%';
  if (pairs) n *= 2;
  const elems: Buffer[] = [];
  let pos = nl + 2;
  for (let i = 0; i < n; i++) {
    const end = frameEnd(frame, pos);
    elems.push(frame.subarray(pos, end));
    pos = end;
  }
  return { header, elems, pairs };
}

function normaliseUnordered(frame: Buffer): string {
  const agg = splitAggregate(frame);
  if (!agg) return frame.toString('latin1');
  const items: string[] = [];
  if (agg.pairs) {
    for (let i = 0; i < agg.elems.length; i += 2) {
      items.push((agg.elems[i] as Buffer).toString('latin1') + (agg.elems[i + 1] as Buffer).toString('latin1'));
    }
  } else {
    for (const e of agg.elems) items.push(e.toString('latin1'));
  }
  items.sort();
  return agg.header + items.join('');
}

function shapeOf(frame: Buffer): string {
  const agg = splitAggregate(frame);
  if (agg) return agg.header;
  return String.fromCharCode(frame[0] ?? 0);
}

function compareFrames(step: CommandStep, mem: Buffer, red: Buffer, label: string): void {
  const mode = step.compare ?? 'exact';
  if (mode === 'exact') {
    assert.equal(show(mem), show(red), `${label}: Memora vs Redis`);
  } else if (mode === 'unordered') {
    assert.equal(normaliseUnordered(mem), normaliseUnordered(red), `${label}: Memora vs Redis (unordered)`);
  } else if (mode === 'shape') {
    assert.equal(shapeOf(mem), shapeOf(red), `${label}: reply shape, Memora ${show(mem)} vs Redis ${show(red)}`);
  } else {
    const m = /^:(-?\d+)\r\n$/.exec(mem.toString('latin1'));
    const r = /^:(-?\d+)\r\n$/.exec(red.toString('latin1'));
    assert.ok(m && r, `${label}: integer replies expected, Memora ${show(mem)} vs Redis ${show(red)}`);
    const diff = Math.abs(Number(m[1]) - Number(r[1]));
    assert.ok(diff <= (step.tolerance ?? 1), `${label}: ${m[1]} vs ${r[1]} differ by more than ${step.tolerance ?? 1}`);
  }
}

async function runStep(step: Step, mem: RawClient, red: RawClient, label: string): Promise<void> {
  if (Array.isArray(step)) step = { cmd: step };
  if ('sleep' in step) {
    await new Promise((r) => setTimeout(r, step.sleep));
    return;
  }
  if ('raw' in step) {
    mem.write(step.raw);
    red.write(step.raw);
    if (step.frames === undefined) {
      const [m, r] = await Promise.all([mem.readUntilClose(), red.readUntilClose()]);
      assert.equal(show(m), show(r), `${label}: bytes before close`);
    } else {
      for (let i = 0; i < step.frames; i++) {
        const [m, r] = await Promise.all([mem.readFrame(), red.readFrame()]);
        assert.equal(show(m), show(r), `${label}: frame ${i + 1}`);
      }
    }
    return;
  }
  const [m, r] = await Promise.all([mem.command(step.cmd), red.command(step.cmd)]);
  compareFrames(step, m, r, label);
}

/** Declares a node:test suite that runs every case against both servers. */
export function differential(title: string, cases: Case[], opts: DifferentialOptions = {}): void {
  const available = redisServerAvailable();
  const skip = !available && process.env[SKIP_ENV] === '1';
  describe(title, { skip: skip ? `redis-server 7 not installed (${SKIP_ENV}=1)` : false }, () => {
    let memora: MemoraHandle;
    let redis: RealRedis;
    before(async () => {
      if (!available) {
        throw new Error(`redis-server 7.x is required for differential tests (apt-get install redis-server), or set ${SKIP_ENV}=1`);
      }
      [memora, redis] = await Promise.all([
        startServer({ port: 0, config: opts.memoraConfig }),
        startRealRedis(opts.redisArgs),
      ]);
    });
    after(async () => {
      await Promise.all([memora?.close(), redis?.close()]);
    });
    for (const c of cases) {
      it(c.name, async () => {
        const [mem, red] = await Promise.all([RawClient.connect(memora.port), RawClient.connect(redis.port)]);
        try {
          const auth = opts.redisArgs?.includes('--requirepass')
            ? ['AUTH', opts.redisArgs[opts.redisArgs.indexOf('--requirepass') + 1] as string]
            : null;
          for (const cl of [mem, red]) {
            if (auth) await cl.command(auth);
            const fl = await cl.command(['FLUSHALL']);
            assert.equal(fl.toString(), '+OK\r\n', 'FLUSHALL before the case');
            if (auth) await cl.command(['QUIT']).catch(() => undefined);
          }
          if (auth) {
            mem.close();
            red.close();
          }
          const [m2, r2] = auth
            ? await Promise.all([RawClient.connect(memora.port), RawClient.connect(redis.port)])
            : [mem, red];
          try {
            if (c.resp3) {
              const [hm, hr] = await Promise.all([m2.command(['HELLO', '3']), r2.command(['HELLO', '3'])]);
              assert.equal(hm[0], hr[0], 'HELLO 3 reply type');
            }
            let i = 0;
            for (const step of c.steps) {
              i++;
              const what = Array.isArray(step) ? step.join(' ') : 'cmd' in step ? step.cmd.join(' ') : 'raw' in step ? show(Buffer.from(step.raw)) : 'sleep';
              await runStep(step, m2, r2, `${c.name} step ${i} (${what.slice(0, 200)})`);
            }
          } finally {
            m2.close();
            r2.close();
          }
        } finally {
          mem.close();
          red.close();
        }
      });
    }
  });
}

/** The skip reason for suites needing redis-server (only with MEMORA_SKIP_DIFFERENTIAL=1). */
export function skipDifferential(): string | false {
  return !redisServerAvailable() && process.env[SKIP_ENV] === '1' ? `redis-server 7 not installed (${SKIP_ENV}=1)` : false;
}

export interface SideBySide {
  readonly memora: MemoraHandle;
  readonly redis: RealRedis;
  /** One new connection to each server (Memora first), closed after the suite. */
  pair(): Promise<[RawClient, RawClient]>;
}

/**
 * For suites that drive both servers themselves (several connections, custom checks): starts
 * Memora and a real redis-server before the suite and stops them, and every connection
 * opened through pair(), after it. Call inside describe().
 */
export function sideBySide(opts: DifferentialOptions = {}): SideBySide {
  let memora: MemoraHandle | undefined;
  let redis: RealRedis | undefined;
  const open: RawClient[] = [];
  before(async () => {
    [memora, redis] = await Promise.all([startServer({ port: 0, config: opts.memoraConfig }), startRealRedis(opts.redisArgs)]);
  });
  after(async () => {
    for (const c of open) c.close();
    await Promise.all([memora?.close(), redis?.close()]);
  });
  return {
    get memora(): MemoraHandle {
      if (!memora) throw new Error('sideBySide: servers not started yet');
      return memora;
    },
    get redis(): RealRedis {
      if (!redis) throw new Error('sideBySide: servers not started yet');
      return redis;
    },
    async pair(): Promise<[RawClient, RawClient]> {
      if (!memora || !redis) throw new Error('sideBySide: servers not started yet');
      const p = await Promise.all([RawClient.connect(memora.port), RawClient.connect(redis.port)]);
      open.push(...p);
      return p;
    },
  };
}
