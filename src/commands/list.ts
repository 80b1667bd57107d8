// List commands (being written).
import type { CommandSpec } from './spec.js';

export const LIST_COMMANDS: CommandSpec[] = [];
