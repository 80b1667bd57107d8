// Checks the command table against Redis: for every command and subcommand we implement, our
// arity, flags, first/last/step key positions and ACL categories (as COMMAND INFO prints them)
// must equal a real redis-server 7.0.15's COMMAND INFO. Prints each mismatch and exits 1 if any.
// Run: npm run check:commands   (the differential test suite runs the same comparison)
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CommandRegistry } from '../src/commands/registry.js';
import type { CommandSpec } from '../src/commands/spec.js';
import { printedCategories, printedFlags, redisCommandData, redisFullNames, type RedisCommandData } from '../src/commands/docs.js';
import { readRedisCommandData, startRedisForTools } from './import-command-docs.js';

/** What COMMAND INFO says about one command, as far as the table declares it. */
export type InfoFacts = Pick<RedisCommandData, 'arity' | 'flags' | 'keys' | 'acl'>;

function show(v: unknown): string {
  return JSON.stringify(v);
}

function compareOne(spec: CommandSpec, redis: InfoFacts | undefined, redisHasSubs: boolean, out: string[]): void {
  const name = spec.fullName ?? spec.name;
  if (redis === undefined) {
    out.push(`${name}: not a Redis 7.0.15 command`);
    return;
  }
  if (spec.arity !== redis.arity) out.push(`${name}: arity ${spec.arity}, Redis ${redis.arity}`);
  const flags = printedFlags(spec);
  if (show(flags) !== show(redis.flags)) out.push(`${name}: flags ${show(flags)}, Redis ${show(redis.flags)}`);
  const keys = [spec.firstKey, spec.lastKey, spec.step];
  if (show(keys) !== show(redis.keys)) out.push(`${name}: first/last/step ${show(keys)}, Redis ${show(redis.keys)}`);
  const acl = printedCategories(spec).map((a) => a.slice(1));
  if (show(acl) !== show(redis.acl)) out.push(`${name}: ACL categories ${show(acl)}, Redis ${show(redis.acl)}`);
  const declared = spec.acl.map((a) => a.replace(/^@/, ''));
  if (show(acl) === show(redis.acl) && show(declared) !== show(redis.acl)) {
    out.push(`${name}: ACL categories declared as ${show(declared)}; Redis prints ${show(redis.acl)}`);
  }
  const hasSubs = spec.subcommands !== undefined;
  if (hasSubs !== redisHasSubs) {
    out.push(`${name}: ${hasSubs ? 'has subcommands, Redis has none' : 'has no subcommands, Redis has some'}`);
  }
  if (spec.flags.includes('movablekeys') && spec.getKeys === undefined) {
    out.push(`${name}: movablekeys without getKeys (its keys cannot be found from first/last/step)`);
  }
  if (spec.parent === undefined && spec.subcommands === undefined && spec.handler === undefined) {
    out.push(`${name}: no handler`);
  }
}

/** Full names of the commands that have subcommands, from a list of full names. */
function containersOf(fullNames: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const n of fullNames) {
    const bar = n.indexOf('|');
    if (bar > 0) out.add(n.slice(0, bar));
  }
  return out;
}

/**
 * Mismatches between our table and Redis's COMMAND INFO facts (`lookup` by full name;
 * `containers`: Redis's commands that have subcommands). Empty when they agree.
 */
export function compareCommandTable(
  registry: CommandRegistry,
  lookup: (fullName: string) => InfoFacts | undefined,
  containers: ReadonlySet<string>,
): string[] {
  const out: string[] = [];
  const visit = (spec: CommandSpec): void => {
    const full = spec.fullName ?? spec.name;
    compareOne(spec, lookup(full), containers.has(full), out);
    for (const sub of spec.subcommands ?? []) visit(sub);
  };
  for (const spec of registry.all()) visit(spec);
  return out;
}

/** Compares the table with a live redis-server's COMMAND INFO (started here). */
export async function checkAgainstRedis(registry: CommandRegistry = new CommandRegistry()): Promise<string[]> {
  const redis = await startRedisForTools();
  try {
    const { data } = await readRedisCommandData(redis.port);
    return compareCommandTable(registry, (n) => data.get(n), containersOf(data.keys()));
  } finally {
    await redis.close();
  }
}

/** Compares the table with the imported data (src/commands/redis-docs.generated.ts); no server needed. */
export function checkAgainstImportedData(registry: CommandRegistry = new CommandRegistry()): string[] {
  return compareCommandTable(registry, (n) => redisCommandData(n), containersOf(redisFullNames()));
}

async function main(): Promise<void> {
  const registry = new CommandRegistry();
  const mismatches = await checkAgainstRedis(registry);
  let count = 0;
  for (const spec of registry.all()) count += 1 + (spec.subcommands?.length ?? 0);
  if (mismatches.length === 0) {
    console.log(`command table matches redis-server's COMMAND INFO (${count} commands and subcommands)`);
    return;
  }
  for (const m of mismatches) console.log(m);
  console.log(`${mismatches.length} mismatch(es) in ${count} commands and subcommands`);
  process.exitCode = 1;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
