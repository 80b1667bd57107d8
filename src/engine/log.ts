// Structured logging through pino; Redis's loglevel names map onto pino's levels.
import pino from 'pino';

export type Logger = pino.Logger;

export function pinoLevel(redisLevel: string): string {
  switch (redisLevel) {
    case 'debug':
    case 'verbose':
      return 'debug';
    case 'notice':
      return 'info';
    case 'warning':
      return 'warn';
    case 'nothing':
      return 'silent';
    default:
      return 'info';
  }
}

export function createLogger(redisLevel: string, destination?: string): Logger {
  const opts = { level: pinoLevel(redisLevel), base: { pid: process.pid } };
  if (destination) return pino(opts, pino.destination({ dest: destination, sync: false, mkdir: true }));
  return pino(opts);
}
