// The typed configuration table (Redis's names, defaults, validation) and the live values.
// CONFIG GET/SET/REWRITE, redis.conf files and command-line flags all go through this class, with
// Redis 7.0.15's parsing rules (memtoull, string2ll, octal, percent, enums, flag enums) and its
// exact error texts. (It lives under engine/ rather than server/ because the engine reads it on
// every command.)
import * as fs from 'node:fs';
import { globMatch } from '../store/glob.js';
import { parseInt64 } from '../util/numbers.js';
import { splitArgs } from '../protocol/parser.js';

export const REDIS_VERSION = '7.0.15';

/** Memora's own version, from its package.json (dist/src/engine/config.js -> ../../../). */
export const MEMORA_VERSION: string = (() => {
  for (const rel of ['../../../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(fs.readFileSync(new URL(rel, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'memora' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      /* try the next location */
    }
  }
  return '0.0.0';
})();

/**
 * bool: yes/no. int / memory: Redis's numeric configs (memory ones accept 1gb, 5mb, 100k ...).
 * enum: one of `values` (or, with `flagsEnum`, several OR-ed together). string: free text with an
 * optional validator. special: a custom parser (save, bind, client-output-buffer-limit, ...).
 */
export type ConfigKind = 'bool' | 'int' | 'memory' | 'enum' | 'string' | 'special';

/** The C type behind a numeric config: decides signed vs unsigned bound checks, as in Redis. */
export type NumericType = 'int' | 'uint' | 'long' | 'ulong' | 'llong' | 'ullong' | 'size' | 'ssize' | 'time' | 'off';

export type ParseResult = { value: string } | { error: string };

export interface ParseContext {
  /** True while reading the config file / command line (startup), false for CONFIG SET. */
  startup: boolean;
  /** The value currently stored (canonical form). */
  current: string;
}

export interface ConfigDef {
  name: string;
  alias?: string;
  kind: ConfigKind;
  /** The default, as CONFIG GET prints it. */
  default: string;
  /** Only settable at startup (config file / command line). */
  immutable?: boolean;
  /** PROTECTED_CONFIG: CONFIG SET needs enable-protected-configs yes (or local + a local client). */
  protected?: boolean;
  /** Not matched by CONFIG GET patterns (exact names still work). */
  hidden?: boolean;
  /** Its CONFIG SET value is redacted in the slow log (passwords). */
  sensitive?: boolean;
  /** The value is a list of space-separated arguments (save, bind, ...). */
  multiArg?: boolean;
  /** Refused while loading a dataset. */
  denyLoading?: boolean;
  /** Numeric: the C type (signed unless uint/ullong/size). */
  numType?: NumericType;
  min?: bigint;
  max?: bigint;
  /** Numeric: "N%" accepted and stored negative (maxmemory-clients). */
  percent?: boolean;
  /** Numeric: octal (unixsocketperm). */
  octal?: boolean;
  /** Enum names in Redis's order (error messages list them in this order). */
  values?: string[];
  /** Enum ids parallel to `values` (names sharing an id are synonyms; the first is printed). */
  valueIds?: number[];
  /** Enum of bit flags: several names may be given, OR-ed together. */
  flagsEnum?: boolean;
  /** String: "" means unset (CONFIG REWRITE drops the line). */
  emptyIsNull?: boolean;
  /**
   * string/special: validation and normalisation (returns the stored form or an error).
   * int/memory/enum: extra validation run after the generic parse.
   */
  parse?: (raw: string, ctx: ParseContext) => ParseResult;
  /**
   * The error a runtime change gets when no applier is registered for it (Redis applies port and
   * bind changes at once; Memora refuses rather than pretend).
   */
  needsApplier?: string;
  /**
   * CONFIG REWRITE for special kinds: the lines to write, each with whether it must be written
   * even where the old file does not mention the option (null: remove the option's lines).
   */
  rewrite?: (value: string, def: ConfigDef) => { line: string; force: boolean }[] | null;
}

export type Applier = (value: string, previous: string) => string | null;

const U64 = 1n << 64n;
const LLONG_MAX = (1n << 63n) - 1n;

function isUnsigned(d: ConfigDef): boolean {
  return d.numType === 'uint' || d.numType === 'ullong' || d.numType === 'size';
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** C strtoull over a string of decimal digits only ("" is 0); saturates at 2^64-1. */
function strtoullDigits(digits: string): bigint {
  if (digits === '') return 0n;
  const v = BigInt(digits);
  return v >= U64 ? U64 - 1n : v;
}

/**
 * Redis memtoull: digits followed by an optional unit (b, k, kb, m, mb, g, gb, any case). The
 * result wraps modulo 2^64 like the C multiplication. Returns null when invalid.
 */
export function memtoull(raw: string): bigint | null {
  if (raw.charCodeAt(0) === 45) return null; // '-'
  let i = 0;
  while (i < raw.length && isDigit(raw.charCodeAt(i))) i++;
  const unit = raw.slice(i).toLowerCase();
  let mul: bigint;
  switch (unit) {
    case '':
    case 'b':
      mul = 1n;
      break;
    case 'k':
      mul = 1000n;
      break;
    case 'kb':
      mul = 1024n;
      break;
    case 'm':
      mul = 1000n * 1000n;
      break;
    case 'mb':
      mul = 1024n * 1024n;
      break;
    case 'g':
      mul = 1000n * 1000n * 1000n;
      break;
    case 'gb':
      mul = 1024n * 1024n * 1024n;
      break;
    default:
      return null;
  }
  if (i >= 128) return null;
  return (strtoullDigits(raw.slice(0, i)) * mul) % U64;
}

/** Redis's memtoull as a JS number (null when invalid), for callers that want plain bytes. */
export function parseMemory(raw: string): number | null {
  const v = memtoull(raw);
  return v === null ? null : Number(v);
}

/**
 * C strtoll(s, &end, base): leading whitespace, optional sign, digits; saturates on overflow.
 * Returns the value and the index where parsing stopped (0 when no digits were read).
 */
export function cStrtoll(s: string, base = 10): { value: bigint; end: number; overflow: boolean } {
  let p = 0;
  while (p < s.length && (s.charCodeAt(p) === 32 || (s.charCodeAt(p) >= 9 && s.charCodeAt(p) <= 13))) p++;
  let neg = false;
  if (s[p] === '+' || s[p] === '-') {
    neg = s[p] === '-';
    p++;
  }
  const start = p;
  let v = 0n;
  const b = BigInt(base);
  while (p < s.length) {
    const d = s.charCodeAt(p) - 48;
    if (d < 0 || d >= base || d > 9) break;
    v = v * b + BigInt(d);
    p++;
  }
  if (p === start) return { value: 0n, end: 0, overflow: false };
  if (neg) v = -v;
  let overflow = false;
  if (v > LLONG_MAX) {
    v = LLONG_MAX;
    overflow = true;
  } else if (v < -LLONG_MAX - 1n) {
    v = -LLONG_MAX - 1n;
    overflow = true;
  }
  return { value: v, end: p, overflow };
}

/** Splits a multi-argument value the way CONFIG SET does (single spaces; "" is no argument). */
export function splitMulti(raw: string): string[] {
  return raw === '' ? [] : raw.split(' ');
}

/** C strerror() text for a Node error code (config errors and CONFIG REWRITE failures). */
export function strerror(code: string | undefined): string {
  switch (code) {
    case 'ENOENT':
      return 'No such file or directory';
    case 'ENOTDIR':
      return 'Not a directory';
    case 'EACCES':
      return 'Permission denied';
    case 'EPERM':
      return 'Operation not permitted';
    case 'EROFS':
      return 'Read-only file system';
    case 'ENOSPC':
      return 'No space left on device';
    case 'EISDIR':
      return 'Is a directory';
    case 'ELOOP':
      return 'Too many levels of symbolic links';
    case 'ENAMETOOLONG':
      return 'File name too long';
    case 'EEXIST':
      return 'File exists';
    default:
      return 'Input/output error';
  }
}

/** sdscatrepr: a double-quoted, C-escaped string (CONFIG REWRITE values). */
export function reprString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    switch (c) {
      case 92:
        out += '\\\\';
        break;
      case 34:
        out += '\\"';
        break;
      case 10:
        out += '\\n';
        break;
      case 13:
        out += '\\r';
        break;
      case 9:
        out += '\\t';
        break;
      case 7:
        out += '\\a';
        break;
      case 8:
        out += '\\b';
        break;
      default:
        if (c >= 32 && c < 127) out += s[i];
        else out += '\\x' + (c & 0xff).toString(16).padStart(2, '0');
    }
  }
  return out + '"';
}

/** Redis's rewriteConfigFormatMemory: 1gb / 64mb / 4kb when exact, plain bytes otherwise. */
export function formatMemoryForRewrite(bytes: bigint): string {
  const gb = 1024n * 1024n * 1024n;
  const mb = 1024n * 1024n;
  const kb = 1024n;
  if (bytes !== 0n && bytes % gb === 0n) return `${bytes / gb}gb`;
  if (bytes !== 0n && bytes % mb === 0n) return `${bytes / mb}mb`;
  if (bytes !== 0n && bytes % kb === 0n) return `${bytes / kb}kb`;
  return String(bytes);
}

const REWRITE_SIGNATURE = '# Generated by CONFIG REWRITE';

export class Config {
  private readonly defs = new Map<string, ConfigDef>();
  /** Registered names (canonical and aliases) in table order, for CONFIG GET patterns. */
  private readonly keys: string[] = [];
  private readonly values = new Map<string, string>();
  private readonly listeners: ((name: string, value: string) => void)[] = [];
  private readonly appliers = new Map<string, Applier>();
  /** Absolute path of the config file the server was started with (CONFIG REWRITE, INFO). */
  configFile: string | null = null;

  constructor(defs: readonly ConfigDef[]) {
    for (const d of defs) {
      if (this.defs.has(d.name)) throw new Error(`duplicate config ${d.name}`);
      this.defs.set(d.name, d);
      this.keys.push(d.name);
      if (d.alias) {
        this.defs.set(d.alias, d);
        this.keys.push(d.alias);
      }
      // Defaults go through the same parser: the table is checked and normalised (dir -> absolute).
      const r = this.validate(d, d.default, true, d.default);
      if ('error' in r) throw new Error(`bad default for config ${d.name}: ${r.error}`);
      this.values.set(d.name, r.value);
    }
  }

  def(name: string): ConfigDef | undefined {
    return this.defs.get(name.toLowerCase());
  }

  /** Every canonical definition (aliases excluded), in table order. */
  all(): ConfigDef[] {
    return [...new Set(this.defs.values())];
  }

  get(name: string): string {
    const d = this.defs.get(name.toLowerCase());
    if (!d) throw new Error(`unknown config ${name}`);
    return this.values.get(d.name) as string;
  }

  getNumber(name: string): number {
    return Number(this.get(name));
  }

  getBool(name: string): boolean {
    return this.get(name) === 'yes';
  }

  /** The value a fresh server would have (canonical form). */
  defaultOf(name: string): string {
    const d = this.defs.get(name.toLowerCase());
    if (!d) throw new Error(`unknown config ${name}`);
    const r = this.validate(d, d.default, true, d.default);
    return 'value' in r ? r.value : d.default;
  }

  /** Called after every change (startup included) with the canonical name and new value. */
  onChange(fn: (name: string, value: string) => void): void {
    this.listeners.push(fn);
  }

  /**
   * Registers what makes a runtime change take effect (Redis's apply functions: re-listening on a
   * new port, starting AOF...). It may refuse with an error text; the change is then undone.
   */
  setApplier(name: string, fn: Applier): void {
    const d = this.def(name);
    if (!d) throw new Error(`unknown config ${name}`);
    this.appliers.set(d.name, fn);
  }

  private applierFor(d: ConfigDef): Applier | undefined {
    const fn = this.appliers.get(d.name);
    if (fn) return fn;
    const err = d.needsApplier;
    return err === undefined ? undefined : () => err;
  }

  /** Validates and normalises a value; returns the stored string or an error message (no ERR prefix). */
  validate(d: ConfigDef, raw: string, startup = false, current?: string): ParseResult {
    const ctx: ParseContext = { startup, current: current ?? this.values.get(d.name) ?? d.default };
    let r: ParseResult;
    switch (d.kind) {
      case 'bool': {
        const v = raw.toLowerCase();
        if (v !== 'yes' && v !== 'no') return { error: "argument must be 'yes' or 'no'" };
        r = { value: v };
        break;
      }
      case 'int':
      case 'memory':
        r = this.parseNumeric(d, raw);
        break;
      case 'enum':
        r = parseEnum(d, raw);
        break;
      case 'string':
      case 'special':
        return d.parse ? d.parse(raw, ctx) : { value: raw };
    }
    if ('error' in r || !d.parse) return r;
    return d.parse(r.value, ctx);
  }

  private parseNumeric(d: ConfigDef, raw: string): ParseResult {
    let ll: bigint | null = null;
    if (d.kind === 'memory') {
      const u = memtoull(raw);
      if (u !== null) ll = BigInt.asIntN(64, u);
    }
    if (ll === null && d.percent && raw.length > 1 && raw.endsWith('%')) {
      const p = parseInt64(raw.slice(0, -1));
      if (p !== null && p >= 0n) ll = -p;
    }
    if (ll === null && d.octal) {
      // strtoll base 8; with no digits endptr stays at the start (valid only for "").
      const r = cStrtoll(raw, 8);
      if (!r.overflow && r.end === raw.length) ll = r.value;
    }
    if (ll === null && d.kind === 'int' && !d.percent && !d.octal) ll = parseInt64(raw);
    if (ll === null) {
      if (d.kind === 'memory' && d.percent) return { error: 'argument must be a memory or percent value' };
      if (d.kind === 'memory') return { error: 'argument must be a memory value' };
      if (d.octal) return { error: "argument couldn't be parsed as an octal number" };
      return { error: "argument couldn't be parsed into an integer" };
    }
    const min = d.min ?? -LLONG_MAX - 1n;
    const max = d.max ?? LLONG_MAX;
    if (isUnsigned(d)) {
      const u = BigInt.asUintN(64, ll);
      const lo = BigInt.asUintN(64, min);
      const hi = BigInt.asUintN(64, max);
      if (u > hi || u < lo) {
        const f = (x: bigint): string => (d.octal ? x.toString(8) : x.toString());
        return { error: `argument must be between ${f(lo)} and ${f(hi)} inclusive` };
      }
    } else if (d.percent && ll < 0n) {
      if (ll < min) return { error: `percentage argument must be less or equal to ${-min}` };
    } else if (ll > max || ll < min) {
      return { error: `argument must be between ${min} and ${max} inclusive` };
    }
    if (d.percent && ll < 0n) return { value: `${-ll}%` };
    if (d.kind === 'memory') return { value: BigInt.asUintN(64, ll).toString() };
    if (d.octal) return { value: BigInt.asUintN(64, ll).toString(8) };
    return { value: ll.toString() };
  }

  /**
   * Sets a value. Returns null on success or the error text Redis gives (without the ERR code
   * or CONFIG SET wrapper, which the caller adds for its context). 'unknown' for unknown names.
   * At startup immutable configs may be set and no applier runs.
   */
  set(name: string, raw: string, startup = false): string | null {
    const d = this.defs.get(name.toLowerCase());
    if (!d) return 'unknown';
    if (d.immutable && !startup) return "can't set immutable config";
    const r = this.validate(d, raw, startup);
    if ('error' in r) return r.error;
    const prev = this.values.get(d.name) as string;
    if (prev === r.value) return null;
    this.values.set(d.name, r.value);
    if (!startup) {
      const apply = this.applierFor(d);
      const err = apply ? apply(r.value, prev) : null;
      if (err !== null) {
        this.values.set(d.name, prev);
        return err;
      }
    }
    this.fire(d.name, r.value);
    return null;
  }

  /**
   * CONFIG SET with one or more name/value pairs, all or nothing, as Redis 7.0 does it. Returns
   * null on success or the complete error reply (with its ERR code). `onSensitive` is called
   * with the index (in `pairs`) of every value that must be redacted from logs, even on error.
   */
  setMany(
    pairs: readonly (readonly [string, string])[],
    opts: { allowProtected: boolean; loading?: boolean; onSensitive?: (i: number) => void },
  ): string | null {
    let invalidName: string | null = null;
    let errName = '';
    let errStr: string | null = null;
    let invalid = false;
    let denyLoading = false;
    const defs: (ConfigDef | undefined)[] = [];
    for (let i = 0; i < pairs.length; i++) {
      const typed = (pairs[i] as readonly [string, string])[0];
      const d = this.defs.get(typed.toLowerCase());
      defs.push(d);
      if (!d) {
        if (!invalid) {
          invalidName = typed;
          invalid = true;
        }
        continue;
      }
      if (d.sensitive) opts.onSensitive?.(i);
      if (invalid) continue;
      if (d.immutable || (d.protected && !opts.allowProtected)) {
        errStr = d.immutable ? "can't set immutable config" : "can't set protected config";
        errName = typed;
        invalid = true;
        continue;
      }
      if (opts.loading && d.denyLoading) {
        denyLoading = true;
        invalid = true;
        continue;
      }
      // Redis registers an alias as its own entry: "x" and its alias may both be set at once.
      for (let j = 0; j < i; j++) {
        if (defs[j] === d && (pairs[j] as readonly [string, string])[0].toLowerCase() === typed.toLowerCase()) {
          errStr = 'duplicate parameter';
          errName = typed;
          invalid = true;
          break;
        }
      }
    }
    const fail = (): string => {
      if (denyLoading) return 'LOADING Redis is loading the dataset in memory';
      if (invalidName !== null) return `ERR Unknown option or number of arguments for CONFIG SET - '${invalidName}'`;
      if (errStr !== null) return `ERR CONFIG SET failed (possibly related to argument '${errName}') - ${errStr}`;
      return `ERR CONFIG SET failed (possibly related to argument '${errName}')`;
    };
    if (invalid) return fail();

    // Set every value (validation against the current values), nothing applied yet.
    const old: string[] = [];
    const changed: boolean[] = [];
    for (let i = 0; i < pairs.length; i++) {
      const d = defs[i] as ConfigDef;
      const prev = this.values.get(d.name) as string;
      old.push(prev);
      const r = this.validate(d, (pairs[i] as readonly [string, string])[1]);
      if ('error' in r) {
        for (let j = 0; j < i; j++) this.values.set((defs[j] as ConfigDef).name, old[j] as string);
        errName = (pairs[i] as readonly [string, string])[0].toLowerCase();
        errStr = r.error;
        return fail();
      }
      changed.push(r.value !== prev);
      this.values.set(d.name, r.value);
    }
    // Apply what changed; on failure restore everything (and re-apply the old values).
    const applied: number[] = [];
    for (let i = 0; i < pairs.length; i++) {
      if (!changed[i]) continue;
      const d = defs[i] as ConfigDef;
      const apply = this.applierFor(d);
      if (!apply) continue;
      const err = apply(this.values.get(d.name) as string, old[i] as string);
      if (err !== null) {
        for (let j = 0; j < pairs.length; j++) this.values.set((defs[j] as ConfigDef).name, old[j] as string);
        for (const k of applied) {
          const dk = defs[k] as ConfigDef;
          this.applierFor(dk)?.(old[k] as string, this.values.get(dk.name) as string);
        }
        errName = (pairs[i] as readonly [string, string])[0].toLowerCase();
        errStr = err;
        return fail();
      }
      applied.push(i);
    }
    for (let i = 0; i < pairs.length; i++) {
      if (changed[i]) {
        const d = defs[i] as ConfigDef;
        this.fire(d.name, this.values.get(d.name) as string);
      }
    }
    return null;
  }

  private fire(name: string, value: string): void {
    for (const fn of this.listeners) fn(name, value);
  }

  /**
   * CONFIG GET: exact names (any case, answered under the name as given) and glob patterns
   * (matched case-insensitively against names and aliases; hidden configs excluded).
   */
  getMatches(patterns: readonly string[]): [string, string][] {
    const matches = new Map<string, ConfigDef>();
    for (const p of patterns) {
      if (!/[[*?]/.test(p)) {
        if (matches.has(p)) continue;
        const d = this.defs.get(p.toLowerCase());
        if (d) matches.set(p, d);
        continue;
      }
      for (const key of this.keys) {
        const d = this.defs.get(key) as ConfigDef;
        if (d.hidden || matches.has(key)) continue;
        if (globMatch(p, key, true)) matches.set(key, d);
      }
    }
    const out: [string, string][] = [];
    for (const [key, d] of matches) out.push([key, this.values.get(d.name) as string]);
    return out;
  }

  /**
   * CONFIG REWRITE: rewrites `path` keeping its comments and layout, replacing the lines of
   * changed options in place, appending the rest after "# Generated by CONFIG REWRITE" and
   * blanking lines of options now at their defaults. Throws on I/O errors.
   */
  rewrite(path: string): void {
    let old = '';
    try {
      old = fs.readFileSync(path, 'latin1');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    const lines: string[] = [];
    const optionLines = new Map<string, number[]>();
    let needsSignature = true;
    if (old.length > 0) {
      for (const rawLine of old.split('\n')) {
        const line = trimConfigLine(rawLine);
        if (line === '' || line.startsWith('#')) {
          if (needsSignature && line === REWRITE_SIGNATURE) needsSignature = false;
          lines.push(line);
          continue;
        }
        const argv = splitArgs(line);
        if (argv === null || argv.length === 0) {
          lines.push('# ??? ' + line);
          continue;
        }
        // Lines are filed under the parameter's canonical name (aliases included); other
        // directives (include, rename-command...) are kept as they are.
        let opt = (argv[0] as string).toLowerCase();
        const known = this.defs.get(opt);
        if (known) opt = known.name;
        lines.push(line);
        const l = optionLines.get(opt) ?? [];
        l.push(lines.length - 1);
        optionLines.set(opt, l);
      }
    }
    const processed = new Set<string>();
    const rewriteLine = (option: string, line: string, force: boolean): void => {
      processed.add(option);
      const l = optionLines.get(option);
      if (!l && !force) return;
      if (l && l.length > 0) {
        const n = l.shift() as number;
        if (l.length === 0) optionLines.delete(option);
        lines[n] = line;
      } else {
        if (needsSignature) {
          lines.push(REWRITE_SIGNATURE);
          needsSignature = false;
        }
        lines.push(line);
      }
    };
    for (const d of this.all()) {
      const value = this.values.get(d.name) as string;
      const def = this.defaultOf(d.name);
      if (d.rewrite) {
        const r = d.rewrite(value, d);
        if (r) for (const { line, force } of r) rewriteLine(d.name, line, force);
        processed.add(d.name);
        continue;
      }
      switch (d.kind) {
        case 'bool':
        case 'enum':
          rewriteLine(d.name, `${d.name} ${value}`, value !== def);
          break;
        case 'int':
        case 'memory': {
          if (d.percent && value.endsWith('%')) rewriteLine(d.name, `${d.name} ${value}`, value !== def);
          else if (d.kind === 'memory') rewriteLine(d.name, `${d.name} ${formatMemoryForRewrite(BigInt(value))}`, value !== def);
          else rewriteLine(d.name, `${d.name} ${value}`, value !== def);
          break;
        }
        case 'string':
        case 'special':
          if (value === '' && d.emptyIsNull) {
            processed.add(d.name);
            break;
          }
          rewriteLine(d.name, `${d.name} ${reprString(value)}`, value !== def);
          break;
      }
    }
    processed.add('user');
    processed.add('loadmodule');
    // Lines of processed options that were not reused are blanked (duplicates, old save lines).
    for (const [opt, nums] of optionLines) {
      if (!processed.has(opt)) continue;
      for (const n of nums) lines[n] = '';
    }
    let content = '';
    let wasEmpty = false;
    for (const line of lines) {
      if (line.length === 0) {
        if (wasEmpty) continue;
        wasEmpty = true;
      } else {
        wasEmpty = false;
      }
      content += line + '\n';
    }
    const tmp = `${path}.${Math.random().toString(36).slice(2, 8)}`;
    const fd = fs.openSync(tmp, 'w', 0o644);
    try {
      fs.writeSync(fd, Buffer.from(content, 'latin1'));
      fs.fsyncSync(fd);
    } catch (err) {
      fs.closeSync(fd);
      fs.rmSync(tmp, { force: true });
      throw err;
    }
    fs.closeSync(fd);
    try {
      fs.renameSync(tmp, path);
    } catch (err) {
      fs.rmSync(tmp, { force: true });
      throw err;
    }
  }
}

/** sdstrim(line, " \t\r\n"). */
export function trimConfigLine(s: string): string {
  let a = 0;
  let b = s.length;
  const ws = (c: number): boolean => c === 32 || c === 9 || c === 13 || c === 10;
  while (a < b && ws(s.charCodeAt(a))) a++;
  while (b > a && ws(s.charCodeAt(b - 1))) b--;
  return s.slice(a, b);
}

function parseEnum(d: ConfigDef, raw: string): ParseResult {
  const names = d.values ?? [];
  const ids = d.valueIds ?? names.map((_, i) => i);
  const lookup = (s: string): number | null => {
    const lower = s.toLowerCase();
    for (let i = 0; i < names.length; i++) if (names[i] === lower) return ids[i] as number;
    return null;
  };
  const bad: ParseResult = { error: `argument(s) must be one of the following: ${names.join(', ')}`.slice(0, 255) };
  if (!d.flagsEnum) {
    const id = lookup(raw);
    if (id === null) return bad;
    return { value: names[ids.indexOf(id)] as string };
  }
  const args = splitMulti(raw);
  if (args.length === 0) return bad;
  let flags = 0;
  for (const a of args) {
    const id = lookup(a);
    if (id === null) return bad;
    flags |= id;
  }
  if (flags === 0) return { value: names[ids.indexOf(0)] ?? '' };
  const out: string[] = [];
  for (let i = 0; i < names.length; i++) {
    const id = ids[i] as number;
    if (id !== 0 && (flags & id) === id) out.push(names[i] as string);
  }
  return { value: out.join(' ') };
}
