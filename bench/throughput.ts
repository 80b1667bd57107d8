// Throughput benchmark: Debian's redis-benchmark against Memora and a real redis-server started
// side by side on free loopback ports, alternating servers run by run, with and without
// pipelining; reports requests/s and server CPU time per request (from /proc/<pid>/stat).
// Usage: node dist/bench/throughput.js [--quick] [--rounds N] [--requests N]
//        [--pipelined-requests N] [--clients N] [--pipeline N] [--pipelines 1,16] [--keyspace N]
//        [--tests a,b] [--timeout S]
//        [--node-flags "..."] [--compare redis] [--memora path/to/main.js] [--no-warmup] [--json file]
// Every option also reads an environment variable BENCH_<NAME> (e.g. BENCH_ROUNDS=5).
import * as fs from 'node:fs';
import {
  Options,
  clockTicks,
  command,
  cpuTicks,
  fmtInt,
  fmtNum,
  installCleanup,
  machineDescription,
  median,
  run,
  shellQuote,
  startServer,
  table,
  type Server,
} from './lib.js';

interface TestDef {
  id: string;
  /** redis-benchmark -t name */
  t: string;
  /** value size, -d */
  d: number;
  label: string;
  /** multiplier of the request count (MSET does 10 keys per request, 1 KB values move 300× the bytes) */
  scale: number;
  pipelinedScale: number;
}

const TESTS: TestDef[] = [
  { id: 'set', t: 'set', d: 3, label: 'SET', scale: 1, pipelinedScale: 1 },
  { id: 'get', t: 'get', d: 3, label: 'GET', scale: 1, pipelinedScale: 1 },
  { id: 'incr', t: 'incr', d: 3, label: 'INCR', scale: 1, pipelinedScale: 1 },
  { id: 'mset', t: 'mset', d: 3, label: 'MSET (10 keys)', scale: 0.5, pipelinedScale: 0.2 },
  { id: 'set-1k', t: 'set', d: 1024, label: 'SET 1 KB', scale: 1, pipelinedScale: 0.5 },
  { id: 'get-1k', t: 'get', d: 1024, label: 'GET 1 KB', scale: 1, pipelinedScale: 0.5 },
];

/**
 * Collections (issue 3): redis-benchmark's own tests. LRANGE_* runs its LPUSH fill first in
 * the same invocation; the rps is LRANGE's line, the CPU per request covers both parts.
 */
const COLLECTION_TESTS: TestDef[] = [
  { id: 'lpush', t: 'lpush', d: 3, label: 'LPUSH', scale: 1, pipelinedScale: 1 },
  { id: 'rpush', t: 'rpush', d: 3, label: 'RPUSH', scale: 1, pipelinedScale: 1 },
  { id: 'lpop', t: 'lpop', d: 3, label: 'LPOP', scale: 1, pipelinedScale: 1 },
  { id: 'rpop', t: 'rpop', d: 3, label: 'RPOP', scale: 1, pipelinedScale: 1 },
  { id: 'sadd', t: 'sadd', d: 3, label: 'SADD', scale: 1, pipelinedScale: 1 },
  { id: 'spop', t: 'spop', d: 3, label: 'SPOP', scale: 1, pipelinedScale: 1 },
  { id: 'hset', t: 'hset', d: 3, label: 'HSET', scale: 1, pipelinedScale: 1 },
  { id: 'zadd', t: 'zadd', d: 3, label: 'ZADD', scale: 1, pipelinedScale: 1 },
  { id: 'zpopmin', t: 'zpopmin', d: 3, label: 'ZPOPMIN', scale: 1, pipelinedScale: 1 },
  { id: 'lrange_100', t: 'lrange_100', d: 3, label: 'LRANGE_100', scale: 0.25, pipelinedScale: 0.1 },
  { id: 'lrange_600', t: 'lrange_600', d: 3, label: 'LRANGE_600', scale: 0.1, pipelinedScale: 0.03 },
];

const SUITES: Record<string, TestDef[]> = {
  strings: TESTS,
  collections: COLLECTION_TESTS,
  all: [...TESTS, ...COLLECTION_TESTS],
};

interface Sample {
  rps: number;
  usPerReq: number;
  seconds: number;
  error?: string;
}

interface Cell {
  test: TestDef;
  pipeline: number;
  requests: number;
  a: Sample[];
  b: Sample[];
}

function benchArgs(port: number, test: TestDef, pipeline: number, requests: number, clients: number, keyspace: number): string[] {
  const args = ['-h', '127.0.0.1', '-p', String(port), '-c', String(clients), '-n', String(requests)];
  if (keyspace > 0) args.push('-r', String(keyspace));
  args.push('-d', String(test.d), '-P', String(pipeline), '-t', test.t, '--csv');
  return args;
}

/** The rps of the one test in a redis-benchmark --csv output. */
function parseCsvRps(stdout: string): number {
  const lines = stdout.split('\n').filter((l) => l.startsWith('"'));
  const header = lines.find((l) => l.startsWith('"test"'));
  // The last line: LRANGE_* tests print their LPUSH fill first.
  const data = lines.filter((l) => !l.startsWith('"test"')).at(-1);
  if (!data) return NaN;
  const cols = (header ?? '"test","rps"').split(',').map((c) => c.replace(/"/g, ''));
  const idx = Math.max(1, cols.indexOf('rps'));
  const values = data.split('","').map((c) => c.replace(/"/g, ''));
  return Number(values[idx]);
}

async function runOne(server: Server, args: string[], requests: number, ticksPerSec: number, timeoutMs: number): Promise<Sample> {
  const gone = server.exitReason();
  if (gone !== null) throw new Error(gone);
  const before = cpuTicks(server.pid);
  const r = await run('redis-benchmark', args, timeoutMs, () => server.exitReason(), async () => {
    // A stalled run: record what the server thinks of its clients before killing the client.
    const ticks = cpuTicks(server.pid) - before;
    const clients = await command(server.port, ['CLIENT', 'LIST']).catch((e: Error) => e);
    const text = clients instanceof Error ? clients.message : String(clients);
    let log = '';
    try {
      log = fs.readFileSync(server.logFile, 'utf8').split('\n').slice(-10).join('\n');
    } catch {
      /* no log */
    }
    return `[server CPU during run: ${ticks / ticksPerSec} s; CLIENT LIST:\n${text}\nlog tail:\n${log}]`;
  });
  const died = server.exitReason();
  if (died !== null) throw new Error(died);
  const after = cpuTicks(server.pid);
  const rps = parseCsvRps(r.stdout);
  const usPerReq = (((after - before) / ticksPerSec) * 1e6) / requests;
  const sample: Sample = { rps, usPerReq, seconds: r.ms / 1000 };
  if (r.code !== 0 || !Number.isFinite(rps)) {
    sample.rps = NaN;
    sample.usPerReq = NaN;
    const text = (r.stderr + '\n' + r.stdout)
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('"') && !l.includes('Could not fetch server CONFIG'))
      .join(' | ');
    sample.error = text.includes('CLIENT LIST') ? text : (text || `exit ${r.code ?? r.signal}`).slice(0, 160);
  }
  return sample;
}

async function flushAll(server: Server, warned: Set<string>): Promise<void> {
  try {
    const r = await command(server.port, ['FLUSHALL']);
    if (r instanceof Error && !warned.has(server.label)) {
      warned.add(server.label);
      process.stderr.write(`warning: ${server.label} FLUSHALL failed: ${r.message}\n`);
    }
  } catch (err) {
    process.stderr.write(`warning: ${server.label} FLUSHALL failed: ${(err as Error).message}\n`);
  }
}

async function main(): Promise<void> {
  installCleanup();
  const opts = new Options(process.argv.slice(2));
  const quick = opts.flag('quick');
  const rounds = opts.number('rounds', quick ? 1 : 3);
  const requests = opts.number('requests', quick ? 20_000 : 200_000);
  const pipelinedRequests = opts.number('pipelined-requests', quick ? 100_000 : 800_000);
  const clients = opts.number('clients', 50);
  const pipelineDepth = opts.number('pipeline', 16);
  const keyspace = opts.number('keyspace', 100_000);
  const warmup = !opts.flag('no-warmup');
  const nodeFlags = opts.string('node-flags', '').split(/\s+/).filter((f) => f !== '');
  const compare = opts.string('compare', 'memora');
  const memoraMain = opts.string('memora', '');
  const jsonFile = opts.string('json', '');
  const runTimeout = opts.number('timeout', 120);
  const only = opts.string('tests', '').split(',').filter((t) => t !== '');
  const suiteName = opts.string('suite', 'strings');
  const suite = SUITES[suiteName];
  if (!suite) throw new Error(`--suite: one of ${Object.keys(SUITES).join(', ')}`);
  const tests = only.length ? SUITES['all']!.filter((t) => only.includes(t.id)) : suite;
  if (tests.length === 0) throw new Error(`--tests: pick from ${SUITES['all']!.map((t) => t.id).join(',')}`);
  const pipelines = opts.string('pipelines', `1,${pipelineDepth}`).split(',').map(Number);
  const ticksPerSec = clockTicks();

  console.log('Memora throughput benchmark (redis-benchmark, side by side with redis-server)');
  for (const line of machineDescription(memoraMain)) console.log(line);
  if (compare !== 'memora') console.log('NOTE: --compare redis: Redis-A takes the place of Memora (calibration run: the ratios should be about 1.00)');

  const a = await startServer(
    compare === 'memora' ? { kind: 'memora', label: 'Memora', nodeFlags, main: memoraMain } : { kind: 'redis', label: 'Redis-A' },
  );
  const b = await startServer({ kind: 'redis', label: 'Redis' });
  console.log(`\n${a.label} (pid ${a.pid}): ${shellQuote(a.argv)}`);
  console.log(`${b.label} (pid ${b.pid}): ${shellQuote(b.argv)}`);

  const cells: Cell[] = [];
  for (const pipeline of pipelines) {
    for (const test of tests) {
      const n = Math.round((pipeline > 1 ? pipelinedRequests * test.pipelinedScale : requests * test.scale));
      cells.push({ test, pipeline, requests: n, a: [], b: [] });
    }
  }

  console.log('\nredis-benchmark commands (the other server differs only in -p):');
  for (const cell of cells) {
    console.log(`  redis-benchmark ${shellQuote(benchArgs(a.port, cell.test, cell.pipeline, cell.requests, clients, keyspace))}`);
  }
  console.log(
    `\n${rounds} round(s); each round: FLUSHALL, then every test on both servers, one after the other` +
      ' (order A,B in odd rounds and B,A in even rounds).',
  );

  if (warmup) {
    // JIT warm-up for Memora (and equal treatment for Redis): not measured.
    process.stderr.write('warming up...\n');
    const common = ['-h', '127.0.0.1', '-c', String(clients), '-r', '100000', '-t', 'set,get,incr,mset', '-q'];
    for (const s of [a, b]) {
      const watch = (): string | null => s.exitReason();
      await run('redis-benchmark', [...common, '-p', String(s.port), '-n', quick ? '20000' : '100000', '-P', String(pipelineDepth)], 120_000, watch);
      await run('redis-benchmark', [...common, '-p', String(s.port), '-n', quick ? '5000' : '20000'], 120_000, watch);
      await run('redis-benchmark', [...common.slice(0, -3), '-t', 'set,get', '-d', '1024', '-p', String(s.port), '-n', quick ? '10000' : '50000', '-P', String(pipelineDepth), '-q'], 120_000, watch);
      const died = s.exitReason();
      if (died !== null) throw new Error(died);
    }
  }

  const warned = new Set<string>();
  const t0 = performance.now();
  for (let round = 0; round < rounds; round++) {
    await flushAll(a, warned);
    await flushAll(b, warned);
    const order: Array<[Server, 'a' | 'b']> = round % 2 === 0 ? [[a, 'a'], [b, 'b']] : [[b, 'b'], [a, 'a']];
    for (const cell of cells) {
      for (const [server, side] of order) {
        const args = benchArgs(server.port, cell.test, cell.pipeline, cell.requests, clients, keyspace);
        const s = await runOne(server, args, cell.requests, ticksPerSec, runTimeout * 1000);
        cell[side].push(s);
        process.stderr.write(
          `[round ${round + 1}/${rounds}] ${cell.test.label.padEnd(14)} -P ${String(cell.pipeline).padEnd(2)} ${server.label.padEnd(7)} ` +
            (s.error
              ? `ERROR: ${s.error}\n`
              : `${fmtInt(s.rps).padStart(9)} rps  ${fmtNum(s.usPerReq, 2).padStart(6)} µs CPU/req  (${s.seconds.toFixed(1)} s)\n`),
        );
      }
    }
  }
  const elapsed = (performance.now() - t0) / 1000;

  const rows = cells.map((cell) => {
    const ratios = cell.a.map((s, i) => s.rps / (cell.b[i]?.rps ?? NaN));
    const cpuRatios = cell.a.map((s, i) => (cell.b[i]?.usPerReq ?? NaN) / s.usPerReq);
    return {
      test: cell.test.label,
      pipeline: cell.pipeline,
      requests: cell.requests,
      aRps: median(cell.a.map((s) => s.rps)),
      bRps: median(cell.b.map((s) => s.rps)),
      ratio: median(ratios),
      aCpu: median(cell.a.map((s) => s.usPerReq)),
      bCpu: median(cell.b.map((s) => s.usPerReq)),
      cpuRatio: median(cpuRatios),
      aSamples: cell.a,
      bSamples: cell.b,
    };
  });

  console.log(`\nResults: medians over ${rounds} round(s), ${clients} clients, keyspace -r ${keyspace} (${elapsed.toFixed(0)} s of measurement)`);
  console.log(
    table(
      ['test', 'pipeline', `${a.label} rps`, `${b.label} rps`, 'rps ratio', `${a.label} µs CPU/req`, `${b.label} µs CPU/req`, 'CPU ratio'],
      rows.map((r) => [
        r.test,
        r.pipeline === 1 ? 'none' : `-P ${r.pipeline}`,
        fmtInt(r.aRps),
        fmtInt(r.bRps),
        fmtNum(r.ratio, 2),
        fmtNum(r.aCpu, 2),
        fmtNum(r.bCpu, 2),
        fmtNum(r.cpuRatio, 2),
      ]),
    ),
  );
  console.log(
    `rps ratio = ${a.label} rps / ${b.label} rps; CPU ratio = ${b.label} CPU per request / ${a.label} CPU per request` +
      ` (both: higher is better for ${a.label}, 1.00 = as good as ${b.label}).` +
      '\nRatios are medians of the per-round paired ratios. CPU = utime+stime of the server process' +
      ' (all threads) over the redis-benchmark run, divided by the request count.',
  );
  const errors = cells.flatMap((c) =>
    [...c.a.map((s) => [a.label, s] as const), ...c.b.map((s) => [b.label, s] as const)]
      .filter(([, s]) => s.error)
      .map(([label, s]) => `  ${c.test.label} -P ${c.pipeline} on ${label}: ${s.error}`),
  );
  if (errors.length) console.log(`\nErrors:\n${[...new Set(errors)].join('\n')}`);

  if (jsonFile) {
    fs.writeFileSync(
      jsonFile,
      JSON.stringify({ machine: machineDescription(memoraMain), servers: [a.argv, b.argv], rounds, clients, keyspace, rows }, null, 2),
    );
    console.log(`\nwrote ${jsonFile}`);
  }
  await a.stop();
  await b.stop();
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
