// MULTI/EXEC state and WATCH: the per-client command queue, the flags that abort EXEC
// (an error while queueing; a watched key touched), and the engine-wide index of watched keys
// fed by signalModifiedKey and by whole-database changes (FLUSHDB/FLUSHALL/SWAPDB).
import type { Client } from './client.js';
import type { Engine } from './engine.js';
import type { CommandSpec } from '../commands/spec.js';
import type { Db } from '../store/keyspace.js';

export interface QueuedCommand {
  spec: CommandSpec;
  argv: string[];
}

export interface MultiState {
  queue: QueuedCommand[];
  /** A command was rejected while queueing: EXEC answers EXECABORT. */
  dirtyExec: boolean;
}

export interface WatchedKey {
  db: Db;
  key: string;
  /** The key was already logically expired when watched (Redis's wk->expired). */
  expiredAtWatch: boolean;
}

function slot(db: Db, key: string): string {
  return `${db.id}\u0000${key}`;
}

/** Commands that run immediately even inside MULTI (Redis's processCommand exceptions). */
export const NOT_QUEUED = new Set(['exec', 'discard', 'multi', 'watch', 'quit', 'reset']);

export class Watches {
  private readonly byKey = new Map<string, Set<Client>>();

  constructor(engine: Engine) {
    engine.onModifiedKey((db, key) => this.touch(db, key));
    engine.onFlushed((db, other) => this.touchDb(db, other));
  }

  watch(c: Client, db: Db, key: string, now: number): void {
    if (c.watched.some((w) => w.db === db && w.key === key)) return;
    const s = slot(db, key);
    let set = this.byKey.get(s);
    if (!set) {
      set = new Set();
      this.byKey.set(s, set);
    }
    set.add(c);
    c.watched.push({ db, key, expiredAtWatch: db.isExpired(key, now) });
  }

  unwatchAll(c: Client): void {
    for (const w of c.watched) {
      const s = slot(w.db, w.key);
      const set = this.byKey.get(s);
      if (!set) continue;
      set.delete(c);
      if (set.size === 0) this.byKey.delete(s);
    }
    c.watched = [];
    c.dirtyCas = false;
  }

  /** Redis's touchWatchedKey. */
  touch(db: Db, key: string): void {
    if (this.byKey.size === 0) return;
    const set = this.byKey.get(slot(db, key));
    if (!set) return;
    for (const c of set) c.dirtyCas = true;
  }

  /**
   * Redis's touchAllWatchedKeysInDb: before `db` is emptied (or swapped with `other`), every
   * watched key that exists in it — or in `other` — is touched. `db` null means every database.
   */
  touchDb(db: Db | null, other?: Db | null): void {
    if (this.byKey.size === 0) return;
    for (const set of this.byKey.values()) {
      for (const c of set) {
        for (const w of c.watched) {
          if (db !== null && w.db !== db) continue;
          if (w.db.peek(w.key) !== undefined || (other && other.peek(w.key) !== undefined)) c.dirtyCas = true;
        }
      }
    }
  }

  /** A watched key that was live when watched has logically expired since (EXEC aborts). */
  expiredSinceWatch(c: Client, now: number): boolean {
    for (const w of c.watched) if (!w.expiredAtWatch && w.db.isExpired(w.key, now)) return true;
    return false;
  }

  get watchedKeyCount(): number {
    return this.byKey.size;
  }
}
