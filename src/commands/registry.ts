// The command table: every group's CommandSpec entries gathered in one place, with lookup by
// name (any case) and subcommand, flag bits, and key extraction for COMMAND GETKEYS.
import { FLAG_BITS, type CommandSpec } from './spec.js';
import { STRING_COMMANDS } from './string.js';
import { KEYSPACE_COMMANDS } from './keyspace.js';
import { CONNECTION_COMMANDS } from './connection.js';
import { SERVER_COMMANDS } from './server.js';
import { COMMAND_COMMANDS } from './command.js';
import { LIST_COMMANDS } from './list.js';
import { HASH_COMMANDS } from './hash.js';
import { SET_COMMANDS } from './set.js';
import { ZSET_COMMANDS } from './zset.js';
import { SORT_COMMANDS } from './sort.js';
import { TRANSACTION_COMMANDS } from './transaction.js';
import { PUBSUB_COMMANDS } from './pubsub.js';
import { DUMP_COMMANDS } from './dump.js';

export const ALL_GROUPS: readonly CommandSpec[][] = [
  STRING_COMMANDS,
  KEYSPACE_COMMANDS,
  CONNECTION_COMMANDS,
  SERVER_COMMANDS,
  COMMAND_COMMANDS,
  LIST_COMMANDS,
  HASH_COMMANDS,
  SET_COMMANDS,
  ZSET_COMMANDS,
  SORT_COMMANDS,
  TRANSACTION_COMMANDS,
  PUBSUB_COMMANDS,
  DUMP_COMMANDS,
];

const CASE_CACHE_LIMIT = 4096;

function finish(spec: CommandSpec, parent?: CommandSpec): void {
  spec.fullName = parent ? `${parent.name}|${spec.name}` : spec.name;
  if (parent) spec.parent = parent;
  let bits = 0;
  for (const f of spec.flags) bits |= FLAG_BITS[f];
  spec.bits = bits;
  for (const sub of spec.subcommands ?? []) finish(sub, spec);
}

export class CommandRegistry {
  private readonly byName = new Map<string, CommandSpec>();
  /** Exact-case spellings already seen (e.g. "SET", "Set"), so lookups rarely lower-case. */
  private readonly caseCache = new Map<string, CommandSpec>();
  private readonly subByName = new Map<CommandSpec, Map<string, CommandSpec>>();

  constructor(groups: readonly CommandSpec[][] = ALL_GROUPS) {
    for (const group of groups) {
      for (const spec of group) {
        if (this.byName.has(spec.name)) throw new Error(`duplicate command ${spec.name}`);
        finish(spec);
        this.byName.set(spec.name, spec);
        if (spec.subcommands) {
          const m = new Map<string, CommandSpec>();
          for (const sub of spec.subcommands) m.set(sub.name, sub);
          this.subByName.set(spec, m);
        }
      }
    }
  }

  /** Top-level command by name, any case. */
  lookup(name: string): CommandSpec | undefined {
    const hit = this.caseCache.get(name);
    if (hit !== undefined) return hit;
    const spec = this.byName.get(name.toLowerCase());
    if (spec !== undefined && this.caseCache.size < CASE_CACHE_LIMIT) this.caseCache.set(name, spec);
    return spec;
  }

  subcommand(parent: CommandSpec, name: string): CommandSpec | undefined {
    return this.subByName.get(parent)?.get(name.toLowerCase());
  }

  /** Every top-level command. */
  all(): CommandSpec[] {
    return [...this.byName.values()];
  }

  /** Resolves "config|get" style full names. */
  byFullName(fullName: string): CommandSpec | undefined {
    const lower = fullName.toLowerCase();
    const bar = lower.indexOf('|');
    if (bar < 0) return this.byName.get(lower);
    const parent = this.byName.get(lower.slice(0, bar));
    return parent ? this.subByName.get(parent)?.get(lower.slice(bar + 1)) : undefined;
  }
}

export { commandKeys } from './spec.js';
