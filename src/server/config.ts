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
  /** Cookies get the Secure flag; on by default in production. */
  COOKIE_SECURE: z.enum(['true', 'false']).optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  /** Body size limit for JSON requests, in bytes; uploads have their own limit. */
  BODY_LIMIT: z.coerce.number().int().min(1024).default(1024 * 1024),
  UPLOAD_LIMIT: z.coerce.number().int().min(1024).default(10 * 1024 * 1024),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Serve the built web app from this folder when it exists. */
  WEB_DIST: z.string().default('./dist/web'),
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
  bodyLimit: number;
  uploadLimit: number;
  logLevel: string;
  webDist: string;
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
  return {
    mode: e.GONGFU_MODE,
    databaseUrl: e.DATABASE_URL ?? null,
    dataDir,
    sqliteFile: path.join(dataDir, 'gongfu.sqlite'),
    host: e.HOST,
    port: e.PORT,
    cookieSecure: e.COOKIE_SECURE ? e.COOKIE_SECURE === 'true' : e.GONGFU_MODE === 'production',
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    bodyLimit: e.BODY_LIMIT,
    uploadLimit: e.UPLOAD_LIMIT,
    logLevel: e.LOG_LEVEL,
    webDist: path.resolve(e.WEB_DIST),
  };
}
