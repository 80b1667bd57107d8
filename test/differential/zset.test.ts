// Differential tests of the sorted set commands against a real redis-server 7.0.15: every
// command, option and error byte for byte, RESP3 shapes, OBJECT ENCODING across the listpack ->
// skiplist thresholds (CONFIG SET on both servers, restored at the end of each case), random
// replies by shape. A second suite drives blocked clients (BZPOPMIN/BZPOPMAX/BZMPOP served by a
// write from another connection, timeouts, MULTI) and keyspace events over two connections per
// server, and checks what Memora propagates for the pops.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { differential, sideBySide, type Case, type Step } from '../helpers/differential.js';
import { RawClient } from '../helpers/raw-client.js';
import { redisServerAvailable } from '../helpers/real-redis.js';
import { startServer } from '../../src/index.js';

const ALL_BYTES = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i)).join('');
const BIN = '\x00a\xff\r\n';

/** A random reply: compared by type and length only. */
const shape = (...cmd: string[]): Step => ({ cmd, compare: 'shape' });
const enc = (key: string): Step => ['OBJECT', 'ENCODING', key];
const entries = (n: number | string): Step => ['CONFIG', 'SET', 'zset-max-listpack-entries', String(n)];
const value = (n: number | string): Step => ['CONFIG', 'SET', 'zset-max-listpack-value', String(n)];
const restore: Step[] = [entries(128), value(64)];
/** ZADD key 1 m1 2 m2 ... n mn */
const zaddN = (key: string, n: number, prefix = 'm'): Step => [
  'ZADD',
  key,
  ...Array.from({ length: n }, (_, i) => [String(i + 1), prefix + (i + 1)]).flat(),
];

const STRING_KEY: Step = ['SET', 'str', 'v'];

const cases: Case[] = [
  // ---- ZADD / ZINCRBY --------------------------------------------------------------------
  {
    name: 'ZADD basics: add, update, reply counts, ordering by score then member',
    steps: [
      ['ZADD', 'z', '1', 'a'],
      ['ZADD', 'z', '2', 'b', '1', 'c', '0', 'd'],
      ['ZADD', 'z', '5', 'a', '1', 'e'],
      ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'],
      ['ZCARD', 'z'],
      ['ZADD', 'z', '1', 'x', '2', 'x'],
      ['ZSCORE', 'z', 'x'],
      ['zadd', 'z', '3', 'A'],
      ['ZRANGE', 'z', '0', '-1'],
      ['ZADD', 'z', '3', 'a', '3', 'a'],
    ],
  },
  {
    name: 'ZADD options NX XX CH GT LT INCR and their combinations',
    steps: [
      ['ZADD', 'z', '10', 'a', '20', 'b'],
      ['ZADD', 'z', 'NX', '1', 'a', '1', 'c'],
      ['ZADD', 'z', 'XX', '11', 'a', '1', 'd'],
      ['ZADD', 'z', 'XX', 'CH', '12', 'a', '1', 'd'],
      ['ZADD', 'z', 'CH', '12', 'a', '30', 'b', '5', 'e'],
      ['ZADD', 'z', 'GT', 'CH', '1', 'a', '100', 'b', '3', 'f'],
      ['ZADD', 'z', 'LT', 'CH', '1', 'a', '200', 'b', '4', 'g'],
      ['ZADD', 'z', 'XX', 'GT', 'CH', '50', 'a', '50', 'nope'],
      ['ZADD', 'z', 'XX', 'LT', '0', 'a'],
      ['ZADD', 'z', 'gt', 'ch', '1000', 'b'],
      ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'],
      ['ZADD', 'z', 'INCR', '5', 'a'],
      ['ZADD', 'z', 'INCR', '5', 'new'],
      ['ZADD', 'z', 'NX', 'INCR', '5', 'a'],
      ['ZADD', 'z', 'XX', 'INCR', '5', 'missing'],
      ['ZADD', 'z', 'GT', 'INCR', '-1', 'a'],
      ['ZADD', 'z', 'LT', 'INCR', '-1', 'a'],
      ['ZADD', 'z', 'GT', 'INCR', '1', 'a'],
      ['ZADD', 'z', 'XX', 'INCR', '0', 'a'],
      ['ZADD', 'z', 'CH', 'INCR', '1', 'a'],
      ['ZADD', 'z', 'NX', 'NX', 'CH', 'CH', '1', 'h'],
      ['ZADD', 'missing', 'XX', '1', 'a'],
      ['ZADD', 'missing', 'XX', 'INCR', '1', 'a'],
      ['EXISTS', 'missing'],
      ['ZADD', 'created', 'GT', '1', 'a'],
      ['ZADD', 'created2', 'LT', 'INCR', '1', 'a'],
      ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'],
    ],
  },
  {
    name: 'ZADD errors: syntax, incompatible options, INCR pairs, bad scores, WRONGTYPE, arity',
    steps: [
      ['ZADD', 'z'],
      ['ZADD', 'z', '1'],
      ['ZADD', 'z', 'NX', '1'],
      ['ZADD', 'z', '1', 'a', '2'],
      ['ZADD', 'z', 'NX', 'XX', '1', 'a'],
      ['ZADD', 'z', 'NX', 'GT', '1', 'a'],
      ['ZADD', 'z', 'NX', 'LT', '1', 'a'],
      ['ZADD', 'z', 'GT', 'LT', '1', 'a'],
      ['ZADD', 'z', 'XX', 'GT', 'LT', '1', 'a'],
      ['ZADD', 'z', 'NX', 'XX', 'GT', '1', 'a', '2'],
      ['ZADD', 'z', 'INCR', '1', 'a', '2', 'b'],
      ['ZADD', 'z', 'NX', 'XX', 'INCR', '1', 'a', '2', 'b'],
      ['ZADD', 'z', 'x', 'a'],
      ['ZADD', 'z', 'nan', 'a'],
      ['ZADD', 'z', 'NaN', 'a'],
      ['ZADD', 'z', '1', 'a', 'x', 'b'],
      ['ZADD', 'z', '', 'a'],
      ['ZADD', 'z', ' 1', 'a'],
      ['ZADD', 'z', '1 ', 'a'],
      ['ZADD', 'z', '1e400', 'a'],
      ['ZADD', 'z', '-1e400', 'a'],
      ['ZADD', 'z', '1e-400', 'a'],
      ['ZADD', 'z', '1\x00', 'a'],
      ['EXISTS', 'z'],
      STRING_KEY,
      ['ZADD', 'str', '1', 'a'],
      ['ZADD', 'str', 'x', 'a'],
      ['ZADD', 'str', 'NX', 'XX', '1', 'a'],
      ['ZADD', 'str', 'XX', '1', 'a'],
      ['ZINCRBY', 'str', '1', 'a'],
      ['ZINCRBY', 'str', 'x', 'a'],
      ['ZINCRBY', 'z', '1'],
      ['ZINCRBY', 'z', '1', 'a', 'b'],
      ['ZINCRBY', 'z', 'x', 'a'],
      ['ZINCRBY', 'z', 'incr', 'a'],
      ['ZINCRBY', 'z', '5', 'nx'],
      ['ZINCRBY', 'z', 'nx', 'a'],
      ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'],
    ],
  },
  {
    name: 'ZADD/ZINCRBY scores: inf, hex, exponents, signs, NaN results, -0, float formatting',
    steps: [
      ['ZADD', 'z', 'inf', 'a', '-inf', 'b', '+inf', 'c', 'INFINITY', 'd', '-Infinity', 'e'],
      ['ZADD', 'z', '0x10', 'f', '0x1p-2', 'g', '+5', 'h', '1e3', 'i', '.5', 'j', '5.', 'k', '-.25', 'l'],
      ['ZADD', 'z', '0.1', 'm', '1.5e-300', 'n', '4.9e-324', 'o', '123456789012345678', 'p', '1e17', 'q', '3.0000000000000004', 'r'],
      ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'],
      ['ZADD', 'z', 'INCR', '-inf', 'a'],
      ['ZINCRBY', 'z', '+inf', 'b'],
      ['ZINCRBY', 'z', 'inf', 'a'],
      ['ZSCORE', 'z', 'a'],
      ['ZSCORE', 'z', 'b'],
      ['ZINCRBY', 'z', '0.1', 'm'],
      ['ZINCRBY', 'z', '0.2', 'm'],
      ['ZINCRBY', 'z', '-0.30000000000000004', 'm'],
      ['ZINCRBY', 'z', '1e308', 'q'],
      ['ZINCRBY', 'z', '1e308', 'q'],
      ['ZINCRBY', 'new', '-0', 'x'],
      ['ZSCORE', 'new', 'x'],
      ['ZADD', 'new', 'INCR', '-0', 'y'],
      ['ZSCORE', 'new', 'y'],
      ['ZADD', 'new', '-0', 'z'],
      ['ZSCORE', 'new', 'z'],
      ['ZRANGE', 'new', '0', '-1', 'WITHSCORES'],
    ],
  },
  {
    name: '-0 scores: 0 in a listpack, -0 in a skiplist, through conversions and stores',
    steps: [
      ['ZADD', 'lp', '-0', 'a', '0', 'b'],
      ['ZSCORE', 'lp', 'a'],
      ['ZRANGE', 'lp', '0', '-1', 'WITHSCORES'],
      entries(0),
      ['ZADD', 'sl', '-0', 'a', '0', 'b'],
      enc('sl'),
      ['ZSCORE', 'sl', 'a'],
      ['ZRANGE', 'sl', '0', '-1', 'WITHSCORES'],
      ['ZINCRBY', 'sl', '0', 'a'],
      ['ZADD', 'sl2', '-0', 'a'],
      ['ZADD', 'sl2', '0', 'a'],
      ['ZSCORE', 'sl2', 'a'],
      entries(128),
      ['ZUNIONSTORE', 'u', '1', 'sl'],
      enc('u'),
      ['ZSCORE', 'u', 'a'],
      ['ZUNION', '1', 'sl', 'WITHSCORES'],
      ['ZUNION', '1', 'lp', 'WEIGHTS', '-1', 'WITHSCORES'],
      ['ZINTER', '1', 'lp', 'WEIGHTS', '-1', 'WITHSCORES'],
      ['ZUNIONSTORE', 'u2', '1', 'lp', 'WEIGHTS', '-1'],
      ['ZSCORE', 'u2', 'a'],
      ['ZRANGESTORE', 'r', 'sl', '0', '-1'],
      enc('r'),
      ['ZSCORE', 'r', 'a'],
      ['ZPOPMIN', 'sl'],
      ['ZADD', 'z1', '1', 'a'],
      ['ZINCRBY', 'z1', '-1', 'a'],
      ['ZINCRBY', 'z1', '-0', 'a'],
      ...restore,
    ],
  },
  // ---- ZREM / ZCARD / ZSCORE / ZMSCORE / ZRANK ----------------------------------------------
  {
    name: 'ZREM, ZCARD, ZSCORE, ZMSCORE, ZRANK, ZREVRANK (and key removal when emptied)',
    steps: [
      ['ZADD', 'z', '1', 'a', '2', 'b', '3', 'c', '3', 'd'],
      ['ZREM', 'z', 'a', 'x', 'a'],
      ['ZCARD', 'z'],
      ['ZSCORE', 'z', 'b'],
      ['ZSCORE', 'z', 'nope'],
      ['ZSCORE', 'missing', 'b'],
      ['ZMSCORE', 'z', 'b', 'nope', 'd'],
      ['ZMSCORE', 'missing', 'a', 'b'],
      ['ZRANK', 'z', 'b'],
      ['ZRANK', 'z', 'd'],
      ['ZREVRANK', 'z', 'b'],
      ['ZREVRANK', 'z', 'd'],
      ['ZRANK', 'z', 'nope'],
      ['ZRANK', 'missing', 'x'],
      ['ZREVRANK', 'missing', 'x'],
      ['ZCARD', 'missing'],
      ['ZREM', 'missing', 'a'],
      ['ZREM', 'z', 'b', 'c', 'd', 'x'],
      ['EXISTS', 'z'],
      ['ZADD', '', '1', ''],
      ['ZSCORE', '', ''],
      ['ZRANK', '', ''],
      ['ZADD', BIN, '1', ALL_BYTES, '2', BIN],
      ['ZRANGE', BIN, '0', '-1', 'WITHSCORES'],
      ['ZSCORE', BIN, ALL_BYTES],
      ['ZREM', BIN, ALL_BYTES],
      ['ZRANGE', BIN, '0', '-1'],
    ],
  },
  {
    name: 'ZREM/ZCARD/ZSCORE/ZMSCORE/ZRANK: WRONGTYPE and arity',
    steps: [
      STRING_KEY,
      ['ZREM', 'str', 'a'],
      ['ZCARD', 'str'],
      ['ZSCORE', 'str', 'a'],
      ['ZMSCORE', 'str', 'a'],
      ['ZRANK', 'str', 'a'],
      ['ZREVRANK', 'str', 'a'],
      ['ZREM', 'z'],
      ['ZCARD'],
      ['ZCARD', 'a', 'b'],
      ['ZSCORE', 'z'],
      ['ZMSCORE', 'z'],
      ['ZRANK', 'z'],
      ['ZRANK', 'z', 'a', 'WITHSCORE'],
      ['ZREVRANK', 'z', 'a', 'WITHSCORE'],
    ],
  },
  // ---- ZCOUNT / ZLEXCOUNT ----------------------------------------------------------------
  {
    name: 'ZCOUNT ranges: inclusive, exclusive, infinities, loose float bounds, errors',
    steps: [
      ['ZADD', 'z', '1', 'a', '2', 'b', '3', 'c', '4', 'd', '5', 'e', '-inf', 'n', 'inf', 'p'],
      ['ZCOUNT', 'z', '2', '4'],
      ['ZCOUNT', 'z', '(2', '4'],
      ['ZCOUNT', 'z', '2', '(4'],
      ['ZCOUNT', 'z', '(2', '(4'],
      ['ZCOUNT', 'z', '(2', '(3'],
      ['ZCOUNT', 'z', '3', '3'],
      ['ZCOUNT', 'z', '(3', '3'],
      ['ZCOUNT', 'z', '4', '2'],
      ['ZCOUNT', 'z', '-inf', '+inf'],
      ['ZCOUNT', 'z', '(-inf', '(+inf'],
      ['ZCOUNT', 'z', '-INF', 'Infinity'],
      ['ZCOUNT', 'z', ' 2', '4'],
      ['ZCOUNT', 'z', '', '4'],
      ['ZCOUNT', 'z', '(', '4'],
      ['ZCOUNT', 'z', '0x2', '0x4'],
      ['ZCOUNT', 'z', '1e400', '+inf'],
      ['ZCOUNT', 'z', '-1e400', '(1e400'],
      ['ZCOUNT', 'z', '2\x00junk', '4'],
      ['ZCOUNT', 'z', '2 ', '4'],
      ['ZCOUNT', 'z', 'x', '4'],
      ['ZCOUNT', 'z', '2', 'nan'],
      ['ZCOUNT', 'z', '(nan', '4'],
      ['ZCOUNT', 'z', '[2', '4'],
      ['ZCOUNT', 'z', '((2', '4'],
      ['ZCOUNT', 'missing', '0', '1'],
      ['ZCOUNT', 'missing', 'x', '1'],
      STRING_KEY,
      ['ZCOUNT', 'str', '0', '1'],
      ['ZCOUNT', 'str', 'x', '1'],
      ['ZCOUNT', 'z', '0'],
    ],
  },
  {
    name: 'ZLEXCOUNT and lex range items: - + ( [ and invalid items',
    steps: [
      ['ZADD', 'z', '0', 'a', '0', 'b', '0', 'c', '0', 'd', '0', 'e', '0', ''],
      ['ZLEXCOUNT', 'z', '-', '+'],
      ['ZLEXCOUNT', 'z', '[b', '[d'],
      ['ZLEXCOUNT', 'z', '(b', '[d'],
      ['ZLEXCOUNT', 'z', '[b', '(d'],
      ['ZLEXCOUNT', 'z', '(b', '(c'],
      ['ZLEXCOUNT', 'z', '[c', '[c'],
      ['ZLEXCOUNT', 'z', '(c', '[c'],
      ['ZLEXCOUNT', 'z', '[d', '[b'],
      ['ZLEXCOUNT', 'z', '+', '-'],
      ['ZLEXCOUNT', 'z', '-', '-'],
      ['ZLEXCOUNT', 'z', '+', '+'],
      ['ZLEXCOUNT', 'z', '[', '+'],
      ['ZLEXCOUNT', 'z', '(', '+'],
      ['ZLEXCOUNT', 'z', '-', '(a'],
      ['ZLEXCOUNT', 'z', '[bb', '+'],
      ['ZLEXCOUNT', 'z', 'a', '+'],
      ['ZLEXCOUNT', 'z', '-x', '+'],
      ['ZLEXCOUNT', 'z', '-', '+x'],
      ['ZLEXCOUNT', 'z', '', '+'],
      ['ZLEXCOUNT', 'z', '1', '+'],
      ['ZLEXCOUNT', 'z', '+\x00', '-'],
      ['ZLEXCOUNT', 'missing', '-', '+'],
      ['ZLEXCOUNT', 'missing', 'x', '+'],
      STRING_KEY,
      ['ZLEXCOUNT', 'str', '-', '+'],
      ['ZLEXCOUNT', 'str', 'x', '+'],
      ['ZLEXCOUNT', 'z', '-'],
    ],
  },
  // ---- ZRANGE family -----------------------------------------------------------------------
  {
    name: 'ZRANGE by rank: negative and out-of-range indexes, REV, WITHSCORES',
    steps: [
      zaddN('z', 6),
      ['ZRANGE', 'z', '0', '-1'],
      ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'],
      ['ZRANGE', 'z', '2', '3'],
      ['ZRANGE', 'z', '-2', '-1'],
      ['ZRANGE', 'z', '-100', '1'],
      ['ZRANGE', 'z', '4', '100'],
      ['ZRANGE', 'z', '6', '10'],
      ['ZRANGE', 'z', '3', '2'],
      ['ZRANGE', 'z', '-1', '-2'],
      ['ZRANGE', 'z', '0', '-7'],
      ['ZRANGE', 'z', '0', '-6'],
      ['ZRANGE', 'z', '0', '9223372036854775807'],
      ['ZRANGE', 'z', '-9223372036854775808', '0'],
      ['ZRANGE', 'z', '0', '1', 'REV'],
      ['ZRANGE', 'z', '-2', '-1', 'REV', 'WITHSCORES'],
      ['ZRANGE', 'z', '0', '-1', 'rev', 'withscores'],
      ['ZREVRANGE', 'z', '0', '1'],
      ['ZREVRANGE', 'z', '1', '100', 'WITHSCORES'],
      ['ZREVRANGE', 'z', '5', '5'],
      ['ZRANGE', 'z', '0', '1', 'WITHSCORES', 'WITHSCORES'],
      ['ZRANGE', 'z', '0', '-1', 'LIMIT', '0', '-1'],
      ['ZRANGE', 'missing', '0', '-1'],
      ['ZREVRANGE', 'missing', '0', '-1'],
    ],
  },
  {
    name: 'ZRANGE BYSCORE / ZRANGEBYSCORE / ZREVRANGEBYSCORE with LIMIT edge cases',
    steps: [
      ['ZADD', 'z', '1', 'a', '2', 'b', '3', 'c', '4', 'd', '5', 'e', '5', 'f'],
      ['ZRANGE', 'z', '2', '4', 'BYSCORE'],
      ['ZRANGE', 'z', '(2', '4', 'BYSCORE', 'WITHSCORES'],
      ['ZRANGE', 'z', '4', '(2', 'BYSCORE', 'REV'],
      ['ZRANGE', 'z', '2', '4', 'BYSCORE', 'REV'],
      ['ZRANGE', 'z', '-inf', '+inf', 'BYSCORE', 'LIMIT', '1', '2'],
      ['ZRANGE', 'z', '+inf', '-inf', 'BYSCORE', 'REV', 'LIMIT', '1', '2', 'WITHSCORES'],
      ['ZRANGEBYSCORE', 'z', '-inf', '+inf'],
      ['ZRANGEBYSCORE', 'z', '(1', '(5', 'WITHSCORES'],
      ['ZRANGEBYSCORE', 'z', '5', '5'],
      ['ZRANGEBYSCORE', 'z', '(5', '5'],
      ['ZRANGEBYSCORE', 'z', '6', '7'],
      ['ZRANGEBYSCORE', 'z', '-inf', '0'],
      ['ZRANGEBYSCORE', 'z', '-inf', '+inf', 'LIMIT', '0', '0'],
      ['ZRANGEBYSCORE', 'z', '-inf', '+inf', 'LIMIT', '0', '-1'],
      ['ZRANGEBYSCORE', 'z', '-inf', '+inf', 'LIMIT', '2', '-5'],
      ['ZRANGEBYSCORE', 'z', '-inf', '+inf', 'LIMIT', '-1', '2'],
      ['ZRANGEBYSCORE', 'z', '-inf', '+inf', 'LIMIT', '5', '10'],
      ['ZRANGEBYSCORE', 'z', '-inf', '+inf', 'LIMIT', '6', '10'],
      ['ZRANGEBYSCORE', 'z', '-inf', '+inf', 'LIMIT', '100', '10'],
      ['ZRANGEBYSCORE', 'z', '2', '3', 'LIMIT', '1', '10'],
      ['ZRANGEBYSCORE', 'z', '2', '3', 'LIMIT', '2', '10'],
      ['ZRANGEBYSCORE', 'z', '-inf', '+inf', 'LIMIT', '1', '1', 'LIMIT', '2', '2'],
      ['ZRANGEBYSCORE', 'z', '-inf', '+inf', 'WITHSCORES', 'LIMIT', '0', '9223372036854775807'],
      ['ZREVRANGEBYSCORE', 'z', '+inf', '-inf'],
      ['ZREVRANGEBYSCORE', 'z', '4', '2', 'WITHSCORES'],
      ['ZREVRANGEBYSCORE', 'z', '(4', '(2'],
      ['ZREVRANGEBYSCORE', 'z', '2', '4'],
      ['ZREVRANGEBYSCORE', 'z', '+inf', '-inf', 'LIMIT', '1', '3'],
      ['ZREVRANGEBYSCORE', 'z', '+inf', '-inf', 'LIMIT', '5', '3'],
      ['ZREVRANGEBYSCORE', 'z', '3', '-inf', 'LIMIT', '2', '3'],
      ['ZREVRANGEBYSCORE', 'z', '3', '-inf', 'LIMIT', '3', '3'],
      ['ZRANGEBYSCORE', 'missing', '-inf', '+inf'],
    ],
  },
  {
    name: 'ZRANGE BYLEX / ZRANGEBYLEX / ZREVRANGEBYLEX with LIMIT',
    steps: [
      ['ZADD', 'z', '0', 'a', '0', 'b', '0', 'c', '0', 'd', '0', 'e', '0', 'ab'],
      ['ZRANGE', 'z', '-', '+', 'BYLEX'],
      ['ZRANGE', 'z', '[b', '(d', 'BYLEX'],
      ['ZRANGE', 'z', '[d', '(b', 'BYLEX', 'REV'],
      ['ZRANGE', 'z', '[b', '[d', 'BYLEX', 'REV'],
      ['ZRANGE', 'z', '-', '+', 'BYLEX', 'LIMIT', '2', '2'],
      ['ZRANGEBYLEX', 'z', '-', '+'],
      ['ZRANGEBYLEX', 'z', '[a', '[ab'],
      ['ZRANGEBYLEX', 'z', '(a', '[b'],
      ['ZRANGEBYLEX', 'z', '+', '-'],
      ['ZRANGEBYLEX', 'z', '-', '-'],
      ['ZRANGEBYLEX', 'z', '[a', '[a'],
      ['ZRANGEBYLEX', 'z', '(a', '[a'],
      ['ZRANGEBYLEX', 'z', '[', '+'],
      ['ZRANGEBYLEX', 'z', '(', '(b'],
      ['ZRANGEBYLEX', 'z', '-', '+', 'LIMIT', '1', '-1'],
      ['ZRANGEBYLEX', 'z', '-', '+', 'LIMIT', '-1', '2'],
      ['ZRANGEBYLEX', 'z', '-', '+', 'LIMIT', '0', '0'],
      ['ZRANGEBYLEX', 'z', '-', '+', 'LIMIT', '6', '1'],
      ['ZREVRANGEBYLEX', 'z', '+', '-'],
      ['ZREVRANGEBYLEX', 'z', '[d', '(a'],
      ['ZREVRANGEBYLEX', 'z', '(c', '-', 'LIMIT', '1', '1'],
      ['ZREVRANGEBYLEX', 'z', '-', '+'],
      ['ZRANGEBYLEX', 'z', 'a', '+'],
      ['ZRANGEBYLEX', 'z', '-', 'b'],
      ['ZRANGEBYLEX', 'z', '-', '+', 'WITHSCORES'],
      ['ZRANGEBYLEX', 'missing', '-', '+'],
      ['ZRANGEBYLEX', 'missing', 'x', '+'],
    ],
  },
  {
    name: 'lex ranges over mixed scores follow the listpack walk',
    steps: [
      ['ZADD', 'z', '1', 'b', '2', 'a', '3', 'd', '4', 'c'],
      ['ZRANGEBYLEX', 'z', '[b', '+'],
      ['ZRANGEBYLEX', 'z', '-', '[c'],
      ['ZREVRANGEBYLEX', 'z', '+', '[b'],
      ['ZLEXCOUNT', 'z', '[b', '[c'],
      ['ZREMRANGEBYLEX', 'z', '[b', '[c'],
      ['ZRANGE', 'z', '0', '-1'],
    ],
  },
  {
    name: 'ZRANGE option parsing and errors, in Redis order',
    steps: [
      zaddN('z', 5),
      ['ZRANGE', 'z', '0', '-1', 'LIMIT', '0', '1'],
      ['ZRANGE', 'z', '-', '+', 'BYLEX', 'WITHSCORES'],
      ['ZRANGE', 'z', '(1', '3', 'BYSCORE', 'BYLEX'],
      ['ZRANGE', 'z', '(1', '3', 'BYSCORE', 'BYSCORE'],
      ['ZRANGE', 'z', '0', '1', 'REV', 'REV'],
      ['ZRANGE', 'z', '0', '1', 'LIMIT'],
      ['ZRANGE', 'z', '0', '1', 'LIMIT', '1'],
      ['ZRANGE', 'z', '0', '1', 'LIMIT', 'x', '1'],
      ['ZRANGE', 'z', '0', '1', 'LIMIT', '1', 'x'],
      ['ZRANGE', 'z', 'a', 'b', 'LIMIT', 'x', '1'],
      ['ZRANGE', 'z', 'a', 'b'],
      ['ZRANGE', 'z', '0', 'b'],
      ['ZRANGE', 'z', 'a', 'b', 'BYSCORE'],
      ['ZRANGE', 'z', 'a', 'b', 'BYLEX'],
      ['ZRANGE', 'z', '0', '1', 'foo'],
      ['ZRANGE', 'z', '0', '1', 'LIMIT', '0', '1', 'BYSCORE'],
      ['ZRANGE', 'z', '0', '1', 'LIMIT', '0', '1', 'LIMIT', '0', '2', 'BYSCORE'],
      ['ZRANGEBYSCORE', 'z', '1', '3', 'BYSCORE'],
      ['ZRANGEBYSCORE', 'z', '1', '3', 'REV'],
      ['ZRANGEBYSCORE', 'z', '1', '3', 'LIMIT', '1'],
      ['ZRANGEBYSCORE', 'z', 'x', '3', 'LIMIT', 'y', '1'],
      ['ZREVRANGE', 'z', '0', '1', 'LIMIT', '0', '1'],
      ['ZREVRANGE', 'z', '0', '1', 'BYSCORE'],
      ['ZREVRANGE', 'z', '0', '1', 'REV'],
      ['ZRANGEBYLEX', 'z', '-', '+', 'WITHSCORES'],
      ['ZRANGEBYLEX', 'z', '-', '+', 'BYLEX'],
      STRING_KEY,
      ['ZRANGE', 'str', '0', '-1'],
      ['ZRANGE', 'str', 'x', '-1'],
      ['ZRANGE', 'str', '0', '-1', 'foo'],
      ['ZREVRANGE', 'str', '0', '-1'],
      ['ZRANGEBYSCORE', 'str', '0', '1'],
      ['ZRANGEBYLEX', 'str', '-', '+'],
      ['ZRANGE', 'z', '0'],
      ['ZREVRANGE', 'z', '0'],
      ['ZRANGEBYSCORE', 'z', '0'],
      ['ZREVRANGEBYLEX', 'z', '-'],
    ],
  },
  {
    name: 'ZRANGESTORE: rank, score and lex ranges, empty results delete the destination',
    steps: [
      ['ZADD', 'z', '1', 'a', '2', 'b', '3', 'c', '4', 'd'],
      ['ZRANGESTORE', 'd', 'z', '0', '1'],
      ['ZRANGE', 'd', '0', '-1', 'WITHSCORES'],
      ['ZRANGESTORE', 'd', 'z', '(1', '+inf', 'BYSCORE', 'LIMIT', '1', '5'],
      ['ZRANGE', 'd', '0', '-1', 'WITHSCORES'],
      ['ZRANGESTORE', 'd', 'z', '+inf', '-inf', 'BYSCORE', 'REV', 'LIMIT', '0', '2'],
      ['ZRANGE', 'd', '0', '-1', 'WITHSCORES'],
      ['ZRANGESTORE', 'd', 'z', '0', '0', 'REV'],
      ['ZRANGE', 'd', '0', '-1', 'WITHSCORES'],
      ['ZADD', 'lex', '0', 'a', '0', 'b', '0', 'c'],
      ['ZRANGESTORE', 'd', 'lex', '[b', '+', 'BYLEX'],
      ['ZRANGE', 'd', '0', '-1'],
      ['EXPIRE', 'd', '100'],
      ['ZRANGESTORE', 'd', 'z', '0', '-1'],
      ['TTL', 'd'],
      ['ZRANGESTORE', 'd', 'z', '5', '10'],
      ['EXISTS', 'd'],
      ['ZRANGESTORE', 'd', 'z', '0', '-1'],
      ['ZRANGESTORE', 'd', 'missing', '0', '-1'],
      ['EXISTS', 'd'],
      ['ZRANGESTORE', 'd', 'missing', '0', '-1'],
      ['ZRANGESTORE', 'z', 'z', '1', '2'],
      ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'],
      ['ZRANGESTORE', 'd', 'z', '0', '-1', 'WITHSCORES'],
      ['ZRANGESTORE', 'd', 'z', '0', '-1', 'LIMIT', '0', '1'],
      ['ZRANGESTORE', 'd', 'z', 'x', '-1'],
      STRING_KEY,
      ['ZRANGESTORE', 'd', 'str', '0', '-1'],
      ['ZRANGESTORE', 'str', 'z', '0', '-1'],
      ['TYPE', 'str'],
      ['ZRANGESTORE', 'd', 'z', '0'],
    ],
  },
  // ---- ZREMRANGEBY* ----------------------------------------------------------------------
  {
    name: 'ZREMRANGEBYRANK / BYSCORE / BYLEX, key removal, errors',
    steps: [
      zaddN('z', 8),
      ['ZREMRANGEBYRANK', 'z', '0', '1'],
      ['ZREMRANGEBYRANK', 'z', '-2', '-1'],
      ['ZREMRANGEBYRANK', 'z', '5', '2'],
      ['ZREMRANGEBYRANK', 'z', '10', '20'],
      ['ZREMRANGEBYRANK', 'z', '-100', '0'],
      ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'],
      ['ZREMRANGEBYSCORE', 'z', '(4', '5'],
      ['ZREMRANGEBYSCORE', 'z', '10', '20'],
      ['ZREMRANGEBYSCORE', 'z', '5', '4'],
      ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'],
      ['ZREMRANGEBYSCORE', 'z', '-inf', '+inf'],
      ['EXISTS', 'z'],
      ['ZADD', 'l', '0', 'a', '0', 'b', '0', 'c', '0', 'd'],
      ['ZREMRANGEBYLEX', 'l', '(a', '[c'],
      ['ZREMRANGEBYLEX', 'l', '[z', '+'],
      ['ZRANGE', 'l', '0', '-1'],
      ['ZREMRANGEBYLEX', 'l', '-', '+'],
      ['EXISTS', 'l'],
      ['ZADD', 'r', '1', 'a'],
      ['ZREMRANGEBYRANK', 'r', '0', '-1'],
      ['EXISTS', 'r'],
      ['ZREMRANGEBYRANK', 'missing', '0', '-1'],
      ['ZREMRANGEBYSCORE', 'missing', '0', '1'],
      ['ZREMRANGEBYLEX', 'missing', '-', '+'],
      ['ZREMRANGEBYRANK', 'missing', 'x', '1'],
      ['ZREMRANGEBYSCORE', 'missing', 'x', '1'],
      ['ZREMRANGEBYLEX', 'missing', 'x', '+'],
      STRING_KEY,
      ['ZREMRANGEBYRANK', 'str', '0', '1'],
      ['ZREMRANGEBYSCORE', 'str', '0', '1'],
      ['ZREMRANGEBYLEX', 'str', '-', '+'],
      ['ZREMRANGEBYRANK', 'str', 'x', '1'],
      ['ZREMRANGEBYSCORE', 'str', '(x', '1'],
      ['ZREMRANGEBYLEX', 'str', '-', 'x'],
      ['ZREMRANGEBYRANK', 'z', '0'],
      ['ZREMRANGEBYSCORE', 'z', '0', '1', '2'],
      ['ZREMRANGEBYLEX', 'z'],
    ],
  },
  // ---- ZPOPMIN / ZPOPMAX / ZMPOP -------------------------------------------------------------
  {
    name: 'ZPOPMIN / ZPOPMAX with and without COUNT, errors, key removal',
    steps: [
      ['ZADD', 'z', '1', 'a', '2', 'b', '3', 'c', '4', 'd', '5', 'e'],
      ['ZPOPMIN', 'z'],
      ['ZPOPMAX', 'z'],
      ['ZPOPMIN', 'z', '2'],
      ['ZPOPMIN', 'z', '0'],
      ['ZPOPMAX', 'z', '10'],
      ['EXISTS', 'z'],
      ['ZPOPMIN', 'z'],
      ['ZPOPMIN', 'z', '3'],
      ['ZPOPMIN', 'z', '-1'],
      ['ZPOPMIN', 'z', 'x'],
      ['ZPOPMIN', 'z', '1', '2'],
      ['ZPOPMAX', 'z', '9223372036854775807'],
      STRING_KEY,
      ['ZPOPMIN', 'str'],
      ['ZPOPMAX', 'str', '0'],
      ['ZPOPMIN', 'str', '-1'],
      ['ZPOPMIN'],
    ],
  },
  {
    name: 'ZPOPMIN / ZPOPMAX / ZMPOP / BZPOPMIN / BZMPOP RESP3 shapes',
    resp3: true,
    steps: [
      ['ZADD', 'z', '1', 'a', '2.5', 'b', '3', 'c', '4', 'd', '5', 'e', '6', 'f', '7', 'g', '8', 'h'],
      ['ZPOPMIN', 'z'],
      ['ZPOPMAX', 'z', '1'],
      ['ZPOPMIN', 'z', '2'],
      ['ZPOPMIN', 'z', '0'],
      ['ZMPOP', '1', 'z', 'MAX'],
      ['BZPOPMIN', 'z', '0'],
      ['BZMPOP', '0', '1', 'z', 'MIN', 'COUNT', '5'],
      ['ZPOPMIN', 'z'],
      ['ZPOPMIN', 'z', '2'],
      ['ZMPOP', '1', 'z', 'MAX'],
      ['BZPOPMIN', 'z', '0.01'],
      ['BZMPOP', '0.01', '1', 'z', 'MIN'],
    ],
  },
  {
    name: 'ZMPOP: first non-empty key, COUNT, errors in Redis order',
    steps: [
      ['ZADD', 'b', '1', 'x', '2', 'y', '3', 'z'],
      ['ZMPOP', '3', 'a', 'b', 'c', 'MIN'],
      ['ZMPOP', '3', 'a', 'b', 'c', 'max', 'count', '10'],
      ['EXISTS', 'b'],
      ['ZMPOP', '1', 'a', 'MIN'],
      ['ZMPOP', '0', 'a', 'MIN'],
      ['ZMPOP', '-1', 'a', 'MIN'],
      ['ZMPOP', 'x', 'a', 'MIN'],
      ['ZMPOP', '2', 'a', 'MIN'],
      ['ZMPOP', '1', 'a', 'MID'],
      ['ZMPOP', '1', 'a', 'MIN', 'COUNT', '0'],
      ['ZMPOP', '1', 'a', 'MIN', 'COUNT', '-1'],
      ['ZMPOP', '1', 'a', 'MIN', 'COUNT', 'x'],
      ['ZMPOP', '1', 'a', 'MIN', 'COUNT', '1', 'COUNT', '1'],
      ['ZMPOP', '1', 'a', 'MIN', 'COUNT'],
      ['ZMPOP', '1', 'a', 'MIN', 'foo'],
      STRING_KEY,
      ['ZADD', 'q', '1', 'a'],
      ['ZMPOP', '2', 'str', 'q', 'MIN'],
      ['ZMPOP', '2', 'q', 'str', 'MIN'],
      ['ZMPOP', '2', 'q', 'str', 'MIN'],
      ['ZMPOP', '1', 'a'],
    ],
  },
  {
    name: 'BZPOPMIN / BZPOPMAX / BZMPOP served at once, timeouts and errors',
    steps: [
      ['ZADD', 'b', '1', 'x', '2', 'y', '3', 'z'],
      ['BZPOPMIN', 'a', 'b', '0'],
      ['BZPOPMAX', 'a', 'b', '0'],
      ['BZMPOP', '0', '2', 'a', 'b', 'MIN', 'COUNT', '5'],
      ['EXISTS', 'b'],
      ['BZPOPMIN', 'a', '0.01'],
      ['BZPOPMAX', 'a', 'b', '0.01'],
      ['BZMPOP', '0.01', '1', 'a', 'MAX'],
      ['BZPOPMIN', 'a', 'x'],
      ['BZPOPMIN', 'a', '-1'],
      ['BZPOPMIN', 'a', 'nan'],
      ['BZPOPMIN', 'a', '1e400'],
      ['BZPOPMIN', 'a', ''],
      ['BZMPOP', 'x', '1', 'a', 'MIN'],
      ['BZMPOP', '-1', '1', 'a', 'MIN'],
      ['BZMPOP', '0', '0', 'a', 'MIN'],
      ['BZMPOP', 'x', '0', 'a', 'MIN'],
      ['BZMPOP', 'x', '1', 'a', 'MID'],
      ['BZMPOP', 'x', '1', 'a', 'MIN', 'COUNT', '0'],
      ['BZMPOP', '0', '2', 'a', 'MIN'],
      STRING_KEY,
      ['BZPOPMIN', 'str', '0'],
      ['BZPOPMIN', 'str', 'x'],
      ['BZPOPMIN', 'a', 'str', '0'],
      ['BZMPOP', '0', '1', 'str', 'MIN'],
      ['BZPOPMIN', 'a'],
      ['BZMPOP', '0', '1', 'a'],
    ],
  },
  {
    name: 'blocking pops inside MULTI answer at once',
    steps: [
      ['MULTI'],
      ['BZPOPMIN', 'a', '0'],
      ['BZMPOP', '0', '1', 'a', 'MIN'],
      ['ZADD', 'a', '1', 'x'],
      ['BZPOPMAX', 'a', '0'],
      ['EXEC'],
    ],
  },
  // ---- ZRANDMEMBER -----------------------------------------------------------------------
  {
    name: 'ZRANDMEMBER: counts, WITHSCORES, whole-set order, errors',
    steps: [
      ['ZADD', 'z', '1', 'a', '2', 'b', '3', 'c', '4', 'd', '5', 'e'],
      shape('ZRANDMEMBER', 'z'),
      shape('ZRANDMEMBER', 'z', '1'),
      shape('ZRANDMEMBER', 'z', '2'),
      shape('ZRANDMEMBER', 'z', '4'),
      shape('ZRANDMEMBER', 'z', '-3'),
      shape('ZRANDMEMBER', 'z', '-10', 'WITHSCORES'),
      shape('ZRANDMEMBER', 'z', '3', 'withscores'),
      ['ZRANDMEMBER', 'z', '5'],
      ['ZRANDMEMBER', 'z', '100', 'WITHSCORES'],
      ['ZRANDMEMBER', 'z', '0'],
      ['ZRANDMEMBER', 'z', '0', 'WITHSCORES'],
      ['ZRANDMEMBER', 'z', 'x'],
      ['ZRANDMEMBER', 'z', '1', 'foo'],
      ['ZRANDMEMBER', 'z', '1', 'WITHSCORES', 'x'],
      ['ZRANDMEMBER', 'z', '-9223372036854775808'],
      ['ZRANDMEMBER', 'z', '-9223372036854775807', 'WITHSCORES'],
      ['ZRANDMEMBER', 'z', '-4611686018427387904', 'WITHSCORES'],
      ['ZRANDMEMBER', 'z', '4611686018427387904', 'WITHSCORES'],
      ['ZRANDMEMBER', 'z', '4611686018427387904', 'foo'],
      ['ZRANDMEMBER', 'z', '9223372036854775807'],
      ['ZRANDMEMBER', 'missing'],
      ['ZRANDMEMBER', 'missing', '5'],
      ['ZRANDMEMBER', 'missing', '-5', 'WITHSCORES'],
      ['ZRANDMEMBER', 'missing', '-4611686018427387903', 'WITHSCORES'],
      STRING_KEY,
      ['ZRANDMEMBER', 'str'],
      ['ZRANDMEMBER', 'str', '1'],
      ['ZRANDMEMBER', 'str', 'x'],
      ['ZRANDMEMBER'],
    ],
  },
  {
    name: 'ZRANDMEMBER RESP3 shapes and a skiplist set',
    resp3: true,
    steps: [
      ['ZADD', 'z', '1', 'a', '2', 'b', '3', 'c'],
      shape('ZRANDMEMBER', 'z', '2', 'WITHSCORES'),
      shape('ZRANDMEMBER', 'z', '-5', 'WITHSCORES'),
      ['ZRANDMEMBER', 'z', '3', 'WITHSCORES'],
      ['ZRANDMEMBER', 'missing'],
      entries(1),
      ['ZADD', 's', '1', 'a', '2', 'b', '3', 'c', '4', 'd', '5', 'e', '6', 'f', '7', 'g'],
      enc('s'),
      ['ZRANDMEMBER', 's', '10', 'WITHSCORES'],
      shape('ZRANDMEMBER', 's', '6', 'WITHSCORES'),
      shape('ZRANDMEMBER', 's', '2'),
      shape('ZRANDMEMBER', 's', '-20', 'WITHSCORES'),
      ...restore,
    ],
  },
  // ---- ZUNION / ZINTER / ZDIFF and their STORE forms, ZINTERCARD ------------------------------
  {
    name: 'ZUNION / ZINTER / ZDIFF with WEIGHTS, AGGREGATE, WITHSCORES and sets as inputs',
    steps: [
      ['ZADD', 'z1', '1', 'a', '2', 'b', '3', 'c'],
      ['ZADD', 'z2', '10', 'b', '20', 'c', '30', 'd'],
      ['SADD', 's', 'a', 'd', 'x'],
      ['SADD', 'i', '1', '2', 'a'],
      ['ZUNION', '2', 'z1', 'z2'],
      ['ZUNION', '2', 'z1', 'z2', 'WITHSCORES'],
      ['ZUNION', '3', 'z1', 'z2', 's', 'WITHSCORES'],
      ['ZUNION', '3', 'z1', 'z2', 'i', 'WEIGHTS', '1', '2', '3', 'WITHSCORES'],
      ['ZUNION', '2', 'z1', 'z2', 'AGGREGATE', 'MIN', 'WITHSCORES'],
      ['ZUNION', '2', 'z1', 'z2', 'AGGREGATE', 'max', 'WITHSCORES'],
      ['ZUNION', '2', 'z1', 'z2', 'weights', '2', '-1', 'aggregate', 'sum', 'withscores'],
      ['ZUNION', '2', 'z1', 'missing', 'WITHSCORES'],
      ['ZUNION', '1', 'missing'],
      ['ZINTER', '2', 'z1', 'z2', 'WITHSCORES'],
      ['ZINTER', '2', 'z1', 's', 'WITHSCORES'],
      ['ZINTER', '2', 'z1', 'z2', 'WEIGHTS', '2', '3', 'AGGREGATE', 'MAX', 'WITHSCORES'],
      ['ZINTER', '2', 'z1', 'missing'],
      ['ZINTER', '3', 's', 'i', 'z1', 'WITHSCORES'],
      ['ZDIFF', '2', 'z1', 'z2', 'WITHSCORES'],
      ['ZDIFF', '2', 'z2', 's', 'WITHSCORES'],
      ['ZDIFF', '3', 'z1', 'missing', 's'],
      ['ZDIFF', '1', 'missing'],
      ['ZDIFF', '2', 's', 'z1', 'WITHSCORES'],
      ['ZUNION', '2', 'z1', 'z1', 'WITHSCORES'],
      ['ZINTER', '2', 'z1', 'z1', 'WEIGHTS', '1', '2', 'WITHSCORES'],
      ['ZDIFF', '2', 'z1', 'z1'],
      ['ZUNION', '1', 'z1', 'WEIGHTS', '2', 'WEIGHTS', '3', 'WITHSCORES'],
      ['ZUNION', '1', 'z1', 'AGGREGATE', 'min', 'AGGREGATE', 'max', 'WITHSCORES'],
      ['ZUNION', '1', 'z1', 'WITHSCORES', 'WITHSCORES'],
    ],
  },
  {
    name: 'ZUNION/ZINTER score arithmetic: inf, weights, inf - inf sums to 0, 0 * inf is 0',
    steps: [
      ['ZADD', 'p', 'inf', 'a', '-inf', 'b', '0', 'c', '1.5', 'd'],
      ['ZADD', 'n', '-inf', 'a', 'inf', 'b', '5', 'c', '0.1', 'd'],
      ['ZUNION', '2', 'p', 'n', 'WITHSCORES'],
      ['ZINTER', '2', 'p', 'n', 'WITHSCORES'],
      ['ZUNION', '2', 'p', 'n', 'WEIGHTS', '0', '1', 'WITHSCORES'],
      ['ZUNION', '1', 'p', 'WEIGHTS', 'inf', 'WITHSCORES'],
      ['ZUNION', '1', 'p', 'WEIGHTS', '-inf', 'WITHSCORES'],
      ['ZUNION', '2', 'p', 'n', 'AGGREGATE', 'MIN', 'WITHSCORES'],
      ['ZUNION', '2', 'p', 'n', 'AGGREGATE', 'MAX', 'WITHSCORES'],
      ['ZUNION', '1', 'n', 'WEIGHTS', '0.1', 'WITHSCORES'],
      ['ZUNION', '1', 'n', 'WEIGHTS', '0x10', 'WITHSCORES'],
      ['ZADD', 'f1', '0.1', 'x'],
      ['ZADD', 'f2', '0.2', 'x'],
      ['ZADD', 'f3', '0.3', 'x', '1', 'y'],
      ['ZUNION', '3', 'f3', 'f1', 'f2', 'WITHSCORES'],
      ['ZINTER', '3', 'f3', 'f2', 'f1', 'WITHSCORES'],
    ],
  },
  {
    name: 'ZUNION family errors: numkeys, syntax, WRONGTYPE before options, weights',
    steps: [
      ['ZADD', 'z', '1', 'a', '2', 'b'],
      STRING_KEY,
      ['ZUNION', '2', 'z'],
      ['ZUNION', 'x', 'z'],
      ['ZUNION', '0', 'z'],
      ['ZUNION', '-1', 'z'],
      ['ZUNION', '9223372036854775807', 'z'],
      ['ZUNION', '1', 'z', 'str'],
      ['ZUNION', '2', 'z', 'str'],
      ['ZUNION', '2', 'z', 'str', 'WEIGHTS', 'x'],
      ['ZUNION', '2', 'str', 'missing', 'foo'],
      ['ZUNION', '1', 'z', 'WEIGHTS', 'x'],
      ['ZUNION', '1', 'z', 'WEIGHTS', 'nan'],
      ['ZUNION', '1', 'z', 'WEIGHTS', '1', '2'],
      ['ZUNION', '1', 'z', 'WEIGHTS'],
      ['ZUNION', '2', 'z', 'z', 'WEIGHTS', '1'],
      ['ZUNION', '1', 'z', 'AGGREGATE'],
      ['ZUNION', '1', 'z', 'AGGREGATE', 'foo'],
      ['ZUNION', '1', 'z', 'AGGREGATE', 'MUL'],
      ['ZUNION', '1', 'z', 'LIMIT', '1'],
      ['ZINTER', '0', 'z'],
      ['ZINTER', '1', 'z', 'foo'],
      ['ZDIFF', '0', 'z'],
      ['ZDIFF', '1', 'z', 'WEIGHTS', '1'],
      ['ZDIFF', '1', 'z', 'AGGREGATE', 'sum'],
      ['ZDIFF', '2', 'z', 'str'],
      ['ZUNIONSTORE', 'd', '0', 'z'],
      ['ZUNIONSTORE', 'd', '1', 'z', 'WITHSCORES'],
      ['ZUNIONSTORE', 'd', '2', 'z'],
      ['ZUNIONSTORE', 'd', 'x', 'z'],
      ['ZINTERSTORE', 'd', '0', 'z'],
      ['ZINTERSTORE', 'd', '2', 'z', 'str'],
      ['ZDIFFSTORE', 'd', '0', 'z'],
      ['ZDIFFSTORE', 'd', '1', 'z', 'WITHSCORES'],
      ['ZUNION', '1'],
      ['ZUNIONSTORE', 'd', '1'],
      ['ZDIFFSTORE', 'd'],
    ],
  },
  {
    name: 'ZUNIONSTORE / ZINTERSTORE / ZDIFFSTORE: results, overwrite, TTL, empty results',
    steps: [
      ['ZADD', 'z1', '1', 'a', '2', 'b', '3', 'c'],
      ['ZADD', 'z2', '10', 'b', '20', 'c', '30', 'd'],
      ['SADD', 's', 'a', 'q'],
      ['ZUNIONSTORE', 'd', '3', 'z1', 'z2', 's', 'WEIGHTS', '1', '2', '3'],
      ['ZRANGE', 'd', '0', '-1', 'WITHSCORES'],
      ['ZINTERSTORE', 'd', '2', 'z1', 'z2', 'AGGREGATE', 'MIN'],
      ['ZRANGE', 'd', '0', '-1', 'WITHSCORES'],
      ['ZDIFFSTORE', 'd', '2', 'z1', 'z2'],
      ['ZRANGE', 'd', '0', '-1', 'WITHSCORES'],
      ['SET', 'str', 'x', 'EX', '100'],
      ['ZUNIONSTORE', 'str', '1', 'z1'],
      ['TYPE', 'str'],
      ['TTL', 'str'],
      ['ZINTERSTORE', 'd', '2', 'z1', 'missing'],
      ['EXISTS', 'd'],
      ['ZINTERSTORE', 'd', '2', 'z1', 'missing'],
      ['ZDIFFSTORE', 'z1', '2', 'z1', 'z1'],
      ['EXISTS', 'z1'],
      ['ZUNIONSTORE', 'z2', '2', 'z2', 's'],
      ['ZRANGE', 'z2', '0', '-1', 'WITHSCORES'],
      ['ZUNIONSTORE', 'e', '1', 'missing'],
      ['EXISTS', 'e'],
    ],
  },
  {
    name: 'ZINTERCARD with LIMIT, sets as inputs, errors',
    steps: [
      ['ZADD', 'z1', '1', 'a', '2', 'b', '3', 'c'],
      ['ZADD', 'z2', '1', 'b', '2', 'c', '3', 'd'],
      ['SADD', 's', 'a', 'b', 'c'],
      ['ZINTERCARD', '2', 'z1', 'z2'],
      ['ZINTERCARD', '3', 'z1', 'z2', 's'],
      ['ZINTERCARD', '2', 'z1', 's', 'LIMIT', '0'],
      ['ZINTERCARD', '2', 'z1', 's', 'LIMIT', '2'],
      ['ZINTERCARD', '2', 'z1', 's', 'LIMIT', '100'],
      ['ZINTERCARD', '2', 'z1', 's', 'LIMIT', '1', 'LIMIT', '0'],
      ['ZINTERCARD', '2', 'z1', 'missing'],
      ['ZINTERCARD', '1', 'z1', 'LIMIT', '-1'],
      ['ZINTERCARD', '1', 'z1', 'LIMIT', 'x'],
      ['ZINTERCARD', '1', 'z1', 'LIMIT'],
      ['ZINTERCARD', '1', 'z1', 'WITHSCORES'],
      ['ZINTERCARD', '1', 'z1', 'WEIGHTS', '1'],
      ['ZINTERCARD', '1', 'z1', 'AGGREGATE', 'SUM'],
      ['ZINTERCARD', '5', 'z1'],
      ['ZINTERCARD', '0', 'z1'],
      ['ZINTERCARD', '-1', 'z1'],
      ['ZINTERCARD', '9223372036854775808', 'z1'],
      STRING_KEY,
      ['ZINTERCARD', '2', 'z1', 'str'],
      ['ZINTERCARD', '1'],
    ],
  },
  {
    name: 'ZUNION / ZINTER / ZDIFF RESP3 WITHSCORES pairs',
    resp3: true,
    steps: [
      ['ZADD', 'z1', '1', 'a', '2', 'b'],
      ['ZADD', 'z2', '1.5', 'b', '3', 'c'],
      ['ZUNION', '2', 'z1', 'z2', 'WITHSCORES'],
      ['ZUNION', '2', 'z1', 'z2'],
      ['ZINTER', '2', 'z1', 'z2', 'WITHSCORES'],
      ['ZDIFF', '2', 'z1', 'z2', 'WITHSCORES'],
      ['ZINTER', '2', 'z1', 'missing', 'WITHSCORES'],
      ['ZRANGE', 'z1', '0', '-1', 'WITHSCORES'],
      ['ZRANGEBYSCORE', 'z1', '-inf', '+inf', 'WITHSCORES'],
      ['ZREVRANGE', 'z1', '0', '-1', 'WITHSCORES'],
      ['ZRANGE', 'missing', '0', '-1', 'WITHSCORES'],
      ['ZSCORE', 'z1', 'a'],
      ['ZSCORE', 'z1', 'nope'],
      ['ZMSCORE', 'z1', 'a', 'nope'],
      ['ZINCRBY', 'z1', '0.5', 'a'],
      ['ZADD', 'z1', 'XX', 'INCR', '1', 'nope'],
      ['ZRANK', 'z1', 'nope'],
      ['ZSCAN', 'z1', '0'],
    ],
  },
  // ---- ZSCAN -------------------------------------------------------------------------------
  {
    name: 'ZSCAN of a listpack: everything at once with cursor 0, MATCH, score texts, errors',
    steps: [
      ['ZADD', 'z', '1', 'a', '2.5', 'b', '0.1', 'c', '-0', 'd', '1152921504606846976', 'e', '4611686018427387904', 'f'],
      ['ZADD', 'z', '9223372036854775808', 'g', '1e20', 'h', 'inf', 'i', '123456789012345678', 'j', '-4611686018427387904', 'k'],
      ['ZSCAN', 'z', '0'],
      ['ZSCAN', 'z', '0', 'COUNT', '1'],
      ['ZSCAN', 'z', '0', 'MATCH', '[a-c]'],
      ['ZSCAN', 'z', '0', 'MATCH', '*', 'COUNT', '2'],
      ['ZSCAN', 'z', '123'],
      ['ZSCAN', 'z', 'x'],
      ['ZSCAN', 'z', '-1'],
      ['ZSCAN', 'z', '0', 'COUNT', '0'],
      ['ZSCAN', 'z', '0', 'COUNT', 'x'],
      ['ZSCAN', 'z', '0', 'COUNT'],
      ['ZSCAN', 'z', '0', 'foo'],
      ['ZSCAN', 'z', '0', 'TYPE', 'zset'],
      ['ZSCAN', 'z', '0', 'NOVALUES'],
      ['ZSCAN', 'missing', '0'],
      ['ZSCAN', 'missing', '0', 'COUNT', '0'],
      ['ZSCAN', 'missing', 'x'],
      STRING_KEY,
      ['ZSCAN', 'str', '0'],
      ['ZSCAN', 'str', '0', 'foo'],
      ['ZSCAN', 'str', 'x'],
      ['ZSCAN', 'z'],
    ],
  },
  {
    name: 'ZSCAN of a skiplist returns every member once with %.17g scores (small COUNT loop)',
    steps: [
      entries(0),
      ['ZADD', 'z', '1152921504606846976', 'a', '0.1', 'b', '-0', 'c', '7', 'd'],
      enc('z'),
      // One element: whole in one call, order fixed.
      ['ZADD', 'one', '4611686018427387904', 'x'],
      ['ZSCAN', 'one', '0'],
      ['ZSCAN', 'one', '0', 'MATCH', 'y'],
      ...restore,
    ],
  },
  // ---- encodings ------------------------------------------------------------------------
  {
    name: 'OBJECT ENCODING: listpack -> skiplist by entries and by value length, never back',
    steps: [
      entries(4),
      value(5),
      zaddN('z', 4),
      enc('z'),
      ['ZADD', 'z', '1', 'm1'],
      enc('z'),
      ['ZADD', 'z', 'XX', '9', 'm9'],
      enc('z'),
      ['ZADD', 'z', '5', 'm5'],
      enc('z'),
      ['ZREM', 'z', 'm5', 'm4', 'm3'],
      enc('z'),
      ['ZADD', 'v', '1', 'abcde'],
      enc('v'),
      ['ZADD', 'v', '1', 'abcdef'],
      enc('v'),
      ['ZADD', 'w', '1', 'abcdef', '2', 'a'],
      enc('w'),
      ['ZINCRBY', 'x', '1', 'abcdef'],
      enc('x'),
      entries(0),
      ['ZADD', 'e0', '1', 'a'],
      enc('e0'),
      entries(4),
      ['ZUNIONSTORE', 'u', '1', 'z'],
      enc('u'),
      ['ZUNIONSTORE', 'u5', '2', 'z', 'v'],
      enc('u5'),
      zaddN('big', 5),
      enc('big'),
      ['ZUNIONSTORE', 'u6', '1', 'big'],
      enc('u6'),
      ['ZINTERSTORE', 'u7', '1', 'w'],
      enc('u7'),
      ['ZDIFFSTORE', 'u8', '2', 'big', 'z'],
      enc('u8'),
      ['ZRANGESTORE', 'r1', 'big', '0', '3'],
      enc('r1'),
      ['ZRANGESTORE', 'r2', 'big', '0', '4'],
      enc('r2'),
      ['ZRANGESTORE', 'r3', 'big', '-inf', '+inf', 'BYSCORE'],
      enc('r3'),
      ['ZRANGESTORE', 'r4', 'big', '-inf', '+inf', 'BYSCORE', 'LIMIT', '0', '4'],
      enc('r4'),
      ['ZRANGESTORE', 'r5', 'w', '0', '-1'],
      enc('r5'),
      ['COPY', 'big', 'bigcopy'],
      enc('bigcopy'),
      ['ZRANGE', 'bigcopy', '0', '-1', 'WITHSCORES'],
      ['COPY', 'r1', 'r1copy'],
      enc('r1copy'),
      ['ZADD', 'r1copy', '100', 'new'],
      ['ZCARD', 'r1'],
      ...restore,
    ],
  },
  {
    name: 'every command over a skiplist set agrees with Redis (200 members)',
    steps: [
      zaddN('z', 200),
      ['ZADD', 'z', '50', 'same1', '50', 'same2', '50.5', 'half'],
      enc('z'),
      ['ZCARD', 'z'],
      ['ZRANGE', 'z', '45', '55', 'WITHSCORES'],
      ['ZRANGE', 'z', '-5', '-1'],
      ['ZREVRANGE', 'z', '0', '3', 'WITHSCORES'],
      ['ZRANGEBYSCORE', 'z', '(49', '51', 'WITHSCORES'],
      ['ZRANGEBYSCORE', 'z', '-inf', '+inf', 'LIMIT', '100', '5'],
      ['ZREVRANGEBYSCORE', 'z', '+inf', '-inf', 'LIMIT', '195', '10'],
      ['ZRANGE', 'z', '(49', '51', 'BYSCORE', 'REV', 'LIMIT', '1', '2'],
      ['ZCOUNT', 'z', '50', '50'],
      ['ZCOUNT', 'z', '(10', '(20'],
      ['ZCOUNT', 'z', '500', '600'],
      ['ZRANK', 'z', 'same2'],
      ['ZREVRANK', 'z', 'half'],
      ['ZRANK', 'z', 'm200'],
      ['ZSCORE', 'z', 'half'],
      ['ZMSCORE', 'z', 'm1', 'm2', 'x'],
      ['ZREMRANGEBYRANK', 'z', '0', '9'],
      ['ZREMRANGEBYSCORE', 'z', '(190', '+inf'],
      ['ZRANGE', 'z', '-3', '-1', 'WITHSCORES'],
      ['ZPOPMIN', 'z', '3'],
      ['ZPOPMAX', 'z'],
      ['ZINCRBY', 'z', '1000', 'm50'],
      ['ZRANGE', 'z', '-1', '-1', 'WITHSCORES'],
      ['ZINCRBY', 'z', '-1000', 'm50'],
      ['ZRANK', 'z', 'm50'],
      ['ZADD', 'z', 'GT', 'CH', '1', 'm60', '1000', 'm61'],
      ['ZRANGE', 'z', '-1', '-1', 'WITHSCORES'],
      ['ZUNIONSTORE', 'u', '1', 'z'],
      enc('u'),
      ['ZRANGE', 'u', '0', '4', 'WITHSCORES'],
      ['ZRANDMEMBER', 'z', '1000'],
      shape('ZRANDMEMBER', 'z', '30'),
      shape('ZRANDMEMBER', 'z', '150'),
      ['ZREM', 'z', 'm100', 'm101', 'nope'],
      ['ZCARD', 'z'],
      ['ZADD', 'lex', ...Array.from({ length: 150 }, (_, i) => ['0', 'k' + String(i).padStart(3, '0')]).flat()],
      enc('lex'),
      ['ZRANGEBYLEX', 'lex', '[k010', '(k015'],
      ['ZREVRANGEBYLEX', 'lex', '(k015', '[k010', 'LIMIT', '1', '2'],
      ['ZLEXCOUNT', 'lex', '[k100', '+'],
      ['ZREMRANGEBYLEX', 'lex', '-', '(k140'],
      ['ZRANGE', 'lex', '0', '-1'],
    ],
  },
  {
    name: 'COMMAND GETKEYS for the movable-key commands',
    steps: [
      ['COMMAND', 'GETKEYS', 'ZUNION', '2', 'a', 'b', 'WEIGHTS', '1', '2'],
      ['COMMAND', 'GETKEYS', 'ZINTERSTORE', 'dst', '2', 'a', 'b'],
      ['COMMAND', 'GETKEYS', 'ZDIFFSTORE', 'dst', '1', 'a'],
      ['COMMAND', 'GETKEYS', 'ZINTERCARD', '2', 'a', 'b', 'LIMIT', '1'],
      ['COMMAND', 'GETKEYS', 'ZMPOP', '2', 'a', 'b', 'MIN'],
      ['COMMAND', 'GETKEYS', 'BZMPOP', '0', '2', 'a', 'b', 'MIN'],
      ['COMMAND', 'GETKEYS', 'BZPOPMIN', 'a', 'b', '0'],
      ['COMMAND', 'GETKEYS', 'ZRANGESTORE', 'dst', 'src', '0', '-1'],
      ['COMMAND', 'GETKEYS', 'ZUNION', '0', 'a'],
      ['COMMAND', 'GETKEYS', 'ZUNION', '5', 'a'],
      ['COMMAND', 'GETKEYS', 'ZUNIONSTORE', 'd', '3', 'a'],
      ['COMMAND', 'INFO', 'ZADD', 'ZUNIONSTORE', 'BZMPOP', 'ZRANGESTORE'],
    ],
  },
];

differential('zset commands vs redis-server', cases);

// ---- blocked clients, keyspace events and propagation over several connections --------------

const SKIP = !redisServerAvailable() && process.env['MEMORA_SKIP_DIFFERENTIAL'] === '1';

interface Pair {
  mem: RawClient;
  red: RawClient;
}

describe('zset blocking pops and keyspace events vs redis-server', { skip: SKIP ? 'redis-server 7 not installed' : false }, () => {
  const servers = sideBySide();

  async function pair(): Promise<Pair> {
    const [mem, red] = await servers.pair();
    return { mem, red };
  }

  /** Sends a command on both servers without waiting for a reply. */
  function send(p: Pair, argv: string[]): void {
    const enc = '*' + argv.length + '\r\n' + argv.map((a) => '$' + a.length + '\r\n' + a + '\r\n').join('');
    p.mem.write(Buffer.from(enc, 'latin1'));
    p.red.write(Buffer.from(enc, 'latin1'));
  }

  /** Reads one reply frame from both and compares them. */
  async function expectSame(p: Pair, label: string, timeoutMs = 3000): Promise<string> {
    const [m, r] = await Promise.all([p.mem.readFrame(timeoutMs), p.red.readFrame(timeoutMs)]);
    assert.equal(JSON.stringify(m.toString('latin1')), JSON.stringify(r.toString('latin1')), label);
    return m.toString('latin1');
  }

  /** HELLO 3 on both (the replies carry server-specific fields: not compared). */
  async function hello3(p: Pair): Promise<void> {
    await Promise.all([p.mem.command(['HELLO', '3']), p.red.command(['HELLO', '3'])]);
  }

  async function run(p: Pair, argv: string[]): Promise<string> {
    send(p, argv);
    return expectSame(p, argv.join(' '));
  }

  /** Waits until both servers report `n` blocked clients. */
  async function blockedClients(p: Pair, n: number): Promise<void> {
    for (let i = 0; i < 200; i++) {
      const [m, r] = await Promise.all([p.mem.command(['INFO', 'clients']), p.red.command(['INFO', 'clients'])]);
      const bm = /blocked_clients:(\d+)/.exec(m.toString('latin1'))?.[1];
      const br = /blocked_clients:(\d+)/.exec(r.toString('latin1'))?.[1];
      if (bm === String(n) && br === String(n)) return;
      await new Promise((res) => setTimeout(res, 10));
    }
    assert.fail(`blocked_clients did not reach ${n}`);
  }

  async function fresh(): Promise<Pair> {
    const p = await pair();
    await run(p, ['FLUSHALL']);
    return p;
  }

  it('BZPOPMIN blocked on missing keys is served by ZADD from another connection', async () => {
    const w = await fresh();
    const b = await pair();
    send(b, ['BZPOPMIN', 'k1', 'k2', '0']);
    await blockedClients(w, 1);
    await run(w, ['ZADD', 'k2', '5', 'm', '6', 'n']);
    await expectSame(b, 'served reply');
    await run(w, ['ZRANGE', 'k2', '0', '-1', 'WITHSCORES']);
    await blockedClients(w, 0);
  });

  it('BZPOPMAX in RESP3 and BZMPOP with COUNT are served with their reply shapes', async () => {
    const w = await fresh();
    const b = await pair();
    await hello3(b);
    send(b, ['BZPOPMAX', 'k', '0']);
    await blockedClients(w, 1);
    await run(w, ['ZADD', 'k', '1', 'a', '2.5', 'b']);
    await expectSame(b, 'BZPOPMAX RESP3');
    send(b, ['BZMPOP', '0', '2', 'x', 'y', 'MAX', 'COUNT', '5']);
    await blockedClients(w, 1);
    await run(w, ['ZADD', 'y', '1', 'a', '2', 'b', '3', 'c']);
    await expectSame(b, 'BZMPOP RESP3');
    await run(w, ['EXISTS', 'y']);
  });

  it('several blocked clients are served in blocking order, one element each', async () => {
    const w = await fresh();
    const b1 = await pair();
    const b2 = await pair();
    const b3 = await pair();
    send(b1, ['BZPOPMIN', 'k', '0']);
    await blockedClients(w, 1);
    send(b2, ['BZMPOP', '0', '1', 'k', 'MIN', 'COUNT', '2']);
    await blockedClients(w, 2);
    send(b3, ['BZPOPMAX', 'k', '0']);
    await blockedClients(w, 3);
    await run(w, ['ZADD', 'k', '1', 'a', '2', 'b', '3', 'c']);
    await expectSame(b1, 'first waiter');
    await expectSame(b2, 'second waiter');
    await blockedClients(w, 1);
    await run(w, ['ZADD', 'k', '9', 'z']);
    await expectSame(b3, 'third waiter');
  });

  it('a write of another type leaves the client blocked; a later ZADD serves it', async () => {
    const w = await fresh();
    const b = await pair();
    send(b, ['BZPOPMIN', 'k', '0']);
    await blockedClients(w, 1);
    await run(w, ['SET', 'k', 'str']);
    await run(w, ['DEL', 'k']);
    await run(w, ['RPUSH', 'k', 'x']);
    await run(w, ['DEL', 'k']);
    await blockedClients(w, 1);
    await run(w, ['ZADD', 'k', '1', 'x']);
    await expectSame(b, 'served after the type changes');
  });

  it('ZADD then ZREM in one transaction does not serve; ZUNIONSTORE and ZRANGESTORE do', async () => {
    const w = await fresh();
    const b = await pair();
    send(b, ['BZPOPMIN', 'k', '0']);
    await blockedClients(w, 1);
    await run(w, ['MULTI']);
    await run(w, ['ZADD', 'k', '1', 'x']);
    await run(w, ['ZREM', 'k', 'x']);
    await run(w, ['EXEC']);
    await blockedClients(w, 1);
    await run(w, ['ZADD', 'src', '1', 'a', '2', 'b']);
    await run(w, ['ZUNIONSTORE', 'k', '1', 'src']);
    await expectSame(b, 'served by ZUNIONSTORE');
    send(b, ['BZPOPMAX', 'k2', '0']);
    await blockedClients(w, 1);
    await run(w, ['ZRANGESTORE', 'k2', 'src', '0', '0']);
    await expectSame(b, 'served by ZRANGESTORE');
  });

  it('timeouts reply a null array (RESP2 and RESP3)', async () => {
    const w = await fresh();
    const b = await pair();
    send(b, ['BZPOPMIN', 'k', '0.05']);
    await expectSame(b, 'BZPOPMIN timeout');
    send(b, ['BZMPOP', '0.05', '1', 'k', 'MIN']);
    await expectSame(b, 'BZMPOP timeout');
    await hello3(b);
    send(b, ['BZPOPMAX', 'k', '0.05']);
    await expectSame(b, 'RESP3 timeout');
    await run(w, ['PING']);
  });

  it('ZSCAN over a skiplist visits every member exactly once with the score texts of Redis', async () => {
    const w = await fresh();
    const scores = ['1152921504606846976', '0.1', '-0', '7', '1e20', '-inf', '2.5', '4611686018427387904'];
    const args: string[] = [];
    for (let i = 0; i < 300; i++) args.push(scores[i % scores.length] as string, 'm' + i);
    await run(w, ['ZADD', 'z', ...args]);
    await run(w, ['OBJECT', 'ENCODING', 'z']);
    const scan = async (cl: RawClient): Promise<string[]> => {
      const seen: string[] = [];
      let cursor = '0';
      for (let guard = 0; guard < 10000; guard++) {
        const reply = (await cl.command(['ZSCAN', 'z', cursor, 'COUNT', '7', 'MATCH', 'm*'])).toString('latin1');
        const parts = reply.split('\r\n').filter((x, i) => i > 0 && !/^[$*]/.test(x) && x !== '');
        cursor = parts[0] as string;
        for (let i = 1; i + 1 < parts.length; i += 2) seen.push(`${parts[i]}=${parts[i + 1]}`);
        if (cursor === '0') break;
      }
      return seen.sort();
    };
    const [m, r] = await Promise.all([scan(w.mem), scan(w.red)]);
    assert.equal(m.length, 300);
    assert.equal(new Set(m).size, 300);
    assert.deepEqual(m, r);
  });

  it('keyspace events of the sorted set commands', async () => {
    const w = await fresh();
    const sub = await pair();
    await run(w, ['CONFIG', 'SET', 'notify-keyspace-events', 'KEA']);
    try {
      await run(sub, ['PSUBSCRIBE', '__keyevent@0__:*']);
      const cmds: string[][] = [
        ['ZADD', 'z', '1', 'a', '2', 'b', '3', 'c', '4', 'd'],
        ['ZADD', 'z', '1', 'a'],
        ['ZINCRBY', 'z', '1', 'a'],
        ['ZREM', 'z', 'nope'],
        ['ZREM', 'z', 'a'],
        ['ZPOPMIN', 'z'],
        ['ZPOPMAX', 'z', '0'],
        ['ZMPOP', '1', 'z', 'MAX'],
        ['ZADD', 'z', '5', 'e', '6', 'f', '7', 'g'],
        ['ZREMRANGEBYRANK', 'z', '0', '0'],
        ['ZREMRANGEBYSCORE', 'z', '100', '200'],
        ['ZREMRANGEBYSCORE', 'z', '6', '6'],
        ['ZADD', 'l', '0', 'a', '0', 'b'],
        ['ZREMRANGEBYLEX', 'l', '-', '+'],
        ['ZUNIONSTORE', 'u', '1', 'z'],
        ['ZINTERSTORE', 'i', '1', 'z'],
        ['ZDIFFSTORE', 'd', '1', 'z'],
        ['ZRANGESTORE', 'r', 'z', '0', '-1'],
        ['ZINTERSTORE', 'i', '2', 'z', 'missing'],
        ['ZRANGESTORE', 'r', 'missing', '0', '-1'],
        ['ZRANGESTORE', 'r', 'missing', '0', '-1'],
        ['BZPOPMAX', 'z', '0'],
        ['ZREM', 'u', 'g'],
        ['ZRANGE', 'nokey', '0', '-1'],
        ['ZSCORE', 'nokey', 'x'],
      ];
      for (const c of cmds) await run(w, c);
      await run(w, ['PUBLISH', '__keyevent@0__:end', 'end']);
      for (let i = 0; i < 200; i++) {
        const frame = await expectSame(sub, `event ${i}`);
        if (frame.includes('end')) break;
      }
    } finally {
      await run(w, ['CONFIG', 'SET', 'notify-keyspace-events', '']);
    }
  });
});

describe('zset propagation (Memora)', () => {
  it('ZMPOP and served blocking pops propagate as ZPOPMIN/ZPOPMAX key [count]', async () => {
    const memora = await startServer({ port: 0 });
    const log: string[] = [];
    memora.engine.onPropagate((db, argv) => log.push(`${db}:${argv.join(' ')}`));
    const [w, b] = await Promise.all([RawClient.connect(memora.port), RawClient.connect(memora.port)]);
    try {
      await w.command(['ZADD', 'z', '1', 'a', '2', 'b', '3', 'c', '4', 'd', '5', 'e']);
      await w.command(['ZMPOP', '1', 'z', 'MIN', 'COUNT', '2']);
      await w.command(['ZMPOP', '1', 'z', 'MAX', 'COUNT', '100']);
      await w.command(['ZMPOP', '1', 'z', 'MAX']);
      await w.command(['ZADD', 'z', '1', 'a', '2', 'b', '3', 'c']);
      await w.command(['BZPOPMIN', 'z', '0']);
      await w.command(['BZMPOP', '0', '1', 'z', 'MAX']);
      await w.command(['BZMPOP', '0', '1', 'z', 'MAX', 'COUNT', '9']);
      await w.command(['ZPOPMIN', 'z']);
      await w.command(['ZADD', 'z', 'NX', '1', 'x']);
      await w.command(['ZADD', 'z', 'NX', '1', 'x']);
      await w.command(['ZINCRBY', 'z', '2', 'x']);
      b.write('*3\r\n$8\r\nBZPOPMAX\r\n$1\r\nk\r\n$1\r\n0\r\n');
      for (let i = 0; i < 200 && memora.engine.blocking.blockedCount === 0; i++) await new Promise((r) => setTimeout(r, 5));
      await w.command(['ZADD', 'k', '1', 'a', '2', 'b']);
      const served = await b.readFrame();
      assert.equal(served.toString('latin1'), '*3\r\n$1\r\nk\r\n$1\r\nb\r\n$1\r\n2\r\n');
      assert.deepEqual(log, [
        '0:ZADD z 1 a 2 b 3 c 4 d 5 e',
        '0:ZPOPMIN z 2',
        '0:ZPOPMAX z 3',
        '0:ZADD z 1 a 2 b 3 c',
        '0:ZPOPMIN z',
        '0:ZPOPMAX z 1',
        '0:ZPOPMAX z 1',
        '0:ZADD z NX 1 x',
        '0:ZINCRBY z 2 x',
        '0:ZADD k 1 a 2 b',
        '0:ZPOPMAX k',
      ]);
    } finally {
      w.close();
      b.close();
      await memora.close();
    }
  });
});
