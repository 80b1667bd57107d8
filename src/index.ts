// Memora's public API: start a Redis-compatible server inside a Node process (for tests and
// embedding), with test controls real Redis lacks: a manual clock, a seeded RNG, flushAll().
import { Engine } from './engine/engine.js';
import { ManualClock, type Clock } from './store/clock.js';
import { MemoraServer } from './server/server.js';
import { createLogger, type Logger } from './engine/log.js';

export { Engine } from './engine/engine.js';
export { ManualClock, SystemClock, type Clock } from './store/clock.js';
export { MemoraServer } from './server/server.js';

export interface StartOptions {
  /** TCP port; 0 (the default here) picks a free one. */
  port?: number;
  /** Address to bind; defaults to 127.0.0.1. */
  host?: string;
  /** Any Redis configuration by name, e.g. { requirepass: 'secret', databases: '4' }. */
  config?: Record<string, string>;
  /** Drive time by hand: TTLs only move with advanceTime/setTime. */
  manualClock?: boolean;
  /** Start time (ms since epoch) of the manual clock. */
  startTime?: number;
  /** Seed for random choices (RANDOMKEY, SPOP, ...), for repeatable tests. */
  seed?: number;
  /** A pino logger; by default only warnings and errors are logged. */
  logger?: Logger;
}

export interface MemoraHandle {
  readonly port: number;
  readonly host: string;
  /** redis://host:port (with the password when requirepass was given). */
  readonly url: string;
  readonly engine: Engine;
  /** Moves the manual clock forward (throws unless started with manualClock). */
  advanceTime(ms: number): void;
  /** Sets the manual clock (ms since epoch). */
  setTime(ms: number): void;
  /** Current server time in ms. */
  now(): number;
  /** Removes every key from every database. */
  flushAll(): void;
  /** Stops accepting, flushes pending replies, closes clients. */
  close(): Promise<void>;
}

export async function startServer(opts: StartOptions = {}): Promise<MemoraHandle> {
  const clock: Clock | undefined = opts.manualClock ? new ManualClock(opts.startTime ?? Date.now()) : undefined;
  const config = { ...(opts.config ?? {}) };
  const engine = new Engine({
    config,
    clock,
    seed: opts.seed,
    logger: opts.logger ?? createLogger(config['loglevel'] ?? 'warning'),
  });
  const server = new MemoraServer(engine);
  const host = opts.host ?? '127.0.0.1';
  const port = await server.listen({ port: opts.port ?? 0, host });
  const pass = engine.config.get('requirepass');
  const url = `redis://${pass ? `:${encodeURIComponent(pass)}@` : ''}${host}:${port}`;
  const manual = (): ManualClock => {
    if (!(engine.clock instanceof ManualClock)) throw new Error('startServer({ manualClock: true }) is required to control time');
    return engine.clock;
  };
  return {
    port,
    host,
    url,
    engine,
    advanceTime: (ms) => {
      manual().advance(ms);
      engine.blocking.checkAllTimeouts();
    },
    setTime: (ms) => {
      manual().set(ms);
      engine.blocking.checkAllTimeouts();
    },
    now: () => engine.clock.now(),
    flushAll: () => engine.flushAll(),
    close: () => server.close(),
  };
}
