/**
 * The monthly return template in Chromium (issue 9): 西区's reporter downloads the district's 月度调度 template from
 * the district view, fills it in (ExcelJS, as Excel would), imports it and submits the imported returns; 西区's
 * reviewer approves the return on the project's page; the project's light, the framework indicator the ledger feeds
 * (D2-33 重点项目完成投资, 西区) and the cockpit's 项目为王 card follow. A file with a bad cell is refused whole and
 * its cells are listed in the import error table.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser, signIn, startE2EServer, type E2EServer } from './harness.ts';
import { apiAs, fixtureCode, registerFixture } from './projectsFixture.ts';

const run = browserAvailable() ? describe : describe.skip;

interface Matrix {
  cells: { indicatorCode: string; orgUnitId: string; actual: number | null }[];
}

run('the monthly return template in the browser', () => {
  let server: E2EServer;
  let browser: Browser;
  let xiqu: Page;
  let shenhe: Page;
  let gfb: Page;
  let ids: Map<string, string>;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongfu-e2e-returns-'));

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
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const d233 = async () => {
    const m = await apiAs<Matrix>(gfb, 'GET', '/evaluation/matrix?asOf=2024-10&preview=1');
    return m.cells.find((c) => c.indicatorCode === 'D2-33' && c.orgUnitId === 'xiqu')?.actual ?? null;
  };
  const cockpitYtd = async () => {
    await gfb.goto(`${server.url}/cockpit`);
    const ytd = gfb.getByTestId('cockpit-projects-ytd');
    await ytd.waitFor();
    return (await ytd.textContent()) ?? '';
  };

  /** The district's template for October as the page offers it. */
  const download = async (): Promise<ExcelJS.Workbook> => {
    await xiqu.goto(`${server.url}/projects/districts`);
    await xiqu.getByTestId('returns-import-bar').waitFor();
    const [file] = await Promise.all([xiqu.waitForEvent('download'), xiqu.getByTestId('returns-template').click()]);
    expect(file.suggestedFilename()).toBe('月度调度模板_西区_2024-10.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await file.path());
    return wb;
  };
  const rowOf = (ws: ExcelJS.Worksheet, code: string): ExcelJS.Row => {
    let found: ExcelJS.Row | undefined;
    ws.eachRow((row) => {
      if (row.getCell(1).text === code) found = row;
    });
    if (!found) throw new Error(`no row for ${code}`);
    return found;
  };
  const importFile = async (wb: ExcelJS.Workbook, name: string) => {
    const file = path.join(dir, name);
    await wb.xlsx.writeFile(file);
    await xiqu.locator('[data-testid=returns-import-bar] input[type=file]').setInputFiles(file);
  };

  it('refuses a file with a bad cell whole and lists the cell', async () => {
    const wb = await download();
    const ws = wb.getWorksheet('月度调度')!;
    const row = rowOf(ws, fixtureCode('910002'));
    row.getCell(6).value = '一万一';
    row.getCell(9).value = '主体结构施工';
    row.getCell(10).value = 45;
    row.getCell(11).value = 120;
    await importFile(wb, 'bad.xlsx');
    const table = xiqu.getByTestId('import-errors');
    await table.waitFor();
    const text = (await table.textContent()) ?? '';
    expect(text).toContain('月度调度');
    expect(text).toContain(String(row.number));
    expect(text).toContain('F');
    expect(text).toContain('不是数值');
    await xiqu.locator('.ant-modal-footer .ant-btn-primary').click();
  });

  it('files October from the template; the reviewer approves; the light, D2-33 and the cockpit follow', async () => {
    const id = ids.get('910002')!;
    const indicatorBefore = await d233();
    const cardBefore = await cockpitYtd();
    await xiqu.goto(`${server.url}/projects/${id}`);
    await xiqu.getByTestId('project-light').waitFor();
    expect(await xiqu.getByTestId('project-light').textContent()).not.toBe('绿灯');

    const wb = await download();
    const ws = wb.getWorksheet('月度调度')!;
    const row = rowOf(ws, fixtureCode('910002'));
    // September's year to date (3,900万元) is beside the cell; 本年累计 and 开工累计 are left for the import to add up.
    expect(row.getCell(3).value).toBe(3900);
    row.getCell(6).value = 11900;
    row.getCell(9).value = '主体结构封顶，室内装修施工';
    row.getCell(10).value = 45;
    row.getCell(11).value = 120;
    await importFile(wb, 'october.xlsx');
    await xiqu.getByTestId('returns-imported').waitFor();
    expect(await xiqu.getByTestId('returns-imported').textContent()).toContain('1');
    await xiqu.getByTestId('returns-submit').click();
    await xiqu.getByTestId('returns-submitted').waitFor();
    await xiqu.locator('.ant-modal-footer .ant-btn-primary').click();

    await shenhe.goto(`${server.url}/projects/${id}`);
    await shenhe.getByTestId('return-2024-10-submitted').waitFor();
    await shenhe.getByTestId('return-approve').first().click();
    await shenhe.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
    await shenhe.getByTestId('return-2024-10-approved').waitFor();
    // 15,800 of a 20,000 plan at October (the default profile expects 80 %): green.
    await expect.poll(async () => shenhe.getByTestId('project-light').textContent(), { timeout: 15_000 }).toBe('绿灯');
    const detail = await apiAs<{ returns: { month: string; ytd: number; sinceStart: number }[] }>(
      gfb,
      'GET',
      `/projects/${id}`,
    );
    expect(detail.returns.find((r) => r.month === '2024-10')?.ytd).toBe(15_800);

    // The ledger feeds D2-33 (亿元): 西区's figure grows by October's 1.19亿元.
    await expect
      .poll(async () => ((await d233()) ?? 0) - (indicatorBefore ?? 0), { timeout: 20_000 })
      .toBeCloseTo(1.19, 1);
    await expect.poll(cockpitYtd, { timeout: 20_000 }).not.toBe(cardBefore);
  });
});
