// The typed configuration table (Redis's names, defaults, validation) and the live values.
// CONFIG GET/SET, redis.conf files and command-line flags all go through `Config.set`.
// (It lives under engine/ rather than server/ because the engine reads it on every command.)

export type ConfigKind = 'bool' | 'int' | 'memory' | 'enum' | 'flags' | 'string' | 'special';

export interface ConfigDef {
  name: string;
  alias?: string;
  kind: ConfigKind;
  default: string;
  /** Only settable at startup (config file / command line). */
  immutable?: boolean;
  min?: number;
  max?: number;
  /** Allowed values for enum/flags kinds. */
  values?: string[];
  /** Extra validation/normalisation for special kinds: returns the stored form or an error. */
  parse?: (raw: string) => { value: string } | { error: string };
  /** Hidden from CONFIG GET * (e.g. deprecated aliases) — still settable. */
  sensitive?: boolean;
}

const MEMORY_UNITS: Record<string, number> = {
  b: 1,
  k: 1000,
  kb: 1024,
  m: 1000 * 1000,
  mb: 1024 * 1024,
  g: 1000 * 1000 * 1000,
  gb: 1024 * 1024 * 1024,
};

/** Redis's memtoull: "1gb", "100mb", "5k", plain bytes. Returns null when invalid. */
export function parseMemory(raw: string): number | null {
  const m = /^(-?\d+)([a-zA-Z]*)$/.exec(raw);
  if (!m) return null;
  const unit = (m[2] ?? '').toLowerCase();
  const mul = unit === '' ? 1 : MEMORY_UNITS[unit];
  if (mul === undefined) return null;
  return Number(m[1]) * mul;
}

export class Config {
  private readonly defs = new Map<string, ConfigDef>();
  private readonly values = new Map<string, string>();
  private readonly listeners: ((name: string, value: string) => void)[] = [];

  constructor(defs: readonly ConfigDef[]) {
    for (const d of defs) {
      this.defs.set(d.name, d);
      if (d.alias) this.defs.set(d.alias, d);
      this.values.set(d.name, d.default);
    }
  }

  def(name: string): ConfigDef | undefined {
    return this.defs.get(name.toLowerCase());
  }

  /** Every canonical definition (aliases excluded). */
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

  onChange(fn: (name: string, value: string) => void): void {
    this.listeners.push(fn);
  }

  /** Validates and normalises a value; returns the stored string or an error message (no ERR prefix). */
  validate(d: ConfigDef, raw: string): { value: string } | { error: string } {
    switch (d.kind) {
      case 'bool': {
        const v = raw.toLowerCase();
        if (v === 'yes' || v === 'no') return { value: v };
        return { error: 'argument must be \'yes\' or \'no\'' };
      }
      case 'int': {
        if (!/^-?\d+$/.test(raw)) return { error: 'argument couldn\'t be parsed into an integer' };
        const n = Number(raw);
        if ((d.min !== undefined && n < d.min) || (d.max !== undefined && n > d.max)) {
          return { error: `argument must be between ${d.min} and ${d.max} inclusive` };
        }
        return { value: String(n) };
      }
      case 'memory': {
        const n = parseMemory(raw);
        if (n === null) return { error: 'argument must be a memory value' };
        if ((d.min !== undefined && n < d.min) || (d.max !== undefined && n > d.max)) {
          return { error: `argument must be between ${d.min} and ${d.max} inclusive` };
        }
        return { value: String(n) };
      }
      case 'enum': {
        const v = raw.toLowerCase();
        if (d.values && d.values.includes(v)) return { value: v };
        return { error: `argument(s) must be one of the following: ${(d.values ?? []).join(', ')}` };
      }
      case 'flags':
      case 'string':
      case 'special':
        return d.parse ? d.parse(raw) : { value: raw };
    }
  }

  /**
   * Sets a value. Returns null on success or the error text Redis gives (without the ERR code
   * or CONFIG SET wrapper, which the caller adds for its context).
   */
  set(name: string, raw: string, startup = false): string | null {
    const d = this.defs.get(name.toLowerCase());
    if (!d) return 'unknown';
    if (d.immutable && !startup) return "can't set immutable config";
    const r = this.validate(d, raw);
    if ('error' in r) return r.error;
    this.values.set(d.name, r.value);
    for (const fn of this.listeners) fn(d.name, r.value);
    return null;
  }
}
