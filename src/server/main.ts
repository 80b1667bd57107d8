#!/usr/bin/env node
// memora-server: the command-line entry point. Reads a redis.conf-format file and/or
// `--name value` flags (Redis's names), starts the server, and shuts down gracefully on signals.
import * as fs from 'node:fs';
import { Engine } from '../engine/engine.js';
import { createLogger } from '../engine/log.js';
import { MemoraServer } from './server.js';
import { parseArgs } from './args.js';

async function main(): Promise<void> {
  const parsed = parseArgs(process.argv.slice(2), (p) => fs.readFileSync(p, 'latin1'));
  if ('exit' in parsed) {
    if (parsed.stdout) process.stdout.write(parsed.stdout);
    if (parsed.stderr) process.stderr.write(parsed.stderr);
    process.exit(parsed.exit);
  }
  const settings = parsed.config;
  const loglevel = settings.get('loglevel') ?? 'notice';
  const logfile = settings.get('logfile') ?? '';
  const logger = createLogger(loglevel, logfile || undefined);
  const config: Record<string, string> = {};
  for (const [k, v] of settings) config[k] = v;
  const engine = new Engine({ config, logger });
  const dir = engine.config.get('dir');
  fs.mkdirSync(dir, { recursive: true });
  const server = new MemoraServer(engine);
  const port = engine.config.getNumber('port');
  const binds = engine.config.get('bind').split(/\s+/).filter((b) => b !== '');
  const hosts = binds.map((b) => (b.startsWith('-') ? b.slice(1) : b));
  for (const host of hosts.length ? hosts : ['127.0.0.1']) {
    try {
      await server.listen({ port, host });
    } catch (err) {
      const optional = binds.includes(`-${host}`);
      if (!optional) {
        logger.fatal({ err }, `Could not create server TCP listening socket ${host}:${port}`);
        process.exit(1);
      }
    }
  }
  logger.info({ port: server.port }, 'Ready to accept connections');
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info(`Received ${signal}, scheduling shutdown...`);
    void server.close().then(() => {
      logger.info('Memora is now ready to exit, bye bye...');
      logger.flush?.();
      process.exit(0);
    });
  };
  engine.onShutdownRequest(() => stop('SHUTDOWN'));
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

void main();
