// Redis's own command documentation and key metadata (imported from redis-server 7.0.15 by
// scripts/import-command-docs.ts into redis-docs.generated.ts): the data types, lookups by full
// name, and the reply writers for COMMAND INFO / COMMAND DOCS entries built from our table.
import type { ReplyWriter } from '../protocol/reply.js';
import type { CommandSpec } from './spec.js';
import { REDIS_COMMAND_DATA } from './redis-docs.generated.js';

/** One argument of COMMAND DOCS (fields in the order Redis prints them). */
export interface ArgDoc {
  name: string;
  type: string;
  key_spec_index?: number;
  token?: string;
  summary?: string;
  since?: string;
  deprecated_since?: string;
  flags?: string[];
  arguments?: ArgDoc[];
}

export type BeginSearch =
  | { type: 'index'; index: number }
  | { type: 'keyword'; keyword: string; startfrom: number }
  | { type: 'unknown' };

export type FindKeys =
  | { type: 'range'; lastkey: number; keystep: number; limit: number }
  | { type: 'keynum'; keynumidx: number; firstkey: number; keystep: number }
  | { type: 'unknown' };

/** One key specification of COMMAND INFO. */
export interface KeySpecDoc {
  notes?: string;
  flags: string[];
  begin_search: BeginSearch;
  find_keys: FindKeys;
}

/** Everything redis-server 7.0.15 says about one command or subcommand. */
export interface RedisCommandData {
  /** COMMAND DOCS */
  summary: string;
  since: string;
  group: string;
  complexity?: string;
  doc_flags?: string[];
  deprecated_since?: string;
  replaced_by?: string;
  history?: [since: string, changes: string][];
  arguments?: ArgDoc[];
  /** COMMAND INFO (kept so tools can check our table without a running redis-server) */
  arity: number;
  flags: string[];
  keys: [first: number, last: number, step: number];
  acl: string[];
  tips?: string[];
  key_specs?: KeySpecDoc[];
}

/** Command flags COMMAND INFO prints, in its order (may_replicate, sentinel, ... are hidden). */
export const PRINTED_FLAGS: readonly string[] = [
  'write',
  'readonly',
  'denyoom',
  'module',
  'admin',
  'pubsub',
  'noscript',
  'blocking',
  'loading',
  'stale',
  'skip_monitor',
  'skip_slowlog',
  'asking',
  'fast',
  'no_auth',
  'no_mandatory_keys',
  'no_async_loading',
  'no_multi',
  'movablekeys',
  'allow_busy',
];

/** ACL categories in the order Redis prints them (its category table order). */
export const ACL_CATEGORIES: readonly string[] = [
  'keyspace',
  'read',
  'write',
  'set',
  'sortedset',
  'list',
  'hash',
  'string',
  'bitmap',
  'hyperloglog',
  'geo',
  'stream',
  'pubsub',
  'admin',
  'fast',
  'slow',
  'blocking',
  'dangerous',
  'connection',
  'transaction',
  'scripting',
];

/** Key-spec flags in the order Redis prints them. */
export const KEY_SPEC_FLAGS: readonly string[] = [
  'RO',
  'RW',
  'OW',
  'RM',
  'access',
  'update',
  'insert',
  'delete',
  'not_key',
  'incomplete',
  'variable_flags',
];

const FLAG_ORDER = new Map(PRINTED_FLAGS.map((f, i) => [f, i]));
const ACL_ORDER = new Map(ACL_CATEGORIES.map((f, i) => [f, i]));

/** Redis's data for a full name ("get", "config|get"), lower case. */
export function redisCommandData(fullName: string): RedisCommandData | undefined {
  return Object.prototype.hasOwnProperty.call(REDIS_COMMAND_DATA, fullName) ? REDIS_COMMAND_DATA[fullName] : undefined;
}

/** Every full name redis-server 7.0.15 knows (commands and subcommands), sorted. */
export function redisFullNames(): string[] {
  return Object.keys(REDIS_COMMAND_DATA).sort();
}

/** The flags of a spec exactly as COMMAND INFO prints them (hidden flags dropped, Redis order). */
export function printedFlags(spec: CommandSpec): string[] {
  const out: string[] = [];
  for (const f of spec.flags) if (FLAG_ORDER.has(f) && !out.includes(f)) out.push(f);
  return out.sort((a, b) => (FLAG_ORDER.get(a) as number) - (FLAG_ORDER.get(b) as number));
}

/** The ACL categories of a spec as COMMAND INFO prints them (with '@', Redis order). */
export function printedCategories(spec: CommandSpec): string[] {
  const cats: string[] = [];
  for (const a of spec.acl) {
    const name = a.startsWith('@') ? a.slice(1) : a;
    if (!cats.includes(name)) cats.push(name);
  }
  cats.sort((a, b) => (ACL_ORDER.get(a) ?? 1000) - (ACL_ORDER.get(b) ?? 1000));
  return cats.map((a) => '@' + a);
}

function fullNameOf(spec: CommandSpec): string {
  return spec.fullName ?? spec.name;
}

/** Key specs of a command: Redis's own when it has the command, else none. */
export function keySpecsOf(spec: CommandSpec): readonly KeySpecDoc[] {
  return redisCommandData(fullNameOf(spec))?.key_specs ?? [];
}

export function tipsOf(spec: CommandSpec): readonly string[] {
  return redisCommandData(fullNameOf(spec))?.tips ?? [];
}

function writeStatusSet(w: ReplyWriter, items: readonly string[]): void {
  w.setLen(items.length);
  for (const s of items) w.simple(s);
}

function writeKeySpec(w: ReplyWriter, ks: KeySpecDoc): void {
  w.mapLen(ks.notes !== undefined ? 4 : 3);
  if (ks.notes !== undefined) {
    w.bulk('notes');
    w.bulk(ks.notes);
  }
  w.bulk('flags');
  writeStatusSet(w, ks.flags);
  w.bulk('begin_search');
  w.mapLen(2);
  w.bulk('type');
  const bs = ks.begin_search;
  w.bulk(bs.type);
  w.bulk('spec');
  if (bs.type === 'index') {
    w.mapLen(1);
    w.bulk('index');
    w.integer(bs.index);
  } else if (bs.type === 'keyword') {
    w.mapLen(2);
    w.bulk('keyword');
    w.bulk(bs.keyword);
    w.bulk('startfrom');
    w.integer(bs.startfrom);
  } else {
    w.mapLen(0);
  }
  w.bulk('find_keys');
  w.mapLen(2);
  const fk = ks.find_keys;
  w.bulk('type');
  w.bulk(fk.type);
  w.bulk('spec');
  if (fk.type === 'range') {
    w.mapLen(3);
    w.bulk('lastkey');
    w.integer(fk.lastkey);
    w.bulk('keystep');
    w.integer(fk.keystep);
    w.bulk('limit');
    w.integer(fk.limit);
  } else if (fk.type === 'keynum') {
    w.mapLen(3);
    w.bulk('keynumidx');
    w.integer(fk.keynumidx);
    w.bulk('firstkey');
    w.integer(fk.firstkey);
    w.bulk('keystep');
    w.integer(fk.keystep);
  } else {
    w.mapLen(0);
  }
}

/** One COMMAND INFO entry (Redis's addReplyCommandInfo), subcommands nested. */
export function writeCommandInfo(w: ReplyWriter, spec: CommandSpec): void {
  w.arrayLen(10);
  w.bulk(fullNameOf(spec));
  w.integer(spec.arity);
  writeStatusSet(w, printedFlags(spec));
  w.integer(spec.firstKey);
  w.integer(spec.lastKey);
  w.integer(spec.step);
  writeStatusSet(w, printedCategories(spec));
  const tips = tipsOf(spec);
  w.setLen(tips.length);
  for (const t of tips) w.bulk(t);
  const specs = keySpecsOf(spec);
  w.setLen(specs.length);
  for (const ks of specs) writeKeySpec(w, ks);
  const subs = spec.subcommands;
  if (subs === undefined) {
    w.setLen(0);
  } else {
    w.arrayLen(subs.length);
    for (const sub of subs) writeCommandInfo(w, sub);
  }
}

function writeArgs(w: ReplyWriter, args: readonly ArgDoc[]): void {
  w.arrayLen(args.length);
  for (const a of args) {
    let n = 2;
    if (a.key_spec_index !== undefined) n++;
    if (a.token !== undefined) n++;
    if (a.summary !== undefined) n++;
    if (a.since !== undefined) n++;
    if (a.deprecated_since !== undefined) n++;
    if (a.flags !== undefined) n++;
    if (a.arguments !== undefined) n++;
    w.mapLen(n);
    w.bulk('name');
    w.bulk(a.name);
    w.bulk('type');
    w.bulk(a.type);
    if (a.key_spec_index !== undefined) {
      w.bulk('key_spec_index');
      w.integer(a.key_spec_index);
    }
    if (a.token !== undefined) {
      w.bulk('token');
      w.bulk(a.token);
    }
    if (a.summary !== undefined) {
      w.bulk('summary');
      w.bulk(a.summary);
    }
    if (a.since !== undefined) {
      w.bulk('since');
      w.bulk(a.since);
    }
    if (a.deprecated_since !== undefined) {
      w.bulk('deprecated_since');
      w.bulk(a.deprecated_since);
    }
    if (a.flags !== undefined) {
      w.bulk('flags');
      writeStatusSet(w, a.flags);
    }
    if (a.arguments !== undefined) {
      w.bulk('arguments');
      writeArgs(w, a.arguments);
    }
  }
}

/** One COMMAND DOCS value (Redis's addReplyCommandDocs); the caller writes the name before it. */
export function writeCommandDocs(w: ReplyWriter, spec: CommandSpec): void {
  const d = redisCommandData(fullNameOf(spec));
  const subs = spec.subcommands;
  let n = 3;
  if (d?.complexity !== undefined) n++;
  if (d?.doc_flags !== undefined) n++;
  if (d?.deprecated_since !== undefined) n++;
  if (d?.replaced_by !== undefined) n++;
  if (d?.history !== undefined) n++;
  if (d?.arguments !== undefined) n++;
  if (subs !== undefined) n++;
  w.mapLen(n);
  w.bulk('summary');
  w.bulk(d?.summary ?? '');
  w.bulk('since');
  w.bulk(d?.since ?? '');
  w.bulk('group');
  w.bulk(d?.group ?? spec.group);
  if (d?.complexity !== undefined) {
    w.bulk('complexity');
    w.bulk(d.complexity);
  }
  if (d?.doc_flags !== undefined) {
    w.bulk('doc_flags');
    writeStatusSet(w, d.doc_flags);
  }
  if (d?.deprecated_since !== undefined) {
    w.bulk('deprecated_since');
    w.bulk(d.deprecated_since);
  }
  if (d?.replaced_by !== undefined) {
    w.bulk('replaced_by');
    w.bulk(d.replaced_by);
  }
  if (d?.history !== undefined) {
    w.bulk('history');
    w.setLen(d.history.length);
    for (const [since, changes] of d.history) {
      w.arrayLen(2);
      w.bulk(since);
      w.bulk(changes);
    }
  }
  if (d?.arguments !== undefined) {
    w.bulk('arguments');
    writeArgs(w, d.arguments);
  }
  if (subs !== undefined) {
    w.bulk('subcommands');
    w.mapLen(subs.length);
    for (const sub of subs) {
      w.bulk(fullNameOf(sub));
      writeCommandDocs(w, sub);
    }
  }
}
