/**
 * The monitoring rules over HTTP and the cases opened by the registry's flags, on each dialect: the civil-affairs
 * officer of the city edits the rules (history with who, when, why and what changed; a stale version is a 409; a bad
 * field is named), a household newly flagged opens its case once (re-saving it opens no second one), the rule "off"
 * opens none; and the generated cases of the default data are there, labelled, at various steps.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckCharacter } from '../../src/domain/households/id-number.ts';
import type { Actor } from '../../src/server/access/policy.ts';
import type { CaseTables } from '../../src/server/db/case-tables.ts';
import type { MemberInput } from '../../src/shared/api/households.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { testDialects } from '../databases.ts';
import { errorCode, makeUser } from '../security/helpers.ts';

const XINZHUANG = 'xiqu-geliping-xinzhuang';

function id(birth: string, seq: string): string {
  const first = `510411${birth.replaceAll('-', '')}${seq}`;
  return first + idCheckCharacter(first);
}

function member(over: Partial<MemberInput> & Pick<MemberInput, 'name' | 'idNumber'>): MemberInput {
  return {
    relation: 'head',
    sex: 'male',
    inSchool: false,
    retired: false,
    disabilityGrade: null,
    seriouslyIll: false,
    ableToWork: true,
    willingToWork: true,
    employed: true,
    employedSince: '2020-01-01',
    employer: '个体',
    ...over,
  };
}

const income = (total: number) => ({
  year: 2025,
  kind: 'exact' as const,
  total,
  wages: null,
  business: total,
  property: null,
  transfers: null,
  bracketLow: null,
  bracketHigh: null,
  source: 'survey' as const,
  sourceDetail: '2025年收入摸底',
  recordedOn: '2026-11-20',
});

const cadre: Actor = {
  userId: 'u-cadre',
  username: 'cadre',
  displayName: 'cadre',
  role: 'villageCadre',
  entryScope: [XINZHUANG],
  viewScope: [XINZHUANG],
  workTeamId: null,
  sessionId: 't',
  ip: '127.0.0.1',
};

describe.each(testDialects())('monitoring rules and flagged households on %s', (dialect) => {
  let t: TestApp;
  let cityOfficer = '';
  let districtOfficer = '';
  const casesOf = async (householdId: string) =>
    t.ctx.db.kysely
      .withTables<CaseTables>()
      .selectFrom('household_cases')
      .select(['id', 'kind', 'source', 'status'])
      .where('household_id', '=', householdId)
      .execute();

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: '2026-12-02T02:00:00Z' });
    cityOfficer = (await makeUser(t, { role: 'civilAffairsOfficer', entryScope: ['city'], viewScope: ['city'] }))
      .username;
    districtOfficer = (await makeUser(t, { role: 'civilAffairsOfficer', entryScope: ['xiqu'], viewScope: ['xiqu'] }))
      .username;
  });
  afterAll(async () => t.close());

  it('has the generated cases of the default data, labelled, at several steps', async () => {
    const rows = await t.ctx.db.kysely
      .withTables<CaseTables>()
      .selectFrom('household_cases')
      .select(['status', 'generated', 'source_reason'])
      .execute();
    expect(rows.length).toBeGreaterThanOrEqual(5);
    expect(rows.every((r) => r.generated === 1 && r.source_reason.includes('示例数据'))).toBe(true);
    expect(new Set(rows.map((r) => r.status)).size).toBeGreaterThanOrEqual(5);
    // The generated noticed cases make a public notice (names opened from the registry's sealed column).
    const noticed = await t.ctx.db.kysely
      .withTables<CaseTables>()
      .selectFrom('household_cases')
      .select('village_id')
      .where('status', '=', 'noticed')
      .executeTakeFirstOrThrow();
    {
      const officer = await makeUser(t, {
        role: 'townshipOfficer',
        entryScope: ['xiqu-geliping', 'xiqu-qingxiangping', 'xiqu-hemenkou'],
        viewScope: ['xiqu'],
      });
      const res = await (
        await t.as(officer.username)
      ).get(`/api/v1/household-cases/public-notice?village=${noticed.village_id}&format=xlsx`);
      expect(res.statusCode, res.body).toBe(200);
    }
  });

  it('opens a case when a household is newly flagged, once, and says so on the change signal', async () => {
    let changed = 0;
    let casesChanged = 0;
    const off = [
      t.ctx.events.on('households.changed', () => changed++),
      t.ctx.events.on('households.casesChanged', () => casesChanged++),
    ];
    const created = await t.ctx.households.create(cadre, {
      villageId: XINZHUANG,
      address: '新庄村5组',
      note: '',
      reason: '收入摸底',
      members: [member({ name: '赵一', idNumber: id('1975-04-01', '051') })],
      income: income(45_000),
    });
    expect(await casesOf(created.id)).toEqual([]);
    expect(changed).toBe(1);
    // Income falls below 10,000 yuan per capita: a 系统预警 case of that kind.
    await t.ctx.households.addIncome(cadre, created.id, { version: 1, reason: '入户核实', income: income(8_000) });
    expect(await casesOf(created.id)).toMatchObject([{ kind: 'below10k', source: 'flag', status: 'warning' }]);
    expect(casesChanged).toBe(1);
    // Still below the line: no second case, no new lead.
    await t.ctx.households.addIncome(cadre, created.id, { version: 2, reason: '再核实', income: income(7_500) });
    expect(await casesOf(created.id)).toHaveLength(1);
    expect(changed).toBe(3);
    expect(casesChanged).toBe(1);
    for (const f of off) f();
  });

  it('lets the city’s civil-affairs officer edit the rules, with history, 409 when stale, bad fields named', async () => {
    const gfb = await t.as('gfb');
    const before = await gfb.get('/api/v1/household-cases/rules');
    expect(before.statusCode).toBe(200);
    expect(before.json()).toMatchObject({
      version: 0,
      rules: { deadlines: { visitDays: 3 }, autoOpen: { below10k: 'certain' } },
      history: [],
    });
    // The centre reads the rules but does not set them; a district's officer may not set the city's.
    expect((await gfb.put('/api/v1/household-cases/rules', { version: 0, reason: 'x', rules: {} })).statusCode).toBe(
      403,
    );
    const district = await t.as(districtOfficer);
    const outside = await district.put('/api/v1/household-cases/rules', { version: 0, reason: '调整', rules: {} });
    expect(outside.statusCode).toBe(403);
    expect(errorCode(outside)).toBe('OUT_OF_SCOPE');

    const officer = await t.as(cityOfficer);
    const bad = await officer.put('/api/v1/household-cases/rules', {
      version: 0,
      reason: '调整',
      rules: { deadlines: { compareDays: 1 } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { details: { field: string }[] } }>().error.details[0]?.field).toBe(
      'rules.deadlines.compareDays',
    );
    const saved = await officer.put('/api/v1/household-cases/rules', {
      version: 0,
      reason: '入户核查时限放宽至5天；零就业不再自动立案',
      rules: { deadlines: { visitDays: 5 }, autoOpen: { zeroEmployment: 'off' } },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({
      version: 1,
      rules: { deadlines: { visitDays: 5, compareDays: 5 }, autoOpen: { zeroEmployment: 'off', below10k: 'certain' } },
      history: [
        {
          version: 1,
          reason: '入户核查时限放宽至5天；零就业不再自动立案',
          changes: [
            { field: 'deadlines.visitDays', old: 3, new: 5 },
            { field: 'autoOpen.zeroEmployment', old: 'certain', new: 'off' },
          ],
        },
      ],
    });
    const stale = await officer.put('/api/v1/household-cases/rules', { version: 0, reason: '再改', rules: {} });
    expect(stale.statusCode).toBe(409);
    const audit = await t.ctx.db.kysely
      .selectFrom('audit_log')
      .select('object_id')
      .where('action', '=', 'household.rules.update')
      .execute();
    expect(audit.map((a) => a.object_id)).toEqual(['1']);
  });

  it('opens no case for a flag the rules turned off', async () => {
    const created = await t.ctx.households.create(cadre, {
      villageId: XINZHUANG,
      address: '新庄村6组',
      note: '',
      reason: '收入摸底',
      // Working age, able and willing, not employed: a zero-employment family (auto-opening now off).
      members: [
        member({
          name: '钱二',
          idNumber: id('1980-06-01', '071'),
          employed: false,
          employedSince: null,
          employer: null,
        }),
      ],
      income: income(60_000),
    });
    const h = await t.ctx.db.kysely
      .withTables<{ households: { id: string; flag_zero_employment: number } }>()
      .selectFrom('households')
      .select('flag_zero_employment')
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(h.flag_zero_employment).toBe(2);
    expect(await casesOf(created.id)).toEqual([]);
  });
});
