/**
 * The major-project ledger in Chromium: 西区's reporter files a project's October return on its page, 西区's
 * reviewer approves it there, and the project's light, the ledger and the cockpit's 项目为王 card follow; the
 * filtered ledger exports to Excel. The projects are registered through the API (e2e/projectsFixture.ts).
 */
import type { Browser, Page } from 'playwright-core';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser, signIn, startE2EServer, type E2EServer } from './harness.ts';
import { fixtureCode, registerFixture } from './projectsFixture.ts';

const run = browserAvailable() ? describe : describe.skip;

run('the project ledger in the browser', () => {
  let server: E2EServer;
  let browser: Browser;
  let xiqu: Page;
  let shenhe: Page;
  let gfb: Page;
  let ids: Map<string, string>;

  beforeAll(async () => {
    server = await startE2EServer();
    browser = await launchBrowser();
    xiqu = await signIn(browser, server.url, 'xiqu');
    shenhe = await signIn(browser, server.url, 'shenhe');
    gfb = await signIn(browser, server.url, 'gfb');
    ids = await registerFixture(xiqu, shenhe);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const cockpitYtd = async () => {
    await gfb.goto(`${server.url}/cockpit`);
    const ytd = gfb.getByTestId('cockpit-projects-ytd');
    await ytd.waitFor();
    return (await ytd.textContent()) ?? '';
  };

  /** D2-33 (重点项目完成投资) of 西区 as the evaluation holds it: fed by the ledger's approved returns. */
  const fedYtd = async () => {
    const r = await gfb.request.get(`${server.url}/api/v1/evaluation/explain?indicatorCode=D2-33&orgUnitId=xiqu`);
    expect(r.status()).toBe(200);
    return ((await r.json()) as { actual: number | null }).actual;
  };

  it('lists the projects with their lights and reasons, filters them and exports the filter', async () => {
    // The default data holds the city's ledger; the six projects of the fixture are the ones named 测试….
    await gfb.goto(`${server.url}/projects?q=${encodeURIComponent('测试')}`);
    await gfb.getByTestId(`project-link-${fixtureCode('910002')}`).waitFor();
    expect(await gfb.getByTestId('projects-count').textContent()).toContain('6');
    // The hover gives the reason in words.
    await gfb.getByTestId(`light-${fixtureCode('910002')}`).hover();
    await expect
      .poll(async () => (await gfb.locator('.ant-tooltip').allTextContents()).join(' '), { timeout: 10_000 })
      .toContain('月报');
    await gfb.goto(`${server.url}/projects?stage=underConstruction&q=${encodeURIComponent('测试')}`);
    await gfb.getByText('共 3 个项目').waitFor();
    const href = await gfb.getByTestId('projects-export').getAttribute('href');
    expect(href).toContain('stage=underConstruction');
    const response = await gfb.request.get(`${server.url}${href}`);
    expect(response.status()).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await response.body()) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('项目台账')!;
    const names = sheet.getColumn(2).values.filter((v): v is string => typeof v === 'string');
    expect(names.slice(1).sort()).toEqual(['测试特色农业冷链物流中心', '测试钛材深加工项目', '测试阳光康养综合体']);
  });

  it('files a return as the district, approves it as the reviewer; the light and the cockpit follow', async () => {
    const id = ids.get('910002')!;
    const before = await cockpitYtd();
    const fedBefore = await fedYtd();
    expect(fedBefore).not.toBeNull();
    await xiqu.goto(`${server.url}/projects/${id}`);
    await xiqu.getByTestId('project-title').waitFor();
    const lightBefore = await xiqu.getByTestId('project-light').getAttribute('data-testid');
    expect(await xiqu.locator('[data-testid^=light-return-]').first().getAttribute('data-testid')).not.toBe(
      'light-return-green',
    );
    await xiqu.getByTestId('project-file').click();
    await xiqu.getByTestId('return-form').waitFor();
    await xiqu.getByTestId('return-thisMonth').fill('11900');
    await xiqu.getByTestId('return-ytd').fill('15800');
    await xiqu.getByTestId('return-sinceStart').fill('15800');
    await xiqu.locator('.ant-modal-footer .ant-btn-primary').click();
    try {
      await xiqu.getByTestId('return-2024-10-submitted').waitFor({ timeout: 15_000 });
    } catch (e) {
      const shown = await xiqu.locator('.ant-message, .ant-form-item-explain').allTextContents();
      throw new Error(`the return was not filed; the page said: ${shown.join(' | ') || '(nothing)'}`, { cause: e });
    }
    expect(lightBefore).toBe('project-light');

    await shenhe.goto(`${server.url}/projects/${id}`);
    await shenhe.getByTestId('return-2024-10-submitted').waitFor();
    await shenhe.getByTestId('return-approve').first().click();
    await shenhe.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
    await shenhe.getByTestId('return-2024-10-approved').waitFor();
    // 15,800 of a 20,000 plan at October (the default profile expects 80 %): no longer red, and the return is in.
    await expect.poll(async () => shenhe.getByTestId('project-light').textContent(), { timeout: 15_000 }).toBe('绿灯');
    // Each light is named with its reason, the green ones too.
    expect(await shenhe.getByTestId('light-return-green').count()).toBe(1);
    expect(await shenhe.getByTestId('light-investment-green').count()).toBe(1);
    expect(
      await shenhe
        .locator('[data-testid$=-red][data-testid^=light-], [data-testid$=-yellow][data-testid^=light-]')
        .count(),
    ).toBe(0);
    // The return's people by name and unit, never an id.
    const returns = (await shenhe.getByTestId('project-returns').textContent()) ?? '';
    expect(returns).toMatch(/（西区）/);
    // The framework's indicator the ledger feeds (D2-33, 西区's year-to-date investment) moves with the approval.
    await expect.poll(fedYtd, { timeout: 20_000 }).not.toBe(fedBefore);

    await gfb.goto(`${server.url}/projects?light=red`);
    await gfb.getByTestId('projects-count').waitFor();
    expect(await gfb.getByTestId(`project-link-${fixtureCode('910002')}`).count()).toBe(0);
    await expect.poll(cockpitYtd, { timeout: 20_000 }).not.toBe(before);
  });

  it('shows the stage board, the schedule and the district view', async () => {
    await gfb.goto(`${server.url}/projects/board`);
    await gfb.getByTestId('stage-underConstruction').locator('.pj-board-card').first().waitFor();
    // The city's ledger and the fixture's three projects under construction.
    expect(await gfb.getByTestId('stage-underConstruction').locator('.pj-board-card').count()).toBeGreaterThanOrEqual(
      3,
    );
    await gfb.getByTestId('schedule-chart').waitFor();
    await gfb.goto(`${server.url}/projects/districts`);
    await gfb.getByTestId('district-table').locator('tbody tr.ant-table-row').first().waitFor();
    expect(await gfb.getByTestId('district-table').textContent()).toContain('西区');
    // A path that names no project (the API's /projects/returns) is a page not found, not a blank page.
    await gfb.goto(`${server.url}/projects/returns`);
    await gfb.getByText('404').first().waitFor({ timeout: 30_000 });
  });

  it('moves a stage forwards, and back only after the centre approves an adjustment; people by name', async () => {
    const id = ids.get('910005')!; // at the reserve stage
    await xiqu.goto(`${server.url}/projects/${id}`);
    await xiqu.getByTestId('stage-forward').click();
    await xiqu.getByTestId('stage-form').waitFor();
    await xiqu.locator('.ant-modal-footer .ant-btn-primary').click();
    await xiqu.getByTestId('project-stage-preparation').waitFor();
    const history = (await xiqu.getByTestId('project-history').textContent()) ?? '';
    expect(history).toContain('推进阶段');
    expect(history).toContain('储备 → 前期');
    expect(history).toMatch(/（西区）/);

    // Back to the reserve: asked for, approved by the centre, then carried out.
    await xiqu.getByTestId('stage-adjust').click();
    await xiqu.getByTestId('adjust-reason').fill('测试：项目前期手续退回重新论证');
    await xiqu.locator('.ant-modal-footer .ant-btn-primary').click();
    await xiqu.getByTestId('adjustment-pending').waitFor();
    expect(await xiqu.getByTestId('adjustment-approve').count()).toBe(0); // the district does not decide
    await gfb.goto(`${server.url}/projects/${id}`);
    await gfb.getByTestId('adjustment-approve').click();
    await gfb.locator('.ant-modal-footer .ant-btn-primary').click();
    // Approved, or what the page said instead (a refusal's message names it when this fails).
    await expect
      .poll(
        async () =>
          (await gfb.getByTestId('adjustment-approved').count()) > 0
            ? 'approved'
            : (await gfb.locator('.ant-message-notice, .ant-modal-body').allInnerTexts()).join(' | '),
        { timeout: 60_000 },
      )
      .toBe('approved');
    await xiqu.reload();
    await xiqu.getByTestId('stage-back').click();
    await xiqu.locator('.ant-modal-footer .ant-btn-primary').click();
    await xiqu.getByTestId('adjustment-used').waitFor();
    await xiqu.getByTestId('project-stage-reserve').waitFor();
    expect(await xiqu.getByTestId('project-stages').textContent()).not.toContain('按已批准的调整退回');
    const after = (await xiqu.getByTestId('project-history').textContent()) ?? '';
    expect(after).toContain('前期 → 储备');
    expect(after).toContain('同意阶段调整');
  });
});
