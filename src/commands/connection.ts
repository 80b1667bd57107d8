// Connection commands: PING, ECHO, QUIT, SELECT, AUTH, HELLO, RESET, CLIENT ...
import { cmd, type CommandSpec } from './spec.js';
import type { Client } from '../engine/client.js';

function pingCommand(c: Client): void {
  if (c.argv.length > 2) {
    c.reply.error("ERR wrong number of arguments for 'ping' command");
    return;
  }
  if (c.argv.length === 2) c.reply.bulk(c.argv[1] as string);
  else c.reply.simple('PONG');
}

export const CONNECTION_COMMANDS: CommandSpec[] = [
  cmd('ping', -1, ['fast', 'sentinel'], [0, 0, 0], ['fast', 'connection'], 'connection', pingCommand),
];
