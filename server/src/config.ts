import { realpathSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { TurnOptions } from './media/turn-credentials.ts';
import type { DatabaseLocation } from './store/database.ts';
import type { WorkerPoolOptions } from './media/worker-pool.ts';

const port = z.coerce.number().int().min(0).max(65_535);
const boolean = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

/**
 * Every setting the server reads from its environment, with its default. This is the only file
 * that reads `process.env`; everything else receives a parsed `Config`.
 */
const envSchema = z.object({
  /** Interface the HTTPS server listens on. */
  HOST: z.string().default('0.0.0.0'),
  /** HTTPS port for the pages, the API and signalling. */
  PORT: port.default(8443),
  /** Where generated files live (self-signed certificate, later the database). */
  DATA_DIR: z.string().default(path.resolve('data')),
  /**
   * Where records live: unset for the embedded SQLite file DATA_DIR/madoguchi.db, or a PostgreSQL
   * connection string (postgres://user:password@host:5432/database).
   */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(?:ql)?:\/\/\S+$/, 'a postgres:// connection string')
    .optional(),
  /**
   * `demo` (the default, and what `npm start` runs): a demonstration or test installation, which
   * every kiosk and console page marks 「デモ」. `production`: the server refuses to start (code
   * PRODUCTION_UNSAFE, every reason and its fix in the message) when TLS_CERT_FILE and
   * TLS_KEY_FILE are unset or name a self-signed certificate, when CAPTURE_KEY_FILE or
   * PROOF_KEY_FILE is unset or inside DATA_DIR, when BLOB_KEYS or DEMO=true is set, or when an
   * active staff account still has the demonstration password (checked at every start: one
   * argon2 verification per active account, about 30 ms each).
   */
  MADOGUCHI_MODE: z.enum(['demo', 'production']).default('demo'),
  /** PEM certificate and key; when both are unset a self-signed pair is generated in DATA_DIR. */
  TLS_CERT_FILE: z.string().optional(),
  TLS_KEY_FILE: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Number of mediasoup workers; defaults to one per core. */
  MEDIA_WORKERS: z.coerce.number().int().min(1).max(64).default(os.availableParallelism()),
  /** Address media sockets bind to. */
  MEDIA_LISTEN_IP: z.string().default('0.0.0.0'),
  /** Address given to browsers in ICE candidates; defaults to the first non-internal IPv4 address. */
  MEDIA_ANNOUNCED_ADDRESS: z.string().optional(),
  /** Worker i's WebRtcServer listens on UDP and TCP port MEDIA_PORT_BASE + i (0: any free port). */
  MEDIA_PORT_BASE: port.default(44_400),
  /** Port range for router-to-router pipes (internal, loopback). */
  MEDIA_RTC_MIN_PORT: port.default(45_000),
  MEDIA_RTC_MAX_PORT: port.default(45_999),
  /** How often each worker's CPU and memory use is logged. */
  MEDIA_USAGE_LOG_INTERVAL_MS: z.coerce.number().int().min(1_000).default(60_000),
  /** How long an offered call waits for the clerk before it goes to someone else. */
  OFFER_TIMEOUT_MS: z.coerce.number().int().min(1_000).default(20_000),
  /** How long a participant whose socket dropped can resume before it is considered gone. */
  RESUME_GRACE_MS: z.coerce.number().int().min(0).default(20_000),
  /**
   * The municipality's procedures, skills, clerks, booths and opening hours (JSON), stored as the
   * first catalogue revision on the first start; later starts use the latest revision saved.
   */
  CATALOG_FILE: z.string().default(fileURLToPath(new URL('./catalog/seed/tama.json', import.meta.url))),
  /**
   * `catalog`: kiosks queue callers only within the booth's and headquarters' opening hours.
   * `always`: ignore opening hours (demonstrations, tests).
   */
  SERVICE_HOURS: z.enum(['catalog', 'always']).default('catalog'),
  /** Wrap-up time after each call before the clerk is offered the next one. */
  WRAP_UP_MS: z.coerce.number().int().min(0).default(30_000),
  /** Socket commands one connection may send per second. */
  RATE_COMMANDS_PER_SECOND: z.coerce.number().int().min(1).default(50),
  /** Socket handshakes one IP address may attempt per minute. */
  RATE_HANDSHAKES_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  /** Staff logins one IP address may attempt per minute (each account also locks per address). */
  RATE_LOGINS_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  /** Kiosk enrollments one IP address may attempt per minute. */
  RATE_ENROLLMENTS_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  /**
   * Behind a reverse proxy, which proxies to believe for the client's address (X-Forwarded-For):
   * `true` for all, or comma-separated addresses/CIDRs (e.g. 10.0.0.0/8). Unset: the socket's own
   * address, so that nobody can choose theirs.
   */
  TRUST_PROXY: z.string().default(''),
  /** Comma-separated TURN URLs handed to browsers, e.g. turns:turn.example.lg.jp:443?transport=tcp */
  TURN_URLS: z.string().default(''),
  /** coturn's static-auth-secret; required with TURN_URLS. */
  TURN_SHARED_SECRET: z.string().default(''),
  TURN_CREDENTIAL_TTL_S: z.coerce
    .number()
    .int()
    .min(60)
    .default(12 * 3600),
  /** Send all media through TURN (booth networks that allow nothing else). */
  TURN_RELAY_ONLY: boolean.default(false),
  /**
   * Key files sealing stills and signatures at rest (AES-256-GCM), comma-separated: each holds 32
   * random bytes (raw, or base64 text) and its file name without `.key` is the key id. The first
   * seals new captures; the others only open captures they sealed. Rotate by putting a new file
   * first and keeping the old ones until their captures have passed their retention period. Keep
   * them outside DATA_DIR (production mode requires it). Unset, with BLOB_KEYS unset too: a key
   * generated once in DATA_DIR/keys (demonstrations only).
   */
  CAPTURE_KEY_FILE: z.string().default(''),
  /**
   * The same keys inline, `id:base64-of-32-bytes,…` (first one current); refused in production
   * mode, where keys come from files. Not together with CAPTURE_KEY_FILE.
   */
  BLOB_KEYS: z.string().default(''),
  /**
   * Key files (32 or more random bytes each; the file name without `.key` is the key id) for the
   * proof of each accepted signature, comma-separated: the first signs new proofs, the others only
   * verify the proofs they signed (each proof names its key id). Rotate by putting a new file
   * first and keeping the old ones listed for as long as their proofs must be checked. Unset: one
   * generated once in DATA_DIR/keys (demonstrations only; production mode requires files outside
   * DATA_DIR).
   */
  PROOF_KEY_FILE: z.string().default(''),
  /** How long document stills and signatures are kept; the catalogue's retention section wins. */
  CAPTURE_RETENTION_DAYS: z.coerce.number().min(0).max(3650).default(30),
  /**
   * How long residents' survey comments and clerks' wrap-up notes are kept (the figures stay); the
   * catalogue's retention section wins.
   */
  FREE_TEXT_RETENTION_DAYS: z.coerce.number().min(0).max(3650).default(365),
  /** How often expired captures are looked for. */
  PURGE_INTERVAL_MS: z.coerce.number().int().min(1_000).default(3_600_000),
  /** How long a staff login lasts. */
  SESSION_TTL_MS: z.coerce
    .number()
    .int()
    .min(60_000)
    .default(12 * 3_600_000),
  /** A staff login with no request and no socket command for this long ends (its sockets too). */
  STAFF_IDLE_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .default(30 * 60_000),
  /** How often open staff sockets are checked for a login that expired or went idle. */
  STAFF_SESSION_CHECK_INTERVAL_MS: z.coerce.number().int().min(100).default(15_000),
  /**
   * Demonstration data: on an empty database, create an account for every catalogue clerk plus a
   * supervisor and an administrator (password printed at start) and enrollment codes for the kiosks.
   */
  DEMO: boolean.default(false),
  /** Serve the built kiosk and console pages (off in API-only tests). */
  SERVE_CLIENTS: boolean.default(true),
});

export type Mode = 'demo' | 'production';

export interface Config {
  /** `production` refuses to start unsafely (see MADOGUCHI_MODE); `demo` marks every page. */
  mode: Mode;
  host: string;
  port: number;
  dataDir: string;
  tls: { certFile: string; keyFile: string } | undefined;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  media: WorkerPoolOptions;
  offerTimeoutMs: number;
  resumeGraceMs: number;
  serveClients: boolean;
  catalogFile: string;
  serviceHours: 'catalog' | 'always';
  wrapUpMs: number;
  database: DatabaseLocation;
  /** The routing queue's local event journal (the SQLite database itself when that is in use). */
  queueJournalFile: string;
  rateLimits: {
    commandsPerSecond: number;
    handshakesPerMinute: number;
    loginsPerMinute: number;
    enrollmentsPerMinute: number;
  };
  /** Fastify's `trustProxy`: false unless TRUST_PROXY names the proxies to believe. */
  trustProxy: boolean | string[];
  sessionTtlMs: number;
  staffIdleTimeoutMs: number;
  staffSessionCheckIntervalMs: number;
  isDemo: boolean;
  turn: TurnOptions;
  blobKeys: string;
  /** Capture key files, the current one first; empty: BLOB_KEYS, or a key generated in DATA_DIR/keys. */
  captureKeyFiles: string[];
  /** Key files for signature proofs, the current one first; empty: generated in DATA_DIR/keys. */
  proofKeyFiles: string[];
  captureRetentionMs: number;
  freeTextRetentionMs: number;
  purgeIntervalMs: number;
}

/**
 * A configuration the server will not start with: `CONFIG_INVALID` for one that cannot work,
 * `PRODUCTION_UNSAFE` for one that would work but is not safe for real residents' data.
 */
export class ConfigError extends Error {
  readonly code: 'CONFIG_INVALID' | 'PRODUCTION_UNSAFE';

  constructor(message: string, code: ConfigError['code'] = 'CONFIG_INVALID') {
    super(message);
    this.name = 'ConfigError';
    this.code = code;
  }

  /** Every reason a production start is refused, each with its fix. */
  static unsafeForProduction(problems: readonly string[]): ConfigError {
    return new ConfigError(
      `refusing to start in production mode (MADOGUCHI_MODE=production): ${problems
        .map((problem, index) => `(${index + 1}) ${problem}`)
        .join(' ')}`,
      'PRODUCTION_UNSAFE',
    );
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid configuration: ${details.join('; ')}`);
  }
  const e = parsed.data;
  if ((e.TLS_CERT_FILE === undefined) !== (e.TLS_KEY_FILE === undefined)) {
    throw new ConfigError('invalid configuration: TLS_CERT_FILE and TLS_KEY_FILE must be set together');
  }
  if (e.TURN_URLS.trim() !== '' && e.TURN_SHARED_SECRET === '') {
    throw new ConfigError('invalid configuration: TURN_URLS needs TURN_SHARED_SECRET');
  }
  if (e.MEDIA_RTC_MIN_PORT > e.MEDIA_RTC_MAX_PORT) {
    throw new ConfigError('invalid configuration: MEDIA_RTC_MIN_PORT is above MEDIA_RTC_MAX_PORT');
  }
  const captureKeyFiles = listOf(e.CAPTURE_KEY_FILE);
  const proofKeyFiles = listOf(e.PROOF_KEY_FILE);
  if (captureKeyFiles.length > 0 && e.BLOB_KEYS.trim() !== '') {
    throw new ConfigError('invalid configuration: set CAPTURE_KEY_FILE or BLOB_KEYS, not both');
  }
  if (e.MADOGUCHI_MODE === 'production') {
    const problems = productionProblems(e, { captureKeyFiles, proofKeyFiles });
    if (problems.length > 0) throw ConfigError.unsafeForProduction(problems);
  }
  return {
    mode: e.MADOGUCHI_MODE,
    host: e.HOST,
    port: e.PORT,
    dataDir: e.DATA_DIR,
    tls:
      e.TLS_CERT_FILE && e.TLS_KEY_FILE ? { certFile: e.TLS_CERT_FILE, keyFile: e.TLS_KEY_FILE } : undefined,
    logLevel: e.LOG_LEVEL,
    media: {
      workerCount: e.MEDIA_WORKERS,
      listenIp: e.MEDIA_LISTEN_IP,
      announcedAddress: e.MEDIA_ANNOUNCED_ADDRESS ?? firstExternalIpv4() ?? '127.0.0.1',
      portBase: e.MEDIA_PORT_BASE,
      rtcMinPort: e.MEDIA_RTC_MIN_PORT,
      rtcMaxPort: e.MEDIA_RTC_MAX_PORT,
      usageLogIntervalMs: e.MEDIA_USAGE_LOG_INTERVAL_MS,
    },
    offerTimeoutMs: e.OFFER_TIMEOUT_MS,
    resumeGraceMs: e.RESUME_GRACE_MS,
    serveClients: e.SERVE_CLIENTS,
    catalogFile: e.CATALOG_FILE,
    serviceHours: e.SERVICE_HOURS,
    wrapUpMs: e.WRAP_UP_MS,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'sqlite', file: path.join(e.DATA_DIR, 'madoguchi.db') },
    queueJournalFile: path.join(e.DATA_DIR, e.DATABASE_URL ? 'queue-journal.db' : 'madoguchi.db'),
    sessionTtlMs: e.SESSION_TTL_MS,
    staffIdleTimeoutMs: e.STAFF_IDLE_TIMEOUT_MS,
    staffSessionCheckIntervalMs: e.STAFF_SESSION_CHECK_INTERVAL_MS,
    blobKeys: e.BLOB_KEYS,
    captureKeyFiles,
    proofKeyFiles,
    captureRetentionMs: e.CAPTURE_RETENTION_DAYS * 86_400_000,
    freeTextRetentionMs: e.FREE_TEXT_RETENTION_DAYS * 86_400_000,
    purgeIntervalMs: e.PURGE_INTERVAL_MS,
    turn: {
      urls: e.TURN_URLS.split(',')
        .map((url) => url.trim())
        .filter(Boolean),
      sharedSecret: e.TURN_SHARED_SECRET,
      ttlSeconds: e.TURN_CREDENTIAL_TTL_S,
      isRelayOnly: e.TURN_RELAY_ONLY,
    },
    isDemo: e.DEMO,
    rateLimits: {
      commandsPerSecond: e.RATE_COMMANDS_PER_SECOND,
      handshakesPerMinute: e.RATE_HANDSHAKES_PER_MINUTE,
      loginsPerMinute: e.RATE_LOGINS_PER_MINUTE,
      enrollmentsPerMinute: e.RATE_ENROLLMENTS_PER_MINUTE,
    },
    trustProxy: trustProxyOf(e.TRUST_PROXY.trim()),
  };
}

/** What makes this environment unsafe for production, each worded with its fix. */
function productionProblems(
  e: z.infer<typeof envSchema>,
  {
    captureKeyFiles,
    proofKeyFiles,
  }: { captureKeyFiles: readonly string[]; proofKeyFiles: readonly string[] },
): string[] {
  const problems: string[] = [];
  const dataDir = realPathOf(e.DATA_DIR);
  const isInDataDir = (file: string) => {
    const relative = path.relative(dataDir, realPathOf(file));
    return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
  };
  if (e.DEMO) {
    problems.push(
      'DEMO=true creates accounts with the published demonstration password: unset DEMO (or set DEMO=false).',
    );
  }
  if (e.TLS_CERT_FILE === undefined) {
    problems.push(
      'no TLS certificate is configured, so a self-signed one would be generated: set TLS_CERT_FILE and TLS_KEY_FILE to the certificate (with its chain) and key issued for this server.',
    );
  } else if (isInDataDir(e.TLS_CERT_FILE) && path.basename(e.TLS_CERT_FILE) === 'self-signed.crt') {
    problems.push(
      `TLS_CERT_FILE (${e.TLS_CERT_FILE}) is the self-signed certificate generated in DATA_DIR/tls: set it to a certificate issued for this server.`,
    );
  }
  if (e.BLOB_KEYS.trim() !== '') {
    problems.push(
      'BLOB_KEYS puts the capture keys in the environment: write each key to its own file outside DATA_DIR and list the files in CAPTURE_KEY_FILE (same ids, current first).',
    );
  } else if (captureKeyFiles.length === 0) {
    problems.push(
      'CAPTURE_KEY_FILE is unset, so stills and signatures would be sealed with a key generated in DATA_DIR/keys, beside the data it protects: create one outside DATA_DIR (e.g. head -c 32 /dev/urandom > /etc/madoguchi/keys/capture-1.key, mode 0400) and set CAPTURE_KEY_FILE to it.',
    );
  }
  for (const file of captureKeyFiles.filter(isInDataDir)) {
    problems.push(
      `CAPTURE_KEY_FILE names ${file}, inside DATA_DIR (${e.DATA_DIR}), where one copied disk or backup holds both the captures and their key: keep the key outside DATA_DIR.`,
    );
  }
  if (proofKeyFiles.length === 0) {
    problems.push(
      'PROOF_KEY_FILE is unset, so signature proofs would be signed with a key generated in DATA_DIR/keys: create one outside DATA_DIR (e.g. head -c 32 /dev/urandom > /etc/madoguchi/keys/proof-1.key, mode 0400) and set PROOF_KEY_FILE to it.',
    );
  }
  for (const file of proofKeyFiles.filter(isInDataDir)) {
    problems.push(
      `PROOF_KEY_FILE names ${file}, inside DATA_DIR (${e.DATA_DIR}): keep the proof key outside DATA_DIR.`,
    );
  }
  return problems;
}

/** The path with symbolic links resolved as far as it exists, so a link into DATA_DIR counts as inside. */
function realPathOf(file: string): string {
  const absolute = path.resolve(file);
  try {
    return realpathSync(absolute);
  } catch {
    const parent = path.dirname(absolute);
    return parent === absolute ? absolute : path.join(realPathOf(parent), path.basename(absolute));
  }
}

function listOf(value: string): string[] {
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
}

function trustProxyOf(value: string): boolean | string[] {
  if (value === '' || value === 'false') return false;
  if (value === 'true') return true;
  return value.split(',').map((entry) => entry.trim());
}

function firstExternalIpv4(): string | undefined {
  for (const addresses of Object.values(os.networkInterfaces())) {
    for (const address of addresses ?? []) {
      if (address.family === 'IPv4' && !address.internal) return address.address;
    }
  }
  return undefined;
}
