// Set commands (being written).
import type { CommandSpec } from './spec.js';

export const SET_COMMANDS: CommandSpec[] = [];
