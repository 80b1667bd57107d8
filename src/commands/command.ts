// COMMAND and its subcommands, all derived from the command table.
import type { CommandSpec } from './spec.js';

export const COMMAND_COMMANDS: CommandSpec[] = [];
