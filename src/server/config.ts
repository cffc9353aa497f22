import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * The whole configuration, parsed once from the environment at start-up.
 * A bad value fails the start with a list naming every bad variable.
 */
const schema = z.object({
  /** `demo` creates one demo account per role and says so loudly; `production` refuses default accounts. */
  GONGFU_MODE: z.enum(['demo', 'production']).default('demo'),
  /** PostgreSQL connection string; when absent the embedded SQLite file under DATA_DIR is used. */
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('./data'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Cookies get the Secure flag; on by default in production and whenever the server terminates TLS itself. */
  COOKIE_SECURE: z.enum(['true', 'false']).optional(),
  /**
   * The default idle timeout, until the security administrator saves a policy (which then decides). MLPS level 3
   * allows at most 30 minutes.
   */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(30).default(30),
  /** PEM certificate (chain) and key: the server then speaks HTTPS itself. Both or neither. */
  TLS_CERT_FILE: z.string().min(1).optional(),
  TLS_KEY_FILE: z.string().min(1).optional(),
  /**
   * The reverse proxy the server may believe about the client's address and protocol (X-Forwarded-For/-Proto):
   * its address or CIDR (comma-separated for several). Unset: nobody is believed. `true` believes anyone and is only
   * for a server that no client can reach except through the proxy.
   */
  TRUST_PROXY: z.string().trim().optional(),
  /** Sign-in attempts allowed per 10 minutes from one address, and for one account name. */
  SIGN_IN_LIMIT_PER_ADDRESS: z.coerce.number().int().min(1).default(30),
  SIGN_IN_LIMIT_PER_ACCOUNT: z.coerce.number().int().min(1).default(10),
  /** Requests allowed per minute with one API token (service accounts, src/server/modules/exchange). */
  TOKEN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  /** Size limit of a data value set or ADX file sent to the exchange imports, in bytes. */
  EXCHANGE_LIMIT: z.coerce
    .number()
    .int()
    .min(1024)
    .default(32 * 1024 * 1024),
  /** Field-encryption keys (src/server/security/field-crypto.ts); required in production. */
  GONGFU_FIELD_KEY: z.string().optional(),
  GONGFU_INDEX_KEY: z.string().optional(),
  /**
   * The cryptographic suite of new data: `international` (AES-256-GCM, HMAC-SHA256, audit chain SHA-256) or
   * `national` (SM4-GCM, HMAC-SM3, audit chain SM3 — 商用密码, GB/T 39786-2021). Data written under the other stays
   * readable and verifiable; `rotate-keys` re-encrypts it.
   */
  GONGFU_CRYPTO: z.enum(['international', 'national']).default('international'),
  /** Body size limit for JSON requests, in bytes; uploads have their own limit. */
  BODY_LIMIT: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  UPLOAD_LIMIT: z.coerce
    .number()
    .int()
    .min(1024)
    .default(10 * 1024 * 1024),
  /**
   * The upload gate of every import (src/server/uploads/upload-gate.ts): the unpacked size of a package, the
   * compression ratio of any part, and the imports one user, and the server in all, may run at once.
   */
  IMPORT_MAX_UNPACKED_BYTES: z.coerce
    .number()
    .int()
    .min(1024 * 1024)
    .default(40 * 1024 * 1024),
  IMPORT_MAX_RATIO: z.coerce.number().int().min(10).default(200),
  IMPORTS_PER_USER: z.coerce.number().int().min(1).default(2),
  IMPORTS_TOTAL: z.coerce.number().int().min(1).default(6),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Serve the built web app from this folder when it exists. */
  WEB_DIST: z.string().default('./dist/web'),
  /**
   * The background job queue (src/server/jobs): `pg-boss` (jobs stored in PostgreSQL, run once across servers) or
   * `in-process`. Default: pg-boss on PostgreSQL, in-process on SQLite.
   */
  GONGFU_JOBS: z.enum(['in-process', 'pg-boss']).optional(),
  /** pg-boss: how often a server looks for jobs whose server stopped answering (they are retried elsewhere). */
  JOBS_SUPERVISE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /**
   * The bearer token Prometheus sends to GET /metrics. Unset: /metrics answers only requests made on the machine
   * itself (loopback) that came through no proxy. At least 32 characters.
   */
  METRICS_TOKEN: z.string().min(32).optional(),
});

export interface Config {
  mode: 'demo' | 'production';
  databaseUrl: string | null;
  dataDir: string;
  sqliteFile: string;
  host: string;
  port: number;
  cookieSecure: boolean;
  sessionIdleMinutes: number;
  tls: { certFile: string; keyFile: string } | null;
  trustProxy: boolean | string;
  signInLimitPerAddress: number;
  signInLimitPerAccount: number;
  tokenRateLimitPerMinute: number;
  exchangeLimit: number;
  /** The raw key variables, read by loadFieldKeys when field encryption is first needed. */
  fieldKeys: { GONGFU_FIELD_KEY: string | undefined; GONGFU_INDEX_KEY: string | undefined };
  /** GONGFU_CRYPTO: the suite of new ciphertexts, blind indexes and audit records. */
  cryptoSuite: 'international' | 'national';
  bodyLimit: number;
  uploadLimit: number;
  imports: { maxUnpackedBytes: number; maxRatio: number; perUser: number; total: number };
  logLevel: string;
  webDist: string;
  jobs: 'in-process' | 'pg-boss';
  jobsSuperviseSeconds: number;
  metricsToken: string | null;
}

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const problems: string[] = [];
  if ((e.TLS_CERT_FILE === undefined) !== (e.TLS_KEY_FILE === undefined)) {
    problems.push('TLS_CERT_FILE, TLS_KEY_FILE: give both, or neither');
  }
  for (const name of ['TLS_CERT_FILE', 'TLS_KEY_FILE'] as const) {
    const file = e[name];
    if (file !== undefined && !fs.existsSync(file)) problems.push(`${name}: ${file} does not exist`);
  }
  if (e.GONGFU_JOBS === 'pg-boss' && !e.DATABASE_URL) problems.push('GONGFU_JOBS: pg-boss needs DATABASE_URL');
  if (problems.length > 0) throw new ConfigError(problems);
  const tls =
    e.TLS_CERT_FILE && e.TLS_KEY_FILE
      ? { certFile: path.resolve(e.TLS_CERT_FILE), keyFile: path.resolve(e.TLS_KEY_FILE) }
      : null;
  return {
    mode: e.GONGFU_MODE,
    databaseUrl: e.DATABASE_URL ?? null,
    dataDir,
    sqliteFile: path.join(dataDir, 'gongfu.sqlite'),
    host: e.HOST,
    port: e.PORT,
    cookieSecure: tls !== null || (e.COOKIE_SECURE ? e.COOKIE_SECURE === 'true' : e.GONGFU_MODE === 'production'),
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    tls,
    trustProxy: trustProxyOf(e.TRUST_PROXY),
    signInLimitPerAddress: e.SIGN_IN_LIMIT_PER_ADDRESS,
    signInLimitPerAccount: e.SIGN_IN_LIMIT_PER_ACCOUNT,
    tokenRateLimitPerMinute: e.TOKEN_RATE_LIMIT_PER_MINUTE,
    exchangeLimit: e.EXCHANGE_LIMIT,
    fieldKeys: { GONGFU_FIELD_KEY: e.GONGFU_FIELD_KEY, GONGFU_INDEX_KEY: e.GONGFU_INDEX_KEY },
    cryptoSuite: e.GONGFU_CRYPTO,
    bodyLimit: e.BODY_LIMIT,
    uploadLimit: e.UPLOAD_LIMIT,
    imports: {
      maxUnpackedBytes: e.IMPORT_MAX_UNPACKED_BYTES,
      maxRatio: e.IMPORT_MAX_RATIO,
      perUser: e.IMPORTS_PER_USER,
      total: e.IMPORTS_TOTAL,
    },
    logLevel: e.LOG_LEVEL,
    webDist: path.resolve(e.WEB_DIST),
    jobs: e.GONGFU_JOBS ?? (e.DATABASE_URL ? 'pg-boss' : 'in-process'),
    jobsSuperviseSeconds: e.JOBS_SUPERVISE_SECONDS,
    metricsToken: e.METRICS_TOKEN ?? null,
  };
}

/** TRUST_PROXY as Fastify's `trustProxy`: false when unset, `true`, or a list of addresses/CIDRs. */
function trustProxyOf(value: string | undefined): boolean | string {
  if (value === undefined || value === '' || value === 'false') return false;
  if (value === 'true') return true;
  return value;
}
