// The TCP adapter: accepts connections, feeds bytes to a per-connection request parser, runs
// each parsed command through the engine and writes every reply produced by one read with a
// single socket write. Also owns connection limits, idle timeouts and graceful shutdown.
import * as net from 'node:net';
import { Engine } from '../engine/engine.js';
import type { Client, Transport } from '../engine/client.js';
import { RequestParser } from '../protocol/parser.js';

/** Pause reading from a client whose unsent replies exceed this (resume on 'drain'). */
const OUTPUT_HIGH_WATER = 8 * 1024 * 1024;
/** Within one read batch, replies beyond this size are written before the batch ends. */
const FLUSH_EARLY_BYTES = 4 * 1024 * 1024;

export interface ListenOptions {
  port: number;
  host: string;
}

class Connection implements Transport {
  readonly parser: RequestParser;
  readonly client: Client;
  readonly addr: string;
  readonly laddr: string;
  readonly fd: number;
  private ended = false;

  constructor(
    private readonly server: MemoraServer,
    private readonly socket: net.Socket,
  ) {
    const engine = server.engine;
    this.client = engine.createClient();
    this.client.transport = this;
    this.addr = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? 0}`;
    this.laddr = `${socket.localAddress ?? '?'}:${socket.localPort ?? 0}`;
    const handle = (socket as unknown as { _handle?: { fd?: number } })._handle;
    this.fd = typeof handle?.fd === 'number' ? handle.fd : -1;
    this.parser = new RequestParser({
      protoMaxBulkLen: engine.config.getNumber('proto-max-bulk-len'),
      queryBufferLimit: engine.config.getNumber('client-query-buffer-limit'),
    });
    this.parser.requireAuth = !this.client.authenticated;
    socket.setNoDelay(true);
    const keepalive = engine.config.getNumber('tcp-keepalive');
    if (keepalive > 0) socket.setKeepAlive(true, keepalive * 1000);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('drain', () => {
      if (!this.ended) socket.resume();
    });
    socket.on('error', () => {
      /* reset by peer etc.: 'close' follows */
    });
    socket.on('close', () => this.onClose());
  }

  private onData(chunk: Buffer): void {
    const engine = this.server.engine;
    if (this.client.closed || this.client.closeAfterReply) return;
    engine.stats.netInputBytes += chunk.length;
    engine.stats.totalReadsProcessed++;
    this.parser.feed(chunk);
    this.processInput();
  }

  /** Runs every complete command buffered, unless the client blocks; then writes once. */
  private processInput(): void {
    const engine = this.server.engine;
    const client = this.client;
    if (client.closed || client.closeAfterReply) return;
    while (client.blocked === null) {
      const r = this.parser.next();
      if (r === null) break;
      if (Array.isArray(r)) {
        engine.execute(client, r);
        this.parser.requireAuth = !client.authenticated;
        // Very large pipelines of large replies go out in pieces rather than as one buffer.
        if (client.reply.length > FLUSH_EARLY_BYTES) this.flush();
        if (client.closeAfterReply || client.closed) break;
        continue;
      }
      client.reply.error(r.error);
      client.closeAfterReply = true;
      engine.log.info({ client: this.addr }, `Protocol error (${r.error}) from client`);
      break;
    }
    if (!client.closeAfterReply && this.parser.overQueryBufferLimit()) {
      engine.log.warn({ client: this.addr }, 'Closing client that reached max query buffer length');
      this.ended = true;
      this.socket.destroy();
      return;
    }
    this.flush();
    if (client.closeAfterReply) this.close();
  }

  unblocked(): void {
    this.flush();
    // Resume the pipeline after the current command's turn, never re-entrantly.
    setImmediate(() => {
      if (!this.ended && this.client.blocked === null) this.processInput();
    });
  }

  /** A client held by CLIENT PAUSE was released: run what it pipelined now, then write. */
  resume(): void {
    if (!this.ended) this.processInput();
  }

  flush(): void {
    const w = this.client.reply;
    if (w.isEmpty() || this.ended) return;
    const out = w.take();
    this.server.engine.stats.netOutputBytes += out.length;
    this.server.engine.stats.totalWritesProcessed++;
    this.socket.write(out);
    if (this.socket.writableLength > OUTPUT_HIGH_WATER) this.socket.pause();
  }

  close(): void {
    if (this.ended) return;
    this.flush();
    this.ended = true;
    this.socket.end();
  }

  /** Closes immediately, dropping unsent output (CLIENT KILL on a busy client, shutdown NOW). */
  destroy(): void {
    this.ended = true;
    this.socket.destroy();
  }

  pendingBytes(): number {
    return this.socket.writableLength;
  }

  queryBufferBytes(): number {
    return this.parser.bufferedBytes();
  }

  private onClose(): void {
    this.ended = true;
    this.server.connections.delete(this);
    this.server.engine.freeClient(this.client);
  }
}

export class MemoraServer {
  readonly engine: Engine;
  readonly connections = new Set<Connection>();
  private readonly servers: net.Server[] = [];
  private idleTimer: NodeJS.Timeout | null = null;
  private closing: Promise<void> | null = null;
  port = 0;
  host = '127.0.0.1';

  constructor(engine: Engine) {
    this.engine = engine;
    engine.config.onChange((name, value) => {
      // Limits apply to connections already open, as CONFIG SET does in Redis.
      if (name === 'proto-max-bulk-len') for (const c of this.connections) c.parser.limits.protoMaxBulkLen = Number(value);
      else if (name === 'client-query-buffer-limit') {
        for (const c of this.connections) c.parser.limits.queryBufferLimit = Number(value);
      }
    });
  }

  /** Starts listening; resolves with the bound port (port 0 picks a free one). */
  async listen(opts: ListenOptions): Promise<number> {
    const server = net.createServer((socket) => this.onConnection(socket));
    server.on('error', (err) => this.engine.log.error({ err }, 'listener error'));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ port: opts.port, host: opts.host }, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.servers.push(server);
    const addr = server.address();
    this.port = typeof addr === 'object' && addr ? addr.port : opts.port;
    this.host = opts.host;
    this.engine.start();
    if (!this.idleTimer) {
      this.idleTimer = setInterval(() => this.closeIdleClients(), 1000);
      this.idleTimer.unref();
    }
    return this.port;
  }

  private onConnection(socket: net.Socket): void {
    const engine = this.engine;
    if (this.closing) {
      socket.destroy();
      return;
    }
    if (engine.clients.size >= engine.config.getNumber('maxclients')) {
      engine.stats.rejectedConnections++;
      socket.end('-ERR max number of clients reached\r\n');
      return;
    }
    this.connections.add(new Connection(this, socket));
  }

  private closeIdleClients(): void {
    const timeout = this.engine.config.getNumber('timeout');
    if (timeout <= 0) return;
    const now = this.engine.clock.now();
    for (const conn of this.connections) {
      const c = conn.client;
      // Redis never closes subscribers or blocked clients for idleness.
      if (c.flags.includes('P') || c.blocked !== null) continue;
      if (now - c.lastInteraction > timeout * 1000) {
        this.engine.log.debug({ client: conn.addr }, 'Closing idle client');
        conn.destroy();
      }
    }
  }

  /** Graceful stop: stop accepting, flush what is pending, close every client. */
  close(): Promise<void> {
    if (this.closing) return this.closing;
    this.closing = (async () => {
      if (this.idleTimer) clearInterval(this.idleTimer);
      // Stop accepting first; the listeners' close callbacks fire only once every connection
      // has ended, so the clients are closed before waiting on them.
      const closed = Promise.all(
        this.servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))),
      );
      for (const conn of [...this.connections]) conn.close();
      // Give sockets a moment to flush, then force-close what is left.
      const deadline = Date.now() + 2000;
      while (this.connections.size > 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 10));
      }
      for (const conn of [...this.connections]) conn.destroy();
      await closed;
      this.engine.stop();
    })();
    return this.closing;
  }
}
