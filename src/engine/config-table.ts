// Redis 7.0.15's configuration parameters that Memora accepts: names, kinds, defaults and
// bounds as redis-server reports them (CONFIG GET). Behaviour hangs off the live values.
import type { ConfigDef } from './config.js';

const INT_MAX = 2147483647;
const LONG_MAX = Number.MAX_SAFE_INTEGER;

export const CONFIG_TABLE: ConfigDef[] = [
  { name: 'port', kind: 'int', default: '6379', min: 0, max: 65535, immutable: true },
  { name: 'bind', kind: 'string', default: '127.0.0.1 -::1', immutable: true },
  { name: 'databases', kind: 'int', default: '16', min: 1, max: INT_MAX, immutable: true },
  { name: 'requirepass', kind: 'string', default: '', sensitive: true },
  { name: 'maxclients', kind: 'int', default: '10000', min: 1, max: INT_MAX },
  { name: 'timeout', kind: 'int', default: '0', min: 0, max: INT_MAX },
  { name: 'tcp-keepalive', kind: 'int', default: '300', min: 0, max: INT_MAX },
  { name: 'hz', kind: 'int', default: '10', min: 0, max: INT_MAX },
  { name: 'loglevel', kind: 'enum', default: 'notice', values: ['debug', 'verbose', 'notice', 'warning', 'nothing'] },
  { name: 'logfile', kind: 'string', default: '', immutable: true },
  { name: 'dir', kind: 'string', default: './data' },
  { name: 'dbfilename', kind: 'string', default: 'dump.rdb' },
  { name: 'save', kind: 'special', default: '3600 1 300 100 60 10000' },
  { name: 'appendonly', kind: 'bool', default: 'no' },
  { name: 'appendfsync', kind: 'enum', default: 'everysec', values: ['always', 'everysec', 'no'] },
  { name: 'appendfilename', kind: 'string', default: 'appendonly.aof', immutable: true },
  { name: 'appenddirname', kind: 'string', default: 'appendonlydir', immutable: true },
  { name: 'proto-max-bulk-len', kind: 'memory', default: String(512 * 1024 * 1024), min: 1024 * 1024, max: LONG_MAX },
  { name: 'client-query-buffer-limit', kind: 'memory', default: String(1024 * 1024 * 1024), min: 1024 * 1024, max: LONG_MAX },
  { name: 'maxmemory', kind: 'memory', default: '0', min: 0, max: LONG_MAX },
  {
    name: 'maxmemory-policy',
    kind: 'enum',
    default: 'noeviction',
    values: ['volatile-lru', 'volatile-lfu', 'volatile-random', 'volatile-ttl', 'allkeys-lru', 'allkeys-lfu', 'allkeys-random', 'noeviction'],
  },
  { name: 'lfu-log-factor', kind: 'int', default: '10', min: 0, max: INT_MAX },
  { name: 'lfu-decay-time', kind: 'int', default: '1', min: 0, max: INT_MAX },
  { name: 'slowlog-log-slower-than', kind: 'int', default: '10000', min: -1, max: LONG_MAX },
  { name: 'slowlog-max-len', kind: 'int', default: '128', min: 0, max: LONG_MAX },
  { name: 'protected-mode', kind: 'bool', default: 'yes' },
  { name: 'daemonize', kind: 'bool', default: 'no', immutable: true },
];
