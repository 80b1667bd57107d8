// The one command path. processCommand makes every generic check in Redis's order (unknown
// command, arity, authentication, ...) and then `call` runs the handler, records statistics and
// the slow log, and propagates the write. Sockets, the embedded API and (later) MULTI/EXEC,
// scripts, AOF replay and replication all come through here.
import type { Client } from './client.js';
import type { Engine } from './engine.js';
import { FLAG_BITS, type CommandSpec } from '../commands/spec.js';
import { NOAUTH, NOT_ALLOWED_IN_MULTI, REPLY_TOO_LARGE, REPLICA_KEYSPACE, unknownCommand, unknownSubcommand, wrongArity } from './errors.js';
import { NOT_QUEUED } from './multi.js';
import { ReplyTooLargeError } from '../protocol/reply.js';
import { PAUSE_NONE, mayReplicate } from './pause.js';

const F_NO_AUTH = FLAG_BITS.no_auth;
const F_SKIP_SLOWLOG = FLAG_BITS.skip_slowlog;
const F_NO_MULTI = FLAG_BITS.no_multi;
const F_READONLY = FLAG_BITS.readonly;
const F_SKIP_MONITOR = FLAG_BITS.skip_monitor | FLAG_BITS.admin;

/** What a RESP2 client in subscribed state may still run (Redis's processCommand list). */
const PUBSUB_CONTEXT_ALLOWED = new Set([
  'ping',
  'subscribe',
  'ssubscribe',
  'unsubscribe',
  'sunsubscribe',
  'psubscribe',
  'punsubscribe',
  'quit',
  'reset',
]);

/**
 * Rejects a command before execution (counted as rejected_calls, as Redis does); inside MULTI
 * the rejection also dooms the transaction (EXEC answers EXECABORT).
 */
function reject(engine: Engine, c: Client, spec: CommandSpec | null, msg: string): void {
  if (spec) engine.statsFor(spec).rejectedCalls++;
  if (c.multi) c.multi.dirtyExec = true;
  if (spec !== null && spec.name === 'exec' && !spec.parent) {
    // Redis's execCommandAbort: a rejected EXEC ends the transaction and names the reason.
    c.multi = null;
    engine.watches.unwatchAll(c);
    c.reply.error(`EXECABORT Transaction discarded because of: ${msg.startsWith('ERR ') ? msg.slice(4) : msg}`);
    return;
  }
  c.reply.error(msg);
}

export function processCommand(engine: Engine, c: Client, argv: string[]): void {
  engine.now = engine.clock.now();
  engine.currentClient = c;
  c.lastInteraction = engine.now;
  c.argv = argv;

  const top = engine.registry.lookup(argv[0] as string);
  let spec: CommandSpec | undefined = top;
  if (top !== undefined && top.subcommands !== undefined && argv.length >= 2) {
    spec = engine.registry.subcommand(top, argv[1] as string);
    if (spec === undefined) {
      c.lastCmd = null;
      reject(engine, c, null, unknownSubcommand(argv[1] as string, top.name));
      return done(c);
    }
  }
  // Like Redis's c->lastcmd: set at lookup, so a rejected command still counts as the last one.
  c.lastCmd = spec ?? null;
  if (spec === undefined) {
    reject(engine, c, null, unknownCommand(argv));
    return done(c);
  }
  const arity = spec.arity;
  if ((arity > 0 && arity !== argv.length) || argv.length < -arity) {
    reject(engine, c, spec, wrongArity(spec.fullName ?? spec.name));
    return done(c);
  }
  const bits = spec.bits ?? 0;
  if (!c.authenticated && (bits & F_NO_AUTH) === 0) {
    if (engine.authRequired()) {
      reject(engine, c, spec, NOAUTH);
      return done(c);
    }
    c.authenticated = true;
  }
  if (c.resp === 2 && c.flags.includes('P') && !PUBSUB_CONTEXT_ALLOWED.has(spec.name)) {
    reject(
      engine,
      c,
      spec,
      `ERR Can't execute '${spec.fullName ?? spec.name}': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context`,
    );
    return done(c);
  }
  if (c.multi !== null && (bits & F_NO_MULTI) !== 0) {
    reject(engine, c, spec, NOT_ALLOWED_IN_MULTI);
    return done(c);
  }
  if (engine.tracking.clients !== 0) engine.tracking.limitUsedSlots();
  if (c.monitor && monitorTouchesKeyspace(c, spec, argv)) {
    // A MONITOR connection counts as a replica: it may not read or write data.
    reject(engine, c, spec, REPLICA_KEYSPACE);
    return done(c);
  }
  if (engine.pause.type !== PAUSE_NONE && engine.pause.holds(c, spec, argv)) {
    // Held, not rejected: the command runs again (from the top) when the pause ends.
    engine.pause.postpone(c, spec, argv);
    engine.currentClient = null;
    return;
  }
  if (c.multi !== null && !NOT_QUEUED.has(spec.parent ? spec.parent.name : spec.name)) {
    c.multi.queue.push({ spec, argv });
    c.reply.simple('QUEUED');
    return done(c);
  }
  call(engine, c, spec);
  // Invalidations for this client's own keys follow its reply (after a whole EXEC too).
  if (engine.tracking.pending.length !== 0) engine.tracking.flushPending(c);
  if (engine.blocking.hasReady()) {
    engine.blocking.serveReady();
    if (engine.tracking.pending.length !== 0) engine.tracking.flushPending(c);
  }
  return done(c);
}

/** A MONITOR client's command reads, writes or may replicate (EXEC: one of its queued ones). */
function monitorTouchesKeyspace(c: Client, spec: CommandSpec, argv: readonly string[]): boolean {
  if (((spec.bits ?? 0) & F_READONLY) !== 0 || mayReplicate(spec, argv)) return true;
  if (spec.name === 'exec' && spec.parent === undefined && c.multi !== null) {
    for (const q of c.multi.queue) {
      if (((q.spec.bits ?? 0) & F_READONLY) !== 0 || mayReplicate(q.spec, q.argv)) return true;
    }
  }
  return false;
}

/** After every command: CLIENT REPLY SKIP mutes exactly the one command that follows it. */
function done(c: Client): void {
  c.engine.currentClient = null;
  // CLIENT CACHING lasts for the next command (or transaction); CLIENT commands keep it.
  const tr = c.tracking;
  if (tr !== null && tr.caching && c.multi === null) {
    const last = c.lastCmd;
    if (last === null || (last.parent ?? last).name !== 'client') tr.caching = false;
  }
  c.commandsProcessed++;
  if (c.replySkip) c.replySkip = false;
  if (c.replySkipNext) {
    c.replySkip = true;
    c.replySkipNext = false;
  }
  c.reply.muted = c.replyOff || c.replySkip;
}

/** Executes a resolved command: handler, statistics, slow log, propagation. */
export function call(engine: Engine, c: Client, spec: CommandSpec): void {
  const handler = spec.handler;
  if (handler === undefined) throw new Error(`command ${spec.fullName} has no handler`);
  const dirtyBefore = engine.dirty;
  const batchingBefore = engine.batchingPropagation;
  const errorsBefore = engine.stats.totalErrorReplies;
  c.propagateArgv = undefined;
  c.forcePropagation = false;
  c.cmd = spec;
  // A blocked client's command re-executed when its key got data: MONITOR saw it already.
  const reprocessing = c.blocked !== null;
  const t0 = performance.now();
  const mark = c.reply.mark();
  try {
    handler(c);
  } catch (err) {
    // A handler bug must never take the server down: drop its partial reply, answer an error.
    c.reply.cutFrom(mark);
    if (err instanceof ReplyTooLargeError) {
      c.reply.error(REPLY_TOO_LARGE);
    } else {
      engine.log.error({ err, command: spec.fullName }, 'command handler threw');
      c.reply.error(`ERR internal error while executing '${spec.fullName}'`);
    }
  }
  const us = Math.round((performance.now() - t0) * 1000);
  const st = engine.statsFor(spec);
  // A command that parked its client is counted when it is served or times out, as in Redis.
  if (c.blocked === null || !engine.blocking.leftBlocked(c)) st.calls++;
  st.usec += us;
  if (engine.stats.totalErrorReplies > errorsBefore) st.failedCalls++;
  engine.stats.totalCommands++;
  const bits = spec.bits ?? 0;
  if ((bits & F_SKIP_SLOWLOG) === 0) slowlogMaybeAdd(engine, c, us);
  if (engine.monitors.clients.length !== 0 && (bits & F_SKIP_MONITOR) === 0 && !reprocessing) {
    engine.monitors.feed(c, spec, c.db.id, c.argv);
  }
  // Client-side caching: remember the keys a tracking client read.
  if (c.tracking !== null && (bits & F_READONLY) !== 0) engine.tracking.rememberKeys(c, spec, c.argv);
  if ((engine.dirty !== dirtyBefore || c.forcePropagation) && c.propagateArgv !== null) {
    engine.propagate(c.db.id, c.propagateArgv ?? c.argv);
  }
  // Commands that used alsoPropagate outside a transaction emit their batch now.
  if (!batchingBefore && engine.batchingPropagation) engine.endPropagationBatch();
}

const SLOWLOG_MAX_ARGC = 32;
const SLOWLOG_MAX_ARGLEN = 128;

function slowlogMaybeAdd(engine: Engine, c: Client, us: number): void {
  const threshold = engine.slowlogThreshold;
  if (threshold < 0 || us < threshold) return;
  const argv: string[] = [];
  const n = Math.min(c.argv.length, SLOWLOG_MAX_ARGC);
  for (let i = 0; i < n; i++) {
    if (i === SLOWLOG_MAX_ARGC - 1 && c.argv.length > SLOWLOG_MAX_ARGC) {
      argv.push(`... (${c.argv.length - SLOWLOG_MAX_ARGC + 1} more arguments)`);
      break;
    }
    const a = c.argv[i] as string;
    argv.push(
      a.length > SLOWLOG_MAX_ARGLEN ? `${a.slice(0, SLOWLOG_MAX_ARGLEN)}... (${a.length - SLOWLOG_MAX_ARGLEN} more bytes)` : a,
    );
  }
  engine.slowlog.unshift({
    id: engine.slowlogNextId++,
    time: Math.floor(engine.now / 1000),
    durationUs: us,
    argv,
    addr: c.transport?.addr ?? '',
    name: c.name,
  });
  const max = engine.config.getNumber('slowlog-max-len');
  if (engine.slowlog.length > max) engine.slowlog.length = max;
}
