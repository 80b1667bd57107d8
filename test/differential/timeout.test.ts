// Blocking-command timeout parsing (getTimeoutFromObjectOrReply) against a real redis-server:
// long double seconds times 1000 converted as C converts it, and the integer-ms form.
import { differential, type Case } from '../helpers/differential.js';

const cases: Case[] = [
  {
    name: 'bad, negative and overflowing timeouts',
    steps: [
      ['BLPOP', 'k', 'abc'],
      ['BLPOP', 'k', ''],
      ['BLPOP', 'k', ' 1'],
      ['BLPOP', 'k', 'nan'],
      ['BLPOP', 'k', '-1'],
      ['BLPOP', 'k', '-0.01'],
      ['BLPOP', 'k', 'inf'],
      ['BLPOP', 'k', '-inf'],
      ['BLPOP', 'k', '1e16'],
      ['BLPOP', 'k', '9223372036854775807'],
      ['BLPOP', 'k', '1e5000'],
      ['BZPOPMIN', 'k', '-5'],
      ['BLMOVE', 'a', 'b', 'LEFT', 'RIGHT', 'x'],
    ],
  },
  {
    name: 'tiny positive and negative timeouts that truncate to zero ms are accepted (served at once here)',
    steps: [['RPUSH', 'k', 'a', 'b', 'c', 'd'], ['BLPOP', 'k', '-0.0001'], ['BLPOP', 'k', '-0.001'], ['BLPOP', 'k', '0.0001'], ['BLPOP', 'k', '0x10']],
  },
];

differential('blocking timeouts', cases);
