// Clients blocked on keys (BLPOP, BLMOVE, BZPOPMIN, XREAD BLOCK, ...). A blocked client is
// parked, never polled: commands that add data call signalKeyAsReady, and after every command
// the engine re-executes, in first-blocked-first-served order, the commands of the clients
// waiting on keys that became ready. A re-executed command that still finds nothing stays
// blocked in its place with its original deadline. Timeouts use one timer per deadline.
import type { Client } from './client.js';
import type { Engine } from './engine.js';
import type { Db } from '../store/keyspace.js';
import type { CommandSpec } from '../commands/spec.js';
import { call } from './pipeline.js';

export interface BlockState {
  db: Db;
  keys: string[];
  /** Absolute deadline in ms on the engine clock; 0 = forever. */
  deadline: number;
  spec: CommandSpec;
  argv: string[];
  /** Writes the reply for a timeout (and CLIENT UNBLOCK ... TIMEOUT). */
  onTimeout: (c: Client) => void;
  timer: NodeJS.Timeout | null;
}

function slot(db: Db, key: string): string {
  return `${db.id}\u0000${key}`;
}

export class Blocking {
  /** Clients waiting per db+key, in the order they blocked. */
  private readonly waiting = new Map<string, Client[]>();
  /** Keys signalled since the last serve pass. */
  private ready = new Map<string, { db: Db; key: string }>();
  private serving = false;
  /** Set while a blocked client's command is re-executed: a re-block keeps its place. */
  private reprocessing: Client | null = null;
  private stillBlocked = false;

  constructor(private readonly engine: Engine) {}

  /** Number of clients currently blocked (INFO blocked_clients). */
  get blockedCount(): number {
    let n = 0;
    for (const c of this.engine.clients.values()) if (c.blocked) n++;
    return n;
  }

  /** Number of keys with blocked clients (INFO blocked_keys? — Redis 7.0 reports clients). */
  get blockedKeys(): number {
    return this.waiting.size;
  }

  /**
   * Blocks the current client on `keys` until one is signalled ready or the deadline passes.
   * Inside MULTI or a script (c.denyBlocking) a blocking command behaves as its non-blocking
   * form: the timeout reply is given at once.
   */
  block(c: Client, keys: string[], deadline: number, onTimeout: (c: Client) => void): void {
    if (this.reprocessing === c) {
      // Re-executed after a signal but still nothing to serve: keep its place and deadline.
      this.stillBlocked = true;
      return;
    }
    if (c.denyBlocking) {
      onTimeout(c);
      return;
    }
    const spec = c.cmd;
    if (!spec) throw new Error('block() outside a command');
    const state: BlockState = { db: c.db, keys: [...new Set(keys)], deadline, spec, argv: c.argv, onTimeout, timer: null };
    c.blocked = state;
    for (const key of state.keys) {
      const s = slot(c.db, key);
      let list = this.waiting.get(s);
      if (!list) {
        list = [];
        this.waiting.set(s, list);
      }
      list.push(c);
    }
    this.armTimer(c, state);
  }

  private armTimer(c: Client, state: BlockState): void {
    if (state.deadline <= 0) return;
    const delay = Math.max(0, state.deadline - this.engine.clock.now());
    // Timers are capped so far-off deadlines do not overflow setTimeout's 32-bit delay.
    state.timer = setTimeout(() => this.checkTimeout(c), Math.min(delay, 2 ** 31 - 1));
    state.timer.unref?.();
  }

  private checkTimeout(c: Client): void {
    const state = c.blocked;
    if (!state) return;
    if (this.engine.clock.now() < state.deadline) {
      this.armTimer(c, state); // a manual clock, or a capped timer: wait again
      return;
    }
    this.timeout(c);
  }

  /** Checks every deadline now (after a manual clock moves). */
  checkAllTimeouts(): void {
    const now = this.engine.clock.now();
    for (const c of [...this.engine.clients.values()]) {
      if (c.blocked && c.blocked.deadline > 0 && c.blocked.deadline <= now) this.timeout(c);
    }
  }

  /**
   * Whether the command just executed left the client parked (so the call is not counted yet:
   * Redis counts a blocking command once, when it is served or times out).
   */
  leftBlocked(c: Client): boolean {
    return c.blocked !== null && (this.reprocessing !== c || this.stillBlocked);
  }

  /** Unblocks with the timeout reply (also CLIENT UNBLOCK ... TIMEOUT). */
  timeout(c: Client): void {
    const state = c.blocked;
    if (!state) return;
    this.unblock(c);
    this.engine.statsFor(state.spec).calls++;
    state.onTimeout(c);
    c.transport?.unblocked();
  }

  /** Unblocks with an error reply (CLIENT UNBLOCK ... ERROR, a deleted stream, ...). */
  error(c: Client, msg: string): void {
    if (!c.blocked) return;
    this.unblock(c);
    c.reply.error(msg);
    c.transport?.unblocked();
  }

  /** Removes the client from every wait list (also when it disconnects). */
  unblock(c: Client): void {
    const state = c.blocked;
    if (!state) return;
    c.blocked = null;
    if (state.timer) clearTimeout(state.timer);
    for (const key of state.keys) {
      const s = slot(state.db, key);
      const list = this.waiting.get(s);
      if (!list) continue;
      const i = list.indexOf(c);
      if (i >= 0) list.splice(i, 1);
      if (list.length === 0) this.waiting.delete(s);
    }
  }

  /** Called by commands that add data a blocked client may want (Redis's signalKeyAsReady). */
  signalKeyAsReady(db: Db, key: string): void {
    const s = slot(db, key);
    if (!this.waiting.has(s) || this.ready.has(s)) return;
    this.ready.set(s, { db, key });
  }

  hasReady(): boolean {
    return this.ready.size > 0;
  }

  /**
   * Serves clients blocked on keys signalled ready: for each key, its waiting clients in order,
   * re-executing each one's command until one stays blocked (nothing left for the rest).
   * Serving may signal more keys (BLMOVE pushes), which are handled in the same pass.
   */
  serveReady(): void {
    if (this.serving) return;
    this.serving = true;
    try {
      while (this.ready.size > 0) {
        const batch = this.ready;
        this.ready = new Map();
        for (const s of batch.keys()) {
          const list = this.waiting.get(s);
          if (!list) continue;
          for (const c of [...list]) {
            const state = c.blocked;
            if (!state || c.closed) continue;
            this.reprocessing = c;
            this.stillBlocked = false;
            const savedDb = c.db;
            c.db = state.db;
            c.argv = state.argv;
            try {
              call(this.engine, c, state.spec);
            } finally {
              this.reprocessing = null;
              c.db = savedDb;
            }
            if (this.stillBlocked) break; // the key has nothing more for anyone waiting on it
            this.unblock(c);
            c.transport?.unblocked();
          }
        }
      }
    } finally {
      this.serving = false;
    }
  }
}
