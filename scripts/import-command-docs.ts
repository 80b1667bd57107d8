// Imports Redis's own command data (COMMAND DOCS + COMMAND INFO of every command and subcommand)
// from a real redis-server 7.0.15 started here on a free port, into the committed module
// src/commands/redis-docs.generated.ts. Also exports the small RESP3 query helper the other
// command scripts use. Run: npm run build && node dist/scripts/import-command-docs.js
import * as net from 'node:net';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { encodeCommands } from '../src/protocol/encode.js';
import { ReplyParser, type RespValue } from '../src/protocol/client-parser.js';
import { startRealRedis, redisServerAvailable, type RealRedis } from '../test/helpers/real-redis.js';
import type { ArgDoc, BeginSearch, FindKeys, KeySpecDoc, RedisCommandData } from '../src/commands/docs.js';

/** Sends commands to a server speaking RESP3 (HELLO 3 first) and returns their parsed replies. */
export async function queryResp3(port: number, commands: string[][]): Promise<RespValue[]> {
  const sock = net.connect(port, '127.0.0.1');
  const parser = new ReplyParser();
  const out: RespValue[] = [];
  const want = commands.length + 1;
  await new Promise<void>((resolve, reject) => {
    sock.once('error', reject);
    sock.on('data', (d: Buffer) => {
      parser.feed(d);
      for (let v = parser.next(); v !== undefined; v = parser.next()) out.push(v);
      if (out.length >= want) resolve();
    });
    sock.once('close', () => (out.length >= want ? resolve() : reject(new Error('connection closed early'))));
    sock.once('connect', () => sock.write(encodeCommands([['HELLO', '3'], ...commands])));
  });
  sock.destroy();
  return out.slice(1);
}

/** Starts a real redis-server 7 (throws with an explanation when it is not installed). */
export async function startRedisForTools(): Promise<RealRedis> {
  if (!redisServerAvailable()) throw new Error('redis-server 7.x is not installed (apt-get install redis-server)');
  return startRealRedis();
}

function fail(msg: string): never {
  throw new Error(`unexpected reply shape: ${msg}`);
}

export function str(v: RespValue | undefined): string {
  if (v && (v.type === 'bulk' || v.type === 'simple' || v.type === 'verbatim')) return v.value.toString();
  return fail(`expected a string, got ${JSON.stringify(v)}`);
}

export function int(v: RespValue | undefined): number {
  if (v && v.type === 'integer') return v.value;
  return fail(`expected an integer, got ${JSON.stringify(v)}`);
}

export function list(v: RespValue | undefined): RespValue[] {
  if (v && (v.type === 'array' || v.type === 'set')) return v.value;
  return fail(`expected an array or set, got ${JSON.stringify(v)}`);
}

export function strings(v: RespValue | undefined): string[] {
  return list(v).map(str);
}

/** A RESP3 map as [key, value] pairs in wire order. */
export function pairs(v: RespValue | undefined): [string, RespValue][] {
  if (v && v.type === 'map') return v.value.map(([k, val]) => [str(k), val]);
  return fail(`expected a map, got ${JSON.stringify(v)}`);
}

function obj(v: RespValue | undefined, allowed: readonly string[], where: string): Map<string, RespValue> {
  const m = new Map<string, RespValue>();
  let last = -1;
  for (const [k, val] of pairs(v)) {
    const at = allowed.indexOf(k);
    // The writers in docs.ts print fields in this fixed order; refuse anything else.
    if (at < 0 || at < last) fail(`${where}: field ${k} unknown or out of order`);
    last = at;
    m.set(k, val);
  }
  return m;
}

const ARG_FIELDS = ['name', 'type', 'key_spec_index', 'token', 'summary', 'since', 'deprecated_since', 'flags', 'arguments'];

function argDoc(v: RespValue, where: string): ArgDoc {
  const m = obj(v, ARG_FIELDS, where);
  const a: ArgDoc = { name: str(m.get('name')), type: str(m.get('type')) };
  if (m.has('key_spec_index')) a.key_spec_index = int(m.get('key_spec_index'));
  if (m.has('token')) a.token = str(m.get('token'));
  if (m.has('summary')) a.summary = str(m.get('summary'));
  if (m.has('since')) a.since = str(m.get('since'));
  if (m.has('deprecated_since')) a.deprecated_since = str(m.get('deprecated_since'));
  if (m.has('flags')) a.flags = strings(m.get('flags'));
  if (m.has('arguments')) a.arguments = list(m.get('arguments')).map((x) => argDoc(x, `${where}/${a.name}`));
  return a;
}

function beginSearch(v: RespValue | undefined, where: string): BeginSearch {
  const m = obj(v, ['type', 'spec'], where);
  const type = str(m.get('type'));
  const spec = new Map(pairs(m.get('spec')));
  if (type === 'index') return { type, index: int(spec.get('index')) };
  if (type === 'keyword') return { type, keyword: str(spec.get('keyword')), startfrom: int(spec.get('startfrom')) };
  if (type === 'unknown') return { type };
  return fail(`${where}: begin_search type ${type}`);
}

function findKeys(v: RespValue | undefined, where: string): FindKeys {
  const m = obj(v, ['type', 'spec'], where);
  const type = str(m.get('type'));
  const spec = new Map(pairs(m.get('spec')));
  if (type === 'range') {
    return { type, lastkey: int(spec.get('lastkey')), keystep: int(spec.get('keystep')), limit: int(spec.get('limit')) };
  }
  if (type === 'keynum') {
    return { type, keynumidx: int(spec.get('keynumidx')), firstkey: int(spec.get('firstkey')), keystep: int(spec.get('keystep')) };
  }
  if (type === 'unknown') return { type };
  return fail(`${where}: find_keys type ${type}`);
}

function keySpec(v: RespValue, where: string): KeySpecDoc {
  const m = obj(v, ['notes', 'flags', 'begin_search', 'find_keys'], where);
  const ks: KeySpecDoc = {
    flags: strings(m.get('flags')),
    begin_search: beginSearch(m.get('begin_search'), where),
    find_keys: findKeys(m.get('find_keys'), where),
  };
  if (m.has('notes')) return { notes: str(m.get('notes')), ...ks };
  return ks;
}

type InfoPart = Pick<RedisCommandData, 'arity' | 'flags' | 'keys' | 'acl' | 'tips' | 'key_specs'>;

/** Parses one COMMAND INFO entry (and its subcommands) into `out`, keyed by full name. */
export function parseInfoEntry(v: RespValue, out: Map<string, InfoPart>): void {
  const e = list(v);
  if (e.length !== 10) fail('COMMAND INFO entry of 10 elements');
  const name = str(e[0]);
  const info: InfoPart = {
    arity: int(e[1]),
    flags: strings(e[2]),
    keys: [int(e[3]), int(e[4]), int(e[5])],
    acl: strings(e[6]).map((c) => c.replace(/^@/, '')),
  };
  const tips = strings(e[7]);
  if (tips.length) info.tips = tips;
  const specs = list(e[8]).map((x, i) => keySpec(x, `${name} key spec ${i}`));
  if (specs.length) info.key_specs = specs;
  out.set(name, info);
  for (const sub of list(e[9])) parseInfoEntry(sub, out);
}

type DocPart = Pick<
  RedisCommandData,
  'summary' | 'since' | 'group' | 'complexity' | 'doc_flags' | 'deprecated_since' | 'replaced_by' | 'history' | 'arguments'
>;

const DOC_FIELDS = [
  'summary',
  'since',
  'group',
  'complexity',
  'doc_flags',
  'deprecated_since',
  'replaced_by',
  'history',
  'arguments',
  'subcommands',
];

function parseDocs(name: string, v: RespValue, out: Map<string, DocPart>): void {
  const m = obj(v, DOC_FIELDS, name);
  const d: DocPart = { summary: str(m.get('summary')), since: str(m.get('since')), group: str(m.get('group')) };
  if (m.has('complexity')) d.complexity = str(m.get('complexity'));
  if (m.has('doc_flags')) d.doc_flags = strings(m.get('doc_flags'));
  if (m.has('deprecated_since')) d.deprecated_since = str(m.get('deprecated_since'));
  if (m.has('replaced_by')) d.replaced_by = str(m.get('replaced_by'));
  if (m.has('history')) {
    d.history = list(m.get('history')).map((h) => {
      const [since, changes] = strings(h);
      if (since === undefined || changes === undefined) fail(`${name}: history entry`);
      return [since, changes] as [string, string];
    });
  }
  if (m.has('arguments')) d.arguments = list(m.get('arguments')).map((a, i) => argDoc(a, `${name} arg ${i}`));
  out.set(name, d);
  if (m.has('subcommands')) for (const [sub, sv] of pairs(m.get('subcommands'))) parseDocs(sub, sv, out);
}

/** Reads COMMAND INFO and COMMAND DOCS from a running server: full name -> data. */
export async function readRedisCommandData(port: number): Promise<{ version: string; data: Map<string, RedisCommandData> }> {
  const [infoReply, docsReply, serverInfo] = await queryResp3(port, [['COMMAND', 'INFO'], ['COMMAND', 'DOCS'], ['INFO', 'server']]);
  const version = /redis_version:([^\r\n]+)/.exec(str(serverInfo))?.[1] ?? 'unknown';
  const infos = new Map<string, InfoPart>();
  for (const e of list(infoReply)) parseInfoEntry(e, infos);
  const docs = new Map<string, DocPart>();
  for (const [name, v] of pairs(docsReply)) parseDocs(name, v, docs);
  const data = new Map<string, RedisCommandData>();
  for (const name of [...infos.keys()].sort()) {
    const d = docs.get(name);
    const i = infos.get(name) as InfoPart;
    if (!d) throw new Error(`COMMAND DOCS has no entry for ${name}`);
    data.set(name, { ...d, ...i });
  }
  for (const name of docs.keys()) if (!infos.has(name)) throw new Error(`COMMAND INFO has no entry for ${name}`);
  return { version, data };
}

/** The generated module's text: one command per line, so diffs stay readable. */
export function renderModule(version: string, data: Map<string, RedisCommandData>): string {
  const lines = [
    `// Redis ${version}'s own command data: COMMAND DOCS and COMMAND INFO of every command and`,
    '// subcommand, keyed by full name. Generated by scripts/import-command-docs.ts; do not edit.',
    "import type { RedisCommandData } from './docs.js';",
    '',
    `export const REDIS_DOCS_VERSION = ${JSON.stringify(version)};`,
    '',
    'export const REDIS_COMMAND_DATA: Readonly<Record<string, RedisCommandData>> = {',
  ];
  for (const [name, d] of data) lines.push(`  ${JSON.stringify(name)}: ${JSON.stringify(d)},`);
  lines.push('};', '');
  return lines.join('\n');
}

/** Repository root (this file runs from dist/scripts/ or, via a TS runner, from scripts/). */
export function repoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('package.json not found above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
  return dir;
}

async function main(): Promise<void> {
  const redis = await startRedisForTools();
  try {
    const { version, data } = await readRedisCommandData(redis.port);
    if (version !== '7.0.15') console.warn(`warning: importing from redis ${version}, Memora targets 7.0.15`);
    const file = path.join(repoRoot(), 'src', 'commands', 'redis-docs.generated.ts');
    fs.writeFileSync(file, renderModule(version, data));
    console.log(`wrote ${data.size} commands and subcommands to ${path.relative(process.cwd(), file)}`);
  } finally {
    await redis.close();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
