// Keyspace notifications (Redis's notify.c): turns the engine's keyspace events into pub/sub
// messages on __keyspace@<db>__:<key> (message: the event) and __keyevent@<db>__:<event>
// (message: the key), as selected by notify-keyspace-events. The option's parsing and printing
// live with the config table (keyspaceEventsStringToFlags / keyspaceEventsFlagsToString).
import type { Engine } from '../engine/engine.js';
import { keyspaceEventsStringToFlags } from '../engine/config-table.js';
import type { PubSub } from './pubsub.js';

/** Flag bit of each class letter commands pass to engine.notify (and K/E themselves). */
const LETTER_BITS = new Map<string, number>();
for (const letter of 'KEg$lshzxetmdn') LETTER_BITS.set(letter, keyspaceEventsStringToFlags(letter));
const KEYSPACE = LETTER_BITS.get('K') as number;
const KEYEVENT = LETTER_BITS.get('E') as number;

/** The flags selected by a notify-keyspace-events value (0 when unparsable: nothing is sent). */
export function notifyFlags(value: string): number {
  const f = keyspaceEventsStringToFlags(value);
  return f < 0 ? 0 : f;
}

/**
 * Publishes the messages for one event: `type` is the class letter the command passed
 * ('g', '$', 'l', 's', 'h', 'z', 'x', 'e', 't', 'm', 'n', 'd'), `flags` the configured classes.
 */
export function publishKeyspaceEvent(
  ps: PubSub,
  flags: number,
  type: string,
  event: string,
  key: string,
  dbId: number,
): void {
  const bit = LETTER_BITS.get(type);
  if (bit === undefined || (flags & bit) === 0) return;
  if (!ps.hasListeners()) return;
  if (flags & KEYSPACE) ps.publish(`__keyspace@${dbId}__:${key}`, event, 'channel');
  if (flags & KEYEVENT) ps.publish(`__keyevent@${dbId}__:${event}`, key, 'channel');
}

/** Hooks the engine's keyspace events to `ps`, following notify-keyspace-events as it changes. */
export function installKeyspaceNotifications(engine: Engine, ps: PubSub): void {
  let flags = notifyFlags(engine.config.get('notify-keyspace-events'));
  engine.config.onChange((name, value) => {
    if (name === 'notify-keyspace-events') flags = notifyFlags(value);
  });
  engine.onKeyspaceEvent((type, event, key, dbId) => {
    if (flags !== 0) publishKeyspaceEvent(ps, flags, type, event, key, dbId);
  });
}
