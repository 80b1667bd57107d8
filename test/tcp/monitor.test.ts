// MONITOR against a real redis-server 7.0.15: the same commands on both servers, the monitor
// connection's lines compared one by one with timestamps and addresses masked (quoting,
// redaction, what is hidden, db numbers, transactions, blocking commands). Also the monitoring
// connection's own rules: its commands are shown after their reply, it may not touch keys,
// MONITOR again is ignored, MONITOR inside MULTI fails at EXEC, RESET ends it.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { RawClient } from '../helpers/raw-client.js';
import { skipWithoutRedis } from '../helpers/redis-pipe.js';
import { quoteRepr } from '../../src/engine/monitor.js';
import { sideBySide } from '../helpers/differential.js';

const LINE = /^\+(\d+)\.(\d{6}) \[(\d+) ([^\]]+)\] (.*)\r\n$/s;

/** Every byte value once, to check the quoting of each. */
const ALL_BYTES = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i)).join('');

/** The commands a second client runs while the monitor watches (each reply is read). */
const SCRIPT: (string[] | { raw: string; frames: number })[] = [
  ['SET', 'k', 'a"b\\c\n\r\t\x07\x08\x01\x7f\xff é'],
  ['SET', 'all', ALL_BYTES],
  ['SELECT', '5'],
  ['PING'],
  ['SELECT', '0'],
  ['AUTH', 'pw'],
  ['AUTH', 'u', 'pw'],
  ['AUTH', 'a', 'b', 'c'],
  ['HELLO', '2', 'AUTH', 'default', 'x'],
  ['HELLO', '3', 'AUTH', 'u', 'p', 'BAD', 'AUTH', 'u2', 'p2'],
  ['HELLO', '3', 'BAD', 'AUTH', 'u', 'p'],
  ['HELLO', '3', 'SETNAME', 'x y', 'AUTH', 'u', 'p'],
  ['HELLO', '4', 'AUTH', 'u', 'p'],
  ['HELLO', '2', 'SETNAME', 'n'],
  ['CONFIG', 'GET', 'maxmemory'],
  ['CLIENT', 'ID'],
  ['CLIENT', 'LIST'],
  ['CLIENT', 'SETNAME', 'n2'],
  ['CLIENT', 'NO-EVICT', 'off'],
  ['SLOWLOG', 'LEN'],
  ['EXPIRE', 'k', '100'],
  ['SET', 'q', '1', 'EX', '10'],
  ['get'],
  ['NOSUCH'],
  ['GET', 'a', 'b'],
  ['MULTI'],
  ['SET', 'a', '1'],
  ['GET', 'a'],
  ['SELECT', '3'],
  ['EXEC'],
  ['MULTI'],
  ['NOSUCH'],
  ['EXEC'],
  ['BLPOP', 'bl', '0.05'],
  { raw: 'PING inline "quoted arg"\r\n', frames: 1 },
  ['ECHO', ''],
  ['ECHO', 'END'],
];

interface Run {
  lines: string[];
  addr: string;
}

async function runOn(port: number): Promise<Run> {
  const mon = await RawClient.connect(port);
  const cl = await RawClient.connect(port);
  try {
    const info = (await cl.command(['CLIENT', 'INFO'])).toString('latin1');
    const addr = /addr=(\S+)/.exec(info)?.[1] ?? '?';
    assert.equal((await mon.command(['MONITOR'])).toString(), '+OK\r\n');
    for (const step of SCRIPT) {
      if (Array.isArray(step)) {
        const r = await cl.command(step);
        // BLPOP answers its timeout later; every other reply is one frame.
        void r;
      } else {
        cl.write(step.raw);
        for (let i = 0; i < step.frames; i++) await cl.readFrame();
      }
    }
    const lines: string[] = [];
    for (;;) {
      const f = (await mon.readFrame()).toString('latin1');
      lines.push(f);
      if (f.includes('"ECHO" "END"')) break;
    }
    return { lines, addr };
  } finally {
    mon.close();
    cl.close();
  }
}

function mask(line: string, addr: string): string {
  const m = LINE.exec(line);
  if (!m) return `UNPARSED ${JSON.stringify(line)}`;
  return `[${m[3]} ${m[4] === addr ? 'CLIENT' : m[4]}] ${m[5]}`;
}

describe('MONITOR', { skip: skipWithoutRedis() }, () => {
  const servers = sideBySide();

  it('shows the same lines as redis-server, in the same order (times and addresses masked)', async () => {
    const [m, r] = [await runOn(servers.memora.port), await runOn(servers.redis.port)];
    const mm = m.lines.map((l) => mask(l, m.addr));
    const rm = r.lines.map((l) => mask(l, r.addr));
    assert.deepEqual(mm, rm);
    // The unmasked parts: unix seconds and microseconds, the client's own address.
    for (const l of m.lines) {
      const p = LINE.exec(l);
      assert.ok(p, l);
      assert.ok(Math.abs(Number(p[1]) - Date.now() / 1000) < 60, `a current unix time: ${l}`);
      assert.equal(p[4], m.addr);
    }
  });

  it('sdscatrepr quoting of every byte', () => {
    const named: Record<number, string> = { 0x22: '\\"', 0x5c: '\\\\', 0x0a: '\\n', 0x0d: '\\r', 0x09: '\\t', 0x07: '\\a', 0x08: '\\b' };
    let expected = '"';
    for (let b = 0; b < 256; b++) {
      const n = named[b];
      if (n !== undefined) expected += n;
      else if (b >= 0x20 && b <= 0x7e) expected += String.fromCharCode(b);
      else expected += '\\x' + b.toString(16).padStart(2, '0');
    }
    assert.equal(quoteRepr(ALL_BYTES), expected + '"');
    assert.equal(quoteRepr(''), '""');
  });

  it("the monitoring connection's own commands: shown after their reply; keys refused; RESET ends it", async () => {
    for (const port of [servers.memora.port, servers.redis.port]) {
      const mon = await RawClient.connect(port);
      const other = await RawClient.connect(port);
      try {
        await mon.command(['MONITOR']);
        mon.write('*1\r\n$4\r\nPING\r\n');
        assert.equal((await mon.readFrame()).toString(), '+PONG\r\n');
        assert.match((await mon.readFrame()).toString(), /^\+\d+\.\d{6} \[0 [^\]]+\] "PING"\r\n$/);
        assert.equal((await mon.command(['GET', 'x'])).toString(), "-ERR Replica can't interact with the keyspace\r\n");
        assert.equal((await mon.command(['SET', 'x', '1'])).toString(), "-ERR Replica can't interact with the keyspace\r\n");
        // MONITOR again: no reply at all, the next command answers normally.
        mon.write('*1\r\n$7\r\nMONITOR\r\n*2\r\n$4\r\nECHO\r\n$1\r\nz\r\n');
        assert.equal((await mon.readFrame()).toString(), '$1\r\nz\r\n');
        assert.match((await mon.readFrame()).toString(), /"ECHO" "z"/);
        assert.match((await mon.command(['CLIENT', 'INFO'])).toString('latin1'), /flags=O /);
        assert.match((await mon.readFrame()).toString(), /"CLIENT" "INFO"/);
        // A transaction with a key command is refused while queueing.
        assert.equal((await mon.command(['MULTI'])).toString(), '+OK\r\n');
        assert.match((await mon.readFrame()).toString(), /"MULTI"/);
        assert.equal((await mon.command(['GET', 'x'])).toString(), "-ERR Replica can't interact with the keyspace\r\n");
        assert.equal((await mon.command(['EXEC'])).toString(), '-EXECABORT Transaction discarded because of previous errors.\r\n');
        assert.match((await mon.readFrame()).toString(), /"EXEC"/);
        assert.equal((await mon.command(['RESET'])).toString(), '+RESET\r\n');
        await other.command(['SET', 'after', '1']);
        assert.equal((await mon.command(['GET', 'after'])).toString(), '$1\r\n1\r\n', 'no more lines, keys reachable again');
        // MONITOR inside MULTI fails at EXEC.
        await other.command(['MULTI']);
        assert.equal((await other.command(['MONITOR'])).toString(), '+QUEUED\r\n');
        assert.equal(
          (await other.command(['EXEC'])).toString(),
          "*1\r\n-ERR MONITOR isn't allowed for DENY BLOCKING client\r\n",
        );
        // QUIT of a monitor: +OK and no line of its own.
        await mon.command(['MONITOR']);
        mon.write('*1\r\n$4\r\nQUIT\r\n');
        assert.equal((await mon.readUntilClose()).toString(), '+OK\r\n');
      } finally {
        mon.close();
        other.close();
      }
    }
  });

  it('several monitors see the same lines; a closed monitor is dropped', async () => {
    const m1 = await RawClient.connect(servers.memora.port);
    const m2 = await RawClient.connect(servers.memora.port);
    const c = await RawClient.connect(servers.memora.port);
    try {
      const count = (): number => servers.memora.engine.monitors.clients.length;
      await m1.command(['MONITOR']);
      await m2.command(['MONITOR']);
      assert.equal(count(), 2);
      await c.command(['SET', 'mm', 'v']);
      const [a, b] = [(await m1.readFrame()).toString(), (await m2.readFrame()).toString()];
      assert.equal(a, b);
      assert.match(a, /"SET" "mm" "v"\r\n$/);
      m1.close();
      const deadline = Date.now() + 3000;
      while (count() !== 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
      assert.equal(count(), 1);
      await c.command(['GET', 'mm']);
      assert.match((await m2.readFrame()).toString(), /"GET" "mm"\r\n$/);
    } finally {
      m1.close();
      m2.close();
      c.close();
    }
  });
});
