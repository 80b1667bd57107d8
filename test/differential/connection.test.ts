// Differential tests of the connection commands (PING, ECHO, QUIT, SELECT, AUTH, HELLO, RESET,
// CLIENT ...) against redis-server 7.0.15, with and without requirepass; plus field-by-field
// checks of CLIENT LIST/INFO, HELLO and CLIENT KILL whose replies carry ids, ports and ages.
import { describe, it, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { differential, sideBySide, skipDifferential, type Case, type Step } from '../helpers/differential.js';
import { encodeCommand, encodeCommands } from '../../src/protocol/encode.js';
import { startServer, type MemoraHandle } from '../../src/index.js';
import { RawClient } from '../helpers/raw-client.js';

/** Sends several commands in one write and compares the next `frames` replies (muted ones send none). */
function batch(cmds: string[][], frames: number): Step {
  return { raw: encodeCommands(cmds), frames };
}

/** Sends a command and compares everything up to the close of the connection. */
function untilClose(cmd: string[]): Step {
  return { raw: encodeCommand(cmd) };
}

const shape = (cmd: string[]): Step => ({ cmd, compare: 'shape' });

const cases: Case[] = [
  // ---- PING / ECHO ----
  { name: 'PING forms', steps: [['PING'], ['ping'], ['PING', 'hello'], ['PING', ''], ['PING', 'a\r\nb\x00\xff']] },
  { name: 'PING wrong arity', steps: [['PING', 'a', 'b'], ['PING', 'a', 'b', 'c']] },
  { name: 'ECHO', steps: [['ECHO', 'x'], ['ECHO', ''], ['echo', 'bin\x00\r\n\xff'], ['ECHO'], ['ECHO', 'a', 'b']] },
  { name: 'PING and ECHO in RESP3', resp3: true, steps: [['PING'], ['PING', 'x'], ['ECHO', 'y']] },

  // ---- QUIT ----
  { name: 'QUIT replies +OK and closes', steps: [['PING'], untilClose(['QUIT'])] },
  { name: 'QUIT with arguments', steps: [untilClose(['QUIT', 'now', 'please'])] },
  { name: 'QUIT in RESP3', resp3: true, steps: [untilClose(['quit'])] },
  { name: 'commands after QUIT in the same write are not run', steps: [{ raw: encodeCommands([['QUIT'], ['PING']]) }] },

  // ---- SELECT ----
  {
    name: 'SELECT switches databases',
    steps: [['SET', 'k', 'db0'], ['SELECT', '1'], ['GET', 'k'], ['SET', 'k', 'db1'], ['SELECT', '15'], ['GET', 'k'], ['SELECT', '1'], ['GET', 'k'], ['SELECT', '0'], ['GET', 'k']],
  },
  {
    name: 'SELECT errors',
    steps: [
      ['SELECT'],
      ['SELECT', '1', '2'],
      ['SELECT', 'x'],
      ['SELECT', ''],
      ['SELECT', '-1'],
      ['SELECT', '16'],
      ['SELECT', '1.5'],
      ['SELECT', '01'],
      ['SELECT', ' 1'],
      ['SELECT', '+1'],
      ['SELECT', '0x1'],
      ['SELECT', '-0'],
      ['SELECT', '2147483647'],
      ['SELECT', '2147483648'],
      ['SELECT', '-2147483648'],
      ['SELECT', '-2147483649'],
      ['SELECT', '9223372036854775807'],
      ['SELECT', '99999999999999999999'],
    ],
  },

  // ---- AUTH without requirepass ----
  {
    name: 'AUTH without a configured password',
    steps: [
      ['AUTH', 'x'],
      ['AUTH', ''],
      ['AUTH', 'default', 'anything'],
      ['AUTH', 'default', ''],
      ['AUTH', 'DEFAULT', 'x'],
      ['AUTH', 'foo', 'x'],
      ['AUTH', 'a', 'b', 'c'],
      ['AUTH'],
      ['PING'],
    ],
  },

  // ---- HELLO ----
  {
    name: 'HELLO replies (shape) and switches protocol',
    steps: [
      shape(['HELLO']),
      ['CLIENT', 'GETNAME'],
      shape(['HELLO', '3']),
      ['CLIENT', 'GETNAME'],
      shape(['HELLO']),
      shape(['HELLO', '2']),
      ['CLIENT', 'GETNAME'],
    ],
  },
  {
    name: 'HELLO protocol version errors',
    steps: [
      ['HELLO', '4'],
      ['HELLO', '1'],
      ['HELLO', '0'],
      ['HELLO', '-1'],
      ['HELLO', '9223372036854775807'],
      ['HELLO', 'abc'],
      ['HELLO', '03'],
      ['HELLO', '3.0'],
      ['HELLO', ''],
      ['HELLO', '99999999999999999999'],
      ['HELLO', 'AUTH', 'default', 'x'],
      ['CLIENT', 'GETNAME'],
    ],
  },
  {
    name: 'HELLO option errors',
    steps: [
      ['HELLO', '3', 'AUTH'],
      ['HELLO', '3', 'AUTH', 'default'],
      ['HELLO', '3', 'SETNAME'],
      ['HELLO', '3', 'FOO'],
      ['HELLO', '2', '3'],
      ['HELLO', '3', 'foo', 'bar'],
      ['HELLO', '3', 'SETNAME', 'a b'],
      ['HELLO', '3', 'SETNAME', 'a\nb'],
      ['HELLO', '3', 'AUTH', 'wrong', 'pass'],
      ['HELLO', '3', 'AUTH', 'DEFAULT', 'pass'],
      ['CLIENT', 'GETNAME'],
    ],
  },
  {
    name: 'HELLO AUTH default succeeds without requirepass',
    steps: [shape(['HELLO', '3', 'AUTH', 'default', 'whatever']), ['CLIENT', 'GETNAME'], shape(['hello', '2', 'auth', 'default', ''])],
  },
  {
    name: 'HELLO SETNAME sets (and clears) the name',
    steps: [
      shape(['HELLO', '2', 'SETNAME', 'myname']),
      ['CLIENT', 'GETNAME'],
      shape(['HELLO', '3', 'setname', 'other']),
      ['CLIENT', 'GETNAME'],
      shape(['HELLO', '3', 'SETNAME', '']),
      ['CLIENT', 'GETNAME'],
      shape(['HELLO', '2', 'SETNAME', 'a', 'SETNAME', 'b']),
      ['CLIENT', 'GETNAME'],
    ],
  },
  {
    name: 'HELLO options apply one by one: an error keeps earlier ones, protocol unchanged',
    steps: [
      ['HELLO', '3', 'SETNAME', 'ok2', 'FOO'],
      ['CLIENT', 'GETNAME'],
      ['HELLO', '3', 'SETNAME', 'ok3', 'SETNAME', 'a b'],
      ['CLIENT', 'GETNAME'],
      ['HELLO', '3', 'SETNAME', 'ok4', 'AUTH', 'nobody', 'x'],
      ['CLIENT', 'GETNAME'],
      ['HELLO', '3', 'AUTH', 'nobody', 'x', 'SETNAME', 'a b'],
      ['CLIENT', 'SETNAME', ''],
      ['CLIENT', 'GETNAME'],
    ],
  },
  {
    name: 'HELLO in RESP3 connection',
    resp3: true,
    steps: [shape(['HELLO']), ['CLIENT', 'GETNAME'], shape(['HELLO', '2']), ['CLIENT', 'GETNAME'], ['HELLO', '5']],
  },

  // ---- RESET ----
  {
    name: 'RESET restores db 0, RESP2, no name',
    steps: [
      ['SET', 'k', 'db0'],
      ['SELECT', '3'],
      ['SET', 'k', 'db3'],
      ['CLIENT', 'SETNAME', 'x'],
      shape(['HELLO', '3']),
      ['CLIENT', 'GETNAME'],
      ['RESET'],
      ['CLIENT', 'GETNAME'],
      ['GET', 'k'],
      ['reset'],
    ],
  },
  { name: 'RESET wrong arity', steps: [['RESET', 'x'], ['PING']] },
  { name: 'RESET in RESP3', resp3: true, steps: [['CLIENT', 'GETNAME'], ['RESET'], ['CLIENT', 'GETNAME']] },
  {
    name: 'RESET turns CLIENT REPLY OFF back on',
    steps: [batch([['CLIENT', 'REPLY', 'OFF'], ['PING', 'muted'], ['RESET'], ['PING', 'heard']], 2)],
  },
  {
    name: 'RESET right after CLIENT REPLY SKIP is itself skipped',
    steps: [batch([['CLIENT', 'REPLY', 'SKIP'], ['RESET'], ['PING', 'e']], 1)],
  },

  // ---- CLIENT container ----
  {
    name: 'CLIENT arity and unknown subcommands',
    steps: [
      ['CLIENT'],
      ['CLIENT', 'FOO'],
      ['client', 'foo', 'bar'],
      ['CLIENT', 'SETINFO', 'LIB-NAME', 'x'],
      ['CLIENT', 'SETINFO', 'LIB-VER', '1.0'],
      ['CLIENT', 'NO-TOUCH', 'ON'],
      ['CLIENT', ''],
    ],
  },
  { name: 'CLIENT HELP', steps: [['CLIENT', 'HELP'], ['client', 'help'], ['CLIENT', 'HELP', 'x']] },
  { name: 'CLIENT HELP in RESP3', resp3: true, steps: [['CLIENT', 'HELP']] },
  { name: 'CLIENT ID', steps: [shape(['CLIENT', 'ID']), ['CLIENT', 'ID', 'x']] },

  // ---- CLIENT SETNAME / GETNAME ----
  {
    name: 'CLIENT SETNAME / GETNAME',
    steps: [
      ['CLIENT', 'GETNAME'],
      ['CLIENT', 'SETNAME', 'conn-1'],
      ['CLIENT', 'GETNAME'],
      ['CLIENT', 'SETNAME', '~!@#$%^&*()_+{}|:"<>?`-=[]\\;\',./'],
      ['CLIENT', 'GETNAME'],
      ['CLIENT', 'SETNAME', ''],
      ['CLIENT', 'GETNAME'],
    ],
  },
  {
    name: 'CLIENT SETNAME invalid names keep the old one',
    steps: [
      ['CLIENT', 'SETNAME', 'keep'],
      ['CLIENT', 'SETNAME', 'a b'],
      ['CLIENT', 'SETNAME', 'a\nb'],
      ['CLIENT', 'SETNAME', 'a\rb'],
      ['CLIENT', 'SETNAME', 'tab\t'],
      ['CLIENT', 'SETNAME', '\x7f'],
      ['CLIENT', 'SETNAME', '\xe9t\xe9'],
      ['CLIENT', 'SETNAME', 'nul\x00'],
      ['CLIENT', 'GETNAME'],
    ],
  },
  {
    name: 'CLIENT SETNAME / GETNAME arity',
    steps: [['CLIENT', 'SETNAME'], ['CLIENT', 'SETNAME', 'a', 'b'], ['CLIENT', 'GETNAME', 'x']],
  },
  { name: 'CLIENT GETNAME in RESP3', resp3: true, steps: [['CLIENT', 'GETNAME'], ['CLIENT', 'SETNAME', 'n'], ['CLIENT', 'GETNAME']] },

  // ---- CLIENT INFO / LIST ----
  { name: 'CLIENT INFO shape and arity', steps: [shape(['CLIENT', 'INFO']), ['CLIENT', 'INFO', 'x']] },
  { name: 'CLIENT INFO in RESP3 is a verbatim string', resp3: true, steps: [shape(['CLIENT', 'INFO'])] },
  {
    name: 'CLIENT LIST errors',
    steps: [
      ['CLIENT', 'LIST', 'x'],
      ['CLIENT', 'LIST', 'TYPE'],
      ['CLIENT', 'LIST', 'TYPE', 'foo'],
      ['CLIENT', 'LIST', 'type', 'Foo\nbar'],
      ['CLIENT', 'LIST', 'TYPE', 'normal', 'x'],
      ['CLIENT', 'LIST', 'ID'],
      ['CLIENT', 'LIST', 'ID', 'x'],
      ['CLIENT', 'LIST', 'ID', '999999', 'x'],
      ['CLIENT', 'LIST', 'ID', '1.5'],
      ['CLIENT', 'LIST', 'ID', '99999999999999999999'],
      ['CLIENT', 'LIST', 'FOO', 'bar'],
      ['CLIENT', 'LIST', 'TYPE', 'normal', 'ID', '1'],
    ],
  },
  {
    name: 'CLIENT LIST filters that match nobody',
    steps: [
      ['CLIENT', 'LIST', 'ID', '999999'],
      ['CLIENT', 'LIST', 'ID', '0'],
      ['CLIENT', 'LIST', 'ID', '-1'],
      ['CLIENT', 'LIST', 'id', '999998', '999999'],
      ['CLIENT', 'LIST', 'TYPE', 'pubsub'],
      ['CLIENT', 'LIST', 'TYPE', 'master'],
      ['CLIENT', 'LIST', 'TYPE', 'replica'],
      ['CLIENT', 'LIST', 'type', 'SLAVE'],
    ],
  },
  {
    name: 'CLIENT LIST shapes',
    steps: [shape(['CLIENT', 'LIST']), shape(['CLIENT', 'LIST', 'TYPE', 'normal'])],
  },
  { name: 'CLIENT LIST in RESP3', resp3: true, steps: [['CLIENT', 'LIST', 'ID', '999999'], shape(['CLIENT', 'LIST']), ['CLIENT', 'LIST', 'TYPE', 'x']] },

  // ---- CLIENT KILL ----
  {
    name: 'CLIENT KILL errors and no-match replies',
    steps: [
      ['CLIENT', 'KILL'],
      ['CLIENT', 'KILL', '1.2.3.4:5'],
      ['CLIENT', 'KILL', 'foo'],
      ['CLIENT', 'KILL', 'ID'],
      ['CLIENT', 'KILL', 'ID', 'x'],
      ['CLIENT', 'KILL', 'ID', '0'],
      ['CLIENT', 'KILL', 'ID', '-5'],
      ['CLIENT', 'KILL', 'ID', '99999999999999999999'],
      ['CLIENT', 'KILL', 'ID', '999999'],
      ['CLIENT', 'KILL', 'ADDR', '1.2.3.4:5'],
      ['CLIENT', 'KILL', 'LADDR', '1.2.3.4:5'],
      ['CLIENT', 'KILL', 'USER', 'nobody'],
      ['CLIENT', 'KILL', 'USER', 'Default'],
      ['CLIENT', 'KILL', 'TYPE', 'foo'],
      ['CLIENT', 'KILL', 'TYPE', 'pubsub'],
      ['CLIENT', 'KILL', 'TYPE', 'master'],
      ['CLIENT', 'KILL', 'TYPE', 'replica'],
      ['CLIENT', 'KILL', 'TYPE', 'slave'],
      ['CLIENT', 'KILL', 'SKIPME', 'maybe'],
      ['CLIENT', 'KILL', 'SKIPME', 'no', 'ID'],
      ['CLIENT', 'KILL', 'FOO', 'bar'],
      ['CLIENT', 'KILL', 'ID', '1', 'x'],
      ['CLIENT', 'KILL', 'MAXAGE', '5'],
      ['CLIENT', 'KILL', 'ID', 'x', 'TYPE', 'foo'],
      ['CLIENT', 'KILL', 'TYPE', 'foo', 'ID', 'x'],
      ['CLIENT', 'KILL', 'ID', '999999', 'SKIPME', 'yes', 'ADDR', 'x', 'LADDR', 'y', 'USER', 'default', 'TYPE', 'normal'],
      ['PING'],
    ],
  },

  // ---- CLIENT REPLY ----
  {
    name: 'CLIENT REPLY errors',
    steps: [['CLIENT', 'REPLY'], ['CLIENT', 'REPLY', 'foo'], ['CLIENT', 'REPLY', 'on', 'x'], ['CLIENT', 'REPLY', 'ON'], ['client', 'reply', 'on']],
  },
  { name: 'CLIENT REPLY SKIP mutes the next command only', steps: [batch([['CLIENT', 'REPLY', 'SKIP'], ['PING', 'a'], ['PING', 'b']], 1), ['PING', 'c']] },
  {
    name: 'CLIENT REPLY OFF mutes until ON (errors included)',
    steps: [
      batch(
        [['CLIENT', 'REPLY', 'OFF'], ['PING', 'a'], ['GET'], ['NOSUCH'], ['CLIENT', 'REPLY', 'SKIP'], ['PING', 'b'], ['CLIENT', 'REPLY', 'ON'], ['PING', 'c']],
        2,
      ),
    ],
  },
  {
    name: 'CLIENT REPLY ON right after SKIP still replies',
    steps: [batch([['CLIENT', 'REPLY', 'SKIP'], ['CLIENT', 'REPLY', 'ON'], ['PING', 'd']], 2)],
  },
  {
    name: 'CLIENT REPLY SKIP twice, and SKIP then OFF',
    steps: [
      batch([['CLIENT', 'REPLY', 'SKIP'], ['CLIENT', 'REPLY', 'SKIP'], ['PING', 'f'], ['PING', 'g']], 1),
      batch([['CLIENT', 'REPLY', 'SKIP'], ['CLIENT', 'REPLY', 'OFF'], ['PING', 'h'], ['CLIENT', 'REPLY', 'ON']], 1),
      ['PING', 'i'],
    ],
  },
  {
    name: 'CLIENT REPLY SKIP mutes a rejected command too',
    steps: [batch([['CLIENT', 'REPLY', 'SKIP'], ['GET'], ['PING', 'j']], 1)],
  },
  { name: 'CLIENT REPLY in RESP3', resp3: true, steps: [batch([['CLIENT', 'REPLY', 'OFF'], ['PING'], ['CLIENT', 'REPLY', 'ON']], 1)] },

  // ---- CLIENT NO-EVICT ----
  {
    name: 'CLIENT NO-EVICT',
    steps: [
      ['CLIENT', 'NO-EVICT'],
      ['CLIENT', 'NO-EVICT', 'maybe'],
      ['CLIENT', 'NO-EVICT', 'on', 'x'],
      ['CLIENT', 'NO-EVICT', 'ON'],
      ['CLIENT', 'no-evict', 'off'],
      ['CLIENT', 'NO-EVICT', 'On'],
    ],
  },
];

differential('connection commands', cases);

// ---- with requirepass ---------------------------------------------------------------------

const authCases: Case[] = [
  {
    name: 'commands before AUTH are refused',
    steps: [['PING'], ['ECHO', 'a'], ['SELECT', '1'], ['CLIENT', 'ID'], ['CLIENT', 'SETNAME', 'x'], ['CLIENT', 'NO-EVICT', 'on']],
  },
  {
    name: 'arity is checked before authentication',
    steps: [['GET'], ['CLIENT'], ['AUTH']],
  },
  {
    name: 'HELLO before authentication',
    steps: [['HELLO'], ['HELLO', '3'], ['HELLO', '2'], ['HELLO', '4'], ['HELLO', 'x'], ['HELLO', '3', 'FOO'], ['PING']],
  },
  {
    name: 'HELLO 3 AUTH with a wrong password',
    steps: [['HELLO', '3', 'AUTH', 'default', 'wrong'], ['HELLO', '3', 'AUTH', 'wrong', 'pass'], ['HELLO', '3', 'AUTH', 'DEFAULT', 'pw'], ['PING']],
  },
  {
    name: 'HELLO 3 AUTH authenticates and switches protocol',
    steps: [shape(['HELLO', '3', 'AUTH', 'default', 'pw']), ['PING'], ['CLIENT', 'GETNAME'], shape(['HELLO', '2']), ['CLIENT', 'GETNAME']],
  },
  {
    name: 'HELLO AUTH with SETNAME',
    steps: [shape(['HELLO', '2', 'AUTH', 'default', 'pw', 'SETNAME', 'named']), ['CLIENT', 'GETNAME']],
  },
  {
    name: 'HELLO sets the name before the authentication check fails',
    steps: [['HELLO', '3', 'SETNAME', 'n'], ['AUTH', 'pw'], ['CLIENT', 'GETNAME'], ['CLIENT', 'GETNAME', 'x']],
  },
  {
    name: 'HELLO AUTH then a syntax error stays authenticated',
    steps: [['HELLO', '3', 'SETNAME', 'nn', 'AUTH', 'default', 'pw', 'FOO'], ['CLIENT', 'GETNAME'], ['PING']],
  },
  {
    name: 'AUTH forms',
    steps: [
      ['AUTH', 'wrong'],
      ['PING'],
      ['AUTH', 'foo', 'pw'],
      ['AUTH', 'DEFAULT', 'pw'],
      ['AUTH', 'default', 'wrong'],
      ['AUTH', 'a', 'b', 'c'],
      ['AUTH', 'pw'],
      ['PING'],
      ['AUTH', 'default', 'pw'],
      ['AUTH', 'wrong'],
      ['PING'],
    ],
  },
  {
    name: 'AUTH in RESP3 after HELLO AUTH',
    steps: [shape(['HELLO', '3', 'AUTH', 'default', 'pw']), ['AUTH', 'nope'], ['AUTH', 'pw'], ['CLIENT', 'GETNAME']],
  },
  {
    name: 'RESET logs out',
    steps: [['AUTH', 'pw'], ['SELECT', '2'], ['RESET'], ['PING'], ['AUTH', 'pw'], ['PING']],
  },
  { name: 'RESET before authentication', steps: [['RESET'], ['PING']] },
  { name: 'QUIT before authentication', steps: [untilClose(['QUIT'])] },
];

differential('connection commands with requirepass', authCases, {
  memoraConfig: { requirepass: 'pw' },
  redisArgs: ['--requirepass', 'pw'],
});

// ---- structured comparisons: CLIENT LIST / INFO / HELLO / KILL ----------------------------

type Fields = [string, string][];

function parseInfoLine(line: string): Fields {
  return line.split(' ').map((kv) => {
    const eq = kv.indexOf('=');
    assert.ok(eq > 0, `field without '=': ${JSON.stringify(kv)} in ${JSON.stringify(line)}`);
    return [kv.slice(0, eq), kv.slice(eq + 1)];
  });
}

/** The text of a bulk (RESP2) or verbatim (RESP3) reply. */
function textOf(frame: Buffer): string {
  const s = frame.toString('latin1');
  const nl = s.indexOf('\r\n');
  const t = s[0];
  assert.ok(t === '$' || t === '=', `bulk or verbatim reply expected, got ${JSON.stringify(s)}`);
  const body = s.slice(nl + 2, s.length - 2);
  return t === '=' ? body.slice(4) : body;
}

function linesOf(frame: Buffer): Fields[] {
  const text = textOf(frame);
  assert.ok(text === '' || text.endsWith('\n'), 'every line ends with \\n');
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map(parseInfoLine);
}

function field(f: Fields, name: string): string {
  const kv = f.find(([k]) => k === name);
  assert.ok(kv, `field ${name} missing`);
  return kv[1];
}

/** Fields whose value depends on ids, ports, timing or allocator details. */
const VOLATILE = new Set(['id', 'addr', 'laddr', 'fd', 'age', 'idle', 'qbuf', 'qbuf-free', 'rbs', 'rbp', 'tot-mem', 'omem', 'obl', 'oll']);

function stable(f: Fields): Fields {
  return f.filter(([k]) => !VOLATILE.has(k));
}

const SKIP_DIFF = skipDifferential();

describe('CLIENT LIST / INFO / HELLO / KILL against redis-server (structured)', { skip: SKIP_DIFF }, () => {
  const servers = sideBySide();
  const pair = (): Promise<[RawClient, RawClient]> => servers.pair();
  async function both(m: RawClient, r: RawClient, argv: string[]): Promise<[Buffer, Buffer]> {
    return Promise.all([m.command(argv), r.command(argv)]);
  }

  it('CLIENT LIST lines have the same field names in the same order', async () => {
    const [m1, r1] = await pair();
    const [m2, r2] = await pair();
    await both(m2, r2, ['CLIENT', 'SETNAME', 'other']);
    const [lm, lr] = await both(m1, r1, ['CLIENT', 'LIST']);
    const mem = linesOf(lm);
    const red = linesOf(lr);
    assert.ok(mem.length >= 2 && red.length >= 2);
    const names = (red[0] as Fields).map(([k]) => k);
    for (const line of [...mem, ...red]) assert.deepEqual(line.map(([k]) => k), names);
    // Same for CLIENT INFO, in RESP2 and RESP3.
    for (const resp3 of [false, true]) {
      if (resp3) await both(m1, r1, ['HELLO', '3']);
      const [im, ir] = await both(m1, r1, ['CLIENT', 'INFO']);
      assert.equal(im[0], ir[0], 'reply type');
      const fm = linesOf(im);
      const fr = linesOf(ir);
      assert.equal(fm.length, 1);
      assert.deepEqual((fm[0] as Fields).map(([k]) => k), names);
      assert.deepEqual(stable(fm[0] as Fields), stable(fr[0] as Fields));
    }
  });

  it('CLIENT INFO values follow SELECT, SETNAME, HELLO, NO-EVICT and RESET', async () => {
    const [m, r] = await pair();
    const info = async (): Promise<void> => {
      const [im, ir] = await both(m, r, ['CLIENT', 'INFO']);
      assert.deepEqual(stable(linesOf(im)[0] as Fields), stable(linesOf(ir)[0] as Fields));
    };
    await info();
    await both(m, r, ['SELECT', '5']);
    await both(m, r, ['CLIENT', 'SETNAME', 'worker-1']);
    await info();
    await both(m, r, ['HELLO', '3']);
    await both(m, r, ['CLIENT', 'NO-EVICT', 'on']);
    await info();
    await both(m, r, ['RESET']);
    await info(); // NO-EVICT survives RESET in 7.0
    await both(m, r, ['CLIENT', 'NO-EVICT', 'off']);
    await info();
  });

  it('CLIENT LIST shows other clients: name, db, resp and their last command', async () => {
    const [m1, r1] = await pair();
    const [m2, r2] = await pair();
    await both(m2, r2, ['SELECT', '7']);
    await both(m2, r2, ['HELLO', '3', 'SETNAME', 'peer']);
    await both(m2, r2, ['SET', 'k', 'v']);
    const [idm, idr] = await both(m2, r2, ['CLIENT', 'ID']);
    const [lm, lr] = await Promise.all([
      m1.command(['CLIENT', 'LIST', 'ID', idm.toString().slice(1, -2)]),
      r1.command(['CLIENT', 'LIST', 'ID', idr.toString().slice(1, -2)]),
    ]);
    const fm = linesOf(lm);
    const fr = linesOf(lr);
    assert.equal(fm.length, 1);
    assert.equal(fr.length, 1);
    assert.deepEqual(stable(fm[0] as Fields), stable(fr[0] as Fields));
    assert.equal(field(fm[0] as Fields, 'cmd'), 'client|id');
    assert.equal(field(fm[0] as Fields, 'name'), 'peer');
  });

  it('a client that has run nothing known shows cmd=NULL', async () => {
    const [m1, r1] = await pair();
    const [m2, r2] = await pair();
    await both(m2, r2, ['NOSUCHCOMMAND']);
    // The newest connection is the last line (clients are listed by id).
    const [lm, lr] = await both(m1, r1, ['CLIENT', 'LIST']);
    const fm = linesOf(lm).at(-1) as Fields;
    const fr = linesOf(lr).at(-1) as Fields;
    assert.equal(field(fm, 'cmd'), 'NULL');
    assert.deepEqual(stable(fm), stable(fr));
  });

  it('an unknown command resets the last command to NULL', async () => {
    const [m1, r1] = await pair();
    const [m2, r2] = await pair();
    const [idm, idr] = await both(m2, r2, ['CLIENT', 'ID']);
    await both(m2, r2, ['NOSUCHCOMMAND']);
    const [lm, lr] = await Promise.all([
      m1.command(['CLIENT', 'LIST', 'ID', idm.toString().slice(1, -2)]),
      r1.command(['CLIENT', 'LIST', 'ID', idr.toString().slice(1, -2)]),
    ]);
    assert.deepEqual(stable(linesOf(lm)[0] as Fields), stable(linesOf(lr)[0] as Fields));
  });

  it('a rejected command (wrong arity) still counts as the last command', async () => {
    const [m1, r1] = await pair();
    const [m2, r2] = await pair();
    const [idm, idr] = await both(m2, r2, ['CLIENT', 'ID']);
    await both(m2, r2, ['GET']);
    const [lm, lr] = await Promise.all([
      m1.command(['CLIENT', 'LIST', 'ID', idm.toString().slice(1, -2)]),
      r1.command(['CLIENT', 'LIST', 'ID', idr.toString().slice(1, -2)]),
    ]);
    assert.deepEqual(stable(linesOf(lm)[0] as Fields), stable(linesOf(lr)[0] as Fields));
  });

  it('CLIENT LIST ID keeps the order of the ids given, repeats included', async () => {
    const [m1, r1] = await pair();
    const [m2, r2] = await pair();
    const ids = async (c: RawClient): Promise<string> => (await c.command(['CLIENT', 'ID'])).toString().slice(1, -2);
    for (const [a, b] of [
      [m1, m2],
      [r1, r2],
    ] as const) {
      const ia = await ids(a);
      const ib = await ids(b);
      const list = linesOf(await a.command(['CLIENT', 'LIST', 'ID', ib, '999999', ia, ib]));
      assert.deepEqual(
        list.map((f) => field(f, 'id')),
        [ib, ia, ib],
      );
    }
  });

  it('HELLO replies equal apart from the client id, which equals CLIENT ID', async () => {
    const [m, r] = await pair();
    for (const argv of [['HELLO'], ['HELLO', '3'], ['HELLO'], ['HELLO', '2', 'SETNAME', 'h']]) {
      const [hm, hr] = await both(m, r, argv);
      const [cm, cr] = await both(m, r, ['CLIENT', 'ID']);
      const idm = cm.toString().slice(1, -2);
      const idr = cr.toString().slice(1, -2);
      const mask = (b: Buffer, id: string): string => b.toString('latin1').replace(`$2\r\nid\r\n:${id}\r\n`, '$2\r\nid\r\n:ID\r\n');
      assert.ok(hm.toString('latin1').includes(`:${idm}\r\n`));
      assert.equal(mask(hm, idm), mask(hr, idr), `${argv.join(' ')}`);
    }
  });

  it('CLIENT KILL ID / ADDR / old form close the other connection', async () => {
    for (const form of ['id', 'addr', 'old', 'laddr+id', 'user+id'] as const) {
      const [m1, r1] = await pair();
      const [m2, r2] = await pair();
      for (const [killer, victim] of [
        [m1, m2],
        [r1, r2],
      ] as const) {
        const vid = (await victim.command(['CLIENT', 'ID'])).toString().slice(1, -2);
        const vinfo = linesOf(await victim.command(['CLIENT', 'INFO']))[0] as Fields;
        const addr = field(vinfo, 'addr');
        const laddr = field(vinfo, 'laddr');
        let argv: string[];
        let expected: string;
        if (form === 'id') [argv, expected] = [['CLIENT', 'KILL', 'ID', vid], ':1\r\n'];
        else if (form === 'addr') [argv, expected] = [['CLIENT', 'KILL', 'ADDR', addr], ':1\r\n'];
        else if (form === 'laddr+id') [argv, expected] = [['CLIENT', 'KILL', 'LADDR', laddr, 'ID', vid], ':1\r\n'];
        else if (form === 'user+id') [argv, expected] = [['CLIENT', 'KILL', 'USER', 'default', 'ID', vid], ':1\r\n'];
        else [argv, expected] = [['CLIENT', 'KILL', addr], '+OK\r\n'];
        assert.equal((await killer.command(argv)).toString(), expected, `${form}`);
        assert.equal((await victim.readUntilClose()).toString(), '', `${form}: victim closed without a reply`);
        // The victim is gone from CLIENT LIST at once, and a second kill finds nothing.
        assert.equal(textOf(await killer.command(['CLIENT', 'LIST', 'ID', vid])), '');
        assert.equal((await killer.command(['CLIENT', 'KILL', 'ID', vid])).toString(), ':0\r\n');
        assert.equal((await killer.command(['PING'])).toString(), '+PONG\r\n');
      }
    }
  });

  it('CLIENT KILL of oneself: new form needs SKIPME no; the reply is sent, then the close', async () => {
    const [m, r] = await pair();
    for (const c of [m, r]) {
      const id = (await c.command(['CLIENT', 'ID'])).toString().slice(1, -2);
      assert.equal((await c.command(['CLIENT', 'KILL', 'ID', id])).toString(), ':0\r\n');
      assert.equal((await c.command(['CLIENT', 'KILL', 'ID', id, 'SKIPME', 'yes'])).toString(), ':0\r\n');
      c.write(encodeCommands([['CLIENT', 'KILL', 'ID', id, 'skipme', 'NO'], ['PING']]));
      assert.equal((await c.readUntilClose()).toString(), ':1\r\n');
    }
    const [m2, r2] = await pair();
    for (const c of [m2, r2]) {
      const addr = field(linesOf(await c.command(['CLIENT', 'INFO']))[0] as Fields, 'addr');
      c.write(encodeCommands([['CLIENT', 'KILL', addr], ['PING']]));
      assert.equal((await c.readUntilClose()).toString(), '+OK\r\n');
    }
  });
});

// ---- Memora only: ages from the (manual) clock --------------------------------------------

describe('CLIENT LIST age and idle follow the server clock', () => {
  let memora: MemoraHandle;
  before(async () => {
    memora = await startServer({ port: 0, manualClock: true, startTime: 1_700_000_000_000 });
  });
  after(async () => {
    await memora?.close();
  });

  it('age counts from the connection, idle from the last command', async () => {
    const a = await RawClient.connect(memora.port);
    const b = await RawClient.connect(memora.port);
    try {
      await b.command(['PING']);
      memora.advanceTime(5000);
      await a.command(['PING']);
      memora.advanceTime(2500);
      const lines = linesOf(await a.command(['CLIENT', 'LIST']));
      const mine = linesOf(await a.command(['CLIENT', 'INFO']))[0] as Fields;
      const other = lines.find((f) => field(f, 'id') !== field(mine, 'id')) as Fields;
      assert.equal(field(mine, 'age'), '7');
      assert.equal(field(mine, 'idle'), '0');
      assert.equal(field(mine, 'cmd'), 'client|info');
      assert.equal(field(other, 'age'), '7');
      assert.equal(field(other, 'idle'), '7');
      assert.equal(field(other, 'cmd'), 'ping');
      assert.equal(field(mine, 'argv-mem'), '10');
      assert.equal(field(other, 'argv-mem'), '0');
    } finally {
      a.close();
      b.close();
    }
  });
});
