// String commands: GET, SET and every other Redis 7.0 string command.
import { cmd, type CommandSpec } from './spec.js';
import type { Client } from '../engine/client.js';
import { WRONGTYPE } from '../engine/errors.js';
import { isString } from '../store/types/value.js';
import { stringOf } from '../store/types/string.js';

function getCommand(c: Client): void {
  const v = c.db.lookup(c.argv[1] as string, c.engine.now);
  if (v === undefined) return c.reply.nullBulk();
  if (!isString(v)) return c.reply.error(WRONGTYPE);
  c.reply.bulk(stringOf(v));
}

function setCommand(c: Client): void {
  c.db.set(c.argv[1] as string, c.argv[2] as string, c.engine.now);
  c.engine.dirty++;
  c.reply.ok();
}

export const STRING_COMMANDS: CommandSpec[] = [
  cmd('get', 2, ['readonly', 'fast'], [1, 1, 1], ['read', 'string', 'fast'], 'string', getCommand),
  cmd('set', -3, ['write', 'denyoom'], [1, 1, 1], ['write', 'string', 'slow'], 'string', setCommand),
];
