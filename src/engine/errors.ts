// The catalogue of Redis-exact error messages, each taken from redis-server 7.0.15 and pinned by
// differential cases. Every message carries its code (ERR, WRONGTYPE, NOAUTH, ...).

export const WRONGTYPE = 'WRONGTYPE Operation against a key holding the wrong kind of value';
export const SYNTAX_ERR = 'ERR syntax error';
export const NOT_INTEGER = 'ERR value is not an integer or out of range';
export const NOT_FLOAT = 'ERR value is not a valid float';
export const OVERFLOW = 'ERR increment or decrement would overflow';
export const NO_SUCH_KEY = 'ERR no such key';
export const DB_INDEX_OUT_OF_RANGE = 'ERR DB index is out of range';
export const INDEX_OUT_OF_RANGE = 'ERR index out of range';
export const NOAUTH = 'NOAUTH Authentication required.';
export const WRONGPASS = 'WRONGPASS invalid username-password pair or user is disabled.';
export const AUTH_NOT_CONFIGURED =
  'ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?';
export const STRING_TOO_LONG = 'ERR string exceeds maximum allowed size (proto-max-bulk-len)';
export const OFFSET_OUT_OF_RANGE = 'ERR offset is out of range';
export const SAME_OBJECT = 'ERR source and destination objects are the same';
export const TIMEOUT_NOT_FLOAT = 'ERR timeout is not a float or out of range';
export const TIMEOUT_NEGATIVE = 'ERR timeout is negative';
export const TIMEOUT_NOT_INTEGER = 'ERR timeout is not an integer or out of range';
export const TIMEOUT_OUT_OF_RANGE = 'ERR timeout is out of range';
export const NAN_OR_INF_INCR = 'ERR increment would produce NaN or Infinity';
export const CLIENT_NAME_SPACES = 'ERR Client names cannot contain spaces, newlines or special characters.';
export const NO_SUCH_CLIENT = 'ERR No such client';
/** Memora-only: a single reply over 1 GB (Redis would exhaust memory instead). */
export const REPLY_TOO_LARGE = 'ERR reply exceeds the maximum size Memora can buffer (1 GB)';
export const NOT_ALLOWED_IN_MULTI = 'ERR Command not allowed inside a transaction';
export const MULTI_NESTED = 'ERR MULTI calls can not be nested';
export const WATCH_IN_MULTI = 'ERR WATCH inside MULTI is not allowed';
export const EXEC_WITHOUT_MULTI = 'ERR EXEC without MULTI';
export const DISCARD_WITHOUT_MULTI = 'ERR DISCARD without MULTI';
export const EXECABORT = 'EXECABORT Transaction discarded because of previous errors.';

export function wrongArity(fullName: string): string {
  return `ERR wrong number of arguments for '${fullName}' command`;
}

export function invalidExpire(cmdName: string): string {
  return `ERR invalid expire time in '${cmdName}' command`;
}

/** Redis's unknown-command error: the name and up to ~128 bytes of arguments, each quoted. */
export function unknownCommand(argv: readonly string[]): string {
  let args = '';
  for (let i = 1; i < argv.length && args.length < 128; i++) {
    const a = argv[i] as string;
    args += `'${a.slice(0, 128 - args.length)}' `;
  }
  return `ERR unknown command '${(argv[0] as string).slice(0, 128)}', with args beginning with: ${args}`;
}

export function unknownSubcommand(sub: string, container: string): string {
  return `ERR unknown subcommand '${sub.slice(0, 128)}'. Try ${container.toUpperCase()} HELP.`;
}

// ---- string commands (src/commands/string.ts) ----
export const DECREMENT_OVERFLOW = 'ERR decrement would overflow';
export const LCS_NOT_STRINGS = 'ERR The specified keys must contain string values';
export const LCS_LEN_AND_IDX = 'ERR If you want both the length and indexes, please just use IDX.';
export const LCS_TOO_LONG = 'ERR String too long for LCS';
export const LCS_OVER_PROTO_MAX = 'ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len';
export const LCS_ALLOC_FAILED = 'ERR Insufficient memory, failed allocating transient memory for LCS';

// ---- keyspace commands (src/commands/keyspace.ts) ----
export const EXPIRE_NX_CONFLICT = 'ERR NX and XX, GT or LT options at the same time are not compatible';
export const EXPIRE_GT_LT_CONFLICT = 'ERR GT and LT options at the same time are not compatible';
export const INVALID_CURSOR = 'ERR invalid cursor';
export const INVALID_FIRST_DB_INDEX = 'ERR invalid first DB index';
export const INVALID_SECOND_DB_INDEX = 'ERR invalid second DB index';
/** getIntFromObjectOrReply without a custom message, for an int64 outside the C int range. */
export const INT_OUT_OF_RANGE = 'ERR value is out of range, value must between -2147483648 and 2147483647';
export const LFU_NOT_SELECTED =
  'ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.';
export const LFU_SELECTED =
  'ERR An LFU maxmemory policy is selected, idle time not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.';

/** The EXPIRE family's answer to an unknown option (addReplyErrorFormat). */
export function unsupportedOption(opt: string): string {
  return `ERR Unsupported option ${opt}`;
}

// ---- connection commands (src/commands/connection.ts) ----
export const NOPROTO = 'NOPROTO unsupported protocol version';
export const HELLO_PROTOVER_NOT_INT = 'ERR Protocol version is not an integer or out of range';
export const HELLO_NOAUTH =
  'NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol version at the same time';
export const RESET_NOT_NORMAL = 'ERR can only reset normal client connections';
export const CLIENT_ID_INVALID = 'ERR Invalid client ID';
export const CLIENT_ID_NOT_POSITIVE = 'ERR client-id should be greater than 0';

export function helloSyntaxError(opt: string): string {
  return `ERR Syntax error in HELLO option '${opt}'`;
}

export function unknownClientType(type: string): string {
  return `ERR Unknown client type '${type}'`;
}

export function noSuchUser(user: string): string {
  return `ERR No such user '${user}'`;
}

// ---- server commands (src/commands/server.ts) ----
export const CONFIG_NO_FILE = 'ERR The server is running without a config file';
export const DEBUG_NOT_ALLOWED =
  'ERR DEBUG command not allowed. If the enable-debug-command option is set to "local", you can run it from a local connection, otherwise you need to set this option in the configuration file, and then restart the server.';
export const DEBUG_PROTOCOL_TYPE =
  'ERR Wrong protocol type name. Please use one of the following: string|integer|double|bignum|null|array|set|map|attrib|push|verbatim|true|false';
export const RESP2_NOT_SUPPORTED = 'ERR RESP2 is not supported by this command';
export const SHUTDOWN_NOT_IN_PROGRESS = 'ERR No shutdown in progress.';
export const SHUTDOWN_FAILED = 'ERR Errors trying to SHUTDOWN. Check logs.';
export const SLOWLOG_COUNT = 'ERR count should be greater than or equal to -1';

/** addReplySubcommandSyntaxError: the subcommand as given, the command upper-cased. */
export function subcommandSyntaxError(sub: string, command: string): string {
  return `ERR unknown subcommand or wrong number of arguments for '${sub.slice(0, 128)}'. Try ${command.toUpperCase()} HELP.`;
}

// ---- list commands (src/commands/list.ts) and CLIENT UNBLOCK ----
export const POP_COUNT_NOT_POSITIVE = 'ERR value is out of range, must be positive';
export const LPOS_RANK_ZERO =
  "ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list";
export const LPOS_COUNT_NEGATIVE = "ERR COUNT can't be negative";
export const LPOS_MAXLEN_NEGATIVE = "ERR MAXLEN can't be negative";
export const NUMKEYS_NOT_POSITIVE = 'ERR numkeys should be greater than 0';
export const COUNT_NOT_POSITIVE = 'ERR count should be greater than 0';
export const UNBLOCK_REASON = 'ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR';
/** The error a client blocked on keys receives from CLIENT UNBLOCK <id> ERROR. */
export const UNBLOCKED_BY_CLIENT = 'UNBLOCKED client unblocked via CLIENT UNBLOCK';

// ---- hash commands (src/commands/hash.ts) and SORT (src/commands/sort.ts) ----
export const HASH_VALUE_NOT_INTEGER = 'ERR hash value is not an integer';
export const HASH_VALUE_NOT_FLOAT = 'ERR hash value is not a float';
export const VALUE_NAN_OR_INFINITY = 'ERR value is NaN or Infinity';
export const VALUE_OUT_OF_RANGE = 'ERR value is out of range';
/** getRangeLongFromObjectOrReply over -LONG_MAX..LONG_MAX (HRANDFIELD's count). */
export const VALUE_OUT_OF_RANGE_LONG =
  'ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807';
export const SORT_SCORE_NOT_DOUBLE = "ERR One or more scores can't be converted into double";

// ---- set commands (src/commands/set.ts) ----
/** SINTERCARD (and ZINTERCARD): numkeys larger than the arguments that follow it. */
export const NUMKEYS_EXCEEDS_ARGS = "ERR Number of keys can't be greater than number of args";
export const LIMIT_NEGATIVE = "ERR LIMIT can't be negative";

// ---- pub/sub commands (src/commands/pubsub.ts) ----
/** SSUBSCRIBE inside MULTI/EXEC (or any context that denies blocking). */
export const SSUBSCRIBE_DENY_BLOCKING = "ERR SSUBSCRIBE isn't allowed for a DENY BLOCKING client";

// ---- sorted set commands (src/commands/zset.ts) ----
export const ZADD_XX_NX = 'ERR XX and NX options at the same time are not compatible';
export const ZADD_GT_LT_NX = 'ERR GT, LT, and/or NX options at the same time are not compatible';
export const ZADD_INCR_ONE_PAIR = 'ERR INCR option supports a single increment-element pair';
export const ZSCORE_NAN = 'ERR resulting score is not a number (NaN)';
export const MIN_MAX_NOT_FLOAT = 'ERR min or max is not a float';
export const MIN_MAX_NOT_STRING_RANGE = 'ERR min or max not valid string range item';
export const ZRANGE_LIMIT_WITHOUT_BY =
  'ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX';
export const ZRANGE_WITHSCORES_BYLEX = 'ERR syntax error, WITHSCORES not supported in combination with BYLEX';
export const WEIGHT_NOT_FLOAT = 'ERR weight value is not a float';

/** ZUNION/ZINTER/ZDIFF[STORE]/ZINTERCARD with numkeys < 1 (the command's full name). */
export function atLeastOneInputKey(cmdName: string): string {
  return `ERR at least 1 input key is needed for '${cmdName}' command`;
}

// ---- client-side caching, MONITOR, CLIENT PAUSE (src/engine/tracking.ts, monitor.ts, pause.ts) ----
export const TRACKING_SINGLE_REDIRECT = 'ERR A client can only redirect to a single other client';
export const TRACKING_REDIRECT_MISSING = 'ERR The client ID you want redirect to does not exist';
export const TRACKING_PREFIX_NEEDS_BCAST = 'ERR PREFIX option requires BCAST mode to be enabled';
export const TRACKING_BCAST_SWITCH =
  "ERR You can't switch BCAST mode on/off before disabling tracking for this client, and then re-enabling it with a different mode.";
export const TRACKING_OPTIN_OPTOUT_BCAST = 'ERR OPTIN and OPTOUT are not compatible with BCAST';
export const TRACKING_OPTIN_AND_OPTOUT = "ERR You can't specify both OPTIN mode and OPTOUT mode";
export const TRACKING_OPT_SWITCH =
  "ERR You can't switch OPTIN/OPTOUT mode before disabling tracking for this client, and then re-enabling it with a different mode.";
export const CACHING_NOT_TRACKING =
  'ERR CLIENT CACHING can be called only when the client is in tracking mode with OPTIN or OPTOUT mode enabled';
export const CACHING_YES_NOT_OPTIN = 'ERR CLIENT CACHING YES is only valid when tracking is enabled in OPTIN mode.';
export const CACHING_NO_NOT_OPTOUT = 'ERR CLIENT CACHING NO is only valid when tracking is enabled in OPTOUT mode.';
export const MONITOR_DENY_BLOCKING = "ERR MONITOR isn't allowed for DENY BLOCKING client";
export const PAUSE_MODE = 'ERR CLIENT PAUSE mode must be WRITE or ALL';
export const REPLICA_KEYSPACE = "ERR Replica can't interact with the keyspace";

// ---- DUMP / RESTORE (src/commands/dump.ts) ----
export const BUSYKEY = 'BUSYKEY Target key name already exists.';
export const DUMP_PAYLOAD_WRONG = 'ERR DUMP payload version or checksum are wrong';
export const BAD_DATA_FORMAT = 'ERR Bad data format';
export const RESTORE_INVALID_TTL = 'ERR Invalid TTL value, must be >= 0';
export const RESTORE_INVALID_IDLETIME = 'ERR Invalid IDLETIME value, must be >= 0';
export const RESTORE_INVALID_FREQ = 'ERR Invalid FREQ value, must be >= 0 and <= 255';
