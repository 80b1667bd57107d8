// Unit tests of the configuration table and its parser: Redis's value rules per kind, CONFIG SET's
// all-or-nothing semantics, CONFIG GET matching, CONFIG REWRITE, and the startup arguments.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Config, memtoull, cStrtoll, reprString } from '../../src/engine/config.js';
import { CONFIG_TABLE, keyspaceEventsFlagsToString, keyspaceEventsStringToFlags } from '../../src/engine/config-table.js';
import { optionsToConfigText, parseArgs } from '../../src/server/args.js';

const fresh = (): Config => new Config(CONFIG_TABLE);

function setOk(c: Config, name: string, value: string, startup = false): void {
  assert.equal(c.set(name, value, startup), null, `${name} ${JSON.stringify(value)}`);
}

describe('memtoull and strtoll', () => {
  it('parses units like Redis, wraps modulo 2^64, refuses signs and garbage', () => {
    assert.equal(memtoull('0'), 0n);
    assert.equal(memtoull(''), 0n);
    assert.equal(memtoull('kb'), 0n);
    assert.equal(memtoull('1k'), 1000n);
    assert.equal(memtoull('1KB'), 1024n);
    assert.equal(memtoull('2m'), 2000000n);
    assert.equal(memtoull('2Mb'), 2097152n);
    assert.equal(memtoull('1g'), 1000000000n);
    assert.equal(memtoull('1gb'), 1073741824n);
    assert.equal(memtoull('7b'), 7n);
    assert.equal(memtoull('00012'), 12n);
    assert.equal(memtoull('18446744073709551616'), 18446744073709551615n);
    assert.equal(memtoull('20000000000gb'), 3028092406290448384n);
    for (const bad of ['-1', '+1', ' 1', '1.5gb', '1tb', '1 gb', 'x']) assert.equal(memtoull(bad), null, bad);
  });

  it('strtoll skips leading spaces, takes a sign, saturates and reports where it stopped', () => {
    assert.deepEqual(cStrtoll('  -42x'), { value: -42n, end: 5, overflow: false });
    assert.deepEqual(cStrtoll('x'), { value: 0n, end: 0, overflow: false });
    assert.equal(cStrtoll('99999999999999999999').value, 9223372036854775807n);
    assert.equal(cStrtoll('777', 8).value, 511n);
    assert.equal(cStrtoll('8', 8).end, 0);
  });

  it('reprString escapes like sdscatrepr', () => {
    assert.equal(reprString('a b'), '"a b"');
    assert.equal(reprString('q"\\\n\r\t\x07\x08\x01\xff'), '"q\\"\\\\\\n\\r\\t\\a\\b\\x01\\xff"');
  });
});

describe('Config values', () => {
  it('every default in the table is valid and CONFIG GET * has 192 entries like redis-server 7.0.15', () => {
    const c = fresh();
    assert.equal(c.getMatches(['*']).length, 192);
    assert.equal(c.get('bind'), '127.0.0.1 -::1');
    assert.equal(c.get('dir'), path.resolve('./data'));
    assert.equal(c.get('save'), '3600 1 300 100 60 10000');
  });

  it('bools are yes/no in any case', () => {
    const c = fresh();
    setOk(c, 'protected-mode', 'NO');
    assert.equal(c.get('protected-mode'), 'no');
    assert.equal(c.set('protected-mode', '1'), "argument must be 'yes' or 'no'");
  });

  it('integers follow string2ll and the bounds of their C type', () => {
    const c = fresh();
    assert.equal(c.set('hz', '+5'), "argument couldn't be parsed into an integer");
    assert.equal(c.set('hz', '05'), "argument couldn't be parsed into an integer");
    assert.equal(c.set('hz', '-1'), 'argument must be between 0 and 2147483647 inclusive');
    assert.equal(c.set('maxclients', '0'), 'argument must be between 1 and 4294967295 inclusive');
    assert.equal(c.set('slowlog-log-slower-than', '-2'), 'argument must be between -1 and 9223372036854775807 inclusive');
    setOk(c, 'list-max-ziplist-size', '-2147483648');
    assert.equal(c.get('list-max-listpack-size'), '-2147483648');
  });

  it('hz is kept within 1..500 and repl-backlog-size at least 16kb at runtime', () => {
    const c = fresh();
    setOk(c, 'hz', '0');
    assert.equal(c.get('hz'), '1');
    setOk(c, 'hz', '100000');
    assert.equal(c.get('hz'), '500');
    setOk(c, 'repl-backlog-size', '1');
    assert.equal(c.get('repl-backlog-size'), '16384');
    setOk(c, 'repl-backlog-size', '1', true);
    assert.equal(c.get('repl-backlog-size'), '1');
  });

  it('memory values: units, unsigned vs signed bounds', () => {
    const c = fresh();
    setOk(c, 'maxmemory', '1GB');
    assert.equal(c.get('maxmemory'), '1073741824');
    setOk(c, 'maxmemory', '18446744073709551615');
    assert.equal(c.get('maxmemory'), '18446744073709551615');
    assert.equal(c.set('maxmemory', '-1'), 'argument must be a memory value');
    assert.equal(c.set('proto-max-bulk-len', '18446744073709551615'), 'argument must be between 1048576 and 9223372036854775807 inclusive');
    assert.equal(c.set('hash-max-listpack-value', '9223372036854775808'), 'argument must be between 0 and 9223372036854775807 inclusive');
  });

  it('percent and octal values', () => {
    const c = fresh();
    setOk(c, 'maxmemory-clients', '10%');
    assert.equal(c.get('maxmemory-clients'), '10%');
    setOk(c, 'maxmemory-clients', '0%');
    assert.equal(c.get('maxmemory-clients'), '0');
    assert.equal(c.set('maxmemory-clients', '101%'), 'percentage argument must be less or equal to 100');
    assert.equal(c.set('maxmemory-clients', '1.5%'), 'argument must be a memory or percent value');
    setOk(c, 'unixsocketperm', '700', true);
    assert.equal(c.get('unixsocketperm'), '700');
    assert.equal(c.set('unixsocketperm', '8', true), "argument couldn't be parsed as an octal number");
    assert.equal(c.set('unixsocketperm', '1000', true), 'argument must be between 0 and 777 inclusive');
    assert.equal(c.set('unixsocketperm', '700'), "can't set immutable config");
  });

  it('enums: any case, synonyms print as the first name, flag enums combine', () => {
    const c = fresh();
    setOk(c, 'appendfsync', 'ALWAYS');
    assert.equal(c.get('appendfsync'), 'always');
    assert.equal(c.set('appendfsync', 'x'), 'argument(s) must be one of the following: everysec, always, no');
    setOk(c, 'oom-score-adj', 'relative');
    assert.equal(c.get('oom-score-adj'), 'yes');
    setOk(c, 'shutdown-on-sigint', 'force now');
    assert.equal(c.get('shutdown-on-sigint'), 'now force');
    setOk(c, 'shutdown-on-sigint', 'default');
    assert.equal(c.get('shutdown-on-sigint'), 'default');
    assert.equal(c.set('shutdown-on-sigint', 'save nosave'), "shutdown options SAVE and NOSAVE can't be used simultaneously");
  });

  it('notify-keyspace-events classes are normalised as Redis prints them', () => {
    for (const [given, shown] of [
      ['KEA', 'AKE'],
      ['Elgx', 'glxE'],
      ['Adnm', 'Am'],
      ['g$lshzxetK', 'g$lshzxetK'],
      ['g$lshzxetdK', 'AK'],
      ['', ''],
    ]) {
      assert.equal(keyspaceEventsFlagsToString(keyspaceEventsStringToFlags(given as string)), shown, given);
    }
    assert.equal(keyspaceEventsStringToFlags('q'), -1);
  });

  it('save points: pairs, seconds >= 1, changes >= 0, "" for none', () => {
    const c = fresh();
    setOk(c, 'save', '100 10 200 20');
    assert.equal(c.get('save'), '100 10 200 20');
    setOk(c, 'save', '');
    assert.equal(c.get('save'), '');
    for (const bad of ['10', '0 1', '10 -1', '  ', '10x 1']) assert.equal(c.set('save', bad), 'Invalid save parameters', bad);
  });

  it('client-output-buffer-limit updates only the classes given', () => {
    const c = fresh();
    setOk(c, 'client-output-buffer-limit', 'pubsub 1mb 2mb 3 replica 1 2 3');
    assert.equal(c.get('client-output-buffer-limit'), 'normal 0 0 0 slave 1 2 3 pubsub 1048576 2097152 3');
    assert.equal(c.set('client-output-buffer-limit', 'master 1 2 3'), 'Invalid client class specified in buffer limit configuration.');
  });

  it('dir is absolute, and must exist when changed at runtime', () => {
    const c = fresh();
    setOk(c, 'dir', 'relative/dir', true);
    assert.equal(c.get('dir'), path.resolve('relative/dir'));
    assert.equal(c.set('dir', '/nonexistent-memora-dir'), 'No such file or directory');
    setOk(c, 'dir', os.tmpdir());
  });

  it('port and bind changes need an applier', () => {
    const c = fresh();
    assert.equal(c.set('port', '7000'), 'Unable to listen on this port. Check server logs.');
    assert.equal(c.get('port'), '6379');
    setOk(c, 'port', '6379');
    const seen: string[] = [];
    c.setApplier('port', (v, old) => {
      seen.push(`${old}->${v}`);
      return null;
    });
    setOk(c, 'port', '7000');
    assert.deepEqual(seen, ['6379->7000']);
  });
});

describe('Config.setMany (CONFIG SET)', () => {
  const allow = { allowProtected: false };

  it('sets everything or nothing, naming the argument that failed', () => {
    const c = fresh();
    assert.equal(
      c.setMany([['maxmemory', '1mb'], ['hz', 'x']], allow),
      "ERR CONFIG SET failed (possibly related to argument 'hz') - argument couldn't be parsed into an integer",
    );
    assert.equal(c.get('maxmemory'), '0');
    assert.equal(c.setMany([['maxmemory', '1mb'], ['HZ', '20']], allow), null);
    assert.equal(c.get('maxmemory'), '1048576');
    assert.equal(c.get('hz'), '20');
  });

  it('unknown names win over other errors; the first immutable or duplicate is reported as typed', () => {
    const c = fresh();
    assert.equal(c.setMany([['daemonize', 'no'], ['foo', 'x']], allow), "ERR CONFIG SET failed (possibly related to argument 'daemonize') - can't set immutable config");
    assert.equal(c.setMany([['foo', 'x'], ['daemonize', 'no']], allow), "ERR Unknown option or number of arguments for CONFIG SET - 'foo'");
    assert.equal(c.setMany([['hz', '1'], ['HZ', '2']], allow), "ERR CONFIG SET failed (possibly related to argument 'HZ') - duplicate parameter");
    assert.equal(c.setMany([['dir', '/tmp']], allow), "ERR CONFIG SET failed (possibly related to argument 'dir') - can't set protected config");
    assert.equal(c.setMany([['dir', os.tmpdir()]], { allowProtected: true }), null);
  });

  it('an applier failure restores every value and re-applies the old ones', () => {
    const c = fresh();
    const applied: string[] = [];
    c.setApplier('maxmemory', (v) => {
      applied.push(`maxmemory=${v}`);
      return null;
    });
    c.setApplier('hz', (v) => (v === '30' ? 'cannot' : null));
    assert.equal(c.setMany([['maxmemory', '5'], ['hz', '30']], allow), "ERR CONFIG SET failed (possibly related to argument 'hz') - cannot");
    assert.equal(c.get('maxmemory'), '0');
    assert.equal(c.get('hz'), '10');
    assert.deepEqual(applied, ['maxmemory=5', 'maxmemory=0']);
  });

  it('listeners hear each change once; sensitive values are reported for redaction', () => {
    const c = fresh();
    const heard: string[] = [];
    c.onChange((n, v) => heard.push(`${n}=${v}`));
    const sensitive: number[] = [];
    assert.equal(c.setMany([['requirepass', 'pw'], ['hz', '10'], ['masterauth', 'x']], { allowProtected: false, onSensitive: (i) => sensitive.push(i) }), null);
    assert.deepEqual(heard, ['requirepass=pw', 'masterauth=x']);
    assert.deepEqual(sensitive, [0, 2]);
  });
});

describe('Config.getMatches (CONFIG GET)', () => {
  it('exact names answer as typed; patterns match names and aliases, never hidden ones', () => {
    const c = fresh();
    assert.deepEqual(c.getMatches(['MAXMEMORY']), [['MAXMEMORY', '0']]);
    assert.deepEqual(c.getMatches(['watchdog-period']), [['watchdog-period', '0']]);
    assert.deepEqual(c.getMatches(['watchdog*']), []);
    assert.deepEqual(
      c.getMatches(['hash-max-*-entries']).map(([k]) => k).sort(),
      ['hash-max-listpack-entries', 'hash-max-ziplist-entries'],
    );
    assert.equal(c.getMatches(['maxmemory', 'maxmemory*']).length, 5);
    assert.equal(c.getMatches(['maxmemory', 'maxmemory']).length, 1);
  });
});

describe('CONFIG REWRITE', () => {
  it('keeps comments and unknown directives, replaces lines in place, appends the rest', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'memora-rewrite-'));
    try {
      const file = path.join(dir, 'm.conf');
      fs.writeFileSync(
        file,
        `# my config\nport 7000\nsave ""\n\n\n# two\nhash-max-ziplist-entries 100\nmaxmemory 100mb\nmaxmemory 200mb\nsave 100 1\ninclude ${dir}/other.conf\n`,
      );
      fs.writeFileSync(path.join(dir, 'other.conf'), 'hz 11\n');
      const c = fresh();
      setOk(c, 'port', '7000', true);
      setOk(c, 'save', '100 1', true);
      setOk(c, 'hash-max-listpack-entries', '100', true);
      setOk(c, 'maxmemory', '1gb');
      setOk(c, 'notify-keyspace-events', 'KEA');
      setOk(c, 'client-output-buffer-limit', 'pubsub 1mb 2mb 3');
      setOk(c, 'ignore-warnings', 'a b');
      setOk(c, 'dir', dir);
      c.rewrite(file);
      assert.equal(
        fs.readFileSync(file, 'latin1'),
        [
          '# my config',
          'port 7000',
          'save 100 1',
          '',
          '# two',
          'hash-max-listpack-entries 100',
          'maxmemory 1gb',
          '',
          `include ${dir}/other.conf`,
          '',
          '# Generated by CONFIG REWRITE',
          'ignore-warnings "a b"',
          `dir ${reprString(dir)}`,
          'client-output-buffer-limit pubsub 1mb 2mb 3',
          'notify-keyspace-events "AKE"',
          'latency-tracking-info-percentiles 50 99 99.9',
          '',
        ].join('\n'),
      );
      // The rewritten file loads back to the same values.
      const again = parseArgs([file], (p) => fs.readFileSync(p, 'latin1'));
      assert.ok('config' in again);
      assert.equal(again.config.get('maxmemory'), '1073741824');
      assert.equal(again.config.get('notify-keyspace-events'), 'AKE');
      assert.equal(again.config.get('hz'), '11');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('startup arguments', () => {
  const files: Record<string, string> = {
    '/etc/m.conf': 'port 7000\n# comment\n  maxmemory 1mb  \nsave 10 1\nsave 20 2\ninclude /etc/inc.conf\n',
    '/etc/inc.conf': 'hz 20\nsave 30 3\n',
    '/etc/bad.conf': 'port 7000\n\nfoo bar\n',
    '/etc/quotes.conf': 'requirepass "a b\\x41"\nport "7001\n',
  };
  const read = (p: string): string => {
    const f = files[p];
    if (f === undefined) throw Object.assign(new Error('nope'), { code: 'ENOENT' });
    return f;
  };
  const parse = (argv: string[]) => parseArgs(argv, { readFile: read, cwd: '/etc' });

  it('--version and --help', () => {
    const v = parse(['--version']);
    assert.ok('exit' in v && v.exit === 0 && /v=\d+\.\d+\.\d+ redis_version=7\.0\.15/.test(v.stdout ?? ''));
    const h = parse(['-h']);
    assert.ok('exit' in h && h.exit === 0 && (h.stdout ?? '').startsWith('Usage: memora-server'));
  });

  it('options become config lines, values quoted; --save alone means no save points', () => {
    assert.deepEqual(optionsToConfigText(['--port', '7000', '--bind', '127.0.0.1', '::1']), {
      text: 'port "7000" \nbind "127.0.0.1" "::1" ',
      stdin: false,
    });
    assert.equal(optionsToConfigText(['--save', '--port', '1']).text, 'save ""\nport "1" ');
    assert.equal(optionsToConfigText(['--save']).text, 'save ""');
    assert.equal(optionsToConfigText(['--requirepass', '--x']).text, 'requirepass "--x" ');
    assert.equal(optionsToConfigText(['--port 7000', '--hz', '5']).text, 'port 7000 \nhz "5" ');
    assert.equal(optionsToConfigText(['-', '--hz', '5']).stdin, true);
  });

  it('a config file, includes, repeated save lines, then options', () => {
    const r = parse(['m.conf', '--maxmemory', '2mb', '--save', '40', '4']);
    assert.ok('config' in r, JSON.stringify(r));
    assert.equal(r.configFile, '/etc/m.conf');
    assert.equal(r.config.get('port'), '7000');
    assert.equal(r.config.get('maxmemory'), '2097152');
    assert.equal(r.config.get('hz'), '20');
    assert.equal(r.config.get('save'), '10 1 20 2 30 3 40 4');
  });

  it('no arguments: nothing set, no config file', () => {
    const r = parse([]);
    assert.ok('config' in r);
    assert.equal(r.config.size, 0);
    assert.equal(r.configFile, null);
  });

  it('fatal errors: the line, its number and Redis\'s message', () => {
    const bad = parse(['bad.conf']);
    assert.deepEqual(bad, {
      exit: 1,
      stderr: "\n*** FATAL CONFIG FILE ERROR (Redis 7.0.15) ***\nReading the configuration file, at line 3\n>>> 'foo bar'\nBad directive or wrong number of arguments\n",
    });
    const q = parse(['quotes.conf']);
    assert.ok('exit' in q && (q.stderr ?? '').includes(">>> 'port \"7001'\nUnbalanced quotes in configuration line\n"));
    const flag = parse(['--port', 'abc']);
    assert.ok('exit' in flag && (flag.stderr ?? '').includes("at line 2\n>>> 'port \"abc\"'\nargument couldn't be parsed into an integer\n"));
    const two = parse(['--port', '1', '2']);
    assert.ok('exit' in two && (two.stderr ?? '').endsWith("'port \"1\" \"2\"'\nwrong number of arguments\n"));
    const save = parse(['--save', '10']);
    assert.ok('exit' in save && (save.stderr ?? '').endsWith('Invalid save parameters\n'));
    const missing = parse(['nope.conf']);
    assert.deepEqual(missing, { exit: 1, stderr: "Fatal error, can't open config file '/etc/nope.conf': No such file or directory\n" });
  });

  it('deprecated directives are ignored; multi-argument ones join their arguments', () => {
    const r = parse(['--list-max-ziplist-entries', '5', '--bind', '127.0.0.1', '-::1', '--client-output-buffer-limit', 'pubsub', '1', '2', '3']);
    assert.ok('config' in r, JSON.stringify(r));
    assert.equal(r.config.get('bind'), '127.0.0.1 -::1');
    assert.equal(r.config.get('client-output-buffer-limit'), 'normal 0 0 0 slave 268435456 67108864 60 pubsub 1 2 3');
    assert.ok(!r.config.has('list-max-ziplist-entries'));
  });
});
