import crypto from 'node:crypto';
import type { Role } from '../src/domain/types.ts';
import { buildIndicator, buildTarget, buildUser } from '../src/server/factories.ts';
import type { Db } from '../src/server/db/database.ts';
import { insertChunked } from '../src/server/modules/frameworks/framework.repository.ts';
import { hashPassword } from '../src/server/modules/auth/password-hash.ts';

/**
 * A large synthetic framework for benchmarks: `units` county-level units under one city, `indicators` monthly
 * indicators in 8 dimensions (every 30th one computed), annual targets per unit, and `years` of monthly values.
 * Deterministic (seeded), so two runs measure the same work.
 */
export interface FixtureOptions {
  indicators: number;
  units: number;
  years: number[];
  password: string;
}

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function loadFixture(
  db: Db,
  o: FixtureOptions,
): Promise<{ frameworkId: string; unitIds: string[]; codes: string[] }> {
  const rand = rng(42);
  const now = new Date('2024-12-05T00:00:00Z').toISOString();
  const unitIds = Array.from({ length: o.units }, (_, i) => `u${String(i + 1).padStart(3, '0')}`);
  await insertChunked(db.kysely, 'org_units', [
    {
      id: 'city',
      parent_id: null,
      code: '510400',
      name: '攀枝花市',
      name_en: 'Panzhihua',
      kind: 'city',
      urban: null,
      sort: 0,
      path: '/city/',
    },
  ]);
  await insertChunked(
    db.kysely,
    'org_units',
    unitIds.map((id, i) => ({
      id,
      parent_id: 'city',
      code: `B${id}`,
      name: `单位${i + 1}`,
      name_en: `Unit ${i + 1}`,
      kind: 'district',
      urban: null,
      sort: i + 1,
      path: `/city/${id}/`,
    })),
  );
  const year = Math.max(...o.years);
  const frameworkId = `bench-${year}`;
  await db.kysely
    .insertInto('frameworks')
    .values({
      id: frameworkId,
      year,
      version: 1,
      name: 'bench',
      status: 'published',
      based_on_id: null,
      created_at: now,
      created_by: null,
      published_at: now,
      published_by: null,
      row_version: 1,
    })
    .execute();
  const dims = Array.from({ length: 8 }, (_, i) => `D${i + 1}`);
  await insertChunked(
    db.kysely,
    'dimensions',
    dims.map((code, i) => ({
      id: crypto.randomUUID(),
      framework_id: frameworkId,
      code,
      parent_code: null,
      name: code,
      name_en: code,
      work_team_id: null,
      weight: 12.5,
      sort: i,
    })),
  );
  const codes = Array.from({ length: o.indicators }, (_, i) => `I${String(i + 1).padStart(3, '0')}`);
  const kinds = ['cumulative', 'rate', 'level'] as const;
  const indicators = codes.map((code, i) => {
    const computed = i % 30 === 29;
    return buildIndicator({
      framework_id: frameworkId,
      code,
      dimension_code: dims[i % 8] as string,
      name: `指标${i + 1}`,
      name_en: `Indicator ${i + 1}`,
      direction: i % 7 === 0 ? 'lower' : 'higher',
      value_kind: computed ? 'level' : (kinds[i % 3] ?? 'rate'),
      data_source: 'bench',
      definition: 'bench',
      formula: computed ? `{${codes[i - 1]}} / {${codes[i - 2]}}` : null,
      headline: i < 8 ? 1 : 0,
      sort: i,
    });
  });
  await insertChunked(db.kysely, 'indicators', indicators);
  const allUnits = ['city', ...unitIds];
  const targets = [];
  for (const ind of indicators) {
    if (ind.formula) continue;
    for (const u of allUnits) {
      const base = ind.value_kind === 'cumulative' ? 1000 : 6;
      const lower = ind.direction === 'lower';
      targets.push(
        buildTarget({
          framework_id: frameworkId,
          indicator_code: ind.code,
          org_unit_id: u,
          year,
          comparison: lower ? 'atMost' : 'atLeast',
          floor: base,
          stretch: lower ? base * 0.95 : base * 1.05,
        }),
      );
    }
  }
  await insertChunked(db.kysely, 'targets', targets);
  let batch: Record<string, unknown>[] = [];
  const last = Math.max(...o.years);
  for (const y of o.years) {
    // The last year's November and December stay open for the import benchmark.
    for (let m = 1; m <= (y === last ? 10 : 12); m++) {
      const period = `${y}-${String(m).padStart(2, '0')}`;
      for (const ind of indicators) {
        if (ind.formula) continue;
        for (const u of allUnits) {
          const v =
            ind.value_kind === 'cumulative' ? ((1000 * m) / 12) * (0.7 + rand() * 0.5) : 6 * (0.85 + rand() * 0.3);
          batch.push({
            id: crypto.randomUUID(),
            indicator_code: ind.code,
            org_unit_id: u,
            period,
            year: y,
            value: Math.round(v * 100) / 100,
            status: 'published',
            origin: 'generated',
            source_doc: 'generated',
            source_quote: null,
            note: null,
            return_reason: null,
            version: 1,
            updated_by: null,
            updated_at: now,
            submitted_by: null,
            submitted_at: null,
            reviewed_by: null,
            reviewed_at: null,
          });
        }
      }
      if (batch.length > 50_000) {
        await insertChunked(db.kysely, 'indicator_values', batch);
        batch = [];
      }
    }
  }
  await insertChunked(db.kysely, 'indicator_values', batch);
  const hash = await hashPassword(o.password);
  const user = (username: string, role: Role, entry: string[]) =>
    buildUser({ username, role, entryScope: entry, viewScope: ['city'], passwordHash: hash, now });
  await insertChunked(db.kysely, 'users', [
    user('leader', 'leader', []),
    user('reporter', 'districtReporter', ['city']),
  ]);
  return { frameworkId, unitIds, codes };
}
