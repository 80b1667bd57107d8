// Pub/sub state of one engine: channel -> subscribers, pattern -> subscribers and shard channel
// -> subscribers, each client's own subscriptions (kept on Client), message delivery into the
// subscribers' reply writers (push frames in RESP3, arrays in RESP2), and the pub/sub class of
// client-output-buffer-limit that cuts off subscribers which do not read.
//
// Orders, as redis-server 7.0.15 keeps them: a channel's subscribers are served in subscription
// order (Redis keeps a list per channel). Redis walks its pattern dict and a client's channel
// dict in hash order (random per process); Memora uses first-subscription order for both.
import type { Client } from '../engine/client.js';
import type { Engine } from '../engine/engine.js';
import type { ReplyWriter } from '../protocol/reply.js';
import { compileGlob, globMatch } from '../store/glob.js';
import { installKeyspaceNotifications } from './notify.js';

/** One client's subscriptions (Client.pubsub). */
export interface ClientSubscriptions {
  channels: Set<string>;
  patterns: Set<string>;
  shard: Set<string>;
}

interface PatternEntry {
  match: (s: string) => boolean;
  clients: Set<Client>;
}

/** The pub/sub output limit of client-output-buffer-limit (bytes; seconds). */
interface ObufLimit {
  hard: number;
  soft: number;
  softSeconds: number;
}

/** Channel kinds: SUBSCRIBE's channels and SSUBSCRIBE's shard channels. */
export type ChannelKind = 'channel' | 'shard';

/** Pending output past which a subscriber is flushed right after the current read (see written). */
const EARLY_FLUSH_BYTES = 64 * 1024;

const SUBSCRIBE_NAMES = { channel: 'subscribe', shard: 'ssubscribe' } as const;
const UNSUBSCRIBE_NAMES = { channel: 'unsubscribe', shard: 'sunsubscribe' } as const;
const MESSAGE_NAMES = { channel: 'message', shard: 'smessage' } as const;

/** Runs `fn` with the writer unmuted: pushes reach a client even under CLIENT REPLY OFF/SKIP. */
function pushing(w: ReplyWriter, fn: (w: ReplyWriter) => void): void {
  const muted = w.muted;
  w.muted = false;
  try {
    fn(w);
  } finally {
    w.muted = muted;
  }
}

/** Channels + patterns (the count SUBSCRIBE/PSUBSCRIBE and their inverses reply). */
export function subscriptionCount(c: Client): number {
  const s = c.pubsub;
  return s === null ? 0 : s.channels.size + s.patterns.size;
}

/** Shard channels (the count SSUBSCRIBE/SUNSUBSCRIBE reply). */
export function shardSubscriptionCount(c: Client): number {
  return c.pubsub === null ? 0 : c.pubsub.shard.size;
}

/** The count a (un)subscribe confirmation of this kind carries. */
function countFor(c: Client, kind: ChannelKind): number {
  return kind === 'shard' ? shardSubscriptionCount(c) : subscriptionCount(c);
}

/**
 * Keeps CLIENT LIST's sub/psub/ssub and the 'P' flag current. 'P' (Redis's CLIENT_PUBSUB: the
 * RESP2 subscribed context, CLIENT LIST TYPE pubsub, the pubsub output limit class) is set while
 * the client has any subscription, shard channels included, and goes in Redis's letter order:
 * after S/O/M.
 */
function syncClientState(c: Client): void {
  const s = c.pubsub;
  c.subCount = s === null ? 0 : s.channels.size;
  c.psubCount = s === null ? 0 : s.patterns.size;
  c.ssubCount = s === null ? 0 : s.shard.size;
  const on = c.subCount + c.psubCount + c.ssubCount > 0;
  const has = c.flags.includes('P');
  if (on && !has) {
    let i = 0;
    while (i < c.flags.length && 'SOM'.includes(c.flags[i] as string)) i++;
    c.flags = c.flags.slice(0, i) + 'P' + c.flags.slice(i);
  } else if (!on && has) {
    c.flags = c.flags.replace('P', '');
  }
}

function subsOf(c: Client): ClientSubscriptions {
  let s = c.pubsub;
  if (s === null) {
    s = { channels: new Set(), patterns: new Set(), shard: new Set() };
    c.pubsub = s;
  }
  return s;
}

/** Parses the pubsub class out of client-output-buffer-limit's canonical value. */
function parseObufLimit(value: string): ObufLimit {
  const parts = value.split(' ');
  const i = parts.indexOf('pubsub');
  if (i < 0) return { hard: 0, soft: 0, softSeconds: 0 };
  return {
    hard: Number(parts[i + 1] ?? 0),
    soft: Number(parts[i + 2] ?? 0),
    softSeconds: Number(parts[i + 3] ?? 0),
  };
}

export class PubSub {
  readonly channels = new Map<string, Set<Client>>();
  readonly shardChannels = new Map<string, Set<Client>>();
  readonly patterns = new Map<string, PatternEntry>();
  /**
   * Clients holding any subscription. The engine frees clients without telling this module, so
   * closed clients are dropped lazily: when a publish meets them, before introspection, and
   * whenever this set has doubled since the last sweep.
   */
  private readonly subscribers = new Set<Client>();
  private sweepAt = 1024;
  /** Subscribers written to since the last flush; flushed together once the current command is over. */
  private readonly toFlush = new Set<Client>();
  private immediateQueued = false;
  private microtaskQueued = false;
  private obuf: ObufLimit;

  constructor(readonly engine: Engine) {
    this.obuf = parseObufLimit(engine.config.get('client-output-buffer-limit'));
    engine.config.onChange((name, value) => {
      if (name === 'client-output-buffer-limit') this.obuf = parseObufLimit(value);
    });
    // INFO stats pubsub_channels / pubsub_patterns / pubsubshard_channels. Not enumerable, so
    // CONFIG RESETSTAT (which zeroes every enumerable stat) leaves them alone.
    const stats = engine.stats as unknown as Record<string, number>;
    const counter = (name: string, size: () => number): void => {
      Object.defineProperty(stats, name, { get: () => (this.sweep(), size()), enumerable: false });
    };
    counter('pubsubChannels', () => this.channels.size);
    counter('pubsubPatterns', () => this.patterns.size);
    counter('pubsubShardChannels', () => this.shardChannels.size);
  }

  // ---- subscriptions -------------------------------------------------------------------

  /** SUBSCRIBE / SSUBSCRIBE of one channel: subscribes (if new) and writes the confirmation. */
  subscribe(c: Client, channel: string, kind: ChannelKind): boolean {
    const subs = subsOf(c);
    const mine = kind === 'shard' ? subs.shard : subs.channels;
    let added = false;
    if (!mine.has(channel)) {
      added = true;
      mine.add(channel);
      const registry = kind === 'shard' ? this.shardChannels : this.channels;
      let clients = registry.get(channel);
      if (clients === undefined) {
        clients = new Set();
        registry.set(channel, clients);
      }
      clients.add(c);
      this.track(c);
    }
    syncClientState(c);
    const count = countFor(c, kind);
    pushing(c.reply, (w) => {
      w.pushLen(3);
      w.bulk(SUBSCRIBE_NAMES[kind]);
      w.bulk(channel);
      w.integer(count);
    });
    return added;
  }

  /** UNSUBSCRIBE / SUNSUBSCRIBE of one channel; `notify` writes the confirmation. */
  unsubscribe(c: Client, channel: string, kind: ChannelKind, notify: boolean): boolean {
    const subs = c.pubsub;
    const mine = subs === null ? null : kind === 'shard' ? subs.shard : subs.channels;
    let removed = false;
    if (mine !== null && mine.delete(channel)) {
      removed = true;
      const registry = kind === 'shard' ? this.shardChannels : this.channels;
      const clients = registry.get(channel);
      if (clients !== undefined) {
        clients.delete(c);
        if (clients.size === 0) registry.delete(channel);
      }
    }
    syncClientState(c);
    if (notify) this.writeUnsubscribed(c, UNSUBSCRIBE_NAMES[kind], channel, countFor(c, kind));
    return removed;
  }

  /** UNSUBSCRIBE / SUNSUBSCRIBE without arguments: every channel, or one nil confirmation. */
  unsubscribeAll(c: Client, kind: ChannelKind, notify: boolean): number {
    const subs = c.pubsub;
    const mine = subs === null ? null : kind === 'shard' ? subs.shard : subs.channels;
    let count = 0;
    if (mine !== null) for (const ch of [...mine]) if (this.unsubscribe(c, ch, kind, notify)) count++;
    if (notify && count === 0) {
      this.writeUnsubscribed(c, UNSUBSCRIBE_NAMES[kind], null, countFor(c, kind));
    }
    return count;
  }

  /** PSUBSCRIBE of one pattern. */
  psubscribe(c: Client, pattern: string): boolean {
    const subs = subsOf(c);
    let added = false;
    if (!subs.patterns.has(pattern)) {
      added = true;
      subs.patterns.add(pattern);
      let entry = this.patterns.get(pattern);
      if (entry === undefined) {
        entry = { match: compileGlob(pattern), clients: new Set() };
        this.patterns.set(pattern, entry);
      }
      entry.clients.add(c);
      this.track(c);
    }
    syncClientState(c);
    const count = subscriptionCount(c);
    pushing(c.reply, (w) => {
      w.pushLen(3);
      w.bulk('psubscribe');
      w.bulk(pattern);
      w.integer(count);
    });
    return added;
  }

  /** PUNSUBSCRIBE of one pattern. */
  punsubscribe(c: Client, pattern: string, notify: boolean): boolean {
    const subs = c.pubsub;
    let removed = false;
    if (subs !== null && subs.patterns.delete(pattern)) {
      removed = true;
      const entry = this.patterns.get(pattern);
      if (entry !== undefined) {
        entry.clients.delete(c);
        if (entry.clients.size === 0) this.patterns.delete(pattern);
      }
    }
    syncClientState(c);
    if (notify) this.writeUnsubscribed(c, 'punsubscribe', pattern, subscriptionCount(c));
    return removed;
  }

  /** PUNSUBSCRIBE without arguments. */
  punsubscribeAll(c: Client, notify: boolean): number {
    let count = 0;
    if (c.pubsub !== null) for (const p of [...c.pubsub.patterns]) if (this.punsubscribe(c, p, notify)) count++;
    if (notify && count === 0) this.writeUnsubscribed(c, 'punsubscribe', null, subscriptionCount(c));
    return count;
  }

  /** Drops every subscription silently (RESET, a closed or killed client). */
  removeClient(c: Client): void {
    if (c.pubsub !== null) {
      this.unsubscribeAll(c, 'channel', false);
      this.unsubscribeAll(c, 'shard', false);
      this.punsubscribeAll(c, false);
      c.pubsub = null;
    }
    this.subscribers.delete(c);
    syncClientState(c);
  }

  private writeUnsubscribed(c: Client, what: string, name: string | null, count: number): void {
    pushing(c.reply, (w) => {
      w.pushLen(3);
      w.bulk(what);
      if (name === null) w.nullBulk();
      else w.bulk(name);
      w.integer(count);
    });
  }

  private track(c: Client): void {
    this.subscribers.add(c);
    if (this.subscribers.size >= this.sweepAt) {
      this.sweep();
      this.sweepAt = Math.max(1024, this.subscribers.size * 2);
    }
  }

  /** Drops the subscriptions of clients the engine has freed. */
  sweep(): void {
    for (const c of this.subscribers) if (c.closed) this.removeClient(c);
  }

  // ---- publishing ----------------------------------------------------------------------

  /**
   * PUBLISH / SPUBLISH (and keyspace events): delivers to the channel's subscribers, then (not
   * for shard channels) to every client of each matching pattern. Returns the receivers.
   */
  publish(channel: string, message: string, kind: ChannelKind): number {
    let receivers = 0;
    const clients = (kind === 'shard' ? this.shardChannels : this.channels).get(channel);
    if (clients !== undefined) {
      const name = MESSAGE_NAMES[kind];
      for (const t of clients) {
        if (!this.deliverable(t)) continue;
        const w = t.reply;
        const muted = w.muted; // pushes bypass CLIENT REPLY OFF/SKIP
        w.muted = false;
        w.pushLen(3);
        w.bulk(name);
        w.bulk(channel);
        w.bulk(message);
        w.muted = muted;
        receivers++;
        this.written(t);
      }
    }
    if (kind === 'shard' || this.patterns.size === 0) return receivers;
    for (const [pattern, entry] of this.patterns) {
      if (!entry.match(channel)) continue;
      for (const t of entry.clients) {
        if (!this.deliverable(t)) continue;
        const w = t.reply;
        const muted = w.muted;
        w.muted = false;
        w.pushLen(4);
        w.bulk('pmessage');
        w.bulk(pattern);
        w.bulk(channel);
        w.bulk(message);
        w.muted = muted;
        receivers++;
        this.written(t);
      }
    }
    return receivers;
  }

  /** Whether any channel or pattern has subscribers (a cheap test before building event channels). */
  hasListeners(): boolean {
    return this.channels.size !== 0 || this.patterns.size !== 0;
  }

  /**
   * A freed client is dropped here; one closing (QUIT, killed) gets nothing more, as Redis's
   * prepareClientToWrite refuses CLOSE_AFTER_REPLY / CLOSE_ASAP clients.
   */
  private deliverable(t: Client): boolean {
    if (t.closed) {
      this.removeClient(t);
      return false;
    }
    return !t.closeAfterReply;
  }

  /** After writing to a subscriber: enforce the output limit, then schedule a flush. */
  private written(t: Client): void {
    if (this.overOutputLimit(t)) {
      this.kill(t);
      return;
    }
    if (t.transport === null) return;
    this.toFlush.add(t);
    // Never flush mid-command (the executing client may hold a half-written reply). Normally
    // flush after the event loop's poll phase: what every connection read in this turn published
    // goes out in one socket write per subscriber, as Redis writes once per loop iteration. A
    // subscriber whose pending output grows large is flushed as soon as the current read is
    // processed instead, so bursts stay small (Redis reads 16 KB per client per iteration; Node
    // may hand over megabytes in one poll phase) and the output limits see what Redis would.
    if (!this.immediateQueued) {
      this.immediateQueued = true;
      setImmediate(() => {
        this.immediateQueued = false;
        this.flushAll();
      });
    }
    if (!this.microtaskQueued && t.reply.length >= EARLY_FLUSH_BYTES) {
      this.microtaskQueued = true;
      queueMicrotask(() => {
        this.microtaskQueued = false;
        this.flushAll();
      });
    }
  }

  private flushAll(): void {
    if (this.toFlush.size === 0) return;
    const targets = [...this.toFlush];
    this.toFlush.clear();
    for (const t of targets) if (!t.closed) t.transport?.flush();
  }

  /**
   * Redis's checkClientOutputBufferLimits for the pubsub class: the hard limit closes at once,
   * the soft limit once it has been exceeded for more than its seconds (checked at each write).
   */
  private overOutputLimit(t: Client): boolean {
    const { hard, soft, softSeconds } = this.obuf;
    if (hard === 0 && soft === 0) return false;
    const used = t.reply.length + (t.transport?.pendingBytes() ?? 0);
    if (hard !== 0 && used >= hard) return true;
    if (soft !== 0 && used >= soft) {
      const nowSec = Math.floor(this.engine.clock.now() / 1000);
      if (t.obufSoftLimitSince === 0) {
        t.obufSoftLimitSince = nowSec;
        return false;
      }
      return nowSec - t.obufSoftLimitSince > softSeconds;
    }
    t.obufSoftLimitSince = 0;
    return false;
  }

  /** Closes a subscriber over its output limit, dropping what it has not read (freeClientAsync). */
  private kill(t: Client): void {
    const used = t.reply.length + (t.transport?.pendingBytes() ?? 0);
    this.engine.log.warn(
      { client: t.transport?.addr ?? String(t.id), bytes: used },
      'Client scheduled to be closed ASAP for overcoming of output buffer limits.',
    );
    this.removeClient(t);
    this.toFlush.delete(t);
    t.closeAfterReply = true;
    const tr = t.transport;
    if (tr !== null) {
      if (tr.destroy) tr.destroy();
      else tr.close();
    }
    if (!t.closed) this.engine.freeClient(t);
  }

  // ---- introspection (PUBSUB) ----------------------------------------------------------

  /** PUBSUB CHANNELS / SHARDCHANNELS: active channels, optionally matching a glob. */
  channelList(kind: ChannelKind, pattern: string | null): string[] {
    this.sweep();
    const out: string[] = [];
    for (const ch of (kind === 'shard' ? this.shardChannels : this.channels).keys()) {
      if (pattern === null || globMatch(pattern, ch)) out.push(ch);
    }
    return out;
  }

  /** PUBSUB NUMSUB / SHARDNUMSUB of one channel (pattern subscribers not counted). */
  numsub(kind: ChannelKind, channel: string): number {
    this.sweep();
    return (kind === 'shard' ? this.shardChannels : this.channels).get(channel)?.size ?? 0;
  }

  /** PUBSUB NUMPAT: distinct patterns with subscribers. */
  numpat(): number {
    this.sweep();
    return this.patterns.size;
  }
}

const states = new WeakMap<Engine, PubSub>();

/**
 * The engine's pub/sub state, created on first use. Keyspace notifications are hooked up at
 * the same moment: before anyone subscribes there is nobody to notify.
 */
export function pubsubOf(engine: Engine): PubSub {
  let ps = states.get(engine);
  if (ps === undefined) {
    ps = new PubSub(engine);
    states.set(engine, ps);
    installKeyspaceNotifications(engine, ps);
  }
  return ps;
}

/** The state if it exists (no creation): RESET and client clean-up of a server that never subscribed. */
export function existingPubsubOf(engine: Engine): PubSub | undefined {
  return states.get(engine);
}
