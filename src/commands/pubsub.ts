// Pub/sub commands: SUBSCRIBE, UNSUBSCRIBE, PSUBSCRIBE, PUNSUBSCRIBE, PUBLISH, SSUBSCRIBE,
// SUNSUBSCRIBE, SPUBLISH and the PUBSUB container (CHANNELS, NUMSUB, NUMPAT, SHARDCHANNELS,
// SHARDNUMSUB, HELP), as redis-server 7.0.15 has them. The registries and delivery live in
// src/pubsub/pubsub.ts; the RESP2 subscribed-context check is the pipeline's.
import { cmd, type CommandSpec } from './spec.js';
import type { Client } from '../engine/client.js';
import { onClientReset } from './connection.js';
import { existingPubsubOf, pubsubOf } from '../pubsub/pubsub.js';
import { SSUBSCRIBE_DENY_BLOCKING, subcommandSyntaxError } from '../engine/errors.js';

// RESET drops every subscription without confirmations (clearClientConnectionState).
onClientReset((c) => {
  existingPubsubOf(c.engine)?.removeClient(c);
});

function subscribeCommand(c: Client): void {
  // Redis refuses SUBSCRIBE/PSUBSCRIBE to a DENY_BLOCKING client except inside MULTI; both are
  // noscript, so only EXEC runs them with blocking denied here, and EXEC allows them.
  const ps = pubsubOf(c.engine);
  for (let j = 1; j < c.argv.length; j++) ps.subscribe(c, c.argv[j] as string, 'channel');
}

function unsubscribeCommand(c: Client): void {
  const ps = pubsubOf(c.engine);
  if (c.argv.length === 1) ps.unsubscribeAll(c, 'channel', true);
  else for (let j = 1; j < c.argv.length; j++) ps.unsubscribe(c, c.argv[j] as string, 'channel', true);
}

function psubscribeCommand(c: Client): void {
  const ps = pubsubOf(c.engine);
  for (let j = 1; j < c.argv.length; j++) ps.psubscribe(c, c.argv[j] as string);
}

function punsubscribeCommand(c: Client): void {
  const ps = pubsubOf(c.engine);
  if (c.argv.length === 1) ps.punsubscribeAll(c, true);
  else for (let j = 1; j < c.argv.length; j++) ps.punsubscribe(c, c.argv[j] as string, true);
}

function ssubscribeCommand(c: Client): void {
  // Unlike SUBSCRIBE, refused inside MULTI/EXEC too (7.0.15).
  if (c.denyBlocking) {
    c.reply.error(SSUBSCRIBE_DENY_BLOCKING);
    return;
  }
  const ps = pubsubOf(c.engine);
  for (let j = 1; j < c.argv.length; j++) ps.subscribe(c, c.argv[j] as string, 'shard');
}

function sunsubscribeCommand(c: Client): void {
  const ps = pubsubOf(c.engine);
  if (c.argv.length === 1) ps.unsubscribeAll(c, 'shard', true);
  else for (let j = 1; j < c.argv.length; j++) ps.unsubscribe(c, c.argv[j] as string, 'shard', true);
}

/**
 * PUBLISH / SPUBLISH. Redis propagates them to replicas even though no key changes
 * (forceCommandPropagation with PROPAGATE_REPL: replicas, not the AOF).
 */
function publishGeneric(c: Client, kind: 'channel' | 'shard'): void {
  const ps = existingPubsubOf(c.engine);
  const receivers = ps === undefined ? 0 : ps.publish(c.argv[1] as string, c.argv[2] as string, kind);
  c.forcePropagation = true;
  c.reply.integer(receivers);
}

function publishCommand(c: Client): void {
  publishGeneric(c, 'channel');
}

function spublishCommand(c: Client): void {
  publishGeneric(c, 'shard');
}

// ---- PUBSUB -------------------------------------------------------------------------------

const PUBSUB_HELP = [
  'PUBSUB <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  'CHANNELS [<pattern>]',
  "    Return the currently active channels matching a <pattern> (default: '*').",
  'NUMPAT',
  '    Return number of subscriptions to patterns.',
  'NUMSUB [<channel> ...]',
  '    Return the number of subscribers for the specified channels, excluding',
  '    pattern subscriptions(default: no channels).',
  'SHARDCHANNELS [<pattern>]',
  "    Return the currently active shard level channels matching a <pattern> (default: '*').",
  'SHARDNUMSUB [<shardchannel> ...]',
  '    Return the number of subscribers for the specified shard level channel(s)',
  'HELP',
  '    Prints this help.',
];

function pubsubHelpCommand(c: Client): void {
  c.reply.arrayLen(PUBSUB_HELP.length);
  for (const line of PUBSUB_HELP) c.reply.simple(line);
}

function channelsGeneric(c: Client, kind: 'channel' | 'shard'): void {
  // Arity lets any number of arguments through; Redis takes at most one pattern.
  if (c.argv.length > 3) {
    c.reply.error(subcommandSyntaxError(c.argv[1] as string, c.argv[0] as string));
    return;
  }
  const pattern = c.argv.length === 3 ? (c.argv[2] as string) : null;
  const list = existingPubsubOf(c.engine)?.channelList(kind, pattern) ?? [];
  c.reply.bulkArray(list);
}

function numsubGeneric(c: Client, kind: 'channel' | 'shard'): void {
  const ps = existingPubsubOf(c.engine);
  c.reply.arrayLen((c.argv.length - 2) * 2);
  for (let j = 2; j < c.argv.length; j++) {
    const ch = c.argv[j] as string;
    c.reply.bulk(ch);
    c.reply.integer(ps === undefined ? 0 : ps.numsub(kind, ch));
  }
}

function pubsubChannelsCommand(c: Client): void {
  channelsGeneric(c, 'channel');
}

function pubsubShardchannelsCommand(c: Client): void {
  channelsGeneric(c, 'shard');
}

function pubsubNumsubCommand(c: Client): void {
  numsubGeneric(c, 'channel');
}

function pubsubShardnumsubCommand(c: Client): void {
  numsubGeneric(c, 'shard');
}

function pubsubNumpatCommand(c: Client): void {
  c.reply.integer(existingPubsubOf(c.engine)?.numpat() ?? 0);
}

// ---- the table ------------------------------------------------------------------------------

const SUB_FLAGS = ['pubsub', 'noscript', 'loading', 'stale'] as const;
const PUB_FLAGS = ['pubsub', 'loading', 'stale', 'fast'] as const;
const INTROSPECT_FLAGS = ['pubsub', 'loading', 'stale'] as const;
const ACL_SLOW = ['pubsub', 'slow'];
const ACL_FAST = ['pubsub', 'fast'];

/** PUBSUB's subcommands, in the order 7.0.15's COMMAND INFO lists them. */
const PUBSUB_SUBCOMMANDS: CommandSpec[] = [
  cmd('shardnumsub', -2, [...INTROSPECT_FLAGS], [0, 0, 0], ACL_SLOW, 'pubsub', pubsubShardnumsubCommand),
  cmd('channels', -2, [...INTROSPECT_FLAGS], [0, 0, 0], ACL_SLOW, 'pubsub', pubsubChannelsCommand),
  cmd('help', 2, ['loading', 'stale'], [0, 0, 0], ['slow'], 'pubsub', pubsubHelpCommand),
  cmd('numsub', -2, [...INTROSPECT_FLAGS], [0, 0, 0], ACL_SLOW, 'pubsub', pubsubNumsubCommand),
  cmd('numpat', 2, [...INTROSPECT_FLAGS], [0, 0, 0], ACL_SLOW, 'pubsub', pubsubNumpatCommand),
  cmd('shardchannels', -2, [...INTROSPECT_FLAGS], [0, 0, 0], ACL_SLOW, 'pubsub', pubsubShardchannelsCommand),
];

export const PUBSUB_COMMANDS: CommandSpec[] = [
  cmd('subscribe', -2, [...SUB_FLAGS], [0, 0, 0], ACL_SLOW, 'pubsub', subscribeCommand),
  cmd('unsubscribe', -1, [...SUB_FLAGS], [0, 0, 0], ACL_SLOW, 'pubsub', unsubscribeCommand),
  cmd('psubscribe', -2, [...SUB_FLAGS], [0, 0, 0], ACL_SLOW, 'pubsub', psubscribeCommand),
  cmd('punsubscribe', -1, [...SUB_FLAGS], [0, 0, 0], ACL_SLOW, 'pubsub', punsubscribeCommand),
  cmd('publish', 3, [...PUB_FLAGS], [0, 0, 0], ACL_FAST, 'pubsub', publishCommand),
  cmd('ssubscribe', -2, [...SUB_FLAGS], [1, -1, 1], ACL_SLOW, 'pubsub', ssubscribeCommand),
  cmd('sunsubscribe', -1, [...SUB_FLAGS], [1, -1, 1], ACL_SLOW, 'pubsub', sunsubscribeCommand),
  cmd('spublish', 3, [...PUB_FLAGS], [1, 1, 1], ACL_FAST, 'pubsub', spublishCommand),
  cmd('pubsub', -2, [], [0, 0, 0], ['slow'], 'pubsub', undefined, { subcommands: PUBSUB_SUBCOMMANDS }),
];
