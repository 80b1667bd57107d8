// Per-connection state: identity, selected database, protocol version, auth, reply mode, the
// reply writer, and the command being executed. A transport (socket or embedded) is attached by
// the adapter; the engine never touches sockets directly.
import { ReplyWriter } from '../protocol/reply.js';
import type { CommandSpec } from '../commands/spec.js';
import type { Db } from '../store/keyspace.js';
import type { Engine } from './engine.js';
import type { BlockState } from './blocking.js';
import type { MultiState, WatchedKey } from './multi.js';
import type { TrackingState } from './tracking.js';
import type { ClientSubscriptions } from '../pubsub/pubsub.js';

export interface Transport {
  /** Flushes pending replies now (used before closing and by out-of-band pushes). */
  flush(): void;
  /** Closes the connection after pending replies are written. */
  close(): void;
  /** Bytes queued in the transport not yet accepted by the OS (omem). */
  pendingBytes(): number;
  /** The client was unblocked: write its reply and resume reading its pipelined commands. */
  unblocked(): void;
  /** Bytes buffered in the request parser (qbuf). */
  queryBufferBytes(): number;
  /**
   * Runs the commands buffered behind a released held client now, synchronously (CLIENT PAUSE
   * ending: each held client runs its whole pipeline before the next one does).
   */
  resume?(): void;
  /**
   * Closes at once, dropping unsent output (a pub/sub client over its output buffer limit);
   * transports without it are closed with close().
   */
  destroy?(): void;
  readonly addr: string;
  readonly laddr: string;
  readonly fd: number;
}

export class Client {
  readonly reply = new ReplyWriter();
  /** The argv of the command being executed (latin1 strings). */
  argv: string[] = [];
  /** The command being executed (subcommand spec for containers). */
  cmd: CommandSpec | null = null;
  /** The last command executed (CLIENT LIST "cmd="). */
  lastCmd: CommandSpec | null = null;
  db: Db;
  name = '';
  libName = '';
  libVer = '';
  user = 'default';
  authenticated: boolean;
  /** CLIENT REPLY OFF. */
  replyOff = false;
  /** CLIENT REPLY SKIP was just given: the next command is muted. */
  replySkipNext = false;
  /** The current command is muted by SKIP. */
  replySkip = false;
  noEvict = false;
  noTouch = false;
  /** Close once pending replies are written (QUIT, protocol errors, CLIENT KILL). */
  closeAfterReply = false;
  /** Set when the client is gone; late replies are dropped. */
  closed = false;
  readonly createdAt: number;
  lastInteraction: number;
  transport: Transport | null = null;
  /** Argument vector to propagate instead of argv (null = don't propagate this command). */
  propagateArgv: string[] | null | undefined = undefined;
  /** Set while blocked on keys (BLPOP, ...): the connection reads no further commands. */
  blocked: BlockState | null = null;
  /** Inside MULTI: the queued commands (null when not in a transaction). */
  multi: MultiState | null = null;
  /** WATCHed keys, and whether one of them was touched since. */
  watched: WatchedKey[] = [];
  dirtyCas = false;
  /** Inside MULTI/EXEC or a script: blocking commands answer as their non-blocking form. */
  denyBlocking = false;
  /** Propagate the current command even if it changed nothing (FLUSHALL on an empty server). */
  forcePropagation = false;
  /** Command calls made by this client (for CLIENT LIST "tot-cmds"? kept for INFO). */
  commandsProcessed = 0;
  /**
   * Redis's CLIENT LIST flag letters for state owned by other modules, in Redis's order
   * (O monitor, S replica, M master, P pub/sub, x MULTI, b blocked, t tracking, d dirty CAS, r
   * READONLY, ...). CLIENT LIST adds 'c' (closing) and 'e' (NO-EVICT) itself; CLIENT KILL/LIST
   * TYPE read M, S and P from here.
   */
  flags = '';
  /** Pub/sub subscription counts (CLIENT LIST sub/psub/ssub), kept by the pub/sub module. */
  subCount = 0;
  psubCount = 0;
  ssubCount = 0;
  /** The client's channels, patterns and shard channels (src/pubsub/pubsub.ts); null until it subscribes. */
  pubsub: ClientSubscriptions | null = null;
  /** Unix seconds when its output first passed its class's soft limit (0 = under it). */
  obufSoftLimitSince = 0;
  /** CLIENT TRACKING state (null = off), kept by src/engine/tracking.ts. */
  tracking: TrackingState | null = null;
  /** In MONITOR mode (Redis's CLIENT_MONITOR, which also counts as a replica connection). */
  monitor = false;
  /** What MONITOR lines show instead of the peer address ("lua" for the script client). */
  monitorName: string | null = null;
  /** Commands queued in MULTI, -1 outside a transaction (CLIENT LIST multi=). */
  get multiCount(): number {
    return this.multi ? this.multi.queue.length : -1;
  }

  constructor(
    readonly engine: Engine,
    readonly id: number,
  ) {
    this.db = engine.dbs[0] as Db;
    this.createdAt = engine.clock.now();
    this.lastInteraction = this.createdAt;
    this.authenticated = !engine.authRequired();
  }

  get resp(): 2 | 3 {
    return this.reply.resp;
  }

  set resp(v: 2 | 3) {
    this.reply.resp = v;
  }

  /** Replaces what is propagated for the current command (deterministic rewrite). */
  rewriteArgv(argv: string[]): void {
    this.propagateArgv = argv;
  }

  /** The current command will not be propagated even though it changed data. */
  preventPropagation(): void {
    this.propagateArgv = null;
  }
}
