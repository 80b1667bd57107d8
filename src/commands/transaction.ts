// Transactions: MULTI, EXEC, DISCARD, WATCH, UNWATCH. Queueing itself happens in the pipeline
// (so every rejection there dooms the transaction); EXEC replays the queue through `call`.
import { cmd, type CommandSpec } from './spec.js';
import type { Client } from '../engine/client.js';
import { call } from '../engine/pipeline.js';
import { onClientReset } from './connection.js';
import {
  DISCARD_WITHOUT_MULTI,
  EXEC_WITHOUT_MULTI,
  EXECABORT,
  MULTI_NESTED,
  WATCH_IN_MULTI,
} from '../engine/errors.js';

function discardTransaction(c: Client): void {
  c.multi = null;
  c.engine.watches.unwatchAll(c);
}

onClientReset(discardTransaction);

function multiCommand(c: Client): void {
  if (c.multi) return c.reply.error(MULTI_NESTED);
  c.multi = { queue: [], dirtyExec: false };
  c.reply.ok();
}

function discardCommand(c: Client): void {
  if (!c.multi) return c.reply.error(DISCARD_WITHOUT_MULTI);
  discardTransaction(c);
  c.reply.ok();
}

function execCommand(c: Client): void {
  const multi = c.multi;
  if (!multi) return c.reply.error(EXEC_WITHOUT_MULTI);
  const e = c.engine;
  if (multi.dirtyExec) {
    discardTransaction(c);
    return c.reply.error(EXECABORT);
  }
  if (c.dirtyCas || e.watches.expiredSinceWatch(c, e.now)) {
    discardTransaction(c);
    return c.reply.nullArray();
  }
  // Unwatch first: the transaction's own writes must not abort anything of its own.
  c.engine.watches.unwatchAll(c);
  c.multi = null;
  const ownArgv = c.argv;
  const ownCmd = c.cmd;
  c.reply.arrayLen(multi.queue.length);
  c.denyBlocking = true;
  e.beginPropagationBatch();
  try {
    for (const q of multi.queue) {
      c.argv = q.argv;
      call(e, c, q.spec);
    }
  } finally {
    c.denyBlocking = false;
    e.endPropagationBatch();
    c.argv = ownArgv;
    c.cmd = ownCmd;
  }
  // The queued commands propagated themselves (wrapped in MULTI/EXEC); EXEC itself is not sent.
  c.preventPropagation();
}

function watchCommand(c: Client): void {
  if (c.multi) return c.reply.error(WATCH_IN_MULTI);
  const e = c.engine;
  for (let i = 1; i < c.argv.length; i++) e.watches.watch(c, c.db, c.argv[i] as string, e.now);
  c.reply.ok();
}

function unwatchCommand(c: Client): void {
  c.engine.watches.unwatchAll(c);
  c.reply.ok();
}

const TX = ['transaction'];

export const TRANSACTION_COMMANDS: CommandSpec[] = [
  cmd('multi', 1, ['noscript', 'loading', 'stale', 'fast', 'allow_busy'], [0, 0, 0], ['fast', ...TX], 'transactions', multiCommand),
  cmd('exec', 1, ['noscript', 'loading', 'stale', 'skip_slowlog'], [0, 0, 0], ['slow', ...TX], 'transactions', execCommand),
  cmd('discard', 1, ['noscript', 'loading', 'stale', 'fast', 'allow_busy'], [0, 0, 0], ['fast', ...TX], 'transactions', discardCommand),
  cmd('watch', -2, ['noscript', 'loading', 'stale', 'fast', 'allow_busy'], [1, -1, 1], ['fast', ...TX], 'transactions', watchCommand),
  cmd('unwatch', 1, ['noscript', 'loading', 'stale', 'fast', 'allow_busy'], [0, 0, 0], ['fast', ...TX], 'transactions', unwatchCommand),
];
