// Hash commands (being written).
import type { CommandSpec } from './spec.js';

export const HASH_COMMANDS: CommandSpec[] = [];
