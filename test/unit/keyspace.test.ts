// Unit tests of the keyspace (Db), the SCAN cursor table and the keyspace commands run in-process
// with a manual clock: active expiry reclaims keys incrementally, lazy expiry on access, exact
// expiry boundaries, propagation rewrites, keyspace events, dirty counting, RANDOMKEY, LFU/LRU.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { Engine } from '../../src/engine/engine.js';
import { ManualClock } from '../../src/store/clock.js';
import { Db, LFU_INIT_VAL } from '../../src/store/keyspace.js';
import { ScanCursors, parseScanCursor, scanCursorsOf } from '../../src/store/scan.js';
import { bindEvictionPolicy } from '../../src/commands/keyspace.js';
import type { Client } from '../../src/engine/client.js';

const T0 = 1_700_000_000_000;

interface Harness {
  engine: Engine;
  clock: ManualClock;
  c: Client;
  run: (...argv: string[]) => string;
  propagated: string[][];
  events: string[];
}

function harness(config: Record<string, string> = {}, seed = 1): Harness {
  const clock = new ManualClock(T0);
  const engine = new Engine({ clock, config, seed });
  const c = engine.createClient();
  const propagated: string[][] = [];
  const events: string[] = [];
  engine.onPropagate((db, argv) => propagated.push([String(db), ...argv]));
  engine.onKeyspaceEvent((type, event, key, db) => {
    // "new" (key created) events are covered by test/tcp/notifications.test.ts
    if (type !== 'n') events.push(`${type}:${event}:${key}@${db}`);
  });
  const run = (...argv: string[]): string => {
    engine.execute(c, argv);
    return c.reply.take().toString('latin1');
  };
  return { engine, clock, c, run, propagated, events };
}

const noHooks = { expired: () => undefined, added: () => undefined };

describe('Db: expiry boundaries and exact times', () => {
  it('a key expires strictly after its expire time (now > when), as Redis', () => {
    const db = new Db(0, noHooks);
    db.set('k', 'v', T0);
    db.setExpire('k', T0 + 100);
    assert.equal(db.lookup('k', T0 + 100), 'v');
    assert.equal(db.isExpired('k', T0 + 100), false);
    assert.equal(db.isExpired('k', T0 + 101), true);
    assert.equal(db.lookup('k', T0 + 101), undefined);
    assert.equal(db.size, 0);
  });

  it('keeps expire times beyond 2^53 exactly, and drops them with the key or TTL', () => {
    const db = new Db(0, noHooks);
    db.set('k', 'v', T0);
    db.setExpire('k', 9223372036854775807n);
    assert.equal(db.getExpireExact('k'), 9223372036854775807n);
    assert.ok((db.getExpire('k') ?? 0) > 9e18);
    db.setExpire('k', 5000n);
    assert.equal(db.getExpireExact('k'), 5000);
    db.setExpire('k', 9007199254740993n);
    db.removeExpire('k');
    assert.equal(db.getExpireExact('k'), undefined);
    db.setExpire('k', 9007199254740993n);
    db.set('k', 'v2', T0); // SET drops the TTL
    assert.equal(db.getExpireExact('k'), undefined);
    assert.equal(db.expiresBig.size, 0);
  });

  it('activeExpireStep examines at most its budget and resumes where it stopped', () => {
    const expired: string[] = [];
    const db = new Db(0, { expired: (_db, key) => expired.push(key), added: () => undefined });
    for (let i = 0; i < 100; i++) {
      db.set(`k${i}`, 'v', T0);
      db.setExpire(`k${i}`, T0 + (i % 2 === 0 ? 10 : 100000));
    }
    const r1 = db.activeExpireStep(T0 + 20, 30);
    assert.equal(r1.examined, 30);
    assert.equal(r1.expired, 15);
    const r2 = db.activeExpireStep(T0 + 20, 30);
    assert.equal(r2.examined, 30);
    assert.equal(r2.expired, 15);
    let total = r1.expired + r2.expired;
    for (let i = 0; i < 10; i++) total += db.activeExpireStep(T0 + 20, 30).expired;
    assert.equal(total, 50);
    assert.equal(expired.length, 50);
    assert.equal(db.size, 50);
    assert.equal(db.expires.size, 50);
    assert.ok(db.avgTtl > 0);
  });
});

describe('active expiry through Engine.cron', () => {
  it('reclaims 10k expired keys incrementally, bounded per call, leaving live keys', () => {
    // An absurd hz makes the time budget of one cron run smaller than one sampling step, so each
    // run does exactly one bounded step per database: the bound is what is checked, not speed.
    const h = harness({ hz: '2147483647' });
    const db = h.engine.dbs[0] as Db;
    const N = 10_000;
    for (let i = 0; i < N; i++) {
      db.set(`short:${i}`, 'v', T0);
      db.setExpire(`short:${i}`, T0 + 1000 + (i % 50));
    }
    for (let i = 0; i < 100; i++) {
      db.set(`long:${i}`, 'v', T0);
      db.setExpire(`long:${i}`, T0 + 3_600_000);
      db.set(`plain:${i}`, 'v', T0);
    }
    h.engine.cron();
    assert.equal(h.engine.stats.expiredKeys, 0, 'nothing has expired yet');
    h.clock.advance(2000);

    let calls = 0;
    let maxPerCall = 0;
    while (db.expires.size > 100 && calls < 100_000) {
      const before = db.size;
      h.engine.cron();
      calls++;
      maxPerCall = Math.max(maxPerCall, before - db.size);
    }
    assert.equal(db.size, 200, 'every short key reclaimed, long and plain ones kept');
    assert.equal(h.engine.stats.expiredKeys, N);
    assert.ok(calls > 1, `reclaimed over several cron runs (${calls})`);
    assert.ok(maxPerCall < N, `one run reclaimed at most ${maxPerCall}`);
    assert.equal(h.propagated.length, N, 'each reclaimed key propagates a DEL');
    assert.deepEqual(h.propagated[0]?.slice(0, 2), ['0', 'DEL']);
    assert.equal(h.events.filter((e) => e.startsWith('x:expired:')).length, N);
    // Nothing more to do: further runs reclaim nothing.
    h.engine.cron();
    assert.equal(db.size, 200);
  });

  it('visits every database', () => {
    const h = harness({ hz: '2147483647', databases: '4' });
    for (const db of h.engine.dbs) {
      for (let i = 0; i < 50; i++) {
        db.set(`k${i}`, 'v', T0);
        db.setExpire(`k${i}`, T0 + 10);
      }
    }
    h.clock.advance(100);
    for (let i = 0; i < 1000 && h.engine.dbs.some((d) => d.size > 0); i++) h.engine.cron();
    for (const db of h.engine.dbs) assert.equal(db.size, 0, `db ${db.id} reclaimed`);
  });

  it('does nothing while active expiry is disabled', () => {
    const h = harness();
    const db = h.engine.dbs[0] as Db;
    db.set('k', 'v', T0);
    db.setExpire('k', T0 + 10);
    h.clock.advance(100);
    h.engine.activeExpireEnabled = false;
    h.engine.cron();
    assert.equal(db.size, 1);
    h.engine.activeExpireEnabled = true;
    h.engine.cron();
    assert.equal(db.size, 0);
  });
});

describe('lazy expiry on access', () => {
  it('reads find an expired key gone, with DEL propagated and the expired event', () => {
    const h = harness();
    assert.equal(h.run('SET', 'k', 'v'), '+OK\r\n');
    assert.equal(h.run('PEXPIRE', 'k', '100'), ':1\r\n');
    h.propagated.length = 0;
    h.events.length = 0;
    h.clock.advance(100);
    assert.equal(h.run('PTTL', 'k'), ':0\r\n', 'at the expire time the key still exists');
    assert.equal(h.run('EXISTS', 'k'), ':1\r\n');
    h.clock.advance(1);
    assert.equal(h.run('GET', 'k'), '$-1\r\n');
    assert.equal(h.engine.dbs[0]?.size, 0, 'deleted, not just hidden');
    assert.deepEqual(h.propagated, [['0', 'DEL', 'k']]);
    // As lookupKeyRead in Redis: the key is reclaimed (expired) and the read misses (keymiss).
    assert.deepEqual(h.events, ['x:expired:k@0', 'm:keymiss:k@0']);
    assert.equal(h.engine.stats.expiredKeys, 1);
  });

  it('each command family expires lazily: TTL, TYPE, EXISTS, DEL, RENAME, COPY, MOVE, RANDOMKEY, SCAN', () => {
    const h = harness();
    const expiring = (k: string): void => {
      h.run('SET', k, 'v');
      h.run('PEXPIRE', k, '10');
    };
    for (const k of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']) expiring(k);
    h.clock.advance(11);
    assert.equal(h.run('TTL', 'a'), ':-2\r\n');
    assert.equal(h.run('TYPE', 'b'), '+none\r\n');
    assert.equal(h.run('EXISTS', 'c'), ':0\r\n');
    assert.equal(h.run('DEL', 'd'), ':0\r\n');
    assert.equal(h.run('RENAME', 'e', 'x'), '-ERR no such key\r\n');
    assert.equal(h.run('COPY', 'f', 'y'), ':0\r\n');
    assert.equal(h.run('MOVE', 'g', '1'), ':0\r\n');
    assert.equal(h.run('KEYS', '*'), '*0\r\n', 'KEYS hides expired keys');
    assert.equal(h.engine.dbs[0]?.size, 2, 'KEYS does not delete');
    assert.equal(h.run('RANDOMKEY'), '$-1\r\n');
    assert.equal(h.engine.dbs[0]?.size, 0, 'RANDOMKEY reclaimed the rest');
    assert.equal(h.engine.stats.expiredKeys, 9);
    expiring('s');
    h.clock.advance(11);
    assert.equal(h.run('SCAN', '0'), '*2\r\n$1\r\n0\r\n*0\r\n');
    assert.equal(h.engine.dbs[0]?.size, 0, 'SCAN reclaimed it');
  });
});

describe('EXPIRE family: propagation, events, dirty', () => {
  it('relative and second-based times propagate as PEXPIREAT with the options kept', () => {
    const h = harness();
    h.run('SET', 'k', 'v');
    h.propagated.length = 0;
    assert.equal(h.run('EXPIRE', 'k', '100'), ':1\r\n');
    assert.equal(h.run('PEXPIRE', 'k', '5000', 'GT'), ':0\r\n');
    assert.equal(h.run('PEXPIRE', 'k', '500000', 'gt'), ':1\r\n');
    assert.equal(h.run('EXPIREAT', 'k', String(T0 / 1000 + 50)), ':1\r\n');
    assert.equal(h.run('pexpireat', 'k', String(T0 + 7), 'XX'), ':1\r\n');
    assert.deepEqual(h.propagated, [
      ['0', 'PEXPIREAT', 'k', String(T0 + 100_000)],
      ['0', 'PEXPIREAT', 'k', String(T0 + 500_000), 'gt'],
      ['0', 'PEXPIREAT', 'k', String(T0 + 50_000)],
      ['0', 'pexpireat', 'k', String(T0 + 7), 'XX'],
    ]);
    assert.equal(h.events.filter((e) => e === 'g:expire:k@0').length, 4);
  });

  it('a time in the past deletes the key, propagates DEL and fires "del"', () => {
    const h = harness();
    h.run('SET', 'k', 'v');
    h.propagated.length = 0;
    h.events.length = 0;
    const dirty = h.engine.dirty;
    assert.equal(h.run('PEXPIREAT', 'k', String(T0)), ':1\r\n', 'when == now counts as past');
    assert.deepEqual(h.propagated, [['0', 'DEL', 'k']]);
    assert.deepEqual(h.events, ['g:del:k@0']);
    assert.equal(h.engine.dirty, dirty + 1);
    assert.equal(h.engine.stats.expiredKeys, 0, 'not counted as an expiry');
    assert.equal(h.engine.dbs[0]?.size, 0);
  });

  it('TTL rounds to the nearest second; PEXPIRETIME of INT64_MAX is exact', () => {
    const h = harness();
    h.run('SET', 'k', 'v');
    h.run('PEXPIRE', 'k', '1499');
    assert.equal(h.run('TTL', 'k'), ':1\r\n');
    h.run('PEXPIRE', 'k', '1500');
    assert.equal(h.run('TTL', 'k'), ':2\r\n');
    h.run('PEXPIREAT', 'k', '9223372036854775807');
    assert.equal(h.run('PEXPIRETIME', 'k'), ':9223372036854775807\r\n');
    assert.equal(h.run('EXPIRETIME', 'k'), ':9223372036854776\r\n');
    assert.equal(h.run('PTTL', 'k'), `:${9223372036854775807n - BigInt(T0)}\r\n`);
    h.run('RENAME', 'k', 'k2');
    assert.equal(h.run('PEXPIRETIME', 'k2'), ':9223372036854775807\r\n', 'RENAME keeps the exact time');
    h.run('MOVE', 'k2', '3');
    h.run('SWAPDB', '0', '3');
    assert.equal(h.run('PEXPIRETIME', 'k2'), ':9223372036854775807\r\n', 'MOVE and SWAPDB too');
    h.run('COPY', 'k2', 'k3');
    assert.equal(h.run('PEXPIRETIME', 'k3'), ':9223372036854775807\r\n', 'COPY too');
  });
});

describe('keyspace events and dirty counting', () => {
  it('RENAME, MOVE, COPY, PERSIST, DEL fire Redis events', () => {
    const h = harness();
    h.run('SET', 'a', '1');
    h.run('EXPIRE', 'a', '100');
    h.events.length = 0;
    h.run('RENAME', 'a', 'b');
    h.run('MOVE', 'b', '2');
    h.run('SWAPDB', '0', '2');
    h.run('COPY', 'b', 'c', 'DB', '5');
    h.run('PERSIST', 'b');
    h.run('PERSIST', 'b');
    h.run('UNLINK', 'b', 'zz');
    assert.deepEqual(h.events, [
      'g:rename_from:a@0',
      'g:rename_to:b@0',
      'g:move_from:b@0',
      'g:move_to:b@2',
      'g:copy_to:c@5',
      'g:persist:b@0',
      'g:del:b@0',
    ]);
  });

  it('FLUSHALL and FLUSHDB add the number of removed keys; SWAPDB counts one', () => {
    const h = harness();
    for (const k of ['a', 'b', 'c']) h.run('SET', k, '1');
    h.run('MOVE', 'c', '1');
    let d = h.engine.dirty;
    h.run('FLUSHDB');
    assert.equal(h.engine.dirty, d + 2);
    d = h.engine.dirty;
    h.run('FLUSHALL');
    assert.equal(h.engine.dirty, d + 1);
    d = h.engine.dirty;
    h.run('FLUSHALL', 'ASYNC');
    assert.equal(h.engine.dirty, d);
    h.run('SWAPDB', '0', '0');
    assert.equal(h.engine.dirty, d + 1);
    h.run('DEL', 'nokey');
    h.run('PERSIST', 'nokey');
    assert.equal(h.engine.dirty, d + 1);
  });

  it('EXISTS, TYPE, TTL and OBJECT do not touch the access time; TOUCH and GET do', () => {
    const h = harness();
    h.run('SET', 'k', 'v');
    h.clock.advance(10_000);
    for (const cmd of [['EXISTS', 'k'], ['TYPE', 'k'], ['TTL', 'k'], ['OBJECT', 'ENCODING', 'k'], ['SCAN', '0', 'TYPE', 'string']]) {
      h.run(...cmd);
    }
    assert.equal(h.run('OBJECT', 'IDLETIME', 'k'), ':10\r\n');
    h.run('TOUCH', 'k');
    assert.equal(h.run('OBJECT', 'IDLETIME', 'k'), ':0\r\n');
    h.clock.advance(5_000);
    h.run('GET', 'k');
    assert.equal(h.run('OBJECT', 'IDLETIME', 'k'), ':0\r\n');
  });

  it('keyspace hits and misses are counted by reads', () => {
    const h = harness();
    h.run('SET', 'k', 'v');
    const { keyspaceHits: hits, keyspaceMisses: misses } = h.engine.stats;
    h.run('EXISTS', 'k', 'x');
    h.run('TTL', 'k');
    h.run('TYPE', 'x');
    assert.equal(h.engine.stats.keyspaceHits, hits + 2);
    assert.equal(h.engine.stats.keyspaceMisses, misses + 2);
  });
});

describe('RANDOMKEY', () => {
  it('returns every key of a small database eventually (uniform choice)', () => {
    const h = harness({}, 42);
    const keys = ['a', 'b', 'c', 'd', 'e'];
    for (const k of keys) h.run('SET', k, '1');
    const seen = new Map<string, number>();
    for (let i = 0; i < 1000; i++) {
      const r = h.run('RANDOMKEY');
      const k = r.split('\r\n')[1] as string;
      seen.set(k, (seen.get(k) ?? 0) + 1);
    }
    assert.deepEqual([...seen.keys()].sort(), keys);
    for (const n of seen.values()) assert.ok(n > 100, `roughly uniform: ${[...seen.values()]}`);
  });

  it('spreads over a large database and never returns expired keys', () => {
    const h = harness({}, 7);
    const db = h.engine.dbs[0] as Db;
    for (let i = 0; i < 20_000; i++) {
      db.set(`k${i}`, 'v', T0);
      if (i % 2 === 1) db.setExpire(`k${i}`, T0 + 10);
    }
    h.clock.advance(100);
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const k = h.run('RANDOMKEY').split('\r\n')[1] as string;
      assert.ok(Number(k.slice(1)) % 2 === 0, `live key returned (${k})`);
      seen.add(k);
    }
    assert.ok(seen.size > 1000, `many distinct keys (${seen.size})`);
  });
});

describe('LFU access tracking (maxmemory-policy *-lfu)', () => {
  it('new keys start at LFU_INIT_VAL, the first access increments, idle minutes decay', () => {
    const h = harness({ 'maxmemory-policy': 'allkeys-lfu' });
    bindEvictionPolicy(h.engine);
    h.run('SET', 'k', 'v');
    assert.equal(h.run('OBJECT', 'FREQ', 'k'), `:${LFU_INIT_VAL}\r\n`);
    h.run('GET', 'k');
    assert.equal(h.run('OBJECT', 'FREQ', 'k'), `:${LFU_INIT_VAL + 1}\r\n`);
    assert.match(h.run('OBJECT', 'IDLETIME', 'k'), /^-ERR An LFU maxmemory policy is selected/);
    for (let i = 0; i < 2000; i++) h.run('GET', 'k');
    const hot = Number(h.run('OBJECT', 'FREQ', 'k').slice(1, -2));
    assert.ok(hot > LFU_INIT_VAL + 5 && hot < 255, `logarithmic growth (${hot})`);
    h.clock.advance(3 * 60_000);
    assert.equal(h.run('OBJECT', 'FREQ', 'k'), `:${hot - 3}\r\n`, 'one step per lfu-decay-time minute');
    h.run('RENAME', 'k', 'k2');
    const renamed = Number(h.run('OBJECT', 'FREQ', 'k2').slice(1, -2));
    assert.ok(renamed >= hot - 3, 'RENAME keeps the counter');
    h.run('COPY', 'k2', 'k3');
    assert.equal(h.run('OBJECT', 'FREQ', 'k3'), `:${LFU_INIT_VAL}\r\n`, 'a COPY is a new object');
  });

  it('FREQ is refused and IDLETIME works without an LFU policy; switching at runtime rebinds', () => {
    const h = harness();
    bindEvictionPolicy(h.engine);
    h.run('SET', 'k', 'v');
    assert.match(h.run('OBJECT', 'FREQ', 'k'), /^-ERR An LFU maxmemory policy is not selected/);
    assert.equal(h.run('OBJECT', 'FREQ', 'nokey'), '$-1\r\n', 'missing key first');
    assert.equal(h.engine.config.set('maxmemory-policy', 'volatile-lfu'), null);
    assert.ok(h.engine.dbs[0]?.lfu !== null);
    h.run('SET', 'n', 'v');
    assert.equal(h.run('OBJECT', 'FREQ', 'n'), `:${LFU_INIT_VAL}\r\n`);
    assert.equal(h.engine.config.set('maxmemory-policy', 'allkeys-lru'), null);
    assert.equal(h.engine.dbs[0]?.lfu, null);
  });
});

describe('SCAN cursor table', () => {
  it('iterates a Map fully, ending with cursor 0 on the last batch', () => {
    const t = new ScanCursors();
    const m = new Map(Array.from({ length: 25 }, (_, i) => [`k${i}`, i]));
    const got: string[] = [];
    let cur = 0;
    let calls = 0;
    do {
      const b = t.next(m, () => m.keys(), m.size, cur, 5);
      got.push(...b.items);
      cur = b.cursor;
      calls++;
    } while (cur !== 0);
    assert.equal(calls, 5, 'exactly 25/5 calls: the last full batch already says done');
    assert.deepEqual(got, [...m.keys()]);
    assert.equal(t.size, 0, 'finished scans hold nothing');
  });

  it('unknown, replayed and foreign cursors restart from the beginning', () => {
    const t = new ScanCursors();
    const m = new Map(Array.from({ length: 10 }, (_, i) => [`k${i}`, i]));
    const other = new Map([['x', 1]]);
    const b1 = t.next(m, () => m.keys(), m.size, 0, 3);
    assert.deepEqual(b1.items, ['k0', 'k1', 'k2']);
    const b2 = t.next(m, () => m.keys(), m.size, b1.cursor, 3);
    assert.deepEqual(b2.items, ['k3', 'k4', 'k5']);
    const replay = t.next(m, () => m.keys(), m.size, b1.cursor, 3);
    assert.deepEqual(replay.items, ['k0', 'k1', 'k2'], 'a consumed cursor restarts');
    const foreign = t.next(other, () => other.keys(), other.size, b2.cursor, 3);
    assert.deepEqual(foreign.items, ['x']);
    assert.equal(foreign.cursor, 0);
    assert.deepEqual(t.next(m, () => m.keys(), m.size, 424242, 2).items, ['k0', 'k1']);
  });

  it('is bounded: the least recently used saved scan is evicted', () => {
    const t = new ScanCursors(3);
    const m = new Map(Array.from({ length: 10 }, (_, i) => [`k${i}`, i]));
    const cursors = [0, 1, 2, 3].map(() => t.next(m, () => m.keys(), m.size, 0, 2).cursor);
    assert.equal(t.size, 3);
    assert.deepEqual(t.next(m, () => m.keys(), m.size, cursors[0] as number, 2).items, ['k0', 'k1'], 'evicted: restart');
    assert.deepEqual(t.next(m, () => m.keys(), m.size, cursors[3] as number, 2).items, ['k2', 'k3'], 'kept: continues');
  });

  it('keys present for the whole scan are returned despite concurrent changes', () => {
    const t = new ScanCursors();
    const m = new Map<string, number>();
    for (let i = 0; i < 1000; i++) m.set(`s${i}`, i);
    for (let i = 0; i < 1000; i++) m.set(`d${i}`, i);
    const got = new Set<string>();
    let cur = 0;
    let round = 0;
    do {
      const b = t.next(m, () => m.keys(), m.size, cur, 17);
      for (const k of b.items) if (m.has(k)) got.add(k);
      cur = b.cursor;
      for (let i = 0; i < 30; i++) m.delete(`d${round * 30 + i}`);
      for (let i = 0; i < 40; i++) m.set(`n${round}:${i}`, 0);
      round++;
    } while (cur !== 0 && round < 10_000);
    assert.equal(cur, 0, 'terminates although keys are added faster than they are read');
    assert.ok(round <= Math.ceil(2000 / 17), `at most start-size/count calls (${round})`);
    for (let i = 0; i < 1000; i++) assert.ok(got.has(`s${i}`), `s${i}`);
  });

  it('forget() drops saved scans of a flushed source; the table is per owner', () => {
    const owner = {};
    const t = scanCursorsOf(owner);
    assert.equal(scanCursorsOf(owner), t);
    assert.notEqual(scanCursorsOf({}), t);
    const m = new Map([['a', 1], ['b', 2], ['c', 3]]);
    const b = t.next(m, () => m.keys(), m.size, 0, 1);
    assert.equal(t.size, 1);
    t.forget(m);
    assert.equal(t.size, 0);
    assert.deepEqual(t.next(m, () => m.keys(), m.size, b.cursor, 1).items, ['a']);
  });

  it('parses cursors as strtoul does', () => {
    const valid: [string, number][] = [
      ['0', 0], ['', 0], ['00', 0], ['-0', 0], ['+5', 5], ['123', 123], ['000000000000000000000000000042', 42],
      ['18446744073709551615', 18446744073709551615], ['-1', 18446744073709551615], ['-18446744073709551615', 1],
    ];
    for (const [s, n] of valid) assert.equal(parseScanCursor(s), n, JSON.stringify(s));
    for (const s of [' 1', '1 ', 'x', '-', '+', '1x', '0x10', '1.0', '18446744073709551616', '-18446744073709551616', '+-1']) {
      assert.equal(parseScanCursor(s), null, JSON.stringify(s));
    }
  });

  it('SCAN through the engine survives FLUSHDB and SWAPDB mid-scan', () => {
    const h = harness();
    for (let i = 0; i < 30; i++) h.run('SET', `k${i}`, 'v');
    const first = h.run('SCAN', '0', 'COUNT', '5');
    const cursor = first.split('\r\n')[2] as string;
    assert.notEqual(cursor, '0');
    h.run('FLUSHDB');
    h.run('SET', 'fresh', 'v');
    assert.equal(h.run('SCAN', cursor, 'COUNT', '5'), '*2\r\n$1\r\n0\r\n*1\r\n$5\r\nfresh\r\n');
  });
});
