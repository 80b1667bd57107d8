// The README's command coverage table must be what scripts/readme-commands.ts generates from the
// current command table (run `npm run readme:commands` after adding commands).
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { CommandRegistry } from '../../src/commands/registry.js';
import { cmd } from '../../src/commands/spec.js';
import { END_MARKER, START_MARKER, readmePath, renderCommandTable, updateReadme } from '../../scripts/readme-commands.js';

describe('README command coverage table', () => {
  it('is up to date with the command table (npm run readme:commands)', () => {
    const readme = fs.readFileSync(readmePath(), 'utf8');
    assert.ok(readme.includes(START_MARKER) && readme.includes(END_MARKER), 'README.md has the commands markers');
    const expected = updateReadme(readme, renderCommandTable(new CommandRegistry()));
    assert.ok(expected === readme, 'README.md command table is stale: run `npm run readme:commands`');
  });

  it('marks implemented commands and subcommands, and every other Redis command as not yet', () => {
    const noop = (): void => undefined;
    const registry = new CommandRegistry([
      [
        cmd('get', 2, ['readonly', 'fast'], [1, 1, 1], ['read', 'string', 'fast'], 'string', noop),
        cmd('config', -2, [], [0, 0, 0], ['slow'], 'server', undefined, {
          subcommands: [cmd('get', -3, ['admin', 'noscript', 'loading', 'stale'], [0, 0, 0], ['admin', 'slow', 'dangerous'], 'server', noop)],
        }),
      ],
    ]);
    const table = renderCommandTable(registry);
    assert.match(table, /\| `GET` \| ✅ \|/);
    assert.match(table, /\| `SET` \| — \|/);
    assert.match(table, /\| `CONFIG` \| ✅ \|/);
    assert.match(table, /\| &nbsp;&nbsp;`CONFIG GET` \| ✅ \|/);
    assert.match(table, /\| &nbsp;&nbsp;`CONFIG SET` \| — \|/);
    assert.match(table, /implements 2 commands and 1 subcommands/);
    assert.match(table, /<summary>Strings: 1 of 22<\/summary>/);
  });

  it('replaces only the text between the markers, and refuses a README without them', () => {
    const before = `intro\n${START_MARKER}\nold\n${END_MARKER}\noutro\n`;
    assert.equal(updateReadme(before, 'NEW'), `intro\n${START_MARKER}\nNEW\n${END_MARKER}\noutro\n`);
    assert.throws(() => updateReadme('no markers', 'x'), /markers/);
  });
});
