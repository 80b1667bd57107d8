#!/usr/bin/env node
// memora-server: the command-line entry point. Reads a redis.conf-format file and/or
// `--name value` flags (Redis's names), creates the data directory, listens on the configured
// addresses, and shuts down gracefully on SHUTDOWN, SIGINT and SIGTERM.
import * as fs from 'node:fs';
import { Engine } from '../engine/engine.js';
import { createLogger } from '../engine/log.js';
import { strerror } from '../engine/config.js';
import { MemoraServer } from './server.js';
import { fatalConfigError, parseArgs } from './args.js';

function die(text: string): never {
  process.stderr.write(text);
  process.exit(1);
}

/** A bind address as redis.conf writes it ("-" = optional, "*" / "::*" = every address). */
function bindHost(addr: string): { host: string; optional: boolean } {
  const optional = addr.startsWith('-');
  const a = optional ? addr.slice(1) : addr;
  return { host: a === '*' ? '0.0.0.0' : a === '::*' ? '::' : a, optional };
}

async function main(): Promise<void> {
  const parsed = parseArgs(process.argv.slice(2), {
    readFile: (p) => fs.readFileSync(p, 'latin1'),
    readStdin: () => fs.readFileSync(0, 'latin1'),
    readDir: (p) => fs.readdirSync(p),
  });
  if ('exit' in parsed) {
    if (parsed.stdout) process.stdout.write(parsed.stdout);
    if (parsed.stderr) process.stderr.write(parsed.stderr);
    process.exit(parsed.exit);
  }
  const settings = parsed.config;
  const logfile = settings.get('logfile') ?? '';
  if (logfile !== '') {
    // Redis checks the log file can be opened before going any further.
    try {
      fs.closeSync(fs.openSync(logfile, 'a'));
    } catch (err) {
      die(fatalConfigError(`Can't open the log file: ${strerror((err as NodeJS.ErrnoException).code)}`));
    }
  }
  const logger = createLogger(settings.get('loglevel') ?? 'notice', logfile || undefined);
  const config: Record<string, string> = {};
  for (const [k, v] of settings) config[k] = v;
  const engine = new Engine({ config, logger });
  engine.config.configFile = parsed.configFile;
  if (parsed.configFile === null) {
    logger.warn('Warning: no config file specified, using the default config. In order to specify a config file use memora-server /path/to/memora.conf');
  } else {
    logger.info({ configFile: parsed.configFile }, 'Configuration loaded');
  }
  for (const w of parsed.warnings) logger.warn(w);

  const dir = engine.config.get('dir');
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (err) {
    die(fatalConfigError(`Can't create the data directory '${dir}': ${strerror((err as NodeJS.ErrnoException).code)}`));
  }

  const port = engine.config.getNumber('port');
  const binds = engine.config.get('bind').split(' ').filter((b) => b !== '');
  if (port === 0 || binds.length === 0) {
    logger.warn('Configured to not listen anywhere, exiting.');
    logger.flush?.();
    process.exit(1);
  }
  const server = new MemoraServer(engine);
  let listening = 0;
  for (const b of binds) {
    const { host, optional } = bindHost(b);
    try {
      await server.listen({ port, host });
      listening++;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      // Optional addresses ("-::1") may be missing on this machine.
      if (optional && (code === 'EADDRNOTAVAIL' || code === 'EAFNOSUPPORT' || code === 'EINVAL')) continue;
      logger.warn(`Warning: Could not create server TCP listening socket ${host}:${port}: ${(err as Error).message}`);
      logger.fatal(`Failed listening on port ${port} (tcp), aborting.`);
      logger.flush?.();
      process.exit(1);
    }
  }
  if (listening === 0) {
    logger.fatal(`Failed listening on port ${port} (tcp), aborting.`);
    process.exit(1);
  }

  const pidfile = engine.config.get('pidfile');
  if (pidfile !== '') {
    try {
      fs.writeFileSync(pidfile, `${process.pid}\n`);
    } catch (err) {
      logger.warn({ err }, `Failed to write PID file ${pidfile}`);
    }
  }
  logger.info({ port, bind: binds.join(' '), pid: process.pid }, 'Ready to accept connections');

  let stopping = false;
  const stop = (reason: string, opts: { save?: boolean } = {}): void => {
    if (stopping) return;
    stopping = true;
    logger.warn(`${reason}: user requested shutdown...`);
    if (opts.save) {
      logger.warn('Persistence is not available in this Memora version yet: exiting without saving the dataset');
    }
    const finish = (): void => {
      if (pidfile !== '') fs.rmSync(pidfile, { force: true });
      logger.warn('Memora is now ready to exit, bye bye...');
      logger.flush?.();
      process.exit(0);
    };
    const closing = server.close();
    // Listeners only report closed once every connection is gone: end the connections now
    // (pending replies are flushed first), and don't let a client that never hangs up hold us.
    for (const conn of [...server.connections]) conn.close();
    setTimeout(finish, 3000).unref();
    void closing.then(finish);
  };
  engine.onShutdownRequest((opts) => stop('SHUTDOWN', opts));
  const onSignal = (sig: 'SIGINT' | 'SIGTERM'): void => {
    if (stopping && sig === 'SIGINT') {
      // A second Ctrl+C: the user really wants to quit now.
      logger.warn('You insist... exiting now.');
      logger.flush?.();
      process.exit(1);
    }
    logger.warn(`Received ${sig} scheduling shutdown...`);
    const setting = engine.config.get(sig === 'SIGINT' ? 'shutdown-on-sigint' : 'shutdown-on-sigterm').split(' ');
    const savePoints = engine.config.get('save') !== '';
    stop(sig, { save: setting.includes('save') || (!setting.includes('nosave') && savePoints) });
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
}

void main();
