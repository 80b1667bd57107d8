// The memora-server executable: flags and config files (CONFIG GET answers what was given),
// CONFIG REWRITE writing the file back, Redis's fatal report and exit code for bad
// configurations (compared with redis-server's own when it is installed), graceful exits on
// SIGTERM, SIGINT and SHUTDOWN.
import { describe, it, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RawClient } from '../helpers/raw-client.js';
import { freePort, redisServerAvailable } from '../helpers/real-redis.js';
import { parseReplies, type RespValue } from '../../src/protocol/client-parser.js';

const MAIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/server/main.js');

interface Running {
  child: ChildProcess;
  port: number;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; stdout: string }>;
}

function run(args: string[], cwd: string): Running['exit'] {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [MAIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString('latin1')));
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString('latin1')));
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

async function start(args: string[], cwd: string, port: number): Promise<Running> {
  const child = spawn(process.execPath, [MAIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString('latin1')));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString('latin1')));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; stdout: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  const deadline = Date.now() + 10000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`memora-server exited early: ${JSON.stringify(await exit)}`);
    try {
      const c = await RawClient.connect(port);
      const pong = await c.command(['PING']);
      c.close();
      if (pong.toString() === '+PONG\r\n' || pong.toString().startsWith('-NOAUTH')) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`memora-server did not start: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, port, exit };
}

function one(buf: Buffer): RespValue {
  return parseReplies(buf)[0] as RespValue;
}

async function configGet(c: RawClient, name: string): Promise<string> {
  const v = one(await c.command(['CONFIG', 'GET', name]));
  assert.equal(v.type, 'array');
  const a = v.value as RespValue[];
  assert.equal(a.length, 2, `CONFIG GET ${name}`);
  const val = a[1] as RespValue;
  assert.equal(val.type, 'bulk');
  return String(val.value);
}

describe('memora-server startup', () => {
  let tmp: string;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'memora-startup-'));
  });
  after(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('flags: CONFIG GET answers them, ./data is created, SIGTERM exits 0', async () => {
    const cwd = fs.mkdtempSync(path.join(tmp, 'flags-'));
    const port = await freePort();
    const s = await start(['--port', String(port), '--maxmemory', '10mb', '--save', '', '--hz', '20', '--loglevel', 'warning'], cwd, port);
    const c = await RawClient.connect(port);
    try {
      assert.equal(await configGet(c, 'port'), String(port));
      assert.equal(await configGet(c, 'maxmemory'), String(10 * 1024 * 1024));
      assert.equal(await configGet(c, 'save'), '');
      assert.equal(await configGet(c, 'hz'), '20');
      assert.equal(await configGet(c, 'bind'), '127.0.0.1 -::1');
      assert.equal(await configGet(c, 'dir'), path.join(fs.realpathSync(cwd), 'data'));
      assert.ok(fs.statSync(path.join(cwd, 'data')).isDirectory());
      assert.equal((await c.command(['CONFIG', 'REWRITE'])).toString(), '-ERR The server is running without a config file\r\n');
      const info = String((one(await c.command(['INFO', 'server'])) as { value: string }).value);
      assert.match(info, new RegExp(`\\r\\ntcp_port:${port}\\r\\n`));
      assert.match(info, /\r\nconfig_file:\r\n/);
      assert.match(info, /\r\nmemora_version:\d+\.\d+\.\d+/);
    } finally {
      c.close();
    }
    s.child.kill('SIGTERM');
    const e = await s.exit;
    assert.equal(e.code, 0, e.stderr + e.stdout);
  });

  it('a config file (with include), then flags; CONFIG REWRITE writes it back; SHUTDOWN exits 0', async () => {
    const cwd = fs.mkdtempSync(path.join(tmp, 'file-'));
    const port = await freePort();
    const file = path.join(cwd, 'memora.conf');
    fs.writeFileSync(path.join(cwd, 'extra.conf'), 'maxmemory-policy allkeys-lru\n');
    fs.writeFileSync(
      file,
      `# test config\nport ${port}\nbind 127.0.0.1\nsave 900 1\nsave 300 10\nmaxmemory 1mb\ninclude ${path.join(cwd, 'extra.conf')}\nrequirepass "pass word"\ndir ${cwd}/store\nloglevel warning\n`,
    );
    const s = await start([file, '--maxmemory', '2mb'], cwd, port);
    const c = await RawClient.connect(port);
    try {
      assert.equal((await c.command(['PING'])).toString(), '-NOAUTH Authentication required.\r\n');
      assert.equal((await c.command(['AUTH', 'pass word'])).toString(), '+OK\r\n');
      assert.equal(await configGet(c, 'save'), '900 1 300 10');
      assert.equal(await configGet(c, 'maxmemory'), String(2 * 1024 * 1024));
      assert.equal(await configGet(c, 'maxmemory-policy'), 'allkeys-lru');
      assert.equal(await configGet(c, 'dir'), path.join(cwd, 'store'));
      assert.ok(fs.statSync(path.join(cwd, 'store')).isDirectory());
      const info = String((one(await c.command(['INFO', 'server'])) as { value: string }).value);
      assert.ok(info.includes(`\r\nconfig_file:${file}\r\n`));
      assert.equal((await c.command(['CONFIG', 'SET', 'hz', '25', 'maxmemory', '3mb'])).toString(), '+OK\r\n');
      assert.equal((await c.command(['CONFIG', 'REWRITE'])).toString(), '+OK\r\n');
      const text = fs.readFileSync(file, 'latin1');
      assert.ok(text.startsWith(`# test config\nport ${port}\nbind 127.0.0.1\nsave 900 1\nsave 300 10\nmaxmemory 3mb\ninclude `), text);
      assert.ok(text.includes('\n# Generated by CONFIG REWRITE\n'), text);
      assert.ok(text.includes('\nhz 25\n'), text);
      assert.ok(text.includes('\nrequirepass "pass word"\n'), text);
      // SHUTDOWN closes the connection without a reply and the process exits 0.
      c.write('*2\r\n$8\r\nSHUTDOWN\r\n$6\r\nNOSAVE\r\n');
      assert.equal((await c.readUntilClose()).length, 0);
    } finally {
      c.close();
    }
    const e = await s.exit;
    assert.equal(e.code, 0, e.stderr + e.stdout);
  });

  it('SIGINT exits 0 and the pidfile comes and goes', async () => {
    const cwd = fs.mkdtempSync(path.join(tmp, 'sigint-'));
    const port = await freePort();
    const pidfile = path.join(cwd, 'memora.pid');
    const s = await start(['--port', String(port), '--pidfile', pidfile, '--loglevel', 'warning'], cwd, port);
    assert.equal(fs.readFileSync(pidfile, 'utf8'), `${s.child.pid}\n`);
    s.child.kill('SIGINT');
    const e = await s.exit;
    assert.equal(e.code, 0, e.stderr + e.stdout);
    assert.equal(fs.existsSync(pidfile), false);
  });

  it('--version, --help, and nothing to listen on', async () => {
    const v = await run(['--version'], tmp);
    assert.equal(v.code, 0);
    assert.match(v.stdout, /^Memora server v=\d+\.\d+\.\d+ redis_version=7\.0\.15 /);
    const h = await run(['--help'], tmp);
    assert.equal(h.code, 0);
    assert.match(h.stdout, /^Usage: memora-server/);
    const p0 = await run(['--port', '0', '--loglevel', 'warning'], tmp);
    assert.equal(p0.code, 1);
    assert.match(p0.stdout + p0.stderr, /Configured to not listen anywhere, exiting\./);
  });

  it('a bad configuration: exit code 1 and the fatal report', async () => {
    const bad = path.join(tmp, 'bad.conf');
    fs.writeFileSync(bad, 'port 7777\n# comment\n  foo bar  \n');
    const e = await run([bad], tmp);
    assert.equal(e.code, 1);
    assert.equal(
      e.stderr,
      "\n*** FATAL CONFIG FILE ERROR (Redis 7.0.15) ***\nReading the configuration file, at line 3\n>>> 'foo bar'\nBad directive or wrong number of arguments\n",
    );
    const missing = await run([path.join(tmp, 'missing.conf')], tmp);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /Fatal error, can't open config file '.*missing\.conf': No such file or directory/);
  });

  it('CONFIG REWRITE produces the file redis-server writes', { skip: !redisServerAvailable() && 'redis-server not installed' }, async () => {
    const cwd = fs.mkdtempSync(path.join(tmp, 'rewrite-'));
    const body = (port: number): string =>
      `# my config\nport ${port}\nbind 127.0.0.1\nsave ""\n\n\n# two\nhash-max-ziplist-entries 100\nslave-read-only yes\n` +
      `maxmemory 100mb\nmaxmemory 200mb\nsave 100 1\ninclude ${cwd}/inc.conf\nloglevel warning\ndir ${cwd}\n`;
    fs.writeFileSync(path.join(cwd, 'inc.conf'), 'hz 15\n');
    const [pm, pr] = [await freePort(), await freePort()];
    const fm = path.join(cwd, 'memora.conf');
    const fr = path.join(cwd, 'redis.conf');
    fs.writeFileSync(fm, body(pm));
    fs.writeFileSync(fr, body(pr));
    const mem = await start([fm], cwd, pm);
    const real = spawn('redis-server', [fr], { cwd, stdio: 'ignore' });
    const realExit = new Promise((r) => real.on('exit', r));
    try {
      for (let i = 0; ; i++) {
        try {
          const c = await RawClient.connect(pr);
          c.close();
          break;
        } catch {
          if (i > 100) throw new Error('redis-server did not start');
          await new Promise((r) => setTimeout(r, 50));
        }
      }
      const set = ['CONFIG', 'SET', 'maxmemory', '1gb', 'hz', '20', 'notify-keyspace-events', 'KEA', 'client-output-buffer-limit', 'pubsub 1mb 2mb 3'];
      set.push('ignore-warnings', 'a b', 'loglevel', 'notice', 'slave-priority', '50', 'appendfsync', 'always', 'save', '100 1 200 2');
      for (const port of [pm, pr]) {
        const c = await RawClient.connect(port);
        assert.equal((await c.command(set)).toString(), '+OK\r\n');
        assert.equal((await c.command(['CONFIG', 'REWRITE'])).toString(), '+OK\r\n');
        c.write('*2\r\n$8\r\nSHUTDOWN\r\n$6\r\nNOSAVE\r\n');
        await c.readUntilClose();
        c.close();
      }
      const norm = (f: string, port: number): { head: string; tail: string[] } => {
        const text = fs.readFileSync(f, 'latin1').replace(`port ${port}\n`, 'port PORT\n');
        const [head, tail = ''] = text.split('# Generated by CONFIG REWRITE\n');
        // Redis appends its ACL users (Memora has no ACL yet); its appended lines are in hash order.
        return { head: head as string, tail: tail.split('\n').filter((l) => l !== '' && !l.startsWith('user ')).sort() };
      };
      assert.deepEqual(norm(fm, pm), norm(fr, pr));
    } finally {
      real.kill('SIGKILL');
      mem.child.kill('SIGKILL');
      await Promise.all([realExit, mem.exit]);
    }
  });

  const sameAsRedis: { name: string; args?: string[]; file?: string }[] = [
    { name: 'unknown directive', args: ['--foo', 'bar'] },
    { name: 'not an integer', args: ['--port', 'abc'] },
    { name: 'too many arguments', args: ['--port', '1', '2'] },
    { name: 'bad save', args: ['--save', '10'] },
    { name: 'bad enum', args: ['--loglevel', 'nothing'] },
    { name: 'bad memory value', args: ['--maxmemory', '-1'] },
    { name: 'out of range', args: ['--io-threads', '0'] },
    { name: 'bad octal', args: ['--unixsocketperm', '8'] },
    { name: 'flags enum without a value', args: ['--shutdown-on-sigterm'] },
    { name: 'replicaof port', args: ['--replicaof', '127.0.0.1', '999999'] },
    { name: 'later line wins the report', args: ['--list-max-ziplist-entries', '5', '--hz', '5', '--databases', 'x'] },
    { name: 'bad line in a file', file: 'port 7777\n# comment\n  foo bar  \n' },
    { name: 'unbalanced quotes', file: 'port "7777\n' },
    { name: 'bad value in a file', file: '\n\nmaxmemory-policy lru\n' },
    { name: 'wrong number of arguments in a file', file: 'hz\n' },
  ];

  for (const t of sameAsRedis) {
    it(`fatal report identical to redis-server's: ${t.name}`, { skip: !redisServerAvailable() && 'redis-server not installed' }, async () => {
      const args = t.args ?? [];
      if (t.file !== undefined) {
        const f = path.join(tmp, `${t.name.replace(/\W+/g, '-')}.conf`);
        fs.writeFileSync(f, t.file);
        args.unshift(f);
      }
      const mine = await run(args, tmp);
      const real = spawnSync('redis-server', args, { cwd: tmp, encoding: 'latin1', timeout: 5000 });
      assert.equal(real.status, 1, 'redis-server refused the configuration');
      assert.equal(mine.code, 1);
      assert.equal(mine.stderr, real.stderr);
    });
  }
});
