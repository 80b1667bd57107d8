// Memory benchmark: loads N distinct small string keys (SET key:<9 digits> v<9 digits>, a
// 13-byte key and a 10-byte non-numeric value) into Memora and into a real redis-server through
// a pipelined raw socket, and compares resident memory (VmRSS from /proc/<pid>/status) per key,
// plus INFO memory's used_memory where the server reports it.
// Usage: node dist/bench/memory.js [--keys N] [--settle SECONDS] [--node-flags "..."]
//        [--explore-flags] [--repeat N] [--compare redis] [--memora path/to/main.js] [--quick] [--json file]
// Every option also reads an environment variable BENCH_<NAME> (e.g. BENCH_KEYS=200000).
import * as fs from 'node:fs';
import * as net from 'node:net';
import {
  Options,
  command,
  fmtInt,
  fmtNum,
  info,
  installCleanup,
  machineDescription,
  shellQuote,
  sleep,
  startServer,
  statusKb,
  table,
  type Server,
  type ServerOptions,
} from './lib.js';

const KEY_PREFIX = 'key:';

function keyOf(i: number): string {
  return KEY_PREFIX + String(i).padStart(9, '0');
}

function valueOf(i: number): string {
  return 'v' + String(i).padStart(9, '0');
}

/**
 * Sends `SET key value` for i in [0, count) over one connection, a window of batches in flight,
 * and checks every reply is +OK. Resolves with the elapsed milliseconds.
 */
function load(port: number, count: number): Promise<number> {
  const BATCH = 1000;
  const WINDOW = 64 * BATCH;
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const sock = net.connect({ port, host: '127.0.0.1' });
    let sent = 0;
    let received = 0; // bytes of replies; each +OK\r\n is 5 bytes
    const pump = (): void => {
      while (sent < count && sent - Math.floor(received / 5) < WINDOW) {
        const end = Math.min(count, sent + BATCH);
        let s = '';
        for (let i = sent; i < end; i++) {
          const k = keyOf(i);
          const v = valueOf(i);
          s += `*3\r\n$3\r\nSET\r\n$${k.length}\r\n${k}\r\n$${v.length}\r\n${v}\r\n`;
        }
        sent = end;
        sock.write(s, 'latin1');
      }
    };
    sock.once('connect', pump);
    sock.on('data', (d: Buffer) => {
      for (let j = 0; j < d.length; j++) {
        const expected = '+OK\r\n'.charCodeAt((received + j) % 5);
        if (d[j] !== expected) {
          sock.destroy();
          reject(new Error(`unexpected reply after ${Math.floor((received + j) / 5)} SETs: ${JSON.stringify(d.toString('latin1', j, j + 200))}`));
          return;
        }
      }
      received += d.length;
      if (received === count * 5) {
        sock.end();
        resolve(performance.now() - t0);
      } else {
        pump();
      }
    });
    sock.once('error', reject);
    sock.once('close', () => {
      if (received !== count * 5) reject(new Error(`connection closed after ${Math.floor(received / 5)} of ${count} SETs`));
    });
  });
}

interface Measure {
  label: string;
  nodeFlags: string;
  argv: string[];
  rssBeforeKb: number;
  rssAfterLoadKb: number;
  rssSettledKb: number;
  hwmKb: number;
  usedBefore: number;
  usedAfter: number;
  dbsize: string;
  loadMs: number;
  bytesPerKey: number;
  usedPerKey: number;
  /** With --repeat: every run's RSS B/key, lowest first. */
  spread?: string;
}

async function measure(opts: ServerOptions, keys: number, settleSec: number): Promise<Measure> {
  const server: Server = await startServer(opts);
  try {
    await sleep(500);
    const rssBeforeKb = statusKb(server.pid, 'VmRSS');
    const usedBefore = Number((await info(server.port, 'memory')).get('used_memory') ?? NaN);
    const loadMs = await load(server.port, keys);
    const rssAfterLoadKb = statusKb(server.pid, 'VmRSS');
    // Let a garbage-collected heap settle (V8's memory reducer runs after allocation stops).
    await sleep(settleSec * 1000);
    const rssSettledKb = statusKb(server.pid, 'VmRSS');
    const hwmKb = statusKb(server.pid, 'VmHWM');
    const usedAfter = Number((await info(server.port, 'memory')).get('used_memory') ?? NaN);
    let dbsize: string;
    try {
      const r = await command(server.port, ['DBSIZE']);
      dbsize = r instanceof Error ? 'n/a' : String(r);
    } catch (err) {
      dbsize = 'n/a';
    }
    const m: Measure = {
      label: opts.label,
      nodeFlags: (opts.nodeFlags ?? []).join(' '),
      argv: server.argv,
      rssBeforeKb,
      rssAfterLoadKb,
      rssSettledKb,
      hwmKb,
      usedBefore,
      usedAfter,
      dbsize,
      loadMs,
      bytesPerKey: ((rssSettledKb - rssBeforeKb) * 1024) / keys,
      usedPerKey: (usedAfter - usedBefore) / keys,
    };
    process.stderr.write(
      `${opts.label}: loaded ${fmtInt(keys)} keys in ${(loadMs / 1000).toFixed(1)} s; RSS ${fmtInt(rssBeforeKb / 1024)} -> ${fmtInt(rssSettledKb / 1024)} MB\n`,
    );
    return m;
  } finally {
    await server.stop();
  }
}

/** Node flag sets tried by --explore-flags (one Memora run each). */
const FLAG_SETS: string[][] = [
  ['--optimize-for-size'],
  ['--max-semi-space-size=1'],
  ['--max-semi-space-size=64'],
  ['--max-old-space-size=256'],
  ['--single-threaded-gc'],
];

async function main(): Promise<void> {
  installCleanup();
  const opts = new Options(process.argv.slice(2));
  const quick = opts.flag('quick');
  const keys = opts.number('keys', quick ? 100_000 : 1_000_000);
  const settleSec = opts.number('settle', quick ? 1 : 5);
  const nodeFlags = opts.string('node-flags', '').split(/\s+/).filter((f) => f !== '');
  const compare = opts.string('compare', 'memora');
  const memoraMain = opts.string('memora', '');
  const explore = opts.flag('explore-flags');
  const repeat = Math.max(1, opts.number('repeat', 1));
  /** Runs a configuration `repeat` times and keeps the run with the median settled RSS. */
  const measureMedian = async (o: ServerOptions): Promise<Measure> => {
    const runs: Measure[] = [];
    for (let i = 0; i < repeat; i++) runs.push(await measure(o, keys, settleSec));
    runs.sort((x, y) => x.bytesPerKey - y.bytesPerKey);
    const m = runs[(runs.length - 1) >> 1] as Measure;
    if (repeat > 1) m.spread = runs.map((r) => r.bytesPerKey.toFixed(0)).join('/');
    return m;
  };
  const jsonFile = opts.string('json', '');
  const extraSets = opts.string('flag-sets', '');

  console.log('Memora memory benchmark: RSS per key after loading small string keys');
  for (const line of machineDescription(memoraMain)) console.log(line);
  console.log(
    `\nworkload: ${fmtInt(keys)} x SET ${keyOf(0)}..${keyOf(keys - 1)} (13-byte keys) v000000000.. (10-byte values),` +
      ` pipelined over one raw connection; RSS read from /proc/<pid>/status ${settleSec} s after the load`,
  );

  const results: Measure[] = [];
  const aOpts: ServerOptions =
    compare === 'memora' ? { kind: 'memora', label: 'Memora', nodeFlags, main: memoraMain } : { kind: 'redis', label: 'Redis-A' };
  results.push(await measureMedian(aOpts));
  const redis = await measureMedian({ kind: 'redis', label: 'Redis' });
  results.push(redis);
  if (explore && compare === 'memora') {
    const sets = extraSets ? extraSets.split('|').map((s) => s.split(/\s+/).filter((f) => f !== '')) : FLAG_SETS;
    for (const flags of sets) {
      results.push(await measureMedian({ kind: 'memora', label: 'Memora', nodeFlags: flags, main: memoraMain }));
    }
  }

  console.log('\nServer command lines:');
  for (const r of results) console.log(`  ${r.label}: ${shellQuote(r.argv)}`);

  const mb = (kb: number): string => fmtNum(kb / 1024, 1);
  console.log('');
  console.log(
    table(
      ['server', 'node flags', 'DBSIZE', 'load s', 'RSS before MB', 'RSS after load MB', 'RSS settled MB', 'peak RSS MB', 'RSS B/key', ...(repeat > 1 ? ['runs B/key'] : []), 'B/key ratio', 'total RSS ratio', 'used_memory B/key'],
      results.map((r) => [
        r.label,
        r.label.startsWith('Memora') ? r.nodeFlags || '(default)' : '',
        r.dbsize,
        fmtNum(r.loadMs / 1000, 1),
        mb(r.rssBeforeKb),
        mb(r.rssAfterLoadKb),
        mb(r.rssSettledKb),
        mb(r.hwmKb),
        fmtNum(r.bytesPerKey, 1),
        ...(repeat > 1 ? [r.spread ?? ''] : []),
        fmtNum(r.bytesPerKey / redis.bytesPerKey, 2),
        fmtNum(r.rssSettledKb / redis.rssSettledKb, 2),
        fmtNum(r.usedPerKey, 1),
      ]),
    ),
  );
  console.log(
    '\nRSS B/key = (RSS settled - RSS before load) / keys. B/key ratio = that / Redis\'s (lower is better; target for Memora <= 2.2).' +
      (repeat > 1 ? `\nEach row is the median (by RSS B/key) of ${repeat} runs; "runs B/key" lists them all.` : '') +
      '\ntotal RSS ratio = RSS settled / Redis\'s RSS settled (includes each process\'s empty-server baseline).' +
      '\nused_memory B/key = growth of INFO memory used_memory / keys (n/a where the server does not report it).',
  );
  for (const r of results) {
    if (Number.isFinite(r.usedAfter)) console.log(`${r.label}${r.nodeFlags ? ` [${r.nodeFlags}]` : ''}: used_memory ${fmtInt(r.usedBefore)} -> ${fmtInt(r.usedAfter)} bytes`);
  }
  if (jsonFile) {
    fs.writeFileSync(jsonFile, JSON.stringify({ machine: machineDescription(memoraMain), keys, settleSec, results }, null, 2));
    console.log(`\nwrote ${jsonFile}`);
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
