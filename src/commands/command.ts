// COMMAND and its subcommands (COUNT, INFO, DOCS, LIST, GETKEYS, GETKEYSANDFLAGS, HELP), all
// derived from the command table plus Redis's imported docs, key specs and tips (docs.ts);
// also Redis's key-spec key extraction used by GETKEYS.
import { cmd, commandKeys, type CommandSpec } from './spec.js';
import type { Client } from '../engine/client.js';
import type { CommandRegistry } from './registry.js';
import { SYNTAX_ERR } from '../engine/errors.js';
import { compileGlob } from '../store/glob.js';
import { parseLong } from '../util/numbers.js';
import { keySpecsOf, writeCommandDocs, writeCommandInfo, type KeySpecDoc } from './docs.js';

const INVALID_COMMAND = 'ERR Invalid command specified';
const NO_KEY_ARGUMENTS = 'ERR The command has no key arguments';
const INVALID_ARG_COUNT = 'ERR Invalid number of arguments specified for command';
const INVALID_ARGUMENTS = 'ERR Invalid arguments specified for command';

/** A command by full name as COMMAND INFO/DOCS accept it ("get", "CONFIG|GET"); no deeper nesting. */
export function lookupByFullName(registry: CommandRegistry, name: string): CommandSpec | undefined {
  const bar = name.indexOf('|');
  if (bar >= 0 && name.indexOf('|', bar + 1) >= 0) return undefined;
  return registry.byFullName(name);
}

function commandCommand(c: Client): void {
  const all = c.engine.registry.all();
  c.reply.arrayLen(all.length);
  for (const spec of all) writeCommandInfo(c.reply, spec);
}

function commandCountCommand(c: Client): void {
  c.reply.integer(c.engine.registry.all().length);
}

function commandInfoCommand(c: Client): void {
  if (c.argv.length === 2) return commandCommand(c);
  c.reply.arrayLen(c.argv.length - 2);
  for (let i = 2; i < c.argv.length; i++) {
    const spec = lookupByFullName(c.engine.registry, c.argv[i] as string);
    if (spec === undefined) c.reply.nullBulk();
    else writeCommandInfo(c.reply, spec);
  }
}

function commandDocsCommand(c: Client): void {
  let specs: CommandSpec[];
  if (c.argv.length === 2) {
    specs = c.engine.registry.all();
  } else {
    specs = [];
    for (let i = 2; i < c.argv.length; i++) {
      const spec = lookupByFullName(c.engine.registry, c.argv[i] as string);
      if (spec !== undefined) specs.push(spec);
    }
  }
  c.reply.mapLen(specs.length);
  for (const spec of specs) {
    c.reply.bulk(spec.fullName ?? spec.name);
    writeCommandDocs(c.reply, spec);
  }
}

type ListFilter = (spec: CommandSpec) => boolean;

function commandListCommand(c: Client): void {
  let filter: ListFilter | null = null;
  const argv = c.argv;
  for (let i = 2; i < argv.length; i++) {
    const more = argv.length - 1 - i;
    if ((argv[i] as string).toLowerCase() !== 'filterby' || more !== 2) return c.reply.error(SYNTAX_ERR);
    const type = (argv[i + 1] as string).toLowerCase();
    const arg = argv[i + 2] as string;
    if (type === 'module') {
      filter = () => false; // no modules are ever loaded
    } else if (type === 'aclcat') {
      const cat = arg.toLowerCase();
      filter = (spec) => spec.acl.some((a) => a.toLowerCase() === cat);
    } else if (type === 'pattern') {
      const match = compileGlob(arg, true);
      filter = (spec) => match(spec.fullName ?? spec.name);
    } else {
      return c.reply.error(SYNTAX_ERR);
    }
    i += 2;
  }
  const names: string[] = [];
  const walk = (specs: readonly CommandSpec[]): void => {
    for (const spec of specs) {
      if (filter === null || filter(spec)) names.push(spec.fullName ?? spec.name);
      if (spec.subcommands) walk(spec.subcommands);
    }
  };
  walk(c.engine.registry.all());
  c.reply.bulkArray(names);
}

/** A key found in argv: its index and its key-spec flags. */
export interface KeyRef {
  pos: number;
  flags: readonly string[];
}

/**
 * Redis's getKeysUsingKeySpecs: the keys the key specs locate in argv, or null when a spec is
 * invalid for these arguments or incomplete (the caller then uses the command's own extractor).
 * With `partial`, invalid specs are skipped instead.
 */
export function keysFromSpecs(specs: readonly KeySpecDoc[], argv: readonly string[], partial = false): KeyRef[] | null {
  const argc = argv.length;
  const out: KeyRef[] = [];
  for (const ks of specs) {
    if (ks.flags.includes('not_key')) continue;
    let first = 0;
    let valid = true;
    const bs = ks.begin_search;
    if (bs.type === 'index') {
      first = bs.index;
    } else if (bs.type === 'keyword') {
      const start = bs.startfrom > 0 ? bs.startfrom : argc + bs.startfrom;
      const end = bs.startfrom > 0 ? argc - 1 : 1;
      for (let i = start; i !== end; i = start <= end ? i + 1 : i - 1) {
        if (i >= argc || i < 1) break;
        if ((argv[i] as string).toLowerCase() === bs.keyword.toLowerCase()) {
          first = i + 1;
          break;
        }
      }
      if (first === 0) continue; // keyword not present
    } else {
      valid = false;
    }
    let last = 0;
    let step = 1;
    const fk = ks.find_keys;
    if (valid) {
      if (fk.type === 'range') {
        if (fk.lastkey >= 0) last = first + fk.lastkey;
        else if (fk.limit === 0) last = argc + fk.lastkey;
        else last = first + (Math.trunc((argc - first) / fk.limit) + fk.lastkey);
        step = fk.keystep;
      } else if (fk.type === 'keynum') {
        const at = first + fk.keynumidx;
        const n = at < argc ? parseLong(argv[at] as string) : null;
        if (n === null || typeof n === 'bigint' || n < 0) {
          valid = false;
        } else {
          first += fk.firstkey;
          last = first + n - 1;
          step = fk.keystep;
        }
      } else {
        valid = false;
      }
    }
    if (valid && (last >= argc || last < first || first >= argc || step < 1)) valid = false;
    if (valid) {
      for (let i = first; i <= last; i += step) out.push({ pos: i, flags: ks.flags });
      if (ks.flags.includes('incomplete')) valid = false;
    }
    if (!valid) {
      if (partial) continue;
      return null;
    }
  }
  return out;
}

const RW_ACCESS_UPDATE = ['RW', 'access', 'update'];
const RO_ACCESS = ['RO', 'access'];
const OW_UPDATE = ['OW', 'update'];

/**
 * Key flags Redis's own key extractors report for the commands whose specs cannot say
 * (variable_flags, incomplete or unknown specs); null for the others.
 */
function extractorFlags(spec: CommandSpec, argv: readonly string[], pos: number): readonly string[] | null {
  switch (spec.fullName ?? spec.name) {
    case 'set':
      for (let i = 3; i < argv.length; i++) if ((argv[i] as string).toLowerCase() === 'get') return RW_ACCESS_UPDATE;
      return OW_UPDATE;
    case 'bitfield': {
      for (let i = 2; i < argv.length; i++) {
        const rem = argv.length - i - 1;
        const a = (argv[i] as string).toLowerCase();
        if (a === 'get' && rem >= 2) i += 2;
        else if (a === 'overflow' && rem >= 1) i += 1;
        else return RW_ACCESS_UPDATE;
      }
      return RO_ACCESS;
    }
    case 'sort':
      return pos === 1 ? RO_ACCESS : OW_UPDATE;
    case 'sort_ro':
      return RO_ACCESS;
    case 'migrate':
      return ['RW', 'access', 'delete'];
    default:
      return null;
  }
}

/** The flags of a key found by the command's own extractor: the spec that locates it, else the first. */
function flagsForPosition(spec: CommandSpec, specs: readonly KeySpecDoc[], argv: readonly string[], pos: number): readonly string[] {
  const own = extractorFlags(spec, argv, pos);
  if (own !== null) return own;
  for (const ks of specs) {
    const found = keysFromSpecs([ks], argv, true);
    if (found?.some((k) => k.pos === pos)) return ks.flags;
  }
  const firstKeySpec = specs.find((ks) => !ks.flags.includes('not_key'));
  return firstKeySpec?.flags ?? [];
}

/**
 * Redis's getKeysFromCommandWithSpecs: key specs first; the command's own extractor (getKeys or
 * the legacy range) when the specs cannot tell or carry variable flags.
 */
export function keysOf(spec: CommandSpec, argv: readonly string[]): KeyRef[] {
  const specs = keySpecsOf(spec);
  const hasKeySpec = specs.some((ks) => !ks.flags.includes('not_key'));
  const varFlags = specs.some((ks) => ks.flags.includes('variable_flags'));
  // Redis consults the command's own extractor first when the specs carry variable flags (or
  // there are none); otherwise the specs, falling back to the extractor when they cannot tell.
  if (hasKeySpec && !varFlags) {
    const found = keysFromSpecs(specs, argv);
    if (found !== null) return found;
  }
  return commandKeys(spec, argv).map((pos) => ({ pos, flags: flagsForPosition(spec, specs, argv, pos) }));
}

/** Whether COMMAND GETKEYS can say anything about a command (Redis's doesCommandHaveKeys). */
function hasKeys(spec: CommandSpec): boolean {
  if (spec.getKeys !== undefined) return true;
  const specs = keySpecsOf(spec);
  if (specs.length > 0) return specs.some((ks) => !ks.flags.includes('not_key'));
  return spec.firstKey > 0;
}

/**
 * What COMMAND GETKEYS answers for `argv` (a full command, argv[0] its name) run as `spec`: the
 * keys, or the error message. `spec` undefined means the command does not exist.
 */
export function getKeysReply(spec: CommandSpec | undefined, argv: readonly string[]): KeyRef[] | string {
  if (spec === undefined) return INVALID_COMMAND;
  if (!hasKeys(spec)) return NO_KEY_ARGUMENTS;
  if ((spec.arity > 0 && spec.arity !== argv.length) || argv.length < -spec.arity) return INVALID_ARG_COUNT;
  const keys = keysOf(spec, argv);
  if (keys.length === 0 && !spec.flags.includes('no_mandatory_keys')) return INVALID_ARGUMENTS;
  return keys;
}

function getKeysGeneric(c: Client, withFlags: boolean): void {
  const argv = c.argv.slice(2);
  const reg = c.engine.registry;
  let spec = reg.lookup(argv[0] as string);
  if (spec !== undefined && spec.subcommands !== undefined && argv.length > 1) {
    spec = reg.subcommand(spec, argv[1] as string);
  }
  const keys = getKeysReply(spec, argv);
  if (typeof keys === 'string') return c.reply.error(keys);
  c.reply.arrayLen(keys.length);
  for (const k of keys) {
    if (!withFlags) {
      c.reply.bulk(argv[k.pos] as string);
      continue;
    }
    c.reply.arrayLen(2);
    c.reply.bulk(argv[k.pos] as string);
    c.reply.setLen(k.flags.length);
    for (const f of k.flags) c.reply.simple(f);
  }
}

function commandGetKeysCommand(c: Client): void {
  getKeysGeneric(c, false);
}

function commandGetKeysAndFlagsCommand(c: Client): void {
  getKeysGeneric(c, true);
}

const HELP_LINES = [
  'COMMAND <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  '(no subcommand)',
  '    Return details about all Redis commands.',
  'COUNT',
  '    Return the total number of commands in this Redis server.',
  'LIST',
  '    Return a list of all commands in this Redis server.',
  'INFO [<command-name> ...]',
  '    Return details about multiple Redis commands.',
  '    If no command names are given, documentation details for all',
  '    commands are returned.',
  'DOCS [<command-name> ...]',
  '    Return documentation details about multiple Redis commands.',
  '    If no command names are given, documentation details for all',
  '    commands are returned.',
  'GETKEYS <full-command>',
  '    Return the keys from a full Redis command.',
  'GETKEYSANDFLAGS <full-command>',
  '    Return the keys and the access flags from a full Redis command.',
  'HELP',
  '    Prints this help.',
];

function commandHelpCommand(c: Client): void {
  c.reply.arrayLen(HELP_LINES.length);
  for (const line of HELP_LINES) c.reply.simple(line);
}

const SUB_FLAGS: CommandSpec['flags'] = ['loading', 'stale'];
const SUB_ACL = ['slow', 'connection'];
const NO_KEYS: [number, number, number] = [0, 0, 0];

export const COMMAND_COMMANDS: CommandSpec[] = [
  cmd('command', -1, ['loading', 'stale'], NO_KEYS, ['slow', 'connection'], 'server', commandCommand, {
    subcommands: [
      cmd('count', 2, SUB_FLAGS, NO_KEYS, SUB_ACL, 'server', commandCountCommand),
      cmd('docs', -2, SUB_FLAGS, NO_KEYS, SUB_ACL, 'server', commandDocsCommand),
      cmd('getkeys', -4, SUB_FLAGS, NO_KEYS, SUB_ACL, 'server', commandGetKeysCommand),
      cmd('getkeysandflags', -4, SUB_FLAGS, NO_KEYS, SUB_ACL, 'server', commandGetKeysAndFlagsCommand),
      cmd('help', 2, SUB_FLAGS, NO_KEYS, SUB_ACL, 'server', commandHelpCommand),
      cmd('info', -2, SUB_FLAGS, NO_KEYS, SUB_ACL, 'server', commandInfoCommand),
      cmd('list', -2, SUB_FLAGS, NO_KEYS, SUB_ACL, 'server', commandListCommand),
    ],
  }),
];
