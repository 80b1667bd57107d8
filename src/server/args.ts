// Startup configuration: `memora-server [configfile] [--name value ...] [-]`, read exactly as
// redis-server 7.0.15 reads it — the options become config lines appended after the file (and
// stdin), `include` loads other files, repeated `save` lines add up, later settings win, and any
// bad directive is fatal with Redis's "*** FATAL CONFIG FILE ERROR ***" report (exit code 1).
import * as path from 'node:path';
import { Config, MEMORA_VERSION, REDIS_VERSION, reprString, splitMulti, strerror, trimConfigLine } from '../engine/config.js';
import { CONFIG_TABLE } from '../engine/config-table.js';
import { splitArgs } from '../protocol/parser.js';
import { globMatch } from '../store/glob.js';

export { MEMORA_VERSION, REDIS_VERSION };

export type ParsedArgs =
  | {
      /** Explicitly configured parameters (canonical names, canonical values), in first-set order. */
      config: Map<string, string>;
      /** Absolute path of the config file, when one was given (CONFIG REWRITE writes it back). */
      configFile: string | null;
      /** Directives accepted for compatibility whose feature Memora lacks (logged at startup). */
      warnings: string[];
    }
  | { exit: number; stdout?: string; stderr?: string };

export interface ArgsIO {
  /** Reads a file as latin1 text; throws Node's fs errors. */
  readFile(path: string): string;
  /** Reads all of stdin (for a `-` argument). */
  readStdin?(): string;
  /** Lists a directory (for `include` with a wildcard). */
  readDir?(path: string): string[];
  cwd?: string;
}

const USAGE =
  'Usage: memora-server [/path/to/memora.conf] [options] [-]\n' +
  '       memora-server - (read config from stdin)\n' +
  '       memora-server -v or --version\n' +
  '       memora-server -h or --help\n\n' +
  'Examples:\n' +
  '       memora-server (run the server with default conf)\n' +
  "       echo 'maxmemory 128mb' | memora-server -\n" +
  '       memora-server /etc/memora/6379.conf\n' +
  '       memora-server --port 7777\n' +
  '       memora-server /etc/mymemora.conf --loglevel verbose -\n' +
  '       memora-server /etc/mymemora.conf --loglevel verbose\n\n' +
  'The configuration file uses redis.conf syntax and Redis 7.0 parameter names.\n';

/** Directives Redis 7.0 still accepts (and ignores) with exactly one argument. */
const DEPRECATED = new Set(['list-max-ziplist-entries', 'list-max-ziplist-value', 'lua-replicate-commands']);

class FatalConfigError extends Error {
  constructor(
    readonly report: string,
    readonly plain = false,
  ) {
    super(report);
  }
}

function fatalReport(err: string, lineNo?: number, line?: string): string {
  let s = `\n*** FATAL CONFIG FILE ERROR (Redis ${REDIS_VERSION}) ***\n`;
  if (lineNo !== undefined) s += `Reading the configuration file, at line ${lineNo}\n>>> '${line}'\n`;
  return s + err + '\n';
}

/** The command-line options as config text, exactly as redis-server's main() builds it. */
export function optionsToConfigText(args: readonly string[]): { text: string; stdin: boolean } {
  let options = '';
  let stdin = false;
  let handledLast = true;
  for (let j = 0; j < args.length; j++) {
    const a = args[j] as string;
    const isFirst = j === 0;
    const isLast = j === args.length - 1;
    if (a === '-' && (isFirst || isLast)) {
      stdin = true;
    } else if (handledLast && a.startsWith('--')) {
      if (options.length) options += '\n';
      options += a.slice(2) + ' ';
      const split = splitArgs(a);
      if (split !== null && split.length === 1) {
        // Only the name was given ("--port"): the next argument is its value, even if it starts with "--".
        handledLast = false;
        const next = args[j + 1];
        if (!isLast && next !== undefined && next.startsWith('--') && a.toLowerCase() === '--save') {
          options += '""'; // `--save --other x` means an empty save, as before Redis 7.0.1
          handledLast = true;
        } else if (isLast && a.toLowerCase() === '--save') {
          options += '""';
        }
      } else {
        handledLast = true;
      }
    } else {
      options += reprString(a) + ' ';
      handledLast = true;
    }
  }
  return { text: options, stdin };
}

export function parseArgs(argv: string[], io: ArgsIO | ((path: string) => string)): ParsedArgs {
  const fsio: ArgsIO = typeof io === 'function' ? { readFile: io } : io;
  const cwd = fsio.cwd ?? process.cwd();
  if (argv.length > 0) {
    const first = argv[0] as string;
    if (first === '-v' || first === '--version') {
      return { exit: 0, stdout: `Memora server v=${MEMORA_VERSION} redis_version=${REDIS_VERSION} node=${process.version}\n` };
    }
    if (first === '-h' || first === '--help') return { exit: 0, stdout: USAGE };
  }
  const config = new Config(CONFIG_TABLE);
  const explicit = new Set<string>();
  const warnings: string[] = [];
  let saveLoaded = false;
  let configFile: string | null = null;

  const loadText = (text: string): void => {
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = trimConfigLine(lines[i] as string);
      if (line === '' || line.startsWith('#')) continue;
      const fail = (err: string): never => {
        throw new FatalConfigError(fatalReport(err, i + 1, line));
      };
      const parts = splitArgs(line);
      if (parts === null) fail('Unbalanced quotes in configuration line');
      const words = parts as string[];
      if (words.length === 0) continue;
      const name = (words[0] as string).toLowerCase();
      const argc = words.length;
      const def = config.def(name);
      if (def) {
        if (!def.multiArg && argc !== 2) fail('wrong number of arguments');
        let args = words.slice(1);
        if (def.name === 'save') {
          // The first save line replaces the defaults, the following ones add save points.
          if (args.length === 1 && args[0] === '') args = [];
          const value = args.join(' ');
          const check = config.validate(def, value, true);
          if ('error' in check) fail(check.error);
          const next = saveLoaded ? [...splitMulti(config.get('save')), ...args].join(' ') : value;
          saveLoaded = true;
          const err = config.set('save', next, true);
          if (err !== null) fail(err);
        } else {
          const value = def.multiArg ? args.join(' ') : (args[0] as string);
          const err = config.set(def.name, value, true);
          if (err !== null) fail(err);
        }
        explicit.add(def.name);
        if (def.name === 'replicaof' && config.get('replicaof') !== '') {
          warnings.push('replicaof: replication is not supported by Memora yet; running as a master');
        }
        continue;
      }
      if (DEPRECATED.has(name) && argc === 2) continue;
      if (name === 'include' && argc === 2) {
        loadFile(words[1] as string, true);
      } else if (name === 'rename-command' && argc === 3) {
        fail('rename-command is not supported by Memora (use ACLs when available, or firewall the command)');
      } else if (name === 'user' && argc >= 2) {
        fail('ACL users are not supported by Memora yet (use requirepass)');
      } else if (name === 'loadmodule' && argc >= 2) {
        fail('Memora cannot load Redis modules');
      } else if (name === 'sentinel') {
        fail('sentinel directive while not in sentinel mode');
      } else {
        fail('Bad directive or wrong number of arguments');
      }
    }
  };

  const readOrFail = (file: string): string => {
    try {
      return fsio.readFile(file);
    } catch (err) {
      throw new FatalConfigError(`Fatal error, can't open config file '${file}': ${strerror((err as NodeJS.ErrnoException).code)}\n`, true);
    }
  };

  // A file name with wildcards includes every match (none is fine), as Redis's glob() use.
  const loadFile = (file: string, nested: boolean): void => {
    if (/[*?[]/.test(file) && fsio.readDir) {
      const abs = path.resolve(cwd, file);
      const dir = path.dirname(abs);
      const pattern = path.basename(abs);
      let names: string[] = [];
      try {
        names = fsio.readDir(dir).filter((n) => globMatch(pattern, n)).sort();
      } catch {
        names = [];
      }
      let text = '';
      for (const n of names) text += readOrFail(path.join(dir, n));
      if (text) loadText(text);
      return;
    }
    const text = readOrFail(nested ? file : path.resolve(cwd, file));
    loadText(text);
  };

  try {
    let j = 0;
    let text = '';
    if (argv.length > 0 && !(argv[0] as string).startsWith('-')) {
      configFile = path.resolve(cwd, argv[0] as string);
      j = 1;
    }
    const opts = optionsToConfigText(argv.slice(j));
    if (argv.length > 0) {
      // redis-server concatenates file, stdin and "\n" + options, and parses them as one text.
      if (configFile !== null) text += readOrFail(configFile);
      if (opts.stdin && fsio.readStdin) text += fsio.readStdin();
      text += '\n' + opts.text;
      loadText(text);
    }
  } catch (err) {
    if (err instanceof FatalConfigError) return { exit: 1, stderr: err.report };
    throw err;
  }
  const out = new Map<string, string>();
  for (const name of explicit) out.set(name, config.get(name));
  if (config.get('daemonize') === 'yes') warnings.push('daemonize: Memora always runs in the foreground (use a process supervisor)');
  if (config.get('unixsocket') !== '') warnings.push('unixsocket: unix sockets are not supported by Memora yet');
  if (config.get('appendonly') === 'yes') warnings.push('appendonly: persistence is not available in this Memora version yet');
  if (config.get('tls-port') !== '0') warnings.push('tls-port: TLS is not supported by Memora yet');
  return { config: out, configFile, warnings };
}

/** The FATAL report Redis prints for a setting that fails after parsing (log file, dir...). */
export function fatalConfigError(err: string): string {
  return fatalReport(err);
}
