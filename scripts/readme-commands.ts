// Generates the README's command coverage table from the command table and Redis 7.0.15's
// imported command list: every Redis command and subcommand by documentation group, ✅ when
// Memora implements it, — when not yet. Written between <!-- commands:start --> and
// <!-- commands:end -->. Run: npm run readme:commands -- --write (without --write it only
// checks, exiting 1 when README.md is stale).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CommandRegistry } from '../src/commands/registry.js';
import { redisCommandData, redisFullNames } from '../src/commands/docs.js';
import { REDIS_DOCS_VERSION } from '../src/commands/redis-docs.generated.js';
import { repoRoot } from './import-command-docs.js';

export const START_MARKER = '<!-- commands:start -->';
export const END_MARKER = '<!-- commands:end -->';

/** Redis's documentation groups, in the order Redis lists them. */
const GROUP_ORDER = [
  'generic',
  'string',
  'list',
  'set',
  'sorted-set',
  'hash',
  'pubsub',
  'transactions',
  'connection',
  'server',
  'scripting',
  'hyperloglog',
  'cluster',
  'sentinel',
  'geo',
  'stream',
  'bitmap',
];

const GROUP_TITLES: Record<string, string> = {
  generic: 'Keys (generic)',
  string: 'Strings',
  list: 'Lists',
  set: 'Sets',
  'sorted-set': 'Sorted sets',
  hash: 'Hashes',
  pubsub: 'Pub/Sub',
  transactions: 'Transactions',
  connection: 'Connection',
  server: 'Server',
  scripting: 'Scripting and functions',
  hyperloglog: 'HyperLogLog',
  cluster: 'Cluster',
  sentinel: 'Sentinel',
  geo: 'Geo',
  stream: 'Streams',
  bitmap: 'Bitmaps',
};

const YES = '✅';
const NO = '—';

/** The Markdown between the markers (without the markers), from a registry. */
export function renderCommandTable(registry: CommandRegistry = new CommandRegistry()): string {
  const names = redisFullNames();
  const tops = names.filter((n) => !n.includes('|'));
  const subsOf = new Map<string, string[]>();
  for (const n of names) {
    const bar = n.indexOf('|');
    if (bar < 0) continue;
    const parent = n.slice(0, bar);
    const list = subsOf.get(parent) ?? [];
    list.push(n);
    subsOf.set(parent, list);
  }
  const implemented = (fullName: string): boolean => registry.byFullName(fullName) !== undefined;

  const byGroup = new Map<string, string[]>();
  for (const n of tops) {
    const g = redisCommandData(n)?.group ?? 'generic';
    const list = byGroup.get(g) ?? [];
    list.push(n);
    byGroup.set(g, list);
  }
  const groups = [...byGroup.keys()].sort((a, b) => {
    const ia = GROUP_ORDER.indexOf(a);
    const ib = GROUP_ORDER.indexOf(b);
    return (ia < 0 ? 1000 : ia) - (ib < 0 ? 1000 : ib) || a.localeCompare(b);
  });

  let cmdTotal = 0;
  let cmdDone = 0;
  let subTotal = 0;
  let subDone = 0;
  const sections: string[] = [];
  const summary: string[] = ['| Group | Commands | Subcommands |', '| --- | ---: | ---: |'];
  for (const g of groups) {
    const cmds = byGroup.get(g) ?? [];
    const rows: string[] = ['| Command | Memora |', '| --- | :---: |'];
    let gc = 0;
    let gs = 0;
    let gsTotal = 0;
    for (const n of cmds) {
      const done = implemented(n);
      if (done) gc++;
      rows.push(`| \`${n.toUpperCase()}\` | ${done ? YES : NO} |`);
      for (const s of subsOf.get(n) ?? []) {
        const sdone = implemented(s);
        gsTotal++;
        if (sdone) gs++;
        rows.push(`| &nbsp;&nbsp;\`${s.replace('|', ' ').toUpperCase()}\` | ${sdone ? YES : NO} |`);
      }
    }
    cmdTotal += cmds.length;
    cmdDone += gc;
    subTotal += gsTotal;
    subDone += gs;
    const title = GROUP_TITLES[g] ?? g;
    summary.push(`| ${title} | ${gc} / ${cmds.length} | ${gsTotal ? `${gs} / ${gsTotal}` : NO} |`);
    sections.push(`<details><summary>${title}: ${gc} of ${cmds.length}</summary>\n\n${rows.join('\n')}\n\n</details>`);
  }
  summary.push(`| **All** | **${cmdDone} / ${cmdTotal}** | **${subDone} / ${subTotal}** |`);
  return [
    `Redis ${REDIS_DOCS_VERSION} has ${cmdTotal} commands and ${subTotal} subcommands; Memora implements ` +
      `${cmdDone} commands and ${subDone} subcommands (${YES} implemented, ${NO} not yet).`,
    '',
    summary.join('\n'),
    '',
    sections.join('\n\n'),
  ].join('\n');
}

/** README text with the table between the markers replaced; throws when the markers are missing. */
export function updateReadme(readme: string, table: string): string {
  const start = readme.indexOf(START_MARKER);
  const end = readme.indexOf(END_MARKER);
  if (start < 0 || end < 0 || end < start) {
    throw new Error(`README.md lacks the ${START_MARKER} ... ${END_MARKER} markers`);
  }
  return readme.slice(0, start + START_MARKER.length) + '\n' + table + '\n' + readme.slice(end);
}

export function readmePath(): string {
  return path.join(repoRoot(), 'README.md');
}

/** Whether README.md already holds the current table; with `write`, brings it up to date. */
export function syncReadme(write: boolean, registry: CommandRegistry = new CommandRegistry()): { fresh: boolean; file: string } {
  const file = readmePath();
  const current = fs.readFileSync(file, 'utf8');
  const next = updateReadme(current, renderCommandTable(registry));
  const fresh = next === current;
  if (!fresh && write) fs.writeFileSync(file, next);
  return { fresh, file };
}

function main(): void {
  const write = process.argv.includes('--write');
  const { fresh, file } = syncReadme(write);
  const rel = path.relative(process.cwd(), file) || file;
  if (fresh) console.log(`${rel}: command table is up to date`);
  else if (write) console.log(`${rel}: command table updated`);
  else {
    console.error(`${rel}: command table is stale; run npm run readme:commands -- --write`);
    process.exitCode = 1;
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    main();
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
