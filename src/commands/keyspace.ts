// Generic keyspace commands: DEL, EXISTS, EXPIRE, SCAN, ... and database commands.
import type { CommandSpec } from './spec.js';

export const KEYSPACE_COMMANDS: CommandSpec[] = [];
