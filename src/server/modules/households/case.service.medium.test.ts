/**
 * Medium tests of the monitoring cases on each dialect, with the default data and a test clock: opening and
 * de-duplicating leads, the workflow with its refusals, the removal rule, the watch period, the daily warnings and
 * supervision notices on the lists' mechanism, the audited view and the clearing figures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../access/policy.ts';
import { AppError } from '../../errors.ts';
import type { ErrorCode } from '../../../shared/errors.ts';
import { createTestApp, type TestApp } from '../../../../test/app.ts';
import { testDialects } from '../../../../test/databases.ts';
import { CaseRepository } from './case.repository.ts';
import { CaseService } from './case.service.ts';
import { idCheckCharacter } from '../../../domain/households/id-number.ts';
import type { HouseholdTables } from '../../db/household-tables.ts';
import { removeGeneratedCases } from '../../../../test/households.ts';
import { HOUSEHOLD_MEMBER_PERSONAL, PersonalData } from '../../security/personal-data.ts';

/** A valid ID number from its first 17 characters (GB 11643 check character). */
const idOf = (first17: string) => first17 + idCheckCharacter(first17);

/** A registered household of one member, as the registry stores it (sealed name and ID, blind indexes). */
async function register(t: TestApp, householdId: string, villageId: string, idNumber: string, noLabour = 0) {
  const fc = t.ctx.fieldCrypto();
  const k = t.ctx.db.kysely.withTables<HouseholdTables>();
  const at = '2026-12-01T00:00:00.000Z';
  await k
    .insertInto('households')
    .values({
      id: householdId,
      code: householdId,
      village_id: villageId,
      township_id: 'xiqu-geliping',
      district_id: 'xiqu',
      urban: 0,
      address: '格里坪镇新庄村1组',
      head_name: new PersonalData(() => t.ctx.fieldCrypto()).seal(HOUSEHOLD_MEMBER_PERSONAL, { name: '测试户主' }).name,
      head_name_index: fc.blindIndex('测试户主'),
      status: 'active',
      size: 1,
      income_year: 2026,
      income_low: 8000,
      income_high: 8000,
      income_exact: 1,
      class_bits: 1,
      flag_below10k: 2,
      flag_zero_employment: 0,
      flag_no_labour: noLabour,
      flag_near_line: 0,
      assessed_on: '2026-12-01',
      generated: 0,
      note: '',
      created_at: at,
      created_by: null,
      updated_at: at,
      updated_by: null,
      version: 1,
    } as never)
    .execute();
  await k
    .insertInto('household_members')
    .values({
      id: `${householdId}-m1`,
      household_id: householdId,
      seq: 1,
      name: fc.encrypt('测试户主'),
      name_index: fc.blindIndex('测试户主'),
      id_number: fc.encrypt(idNumber),
      id_index: fc.blindIndex(idNumber),
      id_tail: idNumber.slice(-4),
      phone: null,
      phone_index: null,
      relation: 'head',
      sex: 'male',
      birth_date: '1970-01-01',
      in_school: 0,
      retired: 0,
      disability_grade: null,
      seriously_ill: 0,
      able_to_work: 1,
      willing_to_work: 1,
      employed: 0,
      employed_since: null,
      employer: null,
      removed_at: null,
      removed_reason: null,
    } as never)
    .execute();
}

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

async function refused(p: Promise<unknown>, code: ErrorCode, text?: string): Promise<void> {
  await expect(p).rejects.toSatisfy(
    (e: unknown) => e instanceof AppError && e.code === code && (text === undefined || e.message.includes(text)),
  );
}

const XINZHUANG = 'xiqu-geliping-xinzhuang';
const JINQIAO = 'xiqu-geliping-jinqiao';

describe.each(testDialects())('monitoring cases on %s', (dialect) => {
  let t: TestApp;
  let cases: CaseService;
  let changes = 0;
  const noLabour = new Set<string>();
  const cadre = person('villageCadre', [XINZHUANG]);
  const otherCadre = person('villageCadre', [JINQIAO]);
  const township = person('townshipOfficer', ['xiqu-geliping']);
  const civil = person('civilAffairsOfficer', ['xiqu']);
  const hr = person('hrOfficer', ['xiqu']);

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: '2026-12-02T02:00:00Z' });
    // Only the cases made here: the generated cases of the default data (示例数据) are taken out first.
    await removeGeneratedCases(t);
    cases = new CaseService({
      repo: new CaseRepository(t.ctx.db),
      org: () => t.ctx.org(),
      clock: t.clock,
      auditor: t.ctx.auditor,
      households: { noLabourCapacity: (id) => Promise.resolve(noLabour.has(id)) },
      changed: () => changes++,
      blindIndex: (id) => t.ctx.fieldCrypto().blindIndex(id),
      decrypt: (x) => new PersonalData(() => t.ctx.fieldCrypto()).open(HOUSEHOLD_MEMBER_PERSONAL, 'name', x) ?? '',
    });
  });
  afterAll(async () => {
    await t.close();
  });

  const visit = { visitedOn: '2026-12-02', cadreName: '李村干', findings: '家中两人务农，人均年收入约8600元' };

  it('walks a data-match lead to confirmation, refusing what the rules refuse', async () => {
    t.clock.set('2026-12-02T02:00:00Z');
    const opened = await cases.open(null, {
      householdId: 'hh-1',
      villageId: XINZHUANG,
      kind: 'below10k',
      source: 'dataMatch',
      department: '市医疗保障局',
      reason: '年度个人自付医疗费用超过2万元',
    });
    expect(opened).toMatchObject({ code: '监测〔2026〕1号', created: true });
    // The same household and kind again joins the live case.
    const again = await cases.open(null, {
      householdId: 'hh-1',
      villageId: XINZHUANG,
      kind: 'below10k',
      source: 'visit',
      reason: '走访发现',
    });
    expect(again).toEqual({ id: opened.id, code: opened.code, created: false });

    await refused(cases.detail(otherCadre, opened.id, '核查'), 'OUT_OF_SCOPE');
    await refused(cases.detail(cadre, opened.id, ' '), 'VALIDATION');
    let d = await cases.detail(cadre, opened.id, '入户核查');
    expect(d.step).toEqual({ step: 'visit', due: '2026-12-05' });
    expect(d.actions).toEqual(['recordVisit']);
    expect(d.history.map((h) => h.action)).toEqual(['open', 'lead']);

    let v = (await cases.act(cadre, opened.id, 'recordVisit', { version: 1, visit })).version;
    await refused(cases.act(cadre, opened.id, 'compareData', { version: 1 }), 'CONFLICT');
    await refused(cases.act(otherCadre, opened.id, 'compareData', { version: v }), 'OUT_OF_SCOPE');
    await refused(cases.act(cadre, opened.id, 'townshipApprove', { version: v }), 'FORBIDDEN');
    v = (await cases.act(township, opened.id, 'compareData', { version: v })).version;
    v = (await cases.act(cadre, opened.id, 'democraticReview', { version: v })).version;
    v = (await cases.act(cadre, opened.id, 'startNotice', { version: v, noticeFrom: '2026-12-02' })).version;
    await refused(cases.act(township, opened.id, 'townshipApprove', { version: v }), 'INVALID_STATE', '2026-12-07');
    t.clock.set('2026-12-07T02:00:00Z');
    v = (await cases.act(township, opened.id, 'townshipApprove', { version: v })).version;
    await refused(cases.act(hr, opened.id, 'countyApprove', { version: v }), 'OUT_OF_SCOPE');
    const done = await cases.act(civil, opened.id, 'countyApprove', { version: v });
    expect(done.status).toBe('confirmed');
    d = await cases.detail(township, opened.id, '审核');
    expect(d.visits).toHaveLength(1);
    expect(d.case).toMatchObject({ visited_on: '2026-12-02', notice_to: '2026-12-07', confirmed_on: '2026-12-07' });
    expect(d.step).toEqual({ step: 'firstMeasure', due: '2026-12-17' });

    const audited = await t.ctx.db.kysely
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'household.case.view')
      .where('object_id', '=', opened.id)
      .execute();
    expect(audited.length).toBe(2);
    expect(JSON.parse(audited[0]?.detail ?? '{}')).toMatchObject({ reason: '入户核查' });
  });

  it('helps, re-verifies, removes the risk only when the rule holds, watches and closes', async () => {
    t.clock.set('2026-12-08T02:00:00Z');
    const [c] = (await cases.workbench(township)).filter((x) => x.householdId === 'hh-1');
    if (!c) throw new Error('case missing');
    let v = (
      await cases.act(township, c.id, 'addMeasure', {
        version: c.version,
        measure: {
          kind: 'publicWelfarePost',
          description: '安排村级保洁公益性岗位',
          cadreName: '王帮扶',
          startDate: '2026-12-08',
          endDate: null,
          outcome: null,
        },
      })
    ).version;
    await refused(
      cases.act(cadre, c.id, 'reverifyIncome', {
        version: v,
        reverification: {
          on: '2026-12-30',
          perCapitaIncome: 12000,
          aboveLineSince: null,
          employedSince: null,
          rigidCostsSolved: true,
          note: null,
        },
      }),
      'VALIDATION',
    );
    t.clock.set('2027-06-20T02:00:00Z');
    v = (
      await cases.act(cadre, c.id, 'reverifyIncome', {
        version: v,
        reverification: {
          on: '2027-06-20',
          perCapitaIncome: 12600,
          aboveLineSince: '2026-12-15',
          employedSince: '2026-12-08',
          rigidCostsSolved: true,
          note: '公益岗工资每月1500元',
        },
      })
    ).version;
    noLabour.add('hh-1');
    await refused(cases.act(township, c.id, 'removeRisk', { version: v }), 'INVALID_STATE', '家庭无劳动能力');
    noLabour.delete('hh-1');
    expect((await cases.act(township, c.id, 'removeRisk', { version: v })).status).toBe('riskRemoved');
    const d = await cases.detail(township, c.id, '销号审核');
    v = d.case.version;
    await refused(cases.act(township, c.id, 'close', { version: v }), 'INVALID_STATE', '2027-12-20');
    t.clock.set('2027-12-20T02:00:00Z');
    expect((await cases.act(township, c.id, 'close', { version: v })).status).toBe('closed');
  });

  it('raises warnings on overdue steps and issues and escalates supervision notices, like the lists', async () => {
    t.clock.set('2027-12-20T02:00:00Z');
    const z = await cases.open(cadre, {
      householdId: 'hh-2',
      villageId: XINZHUANG,
      kind: 'zeroEmployment',
      source: 'selfReport',
      reason: '家庭劳动年龄人口均失业',
    });
    // visit due 2027-12-23; yellow from the 24th, red after 5 days late.
    let r = await cases.runDaily(new Date('2027-12-24T01:00:00Z'));
    expect(r.raised).toBe(1);
    let d = await cases.detail(township, z.id, '督办');
    expect(d.warnings.filter((w) => w.cleared_at === null)).toMatchObject([
      { kind: 'stepOverdue', ref: 'visit', colour: 'yellow', reason_zh: '入户核查应于 2027-12-23 前完成，已逾期 1 天' },
    ]);
    expect(d.case.colour).toBe('yellow');
    r = await cases.runDaily(new Date('2027-12-29T01:00:00Z'));
    expect(r.noticesIssued).toBe(1);
    d = await cases.detail(township, z.id, '督办');
    expect(d.case.colour).toBe('red');
    expect(d.warnings.map((w) => [w.colour, w.cleared_at === null])).toEqual([
      ['yellow', false],
      ['red', true],
    ]);
    expect(d.notices).toMatchObject([{ code: '监测督办〔2027〕1号', status: 'open', due_date: '2028-01-05' }]);
    r = await cases.runDaily(new Date('2028-01-06T01:00:00Z'));
    expect(r.escalated).toBe(1);
    d = await cases.detail(township, z.id, '督办');
    expect(d.notices[0]?.escalated_at).not.toBeNull();
    expect(d.history.map((h) => h.action)).toContain('escalateNotice');
    // The township answers; the county accepts.
    const notice = d.notices[0];
    if (!notice) throw new Error('no notice');
    await refused(cases.answerNotice(cadre, notice.id, { version: notice.version, answer: 'x' }), 'FORBIDDEN');
    await cases.answerNotice(township, notice.id, { version: notice.version, answer: '已安排入户，3日内完成核查' });
    await cases.reviewNotice(hr, notice.id, { version: notice.version + 1, accept: true, note: null });
    // The visit clears the visit's warning; the comparison, due 2027-12-25, is overdue in its turn.
    t.clock.set('2028-01-06T02:00:00Z');
    await cases.act(cadre, z.id, 'recordVisit', {
      version: d.case.version,
      visit: { ...visit, visitedOn: '2028-01-06' },
    });
    d = await cases.detail(township, z.id, '督办');
    expect(d.warnings.filter((w) => w.cleared_at === null)).toMatchObject([{ ref: 'compare', colour: 'red' }]);
    expect(d.notices[0]?.status).toBe('closed');
  });

  it('counts the clearing figures by village for those who may see them', async () => {
    t.clock.set('2028-01-06T02:00:00Z');
    await cases.open(otherCadre, {
      householdId: 'hh-3',
      villageId: JINQIAO,
      kind: 'illness',
      source: 'visit',
      reason: '户主突发重病',
      leadDate: '2027-12-20',
    });
    const all = await cases.clearing(civil, 'village');
    expect(all.total).toMatchObject({ open: 2, cleared: 1, overdue: 2, targetOverdue: 1, newThisMonth: 0 });
    expect(all.units.map((u) => [u.unitName, u.open])).toEqual([
      ['新庄村', 1],
      ['金桥村', 1],
    ]);
    const mine = await cases.clearing(otherCadre, 'village');
    expect(mine.total.open).toBe(1);
    expect((await cases.workbench(otherCadre)).map((c) => c.householdId)).toEqual(['hh-3']);
    expect((await cases.workbench(township))[0]).toMatchObject({ householdId: 'hh-3', overdue: true });
    const trend = await cases.trend(null, 3);
    expect(trend.map((m) => m.month)).toEqual(['2027-11', '2027-12', '2028-01']);
    expect(changes).toBeGreaterThan(0);
  });

  it('matches a department’s list through the blind index: all or nothing, unmatched rows reported back', async () => {
    t.clock.set('2028-01-06T02:00:00Z');
    const inside = idOf('51041119700101001');
    const outside = idOf('51041119700101002');
    const nobody = idOf('51041119700101003');
    await register(t, 'hh-match-1', XINZHUANG, inside);
    await register(t, 'hh-match-2', 'xiqu-qingxiangping-community', outside);
    const rows = [
      { idNumber: inside, kind: 'illness', reason: '年度个人自付医疗费用2.3万元' },
      { idNumber: outside, kind: 'illness', reason: '年度个人自付医疗费用3.1万元' },
      { idNumber: nobody, kind: 'illness', reason: '住院' },
    ];
    // One bad check digit refuses the whole file, naming the row.
    const bad = [
      ...rows,
      { idNumber: inside.slice(0, 17) + (inside.endsWith('1') ? '2' : '1'), kind: 'illness', reason: 'x' },
    ];
    await expect(cases.dataMatch(township, { department: '市医疗保障局', rows: bad })).rejects.toSatisfy(
      (e: unknown) =>
        e instanceof AppError &&
        e.code === 'VALIDATION' &&
        (e.details ?? []).some((d) => d.field === 'idNumber' && d.row === 5 && d.text?.zh.includes('校验')),
    );
    expect((await cases.workbench(township)).filter((c) => c.householdId.startsWith('hh-match'))).toEqual([]);
    const r = await cases.dataMatch(township, { department: '市医疗保障局', rows });
    expect(r).toEqual({
      rows: 3,
      opened: 1,
      joined: 0,
      unmatched: [{ row: 4, idTail: nobody.slice(-4) }],
      outOfScope: [{ row: 3, idTail: outside.slice(-4) }],
    });
    const mine = (await cases.workbench(township)).filter((c) => c.householdId === 'hh-match-1');
    expect(mine).toMatchObject([{ source: 'dataMatch', kind: 'illness', status: 'warning' }]);
    // The same list next month adds the lead to the live case instead of doubling it.
    const again = await cases.dataMatch(township, { department: '市医疗保障局', rows: rows.slice(0, 1) });
    expect(again).toMatchObject({ opened: 0, joined: 1 });
  });

  it('reads the household’s labour capacity from the registry for the removal', async () => {
    const facts = (await import('./case.module.ts')).createCaseService(t.ctx.db, {
      org: () => t.ctx.org(),
      clock: t.clock,
      auditor: t.ctx.auditor,
      events: t.ctx.events,
      blindIndex: (id) => t.ctx.fieldCrypto().blindIndex(id),
      decrypt: (x) => new PersonalData(() => t.ctx.fieldCrypto()).open(HOUSEHOLD_MEMBER_PERSONAL, 'name', x) ?? '',
    });
    await register(t, 'hh-nolabour', XINZHUANG, idOf('51041119400101004'), 2);
    const c = await facts.open(null, {
      householdId: 'hh-nolabour',
      villageId: XINZHUANG,
      kind: 'below10k',
      source: 'flag',
      reason: '系统预警：人均收入低于1万元',
    });
    await t.ctx.db.kysely
      .withTables<import('../../db/case-tables.ts').CaseTables>()
      .updateTable('household_cases')
      .set({ status: 'confirmed', confirmed_on: '2027-01-01', first_measure_on: '2027-01-02' })
      .where('id', '=', c.id)
      .execute();
    const d = await facts.detail(township, c.id, '风险消除审核');
    expect(d.removalChecks[0]).toMatchObject({
      ok: false,
      text: { zh: '家庭无劳动能力，不标注风险消除，纳入兜底保障持续帮扶' },
    });
    const unknown = await facts.open(null, {
      householdId: 'hh-unregistered',
      villageId: XINZHUANG,
      kind: 'below10k',
      source: 'flag',
      reason: 'x',
    });
    await refused(facts.act(township, unknown.id, 'removeRisk', { version: 1 }), 'INVALID_STATE');
  });

  it('writes the village public notice in Word and Excel without ID, phone, bank or health details', async () => {
    const k = t.ctx.db.kysely.withTables<import('../../db/case-tables.ts').CaseTables>();
    // The data-matched illness case of hh-match-1 goes on notice.
    await k
      .updateTable('household_cases')
      .set({ status: 'noticed', notice_from: '2028-01-06', notice_to: '2028-01-11' })
      .where('household_id', '=', 'hh-match-1')
      .execute();
    await refused(cases.publicNotice(otherCadre, XINZHUANG, 'xlsx'), 'OUT_OF_SCOPE');
    const xlsx = await cases.publicNotice(cadre, XINZHUANG, 'xlsx');
    const wb = new (await import('exceljs')).default.Workbook();
    await wb.xlsx.load(xlsx.body as never);
    const cells: string[] = [];
    wb.worksheets[0]?.eachRow((row) => row.eachCell((c) => cells.push(c.text)));
    const docx = await cases.publicNotice(cadre, XINZHUANG, 'docx');
    const zip = await (await import('jszip')).default.loadAsync(docx.body);
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    const docText = xml.replace(/<[^>]+>/g, '');
    for (const text of [cells.join('|'), docText]) {
      expect(text).toContain('测试户主');
      expect(text).toContain('1组');
      expect(text).toContain('突发严重困难家庭');
      expect(text).toContain('年人均收入1万元以下家庭');
      expect(text).toContain('2028-01-06 至 2028-01-11');
      // Never an ID number (nor its tail), a phone, a bank account or a health detail, nor the lead's reason.
      expect(text).not.toMatch(/\d{17}[\dX]/);
      expect(text).not.toMatch(/1[3-9]\d{9}/);
      for (const forbidden of [
        '身份证',
        '电话',
        '银行',
        '账号',
        '因病',
        '医疗',
        '疾病',
        '残疾',
        '自付',
        '格里坪镇新庄村1组',
      ]) {
        expect(text).not.toContain(forbidden);
      }
    }
    expect(xlsx.fileName).toMatch(/^新庄村村级公示_2028-01-06\.xlsx$/);
  });
});
