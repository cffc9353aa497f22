import crypto from 'node:crypto';
import pg from 'pg';
import { openPostgres } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';

/**
 * Prepares one migrated PostgreSQL template database per run; each test file then gets a fresh copy of it
 * (CREATE DATABASE … TEMPLATE), as Immich does. Without PostgreSQL the PostgreSQL tests are skipped — except in CI
 * (CI=true), where a missing database fails the run.
 */

export default async function setup({ provide }: { provide: (key: string, value: string) => void }) {
  // One template per run and tier (each tier's project runs this setup), so that parallel runs (several
  // developers, or CI beside a developer) and the tiers of one run never collide.
  const TEMPLATE = `gongfu_tpl_${process.pid}_${crypto.randomBytes(3).toString('hex')}`;
  const base = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const admin = new pg.Client({ connectionString: base });
  try {
    await admin.connect();
  } catch (error) {
    if (process.env.CI === 'true') {
      throw new Error(`PostgreSQL is required in CI but ${base} is not reachable`, { cause: error });
    }
    console.warn(`PostgreSQL not reachable at ${base}; PostgreSQL tests will be skipped.`);
    provide('pgBase', '');
    provide('pgTemplate', '');
    return undefined;
  }
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEMPLATE}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${TEMPLATE}`;
  const db = openPostgres(url.toString(), 1);
  await migrateToLatest(db);
  await db.close();
  provide('pgBase', base);
  provide('pgTemplate', TEMPLATE);
  return async () => {
    const a = new pg.Client({ connectionString: base });
    await a.connect();
    await a.query(`DROP DATABASE IF EXISTS ${TEMPLATE} WITH (FORCE)`);
    await a.end();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgBase: string;
    pgTemplate: string;
  }
}
