// Unit tests of the reply writer (src/protocol/reply.ts): the exact bytes of every method in
// RESP2 and RESP3, deferred lengths, take() and cutFrom() compaction, muting and growth.
// Double texts are the ones redis-server 7.0.15 sends for ZSCORE of the same values.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { ReplyWriter } from '../../src/protocol/reply.js';
import { frameEnd } from '../../src/protocol/client-parser.js';

type Proto = 2 | 3;

function out(resp: Proto, fn: (w: ReplyWriter) => void, initial?: number): string {
  const w = initial === undefined ? new ReplyWriter() : new ReplyWriter(initial);
  w.resp = resp;
  fn(w);
  return w.take().toString('latin1');
}

/**
 * Asserts the bytes for RESP2 and RESP3, and that each is exactly `frames` complete RESP
 * frames (-1: a bare header, not checked).
 */
function both(fn: (w: ReplyWriter) => void, resp2: string, resp3: string, frames = 1): void {
  for (const [resp, want] of [
    [2, resp2],
    [3, resp3],
  ] as const) {
    const got = out(resp, fn);
    assert.equal(JSON.stringify(got), JSON.stringify(want), `RESP${resp}`);
    if (frames < 0) continue;
    let pos = 0;
    const buf = Buffer.from(got, 'latin1');
    for (let i = 0; i < frames; i++) {
      const e = frameEnd(buf, pos);
      assert.ok(e > pos, `RESP${resp}: frame ${i + 1} incomplete`);
      pos = e;
    }
    assert.equal(pos, buf.length, `RESP${resp}: ${frames} frame(s) exactly`);
  }
}

describe('ReplyWriter: scalar replies', () => {
  it('ok', () => both((w) => w.ok(), '+OK\r\n', '+OK\r\n'));
  it('simple', () => both((w) => w.simple('PONG'), '+PONG\r\n', '+PONG\r\n'));
  it('simple with latin1 bytes', () => both((w) => w.simple('a\xffb'), '+a\xffb\r\n', '+a\xffb\r\n'));
  it('error', () => both((w) => w.error('ERR syntax error'), '-ERR syntax error\r\n', '-ERR syntax error\r\n'));
  it('error with CR/LF inside becomes spaces', () =>
    both((w) => w.error('ERR a\r\nb\nc\rd'), '-ERR a  b c d\r\n', '-ERR a  b c d\r\n'));
  it('integer', () => {
    both((w) => w.integer(0), ':0\r\n', ':0\r\n');
    both((w) => w.integer(-42), ':-42\r\n', ':-42\r\n');
    both((w) => w.integer(9007199254740991), ':9007199254740991\r\n', ':9007199254740991\r\n');
    both((w) => w.integer(-9223372036854775808n), ':-9223372036854775808\r\n', ':-9223372036854775808\r\n');
    both((w) => w.integer(9223372036854775807n), ':9223372036854775807\r\n', ':9223372036854775807\r\n');
  });
  it('bulk from a string', () => {
    both((w) => w.bulk('hello'), '$5\r\nhello\r\n', '$5\r\nhello\r\n');
    both((w) => w.bulk(''), '$0\r\n\r\n', '$0\r\n\r\n');
    both((w) => w.bulk('\x00\r\n\xff'), '$4\r\n\x00\r\n\xff\r\n', '$4\r\n\x00\r\n\xff\r\n');
  });
  it('bulk from a Buffer', () => {
    both((w) => w.bulk(Buffer.from([0, 13, 10, 255])), '$4\r\n\x00\r\n\xff\r\n', '$4\r\n\x00\r\n\xff\r\n');
    both((w) => w.bulk(Buffer.alloc(0)), '$0\r\n\r\n', '$0\r\n\r\n');
  });
  it('nullBulk', () => both((w) => w.nullBulk(), '$-1\r\n', '_\r\n'));
  it('nullArray', () => both((w) => w.nullArray(), '*-1\r\n', '_\r\n'));
  it('double', () => {
    const cases: [number, string][] = [
      [0.1, '0.10000000000000001'],
      [1, '1'],
      [1e20, '1e+20'],
      [1.5e-7, '1.4999999999999999e-07'],
      [123456789012345678, '1.2345678901234568e+17'],
      [Infinity, 'inf'],
      [-Infinity, '-inf'],
      [3.0000000000000004, '3.0000000000000004'],
      [1e-320, '9.9998886718268301e-321'],
    ];
    for (const [d, text] of cases) both((w) => w.double(d), `$${text.length}\r\n${text}\r\n`, `,${text}\r\n`);
  });
  it('bool', () => {
    both((w) => w.bool(true), ':1\r\n', '#t\r\n');
    both((w) => w.bool(false), ':0\r\n', '#f\r\n');
  });
  it('bigNumber', () =>
    both((w) => w.bigNumber('1234567890123456789012345678901234567890'), '$40\r\n1234567890123456789012345678901234567890\r\n', '(1234567890123456789012345678901234567890\r\n'));
  it('verbatim', () => {
    both((w) => w.verbatim('# Server\r\nx:1\r\n'), '$15\r\n# Server\r\nx:1\r\n\r\n', '=19\r\ntxt:# Server\r\nx:1\r\n\r\n');
    both((w) => w.verbatim('', 'mkd'), '$0\r\n\r\n', '=4\r\nmkd:\r\n');
  });
  it('raw', () => {
    both((w) => w.raw('+MONITOR line\r\n'), '+MONITOR line\r\n', '+MONITOR line\r\n');
    both((w) => w.raw(Buffer.from(':1\r\n')), ':1\r\n', ':1\r\n');
  });
});

describe('ReplyWriter: aggregates', () => {
  it('arrayLen', () => both((w) => (w.arrayLen(2), w.bulk('a'), w.integer(1)), '*2\r\n$1\r\na\r\n:1\r\n', '*2\r\n$1\r\na\r\n:1\r\n'));
  it('arrayLen 0', () => both((w) => w.arrayLen(0), '*0\r\n', '*0\r\n'));
  it('mapLen', () =>
    both((w) => (w.mapLen(2), w.bulk('k1'), w.integer(1), w.bulk('k2'), w.nullBulk()), '*4\r\n$2\r\nk1\r\n:1\r\n$2\r\nk2\r\n$-1\r\n', '%2\r\n$2\r\nk1\r\n:1\r\n$2\r\nk2\r\n_\r\n'));
  it('mapLen 0', () => both((w) => w.mapLen(0), '*0\r\n', '%0\r\n'));
  it('setLen', () => both((w) => (w.setLen(2), w.bulk('a'), w.bulk('b')), '*2\r\n$1\r\na\r\n$1\r\nb\r\n', '~2\r\n$1\r\na\r\n$1\r\nb\r\n'));
  it('pushLen', () =>
    both((w) => (w.pushLen(3), w.bulk('message'), w.bulk('ch'), w.bulk('hi')), '*3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$2\r\nhi\r\n', '>3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$2\r\nhi\r\n'));
  it('bulkArray with nulls', () =>
    both((w) => w.bulkArray(['a', null, Buffer.from('bc'), '']), '*4\r\n$1\r\na\r\n$-1\r\n$2\r\nbc\r\n$0\r\n\r\n', '*4\r\n$1\r\na\r\n_\r\n$2\r\nbc\r\n$0\r\n\r\n'));
  it('bulkArray empty', () => both((w) => w.bulkArray([]), '*0\r\n', '*0\r\n'));
  it('emptyArray', () => both((w) => w.emptyArray(), '*0\r\n', '*0\r\n'));
  it('nested aggregates', () =>
    both(
      (w) => {
        w.arrayLen(2);
        w.mapLen(1);
        w.bulk('k');
        w.setLen(1);
        w.double(1.5);
        w.nullArray();
      },
      '*2\r\n*2\r\n$1\r\nk\r\n*1\r\n$3\r\n1.5\r\n*-1\r\n',
      '*2\r\n%1\r\n$1\r\nk\r\n~1\r\n,1.5\r\n_\r\n',
    ));
  it('several replies in one batch', () =>
    both((w) => (w.ok(), w.integer(3), w.nullBulk()), '+OK\r\n:3\r\n$-1\r\n', '+OK\r\n:3\r\n_\r\n', 3));
});

describe('ReplyWriter: deferred lengths', () => {
  it('array', () =>
    both(
      (w) => {
        const d = w.deferLen();
        w.bulk('a');
        w.bulk('b');
        w.setDeferred(d, 2);
      },
      '*2\r\n$1\r\na\r\n$1\r\nb\r\n',
      '*2\r\n$1\r\na\r\n$1\r\nb\r\n',
    ));
  it('map (pairs doubled in RESP2)', () =>
    both(
      (w) => {
        const d = w.deferLen('map');
        w.bulk('k');
        w.integer(1);
        w.setDeferred(d, 1);
      },
      '*2\r\n$1\r\nk\r\n:1\r\n',
      '%1\r\n$1\r\nk\r\n:1\r\n',
    ));
  it('set', () =>
    both(
      (w) => {
        const d = w.deferLen('set');
        w.bulk('m');
        w.setDeferred(d, 1);
      },
      '*1\r\n$1\r\nm\r\n',
      '~1\r\n$1\r\nm\r\n',
    ));
  it('empty, with nothing after it', () => both((w) => w.setDeferred(w.deferLen(), 0), '*0\r\n', '*0\r\n'));
  it('large counts', () => {
    const n = 123456789012;
    both((w) => w.setDeferred(w.deferLen(), n), `*${n}\r\n`, `*${n}\r\n`, -1);
  });
  it('nested and sequential, set in any order', () =>
    both(
      (w) => {
        w.ok();
        const outer = w.deferLen();
        const inner1 = w.deferLen('map');
        w.bulk('k');
        w.bulk('v');
        const inner2 = w.deferLen('set');
        w.integer(7);
        w.setDeferred(inner2, 1);
        w.bulk('x');
        w.setDeferred(outer, 1);
        w.setDeferred(inner1, 1);
        w.integer(9);
      },
      '+OK\r\n*1\r\n*2\r\n$1\r\nk\r\n$1\r\nv\r\n*1\r\n:7\r\n$1\r\nx\r\n:9\r\n',
      '+OK\r\n*1\r\n%1\r\n$1\r\nk\r\n$1\r\nv\r\n~1\r\n:7\r\n$1\r\nx\r\n:9\r\n',
      5,
    ));
  it('length counts the reserved slot until take() compacts it', () => {
    const w = new ReplyWriter();
    const d = w.deferLen();
    w.integer(1);
    w.setDeferred(d, 1);
    assert.ok(w.length >= '*1\r\n:1\r\n'.length);
    assert.equal(w.take().toString('latin1'), '*1\r\n:1\r\n');
    assert.equal(w.length, 0);
  });
  it('setDeferred after take() is ignored', () => {
    const w = new ReplyWriter();
    const d = w.deferLen();
    w.setDeferred(d, 0);
    assert.equal(w.take().toString('latin1'), '*0\r\n');
    w.ok();
    w.setDeferred(d, 5);
    assert.equal(w.take().toString('latin1'), '+OK\r\n');
  });
  it('many deferred headers in one batch', () => {
    const w = new ReplyWriter(8);
    let want = '';
    for (let i = 0; i < 500; i++) {
      const d = w.deferLen(i % 3 === 0 ? 'map' : i % 3 === 1 ? 'set' : 'array');
      for (let j = 0; j < i % 4; j++) w.integer(j);
      w.setDeferred(d, i % 4);
      want += (i % 3 === 0 ? `*${(i % 4) * 2}` : `*${i % 4}`) + '\r\n';
      for (let j = 0; j < i % 4; j++) want += `:${j}\r\n`;
    }
    assert.equal(w.take().toString('latin1'), want);
  });
});

describe('ReplyWriter: take, mark and cutFrom', () => {
  it('take() returns a copy and resets', () => {
    const w = new ReplyWriter();
    assert.equal(w.isEmpty(), true);
    w.ok();
    assert.equal(w.isEmpty(), false);
    assert.equal(w.length, 5);
    const a = w.take();
    w.integer(1);
    const b = w.take();
    assert.equal(a.toString('latin1'), '+OK\r\n');
    assert.equal(b.toString('latin1'), ':1\r\n');
    assert.equal(w.isEmpty(), true);
    assert.equal(w.take().length, 0);
  });

  it('cutFrom returns what followed the mark and removes it', () => {
    const w = new ReplyWriter();
    w.ok();
    const m = w.mark();
    assert.equal(m, 5);
    w.integer(1);
    w.bulk('x');
    assert.equal(w.cutFrom(m).toString('latin1'), ':1\r\n$1\r\nx\r\n');
    assert.equal(w.length, 5);
    w.nullBulk();
    assert.equal(w.take().toString('latin1'), '+OK\r\n$-1\r\n');
  });

  it('cutFrom compacts deferred headers inside the cut region', () => {
    for (const resp of [2, 3] as const) {
      const w = new ReplyWriter();
      w.resp = resp;
      w.simple('QUEUED');
      const m = w.mark();
      const d = w.deferLen('map');
      w.bulk('k');
      w.integer(1);
      w.setDeferred(d, 1);
      w.ok();
      const cut = w.cutFrom(m).toString('latin1');
      assert.equal(cut, (resp === 3 ? '%1' : '*2') + '\r\n$1\r\nk\r\n:1\r\n+OK\r\n');
      w.integer(2);
      assert.equal(w.take().toString('latin1'), '+QUEUED\r\n:2\r\n');
    }
  });

  it('cutFrom keeps deferred headers before the mark', () => {
    const w = new ReplyWriter();
    const outer = w.deferLen();
    w.integer(1);
    const m = w.mark();
    const inner = w.deferLen();
    w.integer(2);
    w.setDeferred(inner, 1);
    assert.equal(w.cutFrom(m).toString('latin1'), '*1\r\n:2\r\n');
    w.integer(3);
    w.setDeferred(outer, 2);
    assert.equal(w.take().toString('latin1'), '*2\r\n:1\r\n:3\r\n');
  });

  it('cutFrom at the end returns nothing', () => {
    const w = new ReplyWriter();
    w.ok();
    assert.equal(w.cutFrom(w.mark()).length, 0);
    assert.equal(w.take().toString('latin1'), '+OK\r\n');
  });
});

describe('ReplyWriter: muting and growth', () => {
  it('writes nothing while muted, and deferred lengths are no-ops', () => {
    const w = new ReplyWriter();
    w.muted = true;
    w.ok();
    w.simple('x');
    w.error('ERR x');
    w.integer(1);
    w.bulk('x');
    w.bulk(Buffer.from('x'));
    w.nullBulk();
    w.nullArray();
    w.arrayLen(1);
    w.mapLen(1);
    w.setLen(1);
    w.pushLen(1);
    w.double(1.5);
    w.bool(true);
    w.bigNumber('1');
    w.verbatim('x');
    w.bulkArray(['a']);
    w.emptyArray();
    w.raw('+x\r\n');
    const d = w.deferLen();
    w.setDeferred(d, 3);
    assert.equal(w.isEmpty(), true);
    w.muted = false;
    w.ok();
    assert.equal(w.take().toString('latin1'), '+OK\r\n');
  });

  it('grows from a tiny buffer and keeps every byte', () => {
    const w = new ReplyWriter(1);
    let want = '';
    for (let i = 0; i < 2000; i++) {
      const s = 'v'.repeat(i % 300) + '\xfe';
      w.bulk(i % 2 ? s : Buffer.from(s, 'latin1'));
      want += `$${s.length}\r\n${s}\r\n`;
    }
    assert.equal(w.take().toString('latin1'), want);
  });

  it('keeps working after a batch over 1 MB (buffer released)', () => {
    const w = new ReplyWriter();
    const big = 'z'.repeat(3 * 1024 * 1024);
    w.bulk(big);
    assert.equal(w.take().length, big.length + `$${big.length}\r\n\r\n`.length);
    const d = w.deferLen();
    w.ok();
    w.setDeferred(d, 1);
    assert.equal(w.take().toString('latin1'), '*1\r\n+OK\r\n');
  });
});
