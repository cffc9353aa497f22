/**
 * The long journey of a low-income household in Chromium (issue 8): the 医保局's data match flags a household of
 * 格里坪镇 (above the line in the registry: every household of the sample below it already has a case) and opens a
 * below-10,000 case; the township officer records the verification visit on a phone and the visit's income goes into
 * the registry (below the line: the flag joins the same case); the township takes it through 信息比对、民主评议、
 * 村级公示 (five days on the test clock) and 乡镇审核, the civil affairs bureau confirms it (县级审定); a help measure is
 * recorded and the income raised above the line. Removing the risk at once is refused by the six-month stability rule
 * (its message shown); six months later it is removed (the watch state, closing not offered), and after the watch
 * period the case is closed. The leader's statistics page, the cockpit's D5-04 and its income-gap card rise by one
 * and fall back as the registry changes, and agree each time (the cockpit's cache once missed `households.changed`).
 */
import type { Kysely } from 'kysely';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDatabase } from '../src/server/db/case-tables.ts';
import type { HouseholdDatabase } from '../src/server/db/household-tables.ts';
import { HOUSEHOLD_MEMBER_PERSONAL, PersonalData } from '../src/server/security/personal-data.ts';
import { browserAvailable, signIn, launchBrowser, startE2EServer, type E2EServer } from './harness.ts';
import { confirm, signInWithCode } from './households-harness.ts';

const DAY = 86_400_000;

/** The certain count of a "确定 N 户，可能 M 户" text (the statistics page, the cockpit's card). */
function certainOf(text: string): number {
  const m = /确定\s*(\d+)/.exec(text) ?? /(\d+)/.exec(text);
  if (!m) throw new Error(`no count in "${text}"`);
  return Number(m[1]);
}

/** What the leader sees: the statistics page's below-10,000 count, the cockpit's D5-04 and its income-gap card. */
async function leaderFigures(browser: Browser, server: E2EServer) {
  const page = await signIn(browser, server.url, 'leader');
  await page.goto(`${server.url}/household-statistics`);
  const stats = page.getByTestId('below10k');
  await stats.waitFor();
  await expect.poll(async () => (await stats.innerText()).trim()).toMatch(/\d/);
  const statistics = certainOf(await stats.innerText());
  await page.goto(`${server.url}/cockpit`);
  const d504 = page
    .locator('xpath=//a[contains(@href,"/indicators/D5-04")]/ancestor::div[2]')
    .locator('.kpi-value')
    .first();
  await d504.waitFor();
  const cockpit = Number((await d504.innerText()).replace(/[^\d.]/g, ''));
  const card = page.getByTestId('income-bounds-below10k');
  await card.waitFor();
  const bounds = certainOf(await card.innerText());
  await page.context().close();
  return { statistics, cockpit, bounds };
}

/** Does an act on the case card of the household page and confirms its dialog. */
async function act(page: Page, caseCode: string, action: string, fill?: (p: Page) => Promise<void>) {
  const card = page.getByTestId(`case-${caseCode}`);
  await card.getByTestId(`case-action-${action}`).click();
  await fill?.(page);
  await confirm(page, 'act-ok');
  // The card shows the case again at its new version before the next act.
  await page.waitForLoadState('networkidle');
}

async function fillDate(page: Page, testId: string, day: string) {
  const el = page.getByTestId(testId);
  const input = (await el.evaluate((e) => e.tagName)) === 'INPUT' ? el : el.locator('input');
  await input.click();
  await input.fill(day);
  await input.press('Enter');
}

describe.skipIf(!browserAvailable())('a household from the data match to the closed case', () => {
  let server: E2EServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startE2EServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('data match → verification → measure → income above the line → removal refused, then watch → closed', async () => {
    const db = server.ctx.db.kysely as unknown as Kysely<CaseDatabase & HouseholdDatabase>;
    const today = () => server.clock.now().toISOString().slice(0, 10);
    /** Months pass on the test clock; the accounts change their passwords as the expiry policy asks meanwhile. */
    const advance = async (days: number) => {
      server.clock.advance(days * DAY);
      await server.ctx.db.kysely
        .updateTable('users')
        .set({ password_changed_at: server.clock.now().toISOString() })
        .execute();
    };
    // A household of 格里坪镇 above the line in the registry (an exact figure), with no case under way: every
    // household of the sample below the line already has a case, so the department's data is what finds this one.
    const live = db
      .selectFrom('household_cases')
      .select('household_id')
      .where('status', 'not in', ['closed', 'dismissed']);
    const h = await db
      .selectFrom('households')
      .select(['id', 'code', 'size', 'income_year'])
      .where('township_id', '=', 'xiqu-geliping')
      .where('flag_below10k', '=', 0)
      .where('income_exact', '=', 1)
      .where('id', 'not in', live)
      .orderBy('code')
      .executeTakeFirstOrThrow();
    const member = await db
      .selectFrom('household_members')
      .select('id_number')
      .where('household_id', '=', h.id)
      .orderBy('seq')
      .executeTakeFirstOrThrow();
    const idNumber = new PersonalData(() => server.ctx.fieldCrypto()).open(
      HOUSEHOLD_MEMBER_PERSONAL,
      'idNumber',
      member.id_number,
    );
    expect(idNumber).toMatch(/^\d{17}[\dX]$/);

    const before = await leaderFigures(browser, server);
    expect(before.cockpit, 'the cockpit’s D5-04 is the statistics page’s certain count').toBe(before.statistics);
    expect(before.bounds).toBe(before.statistics);

    /** Records an exact income for the household's survey year on its page (a verification visit's figure). */
    const recordIncome = async (page: Page, total: number, reason: string) => {
      await page.getByTestId('add-income').click();
      const year = page.locator('.ant-modal .ant-input-number-input').first();
      await year.fill(String(h.income_year ?? Number(today().slice(0, 4))));
      await page.getByTestId('income-total').fill(String(total));
      await page.getByTestId('income-reason').fill(reason);
      await confirm(page, 'income-ok');
    };

    // 1. The township officer pastes the 医保局's row on the data-match page: a below-10,000 case is opened.
    let township = await signInWithCode(browser, server, 'xiangzhen');
    await township.goto(`${server.url}/households/data-match`);
    await township.getByRole('tab', { name: '粘贴数据' }).click();
    await township.getByTestId('match-paste').fill(`身份证号\n${idNumber}`);
    await township.getByTestId('match-reason').fill('医保比对：住院自付费用高，家庭收入骤降');
    await township.getByTestId('match-send').click();
    await township.getByTestId('match-result').waitFor();
    const opened = await db
      .selectFrom('household_cases')
      .selectAll()
      .where('household_id', '=', h.id)
      .where('status', '=', 'warning')
      .executeTakeFirstOrThrow();
    expect(opened.kind).toBe('below10k');
    expect(opened.source).toBe('dataMatch');
    const code = opened.code;
    const status = async () =>
      (await db.selectFrom('household_cases').select('status').where('id', '=', opened.id).executeTakeFirstOrThrow())
        .status;

    // 2. The township officer records the verification visit from the workbench on a phone.
    const cadre = await signInWithCode(browser, server, 'xiangzhen', { width: 390, height: 844 });
    await cadre.goto(`${server.url}/households/workbench`);
    await cadre.getByTestId(`wb-visit-${code}`).click();
    await cadre.getByTestId('visit-findings').fill('入户核查：户主住院，务工收入中断，家庭人均收入低于1万元。');
    await confirm(cadre, 'act-ok');
    await expect.poll(status).toBe('visited');
    await cadre.context().close();

    // The visit's income goes into the registry: below the line now, in the case the data match opened (the flag
    // joins it rather than opening a second one).
    await township.goto(`${server.url}/households/${h.id}`);
    await recordIncome(township, h.size * 6_000, '入户核查：户主住院后家庭收入');
    await township.getByTestId('flag-below10k-yes').waitFor();
    const cases = await db.selectFrom('household_cases').select('id').where('household_id', '=', h.id).execute();
    expect(cases.map((c) => c.id)).toEqual([opened.id]);
    const flagged = await leaderFigures(browser, server);
    expect(flagged.statistics).toBe(before.statistics + 1);
    expect(flagged.bounds).toBe(flagged.statistics);
    expect(flagged.cockpit, 'D5-04 follows the registry without a manual evaluation run').toBe(flagged.statistics);

    // 3. The township: 信息比对, 民主评议, 村级公示; after the five days of the notice, 乡镇审核.
    await township.reload();
    await township.getByTestId(`case-${code}`).waitFor();
    await act(township, code, 'compareData', (p) => p.getByTestId('act-note').fill('与医保、民政数据比对一致'));
    await expect.poll(status).toBe('compared');
    await township.getByTestId(`case-${code}`).getByTestId('case-status-compared').waitFor();
    await act(township, code, 'democraticReview');
    await expect.poll(status).toBe('reviewed');
    await township.getByTestId(`case-${code}`).getByTestId('case-status-reviewed').waitFor();
    await act(township, code, 'startNotice');
    await expect.poll(status).toBe('noticed');
    await township.getByTestId(`case-${code}`).getByTestId('case-status-noticed').waitFor();
    await township.context().close();
    await advance(6);
    township = await signInWithCode(browser, server, 'xiangzhen');
    await township.goto(`${server.url}/households/${h.id}`);
    await act(township, code, 'townshipApprove');
    await expect.poll(status).toBe('townshipApproved');
    await township.getByTestId(`case-${code}`).getByTestId('case-status-townshipApproved').waitFor();

    // 4. The civil affairs bureau confirms it (县级审定).
    const county = await signInWithCode(browser, server, 'minzheng');
    await county.goto(`${server.url}/households/${h.id}`);
    await act(county, code, 'countyApprove');
    await expect.poll(status).toBe('confirmed');
    await county.getByTestId(`case-${code}`).getByTestId('case-status-confirmed').waitFor();
    await county.context().close();

    // 5. A help measure, and the income raised above the line in the registry (a verification visit's figure).
    await township.reload();
    await act(township, code, 'addMeasure', (p) =>
      p.getByTestId('measure-description').fill('安排户主到村公益性岗位，申请医疗救助'),
    );
    const measures = await db
      .selectFrom('household_case_measures')
      .select('description')
      .where('case_id', '=', opened.id)
      .execute();
    expect(measures.map((m) => m.description)).toEqual(['安排户主到村公益性岗位，申请医疗救助']);
    const raisedOn = today();
    await recordIncome(township, h.size * 15_000, '公益性岗位工资及医疗救助到位后再核实');
    await township.getByTestId('flag-below10k-no').waitFor();

    // The statistics page and the cockpit's D5-04 follow the registry at once, and agree.
    const after = await leaderFigures(browser, server);
    expect(after.statistics).toBe(before.statistics);
    expect(after.bounds).toBe(after.statistics);
    expect(after.cockpit, 'D5-04 follows the registry back down').toBe(after.statistics);

    // 6. Re-verified above the line today: removing the risk is refused by the six-month rule, with its message.
    await township.reload();
    await act(township, code, 'reverifyIncome', async (p) => {
      await p.getByTestId('reverify-income').fill('15000');
      await fillDate(p, 'reverify-since', raisedOn);
      await p.getByTestId('reverify-rigid').click();
    });
    await township.getByTestId(`case-${code}`).getByTestId('case-action-removeRisk').click();
    await township.getByTestId('act-ok').click();
    await township.getByText('要求不少于6个月').first().waitFor();
    expect(await status()).toBe('confirmed');
    await township.context().close();

    // 7. Six months on, re-verified again: the risk is removed and the case is under watch.
    await advance(190);
    township = await signInWithCode(browser, server, 'xiangzhen');
    await township.goto(`${server.url}/households/${h.id}`);
    await act(township, code, 'reverifyIncome', async (p) => {
      await p.getByTestId('reverify-income').fill('15600');
      await fillDate(p, 'reverify-since', raisedOn);
      await p.getByTestId('reverify-rigid').click();
    });
    await act(township, code, 'removeRisk');
    await expect.poll(status).toBe('riskRemoved');
    await township.getByTestId(`case-${code}`).getByTestId('case-status-riskRemoved').waitFor();
    // Under watch: closing is not offered before the watch period ends.
    expect(await township.getByTestId(`case-${code}`).getByTestId('case-action-close').count()).toBe(0);
    await township.context().close();

    // 8. After the six-month watch period, the case is closed (销号).
    await advance(190);
    township = await signInWithCode(browser, server, 'xiangzhen');
    await township.goto(`${server.url}/households/${h.id}`);
    await act(township, code, 'close');
    await expect.poll(status).toBe('closed');
    await township.getByTestId(`case-${code}`).getByTestId('case-status-closed').waitFor();
    await township.context().close();

    const closed = await leaderFigures(browser, server);
    expect(closed.statistics).toBe(after.statistics);
    expect(closed.cockpit).toBe(closed.statistics);
  });
});
