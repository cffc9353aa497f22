import type { Dialect } from './database.ts';

/**
 * What a migration needs to know of the dialect: the column types that are spelled differently. Its own file so
 * that the migrations do not import the runner that imports them.
 */
export interface MigrationContext {
  dialect: Dialect;
  real: 'real' | 'double precision';
  serial: 'integer' | 'serial';
}
