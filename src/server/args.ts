// Startup configuration: a redis.conf-format file and/or `--name value ...` flags, parsed as
// redis-server parses them (later settings win; a bad directive is a fatal error).
import { splitArgs } from '../protocol/parser.js';

export type ParsedArgs =
  | { config: Map<string, string> }
  | { exit: number; stdout?: string; stderr?: string };

export const MEMORA_VERSION = '0.1.0';
export const REDIS_VERSION = '7.0.15';

export function parseArgs(argv: string[], readFile: (path: string) => string): ParsedArgs {
  const config = new Map<string, string>();
  let i = 0;
  if (argv[0] === '-v' || argv[0] === '--version') {
    return { exit: 0, stdout: `Memora server v=${MEMORA_VERSION} (Redis ${REDIS_VERSION} compatible)\n` };
  }
  if (argv[0] === '-h' || argv[0] === '--help') {
    return {
      exit: 0,
      stdout:
        'Usage: memora-server [/path/to/memora.conf] [options]\n' +
        '       memora-server -v or --version\n' +
        '       memora-server -h or --help\n\n' +
        'Examples:\n' +
        '       memora-server (run the server with default config)\n' +
        '       memora-server /etc/memora/6379.conf\n' +
        '       memora-server --port 7777\n' +
        '       memora-server /etc/mymemora.conf --loglevel verbose\n',
    };
  }
  let text = '';
  if (argv[0] !== undefined && !argv[0].startsWith('--')) {
    try {
      text += readFile(argv[0]) + '\n';
    } catch (err) {
      return { exit: 1, stderr: `Fatal error, can't open config file '${argv[0]}': ${(err as Error).message}\n` };
    }
    i = 1;
  }
  // Command-line options become config lines appended after the file, as Redis does.
  let line = '';
  for (; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a.startsWith('--') && a.length > 2) {
      if (line) text += line + '\n';
      line = a.slice(2);
    } else {
      line += ' ' + quote(a);
    }
  }
  if (line) text += line + '\n';
  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const raw = (lines[n] as string).trim();
    if (raw === '' || raw.startsWith('#')) continue;
    const parts = splitArgs(raw);
    if (parts === null || parts.length === 0) return fatal(n + 1, raw, 'Unbalanced quotes in configuration line');
    const name = (parts[0] as string).toLowerCase();
    const value = parts.slice(1).join(' ');
    if (name === 'save' && parts.length > 1 && config.has('save') && value !== '') {
      config.set('save', `${config.get('save')} ${value}`.trim());
    } else {
      config.set(name, value);
    }
  }
  return { config };
}

function quote(a: string): string {
  if (a === '') return '""';
  if (/[\s"'\\]/.test(a)) return '"' + a.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"';
  return a;
}

function fatal(lineNo: number, line: string, msg: string): ParsedArgs {
  return {
    exit: 1,
    stderr: `\n*** FATAL CONFIG FILE ERROR (Redis ${REDIS_VERSION}) ***\nReading the configuration file, at line ${lineNo}\n>>> '${line}'\n${msg}\n`,
  };
}
