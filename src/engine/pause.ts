// CLIENT PAUSE / UNPAUSE: while a pause is on, the commands it covers (everything under ALL;
// under WRITE, writes and commands that may replicate) are held, not rejected: the client is
// parked like a blocked one (`c.blocked`, so it reads nothing more and shows flag b), and when
// the pause ends the held clients run again in the order they were parked — each one its held
// command and then everything it pipelined behind it, as Redis's unblocked-clients queue does.
// Active expiry is suspended during a pause too.
import type { Client } from './client.js';
import type { Engine } from './engine.js';
import type { BlockState } from './blocking.js';
import { FLAG_BITS, type CommandSpec } from '../commands/spec.js';

export const PAUSE_NONE = 0;
export const PAUSE_WRITE = 1;
export const PAUSE_ALL = 2;
export type PauseType = typeof PAUSE_NONE | typeof PAUSE_WRITE | typeof PAUSE_ALL;

const F_MAY_REPLICATE = FLAG_BITS.write | FLAG_BITS.may_replicate;

/**
 * Commands with Redis's may-replicate flag, which COMMAND INFO hides (so the table, built from
 * COMMAND INFO, lacks it): held by a WRITE pause. Scripts refine this from their flags.
 */
const HIDDEN_MAY_REPLICATE = new Set(['publish', 'spublish', 'pfcount', 'eval', 'evalsha', 'fcall']);
const mayReplicateHooks = new Map<string, (argv: readonly string[]) => boolean>();

/**
 * Lets a module decide per call whether a command may replicate (e.g. EVAL from its script's
 * shebang flags: a no-writes script is not held by a WRITE pause).
 */
export function registerMayReplicate(name: string, fn: (argv: readonly string[]) => boolean): void {
  mayReplicateHooks.set(name, fn);
}

/** Redis's is_may_replicate_command for one command. */
export function mayReplicate(spec: CommandSpec, argv: readonly string[]): boolean {
  if (((spec.bits ?? 0) & F_MAY_REPLICATE) !== 0) return true;
  const name = spec.parent ? spec.parent.name : spec.name;
  const hook = mayReplicateHooks.get(name);
  if (hook !== undefined) return hook(argv);
  return spec.parent === undefined && HIDDEN_MAY_REPLICATE.has(name);
}

interface PostponedState extends BlockState {
  postponed: true;
}

export class Pause {
  /** The pause in force (the most restrictive asked for), PAUSE_NONE when none. */
  type: PauseType = PAUSE_NONE;
  /** When it ends (ms, engine clock); the latest end asked for. */
  end = 0;
  private readonly held: Client[] = [];
  private timer: NodeJS.Timeout | null = null;
  private releasing = false;

  constructor(private readonly engine: Engine) {}

  /**
   * Redis's pauseClients for CLIENT PAUSE: a pause already in force keeps the more restrictive
   * type and the later end of the two.
   */
  pause(end: number, type: PauseType): void {
    if (this.type === PAUSE_NONE) {
      this.type = type;
      this.end = end;
    } else {
      if (type > this.type) this.type = type;
      if (end > this.end) this.end = end;
    }
    // An end already past (Redis's 64-bit overflow of now + timeout) ends the pause at once.
    if (this.end < this.engine.clock.now()) this.unpause();
    else this.arm();
  }

  /** Ends the pause (CLIENT UNPAUSE, or its time is up) and lets the held clients run. */
  unpause(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.type === PAUSE_NONE) return;
    this.type = PAUSE_NONE;
    this.end = 0;
    this.scheduleRelease();
  }

  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    const delay = Math.max(0, this.end - this.engine.clock.now());
    this.timer = setTimeout(() => this.check(), Math.min(delay, 2 ** 31 - 1));
    this.timer.unref?.();
  }

  private check(): void {
    this.timer = null;
    if (this.type === PAUSE_NONE) return;
    if (this.engine.clock.now() < this.end) this.arm();
    else this.unpause();
  }

  /**
   * Whether the pause holds this command (processCommand's check, after the others).
   * Replicas and MONITOR clients are never paused.
   */
  holds(c: Client, spec: CommandSpec, argv: readonly string[]): boolean {
    if (this.type === PAUSE_NONE || c.monitor || c.flags.includes('S')) return false;
    if (this.type === PAUSE_ALL) return true;
    if (mayReplicate(spec, argv)) return true;
    if (spec.name === 'exec' && spec.parent === undefined && c.multi !== null) {
      for (const q of c.multi.queue) if (mayReplicate(q.spec, q.argv)) return true;
    }
    return false;
  }

  /** Parks the client with its command until the pause ends. */
  postpone(c: Client, spec: CommandSpec, argv: string[]): void {
    const state: PostponedState = {
      postponed: true,
      db: c.db,
      keys: [],
      deadline: 0,
      spec,
      argv,
      onTimeout: () => undefined,
      timer: null,
    };
    c.blocked = state;
    this.held.push(c);
  }

  /** True for a client held by a pause (CLIENT UNBLOCK leaves those alone). */
  isPostponed(c: Client): boolean {
    return c.blocked !== null && (c.blocked as Partial<PostponedState>).postponed === true;
  }

  /** A held client went away. */
  forget(c: Client): void {
    const i = this.held.indexOf(c);
    if (i >= 0) this.held.splice(i, 1);
  }

  /** Held clients count for INFO (they are also counted as blocked, as in Redis). */
  get heldCount(): number {
    return this.held.length;
  }

  private scheduleRelease(): void {
    if (this.releasing || this.held.length === 0) return;
    this.releasing = true;
    // Like Redis's unblocked-clients queue: served after the current command, not inside it.
    setImmediate(() => this.release());
  }

  /**
   * Runs the held clients in the order they were parked: each one's held command, then its
   * pipelined input. A pause started meanwhile holds the ones not yet run again.
   */
  private release(): void {
    this.releasing = false;
    // Clients held again by a pause started meanwhile join a fresh queue.
    const batch = this.held.splice(0);
    for (const c of batch) {
      const state = c.blocked as PostponedState | null;
      if (c.closed || state === null || state.postponed !== true) continue;
      c.blocked = null;
      this.engine.execute(c, state.argv);
      const t = c.transport;
      if (t === null) continue;
      if (c.blocked === null && t.resume) t.resume();
      else t.flush();
    }
  }
}
