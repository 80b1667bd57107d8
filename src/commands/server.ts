// Server commands: INFO, CONFIG, TIME, DEBUG, SLOWLOG, SHUTDOWN, ...
import type { CommandSpec } from './spec.js';

export const SERVER_COMMANDS: CommandSpec[] = [];
