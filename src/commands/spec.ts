// The declarative command table entry: everything the pipeline, COMMAND INFO/DOCS, key
// extraction and ACL categories need to know about one command, with its handler beside it.
import type { Client } from '../engine/client.js';

/** Redis command flags, spelled as COMMAND INFO prints them. */
export type CommandFlag =
  | 'write'
  | 'readonly'
  | 'denyoom'
  | 'module'
  | 'admin'
  | 'pubsub'
  | 'noscript'
  | 'blocking'
  | 'loading'
  | 'stale'
  | 'skip_monitor'
  | 'skip_slowlog'
  | 'asking'
  | 'fast'
  | 'no_auth'
  | 'may_replicate'
  | 'sentinel'
  | 'only_sentinel'
  | 'no_mandatory_keys'
  | 'protected'
  | 'module_no_cluster'
  | 'no_multi'
  | 'movablekeys'
  | 'allow_busy'
  | 'no_async_loading';

export type Handler = (c: Client) => void;

export interface CommandSpec {
  /** Lower-case name; for subcommands the subcommand's own name (e.g. "get"). */
  name: string;
  /** Redis arity: +N exact, -N at least N (the name, and for subcommands the container, included). */
  arity: number;
  flags: CommandFlag[];
  /** Legacy key positions (1-based in argv, 0 = none; last may be negative). */
  firstKey: number;
  lastKey: number;
  step: number;
  /** ACL categories without '@', in the order Redis prints them. */
  acl: string[];
  /** Documentation group: string, generic, connection, server, ... */
  group: string;
  /** Variable key positions (commands with numkeys etc.); returns argv indexes. */
  getKeys?: (argv: readonly string[]) => number[];
  handler?: Handler;
  subcommands?: CommandSpec[];
  /** Set by the registry: "config|get" for subcommands, the name otherwise. */
  fullName?: string;
  /** Set by the registry for subcommands. */
  parent?: CommandSpec;
  /** Set by the registry: flag lookup without array scans. */
  bits?: number;
}

export const FLAG_BITS: Record<CommandFlag, number> = {
  write: 1 << 0,
  readonly: 1 << 1,
  denyoom: 1 << 2,
  module: 1 << 3,
  admin: 1 << 4,
  pubsub: 1 << 5,
  noscript: 1 << 6,
  blocking: 1 << 7,
  loading: 1 << 8,
  stale: 1 << 9,
  skip_monitor: 1 << 10,
  skip_slowlog: 1 << 11,
  asking: 1 << 12,
  fast: 1 << 13,
  no_auth: 1 << 14,
  may_replicate: 1 << 15,
  sentinel: 1 << 16,
  only_sentinel: 1 << 17,
  no_mandatory_keys: 1 << 18,
  protected: 1 << 19,
  module_no_cluster: 1 << 20,
  no_multi: 1 << 21,
  movablekeys: 1 << 22,
  allow_busy: 1 << 23,
  no_async_loading: 1 << 24,
};

/** Small constructor so table entries stay one readable line of metadata plus a handler. */
export function cmd(
  name: string,
  arity: number,
  flags: CommandFlag[],
  keys: [first: number, last: number, step: number],
  acl: string[],
  group: string,
  handler?: Handler,
  extra: Partial<CommandSpec> = {},
): CommandSpec {
  return { name, arity, flags, firstKey: keys[0], lastKey: keys[1], step: keys[2], acl, group, handler, ...extra };
}

/** argv indexes of the keys of a command (its getKeys, else the legacy first/last/step range). */
export function commandKeys(spec: CommandSpec, argv: readonly string[]): number[] {
  if (spec.getKeys) return spec.getKeys(argv);
  if (spec.firstKey === 0) return [];
  const last = spec.lastKey >= 0 ? spec.lastKey : argv.length + spec.lastKey;
  const out: number[] = [];
  for (let i = spec.firstKey; i <= last && i < argv.length; i += spec.step) out.push(i);
  return out;
}
