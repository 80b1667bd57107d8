// Zset commands (being written).
import type { CommandSpec } from './spec.js';

export const ZSET_COMMANDS: CommandSpec[] = [];
