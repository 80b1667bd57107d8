// A byte-level RESP client for tests: sends argv (or raw bytes) and returns each reply frame's
// exact bytes, so replies can be compared byte for byte.
import * as net from 'node:net';
import { encodeCommand } from '../../src/protocol/encode.js';
import { frameEnd } from '../../src/protocol/client-parser.js';

export class RawClient {
  private buf: Buffer = Buffer.alloc(0);
  private waiters: (() => void)[] = [];
  closed = false;

  private constructor(private readonly sock: net.Socket) {
    sock.on('data', (d: Buffer) => {
      this.buf = this.buf.length === 0 ? d : Buffer.concat([this.buf, d]);
      this.wake();
    });
    sock.on('close', () => {
      this.closed = true;
      this.wake();
    });
    sock.on('error', () => {
      this.closed = true;
      this.wake();
    });
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const fn of w) fn();
  }

  static connect(port: number, host = '127.0.0.1'): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const sock = net.connect(port, host);
      sock.setNoDelay(true);
      sock.once('connect', () => resolve(new RawClient(sock)));
      sock.once('error', reject);
    });
  }

  write(data: Buffer | string): void {
    this.sock.write(data);
  }

  /** Reads one complete reply frame (raw bytes). Rejects on close or timeout. */
  async readFrame(timeoutMs = 5000): Promise<Buffer> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const end = this.buf.length ? frameEnd(this.buf, 0) : -1;
      if (end > 0) {
        const frame = this.buf.subarray(0, end);
        this.buf = this.buf.subarray(end);
        return Buffer.from(frame);
      }
      if (this.closed) throw new Error(`connection closed (pending: ${JSON.stringify(this.buf.toString('latin1'))})`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timeout waiting for reply (pending: ${JSON.stringify(this.buf.toString('latin1'))})`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Everything until the server closes the connection. */
  async readUntilClose(timeoutMs = 5000): Promise<Buffer> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('timeout waiting for close');
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    const out = this.buf;
    this.buf = Buffer.alloc(0);
    return out;
  }

  async command(argv: (string | Buffer)[]): Promise<Buffer> {
    this.write(encodeCommand(argv));
    return this.readFrame();
  }

  close(): void {
    this.sock.destroy();
  }
}
