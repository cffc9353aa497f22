/**
 * The four lists in Chromium, end to end: the coordination centre issues an item; 西区 acknowledges it and reports
 * progress; time passes (the server's test clock); a yellow warning appears; a supervision notice is issued and
 * answered, the answer accepted; the milestone is completed, completion requested, and a reviewer closes the item.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, E2E_PASSWORD, launchBrowser, startE2EServer, type E2EServer } from './harness.ts';

/** Signs in through the login form (by test id where the form has one, else by the fields' autocomplete roles). */
async function signIn(browser: Browser, url: string, username: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(`${url}/login`);
  await page.locator('[data-testid=login-username], input[autocomplete=username]').first().fill(username);
  await page.locator('[data-testid=login-password], input[autocomplete=current-password]').first().fill(E2E_PASSWORD);
  await page.locator('[data-testid=login-submit], button[type=submit]').first().click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  return page;
}

/** Confirms the open dialog; fails with the message the page showed when it does not close (the act was refused). */
async function confirm(page: Page, ok: string) {
  const button = page.getByTestId(ok);
  await button.click();
  try {
    await button.waitFor({ state: 'detached', timeout: 15_000 });
  } catch (e) {
    const shown = await page.locator('.ant-message, .ant-form-item-explain').allTextContents();
    throw new Error(`${ok}: the dialog did not close; the page said: ${shown.join(' | ') || '(nothing)'}`, {
      cause: e,
    });
  }
}

/** Clicks a workflow button of the item page, fills its dialog, and confirms it. */
async function act(page: Page, action: string, ok = 'act-ok', fill?: (page: Page) => Promise<void>) {
  await page.getByTestId(`item-action-${action}`).click();
  await page.getByTestId(ok).waitFor();
  if (fill) await fill(page);
  await confirm(page, ok);
}

describe.skipIf(!browserAvailable())('the four lists in the browser', () => {
  let server: E2EServer;
  let browser: Browser;
  beforeAll(async () => {
    // The item below runs from November 2024: the default data is loaded on 5 November.
    server = await startE2EServer('2024-11-05T02:00:00Z');
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('issue → acknowledge → report → yellow warning → notice answered → closed', async () => {
    const url = server.url;
    // The coordination centre drafts an item for 西区 (through the API its page uses) and issues it on the item page.
    let gfb = await signIn(browser, url, 'gfb');
    const { csrfToken } = (await (await gfb.request.get(`${url}/api/v1/auth/me`)).json()) as { csrfToken: string };
    const created = await gfb.request.post(`${url}/api/v1/lists/items`, {
      headers: { 'x-csrf-token': csrfToken },
      data: {
        kind: 'reform',
        year: 2024,
        title: '共富超市进社区（端到端测试）',
        leaderName: '西区副区长（社会事业）',
        leadUnitId: 'xiqu',
        coUnitIds: ['dept-swj'],
        personInCharge: '王五',
        districtId: 'xiqu',
        startDate: '2024-11-01',
        deadline: '2025-03-31',
        milestones: [{ title: '首批网点开业', plannedDate: '2024-11-20' }],
      },
    });
    expect(created.status()).toBe(200);
    const { id, code } = (await created.json()) as { id: string; code: string };
    await gfb.goto(`${url}/lists/items/${id}`);
    await expect.poll(() => gfb.getByTestId('status-drafted').count(), { timeout: 10_000 }).toBe(1);
    await act(gfb, 'issue');
    await expect.poll(() => gfb.getByTestId('status-issued').count(), { timeout: 10_000 }).toBe(1);

    // 西区 finds it among its to-dos on its home page, acknowledges it, and reports November's progress.
    let xiqu = await signIn(browser, url, 'xiqu');
    await xiqu.getByTestId('my-todos').waitFor();
    await expect.poll(() => xiqu.getByTestId('todo-acknowledge').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await xiqu.getByTestId('my-todos').getByText(code).first().click();
    await xiqu.waitForURL(`**/lists/items/${id}`);
    await act(xiqu, 'acknowledge');
    await expect.poll(() => xiqu.getByTestId('status-acknowledged').count(), { timeout: 10_000 }).toBe(1);
    await act(xiqu, 'report', 'report-ok', async (p) => {
      await p.locator('[data-testid=report-percent] input, input[data-testid=report-percent]').first().fill('10');
      await p.getByTestId('report-narrative').fill('已在清香坪、大宝鼎开设共富超市 2 家');
    });
    await expect.poll(() => xiqu.getByTestId('status-inProgress').count(), { timeout: 10_000 }).toBe(1);

    // Time passes: on 1 December the milestone of 20 November is late. The daily run raises a yellow warning.
    // (Sessions idle for weeks have expired: everyone signs in again.)
    server.clock.set('2024-12-01T02:00:00Z');
    gfb = await signIn(browser, url, 'gfb');
    xiqu = await signIn(browser, url, 'xiqu');
    await gfb.goto(`${url}/lists?q=${encodeURIComponent('端到端测试')}`);
    await gfb.getByTestId('lists-run-warnings').click();
    await expect
      .poll(() => gfb.getByTestId('list-table').getByTestId('colour-yellow').count(), { timeout: 10_000 })
      .toBe(1);
    await gfb.getByTestId(`item-link-${code}`).click();
    await gfb.getByTestId('warning-behindMilestone').waitFor();
    expect(await gfb.getByTestId('item-active-warnings').textContent()).toContain('首批网点开业');

    // The coordination centre issues a supervision notice.
    await act(gfb, 'issueNotice', 'notice-ok', async (p) => {
      await p.getByTestId('notice-problem').fill('首批网点未按期开业，请说明原因并提出整改措施');
    });
    const notice = gfb.getByTestId('item-notices');
    await expect.poll(async () => (await notice.textContent()) ?? '', { timeout: 10_000 }).toContain('待答复');

    // 西区 answers it from the item page.
    await xiqu.goto(`${url}/lists/items/${id}`);
    const answer = xiqu.locator('[data-testid^=notice-answer-]');
    await answer.first().waitFor();
    await answer.first().click();
    await xiqu.getByTestId('answer-ok').waitFor();
    await xiqu.getByTestId('answer-text').fill('选址调整导致延后，已于 11 月 28 日开业，补交验收材料');
    await confirm(xiqu, 'answer-ok');

    // The centre accepts the answer: the notice is closed.
    await gfb.reload();
    await gfb.locator('[data-testid^=notice-review-]').first().click();
    await gfb.getByTestId('review-answer-ok').waitFor();
    await confirm(gfb, 'review-answer-ok');
    await expect
      .poll(async () => (await gfb.getByTestId('item-notices').textContent()) ?? '', { timeout: 10_000 })
      .toContain('已办结');

    // 西区 completes the milestone (the yellow warning clears) and asks to close the item.
    await xiqu.reload();
    await xiqu.getByTestId('milestone-complete-1').click();
    await xiqu.getByTestId('milestone-ok').waitFor();
    // Ant Design's DatePicker, as on every page (never the browser's own date input).
    expect(await xiqu.locator('input[type=date]').count()).toBe(0);
    const date = xiqu.locator('.ant-modal .ant-picker input').last();
    await date.click();
    await date.fill('2024-11-28');
    await date.press('Enter');
    expect(await date.inputValue()).toBe('2024-11-28');
    await xiqu.getByTestId('milestone-evidence').fill('开业照片及验收单');
    await confirm(xiqu, 'milestone-ok');
    await expect.poll(() => xiqu.getByTestId('item-active-warnings').count(), { timeout: 10_000 }).toBe(0);
    await act(xiqu, 'requestCompletion');
    await expect.poll(() => xiqu.getByTestId('status-completionRequested').count(), { timeout: 10_000 }).toBe(1);
    // The lead unit has no button to close it.
    expect(await xiqu.getByTestId('item-action-close').count()).toBe(0);

    // A reviewer closes it (销号).
    const shenhe = await signIn(browser, url, 'shenhe');
    await shenhe.goto(`${url}/lists/items/${id}`);
    await act(shenhe, 'close');
    await expect.poll(() => shenhe.getByTestId('status-closed').count(), { timeout: 10_000 }).toBe(1);

    const history = (await (await shenhe.request.get(`${url}/api/v1/lists/items/${id}`)).json()) as {
      history: { action: string }[];
    };
    expect(history.history.map((h) => h.action)).toEqual([
      'create',
      'issue',
      'acknowledge',
      'report',
      'issueNotice',
      'answerNotice',
      'acceptAnswer',
      'completeMilestone',
      'requestCompletion',
      'close',
    ]);
  });

  it('masks the person in charge (the post stays readable) until 显示完整, which the audit trail records', async () => {
    const page = await signIn(browser, server.url, 'gfb');
    await page.goto(`${server.url}/lists`);
    const items = await page.evaluate(async () => {
      const r = await fetch('/api/v1/lists/items?q=GX2023-P01');
      return (await r.json()) as unknown;
    });
    const rows = (Array.isArray(items) ? items : ((items as { rows?: unknown[] }).rows ?? [])) as {
      id: string;
      code: string;
    }[];
    const item = rows.find((r) => r.code === 'GX2023-P01');
    expect(item, 'the seeded item GX2023-P01').toBeDefined();
    await page.goto(`${server.url}/lists/items/${item?.id}`);
    const show = page.getByRole('button', { name: /显示完整/ });
    await show.waitFor({ timeout: 30_000 });
    const cell = page.locator('td', { has: page.getByRole('button', { name: /显示完整/ }) });
    const masked = await cell.innerText();
    expect(masked).toContain('陈*涛（钒钛高新区科技创新和经济发展局）');
    expect(masked).not.toContain('陈海涛');
    await show.click();
    await expect.poll(() => page.locator('main').innerText(), { timeout: 30_000 }).toContain('陈海涛（');
    const audit = await server.ctx.db.kysely
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'listItem.view')
      .execute();
    expect(audit.length).toBeGreaterThan(0);
    await page.close();
  });
});
