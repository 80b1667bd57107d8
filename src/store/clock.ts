// Time for the whole store: the only place that reads the system clock. A manual clock lets
// tests drive every TTL (advanceTime / setTime) without sleeping.

export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Microseconds since the Unix epoch (TIME, SLOWLOG). */
  nowMicros(): number;
  readonly manual: boolean;
}

export class SystemClock implements Clock {
  readonly manual = false;
  now(): number {
    return Date.now();
  }
  nowMicros(): number {
    // performance.timeOrigin + now() gives sub-millisecond resolution on the epoch scale.
    return Math.floor((performance.timeOrigin + performance.now()) * 1000);
  }
}

export class ManualClock implements Clock {
  readonly manual = true;
  private ms: number;
  constructor(start = Date.now()) {
    this.ms = start;
  }
  now(): number {
    return this.ms;
  }
  nowMicros(): number {
    return this.ms * 1000;
  }
  advance(ms: number): void {
    this.ms += ms;
  }
  set(ms: number): void {
    this.ms = ms;
  }
}
