/**
 * Medium tests of the household registry on each dialect, with the default org tree: registering households with
 * their members and incomes, the stored judgement, the history of every change, optimistic versions, the blind-index
 * deduplication (one person in two households is refused naming both), the scope of cadres, masking and the audited
 * unmasked view.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckCharacter } from '../../../domain/households/id-number.ts';
import type { MemberInput } from '../../../shared/api/households.ts';
import type { ErrorCode } from '../../../shared/errors.ts';
import { createTestApp, type TestApp } from '../../../../test/app.ts';
import { testDialects } from '../../../../test/databases.ts';
import type { Actor } from '../../access/policy.ts';
import { AppError } from '../../errors.ts';
import { HouseholdRepository } from './household.repository.ts';

function person(role: string, scope: string[]): Actor {
  return {
    userId: `u-${role}-${scope.join('-')}`,
    username: role,
    displayName: role,
    role: role as Actor['role'],
    entryScope: scope,
    viewScope: scope,
    workTeamId: null,
    sessionId: 'test',
    ip: '127.0.0.1',
  };
}

async function refused(p: Promise<unknown>, code: ErrorCode, text?: string): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    const err = e as AppError;
    expect(err.code, err.message).toBe(code);
    if (text) expect(JSON.stringify({ m: err.message, d: err.details })).toContain(text);
    return err;
  }
  throw new Error(`expected ${code}`);
}

/** A valid ID number of 西区 (510411) for a birth date and a sequence (odd: a man). */
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
    employed: false,
    employedSince: null,
    employer: null,
    ...over,
  };
}

const XINZHUANG = 'xiqu-geliping-xinzhuang';
const JINQIAO = 'xiqu-geliping-jinqiao';

describe.each(testDialects())('the household registry on %s', (dialect) => {
  let t: TestApp;
  const cadre = person('villageCadre', [XINZHUANG]);
  const otherCadre = person('villageCadre', [JINQIAO]);
  const civil = person('civilAffairsOfficer', ['xiqu']);
  const leader = person('leader', ['xiqu']);
  const zhang = id('1980-03-01', '011');
  const wang = id('1982-07-09', '022');
  const child = id('2012-09-01', '031');

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: '2026-12-02T02:00:00Z' });
  });
  afterAll(async () => t.close());

  let householdId = '';

  it('registers a household with its members and income, judges it and keeps the history', async () => {
    const created = await t.ctx.households.create(cadre, {
      villageId: XINZHUANG,
      address: '新庄村3组',
      note: '',
      reason: '2024年收入摸底',
      members: [
        member({ name: '张大山', idNumber: zhang, phone: '13812345678' }),
        member({ name: '王秀英', idNumber: wang, relation: 'spouse', sex: 'female' }),
        member({ name: '张小明', idNumber: child, relation: 'child', inSchool: true }),
      ],
      income: {
        year: 2024,
        kind: 'exact',
        total: 27_000,
        wages: null,
        business: 27_000,
        property: null,
        transfers: null,
        bracketLow: null,
        bracketHigh: null,
        source: 'survey',
        sourceDetail: '2024年收入摸底',
        recordedOn: '2026-11-20',
      },
    });
    householdId = created.id;
    // After the generated households of the default data (示例数据) of the village.
    expect(created.code).toMatch(/^510403100201-00(4[1-9]|[5-9]\d)$/);

    // Stored encrypted: no clear name, ID or phone anywhere in the row.
    const repo = new HouseholdRepository(t.ctx.db);
    const rows = await repo.members(repo.q(), householdId);
    const stored = JSON.stringify(rows);
    for (const clear of ['张大山', zhang, '13812345678']) expect(stored).not.toContain(clear);
    // The generated households of the default data were sealed when the context started.
    expect(await repo.pendingMembers(repo.q(), 10)).toEqual([]);
    expect(await repo.pendingHouseholds(repo.q(), 10)).toEqual([]);
    expect((await repo.search(repo.q(), { scope: null, limit: 1, offset: 0 })).total).toBeGreaterThanOrEqual(240);
    expect(rows.map((r) => r.id_tail)).toEqual([zhang.slice(-4), wang.slice(-4), child.slice(-4)]);
    const h = await repo.find(repo.q(), householdId);
    expect(h).toMatchObject({
      size: 3,
      income_low: 27_000,
      income_high: 27_000,
      flag_below10k: 2,
      flag_zero_employment: 2,
    });

    const d = await t.ctx.households.detail(cadre, householdId);
    expect(d.unmasked).toBe(false);
    expect(d.members.map((m) => m.name)).toEqual(['张*山', '王*英', '张*明']);
    expect(d.members[0]?.idNumber).toBe(`5104**********${zhang.slice(-4)}`);
    expect(d.members[0]?.phone).toBe('138****5678');
    expect(d.members[0]?.birthDate).toBe('1980-03-01');
    expect(d.flags).toMatchObject({ below10k: 'yes', zeroEmployment: 'yes', noLabour: 'no' });
    expect(d.flagDetails.below10k.explanation.zh).toBe('家庭年收入 27000 元，3 人，人均 9000 元，低于 10000 元');
    expect(d.flagDetails.zeroEmployment.explanation.zh).toContain('户主、配偶');
    expect(d.incomes[0]).toMatchObject({ year: 2024, total: 27_000, source: 'survey', current: true });
    expect(d.history.map((e) => e.action).sort()).toEqual([
      'create',
      'incomeAdd',
      'memberAdd',
      'memberAdd',
      'memberAdd',
    ]);
    expect(d.history.every((e) => e.reason === '2024年收入摸底')).toBe(true);
    expect(JSON.stringify(d.history)).not.toContain(zhang);
    expect(d.mayEdit).toBe(true);
  });

  it('changes a member with the old and new values and the reason; a stale version is a 409', async () => {
    const before = await t.ctx.households.detail(cadre, householdId);
    const spouse = before.members[1]?.id as string;
    const r = await t.ctx.households.updateMember(cadre, householdId, spouse, {
      version: before.version,
      reason: '入户核查：已在攀钢务工',
      member: { employed: true, employedSince: '2026-11-01', employer: '攀钢集团' },
    });
    expect(r.version).toBe(before.version + 1);
    const after = await t.ctx.households.detail(cadre, householdId);
    expect(after.flags.zeroEmployment).toBe('no');
    const employed = after.history.find((e) => e.field === 'employed');
    expect(employed).toMatchObject({
      action: 'memberUpdate',
      oldValue: 'false',
      newValue: 'true',
      reason: '入户核查：已在攀钢务工',
    });
    await refused(
      t.ctx.households.updateMember(cadre, householdId, spouse, {
        version: before.version,
        reason: '重复提交',
        member: { employed: false },
      }),
      'CONFLICT',
    );
    // A new income figure replaces the current one and the judgement follows.
    await t.ctx.households.addIncome(cadre, householdId, {
      version: after.version,
      reason: '入户核查',
      income: {
        year: 2025,
        kind: 'bracket',
        total: null,
        wages: null,
        business: null,
        property: null,
        transfers: null,
        bracketLow: 30_000,
        bracketHigh: 40_000,
        source: 'verification',
        sourceDetail: '',
        recordedOn: '2026-12-01',
      },
    });
    const now = await t.ctx.households.detail(cadre, householdId);
    expect(now.flags).toMatchObject({ below10k: 'no', nearLine: 'possibly' });
    expect(now.perCapita).toEqual({ low: 10_000, high: 40_000 / 3, exact: false });
    expect(now.incomes.map((i) => [i.year, i.current])).toEqual([
      [2025, true],
      [2024, false],
    ]);
    await refused(
      t.ctx.households.addIncome(cadre, householdId, {
        version: now.version,
        reason: '核查',
        income: {
          ...now.incomes[0],
          kind: 'bracket',
          bracketLow: 15_000,
          bracketHigh: 25_000,
          year: 2025,
          source: 'survey',
          sourceDetail: '',
          recordedOn: '2026-12-01',
        } as never,
      }),
      'VALIDATION',
      '不是1万元阶梯',
    );
  });

  it('refuses the same person in a second household, naming both, through the blind index', async () => {
    const err = await refused(
      t.ctx.households.create(cadre, {
        villageId: XINZHUANG,
        address: '',
        note: '',
        reason: '新建户',
        members: [member({ name: '张大山', idNumber: ` ${zhang.toLowerCase()} ` })],
      }),
      'CONFLICT',
    );
    const code = (await t.ctx.households.detail(cadre, householdId)).code;
    expect(err.details?.[0]?.field).toBe('members.0.idNumber');
    expect(err.details?.[0]?.message).toContain(`户 ${code}`);
    expect(err.details?.[0]?.message).toContain('新建户');
    // Twice in one request, too.
    const other = id('1990-01-01', '051');
    await refused(
      t.ctx.households.create(cadre, {
        villageId: XINZHUANG,
        address: '',
        note: '',
        reason: '新建户',
        members: [
          member({ name: '李四', idNumber: other }),
          member({ name: '李四', idNumber: other, relation: 'sibling' }),
        ],
      }),
      'CONFLICT',
      'members.0.idNumber',
    );
    // A bad check digit, and a birth date that disagrees with the number, are refused by field.
    await refused(
      t.ctx.households.create(cadre, {
        villageId: XINZHUANG,
        address: '',
        note: '',
        reason: '新建户',
        members: [member({ name: '李四', idNumber: `${other.slice(0, 17)}${other.endsWith('0') ? '1' : '0'}` })],
      }),
      'VALIDATION',
      '校验码',
    );
    await refused(
      t.ctx.households.create(cadre, {
        villageId: XINZHUANG,
        address: '',
        note: '',
        reason: '新建户',
        members: [member({ name: '李四', idNumber: other, birthDate: '1990-01-02' })],
      }),
      'VALIDATION',
      'members.0.birthDate',
    );
    // Once removed from the first household, the person may join another.
    const d = await t.ctx.households.detail(cadre, householdId);
    const childId = d.members[2]?.id as string;
    await t.ctx.households.removeMember(cadre, householdId, childId, {
      version: d.version,
      reason: '迁出：外出务工落户',
    });
    const moved = await t.ctx.households.create(cadre, {
      villageId: XINZHUANG,
      address: '',
      note: '',
      reason: '分户',
      members: [member({ name: '张小明', idNumber: child })],
    });
    expect(Number(moved.code.slice(-4))).toBe(Number(d.code.slice(-4)) + 1);
  });

  it('searches by name and ID tail within the reader scope; other villages, leaders and work teams see nothing', async () => {
    const byTail = await t.ctx.households.search(cadre, { idTail: wang.slice(-4), page: 1, pageSize: 200 });
    expect(byTail.rows.map((r) => r.id)).toContain(householdId);
    expect(byTail.rows.find((r) => r.id === householdId)?.headName).toBe('张*山');
    const byName = await t.ctx.households.search(civil, { name: '王秀英', page: 1, pageSize: 20 });
    expect(byName.rows.map((r) => r.id)).toContain(householdId);
    const ids = async (f: Parameters<typeof t.ctx.households.search>[1]) =>
      (await t.ctx.households.search(civil, f)).rows.map((r) => r.id);
    // The first household is now 2 persons on the 30,000–40,000 bracket (15,000–20,000 each): low, not below.
    expect(await ids({ unit: XINZHUANG, incomeClass: 'low', page: 1, pageSize: 200 })).toContain(householdId);
    expect(await ids({ unit: XINZHUANG, incomeClass: 'middle', page: 1, pageSize: 200 })).not.toContain(householdId);
    expect(await ids({ unit: XINZHUANG, flag: 'below10k', page: 1, pageSize: 200 })).not.toContain(householdId);
    const other = await t.ctx.households.search(otherCadre, { page: 1, pageSize: 200 });
    expect(other.rows.map((r) => r.id)).not.toContain(householdId);
    expect(other.rows.every((r) => r.villageId === JINQIAO)).toBe(true);
    await refused(t.ctx.households.detail(otherCadre, householdId), 'NOT_FOUND');
    await refused(t.ctx.households.search(otherCadre, { unit: XINZHUANG, page: 1, pageSize: 20 }), 'OUT_OF_SCOPE');
    await refused(t.ctx.households.search(leader, { page: 1, pageSize: 20 }), 'FORBIDDEN');
    await refused(t.ctx.households.detail(leader, householdId), 'FORBIDDEN');
    // The civil-affairs officer reads 西区 but does not write.
    const d = await t.ctx.households.detail(civil, householdId);
    expect(d.mayEdit).toBe(false);
    await refused(
      t.ctx.households.update(civil, householdId, { version: d.version, reason: '改', note: 'x' }),
      'OUT_OF_SCOPE',
    );
  });

  it('shows personal values in clear only when asked with a reason, and audits every named view', async () => {
    await refused(t.ctx.households.detail(cadre, householdId, { unmask: true }), 'VALIDATION', 'reason');
    const d = await t.ctx.households.detail(cadre, householdId, { unmask: true, reason: '入户核查需核对身份证' });
    expect(d.unmasked).toBe(true);
    expect(d.members[0]?.idNumber).toBe(zhang);
    expect(d.members[0]?.name).toBe('张大山');
    const views = (await t.ctx.auditor.log.search({ action: 'household.view', limit: 100, offset: 0 })).records;
    expect(views.length).toBeGreaterThanOrEqual(5);
    const last = views[0];
    expect(last?.objectId).toBe(householdId);
    expect(last?.detail).toMatchObject({ unmasked: true, reason: '入户核查需核对身份证' });
    expect(JSON.stringify(views)).not.toContain(zhang);
    const searches = (await t.ctx.auditor.log.search({ action: 'household.search', limit: 100, offset: 0 })).records;
    expect(searches.length).toBeGreaterThanOrEqual(5);
    expect(JSON.stringify(searches)).not.toContain('王秀英');
  });
});
