import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../src/server/security/totp.ts';
import { browserAvailable, E2E_PASSWORD, launchBrowser, signIn, startE2EServer, type E2EServer } from './harness.ts';

/** The widths the page is read at: a phone, a laptop, an office screen. */
const WIDTHS = [
  { width: 390, height: 844 },
  { width: 1440, height: 900 },
  { width: 1920, height: 1080 },
];

/** Names that stay as they are in a Chinese page: the formats, the protocol, the other system. */
const LATIN_NAMES = new Set(['DHIS2', 'JSON', 'CSV', 'ADX', 'XML', 'API', 'HTTP', 'GB', 'dhis2', 'https']);

/** What a Chinese page must not show: raw ids (UUIDs) and English words outside the names above and user data. */
async function readingProblems(page: Page, allowed: readonly string[]): Promise<string[]> {
  const text = await page.locator('.app-content').innerText();
  const problems: string[] = [];
  const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i.exec(text);
  if (uuid) problems.push(`raw id ${uuid[0]}`);
  // A token's prefix (gft_ and six characters) is how people tell tokens apart: it is shown as it is.
  let scrubbed = text.replace(/gft_[A-Za-z0-9_-]*/g, ' ');
  for (const a of allowed) scrubbed = scrubbed.split(a).join(' ');
  for (const word of scrubbed.match(/[A-Za-z][A-Za-z0-9_]{2,}/g) ?? [])
    if (!LATIN_NAMES.has(word)) problems.push(`English "${word}"`);
  return problems;
}

async function overflow(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    return document.documentElement.scrollWidth <= width
      ? null
      : `page is ${document.documentElement.scrollWidth}px wide in ${width}px`;
  });
}

/**
 * The data exchange centre (issue 12) in the browser: the system administrator creates a service account and issues
 * a token shown once; the centre registers a receiver (the secret shown once), keeps an identifier mapping and reads
 * the delivery log; a reporter dry-runs a DHIS2 file and reads the import summary's conflicts in both languages.
 * Each page is read at 390, 1440 and 1920 px: no raw ids, no English on the Chinese page, nothing sticking out.
 */
describe.skipIf(!browserAvailable())('the data exchange centre in the browser', () => {
  let server: E2EServer;
  let browser: Browser;
  let receiver: http.Server;
  let receiverUrl: string;
  const received: string[] = [];
  const shots = path.join(os.tmpdir(), 'gongfu-e2e-exchange');

  beforeAll(async () => {
    server = await startE2EServer();
    browser = await launchBrowser();
    receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        received.push(body);
        res.statusCode = 204;
        res.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    fs.mkdirSync(shots, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  /** Reads the page at each width; `allowed` are the user's own data (names typed in) that may be Latin. */
  const readAtWidths = async (page: Page, name: string, allowed: readonly string[] = []) => {
    for (const size of WIDTHS) {
      await page.setViewportSize(size);
      await page.waitForTimeout(150);
      await page.screenshot({ path: path.join(shots, `${name}-${size.width}.png`), fullPage: true });
      expect(await overflow(page), `${name} at ${size.width}px`).toBeNull();
      expect(await readingProblems(page, allowed), `${name} at ${size.width}px`).toEqual([]);
    }
    await page.setViewportSize({ width: 1600, height: 1000 });
  };

  it('the system administrator creates a service account and issues a token, shown once', async () => {
    const page = await (
      await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'zh-CN' })
    ).newPage();
    await page.goto(`${server.url}/login`);
    await page.locator('#username').fill('admin');
    await page.locator('#password').fill(E2E_PASSWORD);
    await page.locator('button[type=submit]').click();
    // The administrator's role always takes a second factor: enrol it first.
    await page.waitForURL((u) => u.pathname === '/second-factor');
    await page.getByTestId('totp-start-password').fill(E2E_PASSWORD);
    await page.getByTestId('totp-start').click();
    const secret = (await page.getByTestId('totp-secret').innerText()).trim();
    await page.getByTestId('totp-confirm-code').fill(totpCode(secret, server.clock.now().getTime()));
    await page.getByRole('button', { name: '确认启用' }).click();
    await page.getByRole('button', { name: '我已保存恢复码' }).click();
    await page.waitForURL((u) => u.pathname !== '/second-factor');

    // One menu entry leads to the centre's page.
    await page.locator('.ant-menu').getByText('数据交换', { exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/exchange');
    await page.getByTestId('account-create').click();
    const dialog = page.locator('.ant-modal');
    await dialog.locator('#username').fill('svc-tjj');
    await dialog.locator('#displayName').fill('统计局数据接口');
    await dialog.locator('#systemName').fill('市统计局 DHIS2');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(async () => page.getByText('统计局数据接口').count(), { timeout: 10_000 }).toBe(1);
    // Not yet authorised: the row says so, in Chinese.
    await expect.poll(async () => page.getByText('待安全管理员授权').count()).toBe(1);

    await page.getByTestId('token-issue').click();
    await page.getByTestId('token-name').fill('统计局-2024');
    await page.locator('.ant-modal').getByRole('button', { name: '签发令牌' }).click();
    const token = (await page.getByTestId('once-value').innerText()).trim();
    expect(token).toMatch(/^gft_[A-Za-z0-9_-]{40,}$/);
    await page.getByTestId('once-close').click();
    // Once closed, the token is nowhere on the page: only its prefix.
    await expect.poll(async () => page.getByText('统计局-2024').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(async () => page.content(), { timeout: 10_000 }).not.toContain(token);
    expect(
      await page
        .locator('code')
        .filter({ hasText: token.slice(0, 8) })
        .count(),
    ).toBe(1);
    await readAtWidths(page, 'admin-accounts', ['svc-tjj', 'admin']);
  });

  it('the centre registers a receiver, keeps a mapping and reads the delivery log', async () => {
    const page = await signIn(browser, server.url, 'gfb');
    await page.goto(`${server.url}/exchange`);
    // The centre sees the accounts but cannot create one or issue a token.
    await expect.poll(async () => page.getByText('统计局数据接口').count(), { timeout: 10_000 }).toBe(1);
    expect(await page.getByTestId('account-create').count()).toBe(0);
    expect(await page.getByTestId('token-issue').count()).toBe(0);
    await readAtWidths(page, 'centre-accounts', ['svc-tjj', 'admin']);

    await page.getByTestId('ex-tab-mappings').click();
    await page.getByTestId('mapping-create').click();
    await page.getByTestId('mapping-external').fill('fbfJHSPpUQD');
    await page.getByTestId('mapping-internal').fill('D2-01');
    await page
      .locator('.ant-modal')
      .getByRole('button', { name: /保\s*存/ })
      .click();
    // The row names the indicator by its code and name, not by an id.
    await expect.poll(async () => page.locator('.ant-table-row').filter({ hasText: 'fbfJHSPpUQD' }).count()).toBe(1);
    expect(await page.locator('.ant-table-row').filter({ hasText: 'fbfJHSPpUQD' }).innerText()).toMatch(/D2-01 \S/);
    await readAtWidths(page, 'centre-mappings', ['fbfJHSPpUQD', 'gfb']);

    await page.getByTestId('ex-tab-receivers').click();
    await page.getByTestId('receiver-create').click();
    await page.getByTestId('receiver-name').fill('省平台回调');
    await page.getByTestId('receiver-url').fill(receiverUrl);
    await page
      .locator('.ant-modal')
      .getByRole('button', { name: /保\s*存/ })
      .click();
    const secret = (await page.getByTestId('once-value').innerText()).trim();
    expect(secret.length).toBeGreaterThanOrEqual(32);
    await page.getByTestId('once-close').click();
    await expect.poll(async () => page.getByText('省平台回调').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(async () => page.content(), { timeout: 10_000 }).not.toContain(secret);
    await readAtWidths(page, 'centre-receivers', [receiverUrl, 'gfb']);

    await page.getByRole('button', { name: '发送测试通知' }).click();
    await expect.poll(async () => page.getByText('测试通知已排队').count(), { timeout: 10_000 }).toBe(1);
    await server.ctx.exchange.notifications.deliverDue();
    expect(received).toHaveLength(1);
    await page.getByTestId('ex-tab-deliveries').click();
    // The log names the receiver and the event, with the receiver's answer.
    const row = page.locator('.ant-table-row').first();
    await expect
      .poll(async () => row.innerText(), { timeout: 10_000 })
      .toMatch(/省平台回调[\s\S]*测试通知[\s\S]*已送达[\s\S]*HTTP 204/);
    await readAtWidths(page, 'centre-deliveries');
  });

  it('a reporter dry-runs a DHIS2 file: the import summary and its conflicts in Chinese, then in English', async () => {
    const page = await signIn(browser, server.url, 'xiqu');
    await page.goto(`${server.url}/exchange`);
    await page.getByTestId('ex-tab-import').click();
    // An indicator 西区 enters in December, from its own grid.
    const grid = (await (
      await page.request.get(`${server.url}/api/v1/values/grid?orgUnitId=xiqu&period=2024-12`)
    ).json()) as { rows: { indicatorCode: string; editable: boolean }[] };
    const code = grid.rows.find((r) => r.editable)?.indicatorCode ?? 'none';
    const file = path.join(shots, 'xiqu-202412.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        period: '202412',
        orgUnit: '510403',
        dataValues: [
          { dataElement: 'NO-SUCH', value: '1' },
          { dataElement: code, value: 'abc' },
        ],
      }),
    );
    await page.locator('input[type=file]').setInputFiles(file);
    expect(await page.getByTestId('import-dry-run').isChecked()).toBe(true);
    await page.getByTestId('import-run').click();
    const summary = page.getByTestId('import-summary');
    await summary.waitFor({ timeout: 10_000 });
    await expect.poll(async () => summary.innerText()).toContain('未导入');
    const zh = await summary.innerText();
    expect(zh).toContain('冲突 2 条');
    expect(zh).toContain('未知指标 NO-SUCH');
    expect(zh).toContain('第 1 个数值');
    expect(zh).toContain('数值 abc 不是数字');
    await readAtWidths(page, 'reporter-import', ['NO-SUCH', 'abc', 'xiqu-202412.json']);

    // The same summary in English: the reasons come in both languages.
    await page.locator('.ant-segmented').getByText('English', { exact: true }).click();
    await expect.poll(async () => summary.innerText(), { timeout: 10_000 }).toContain('2 conflicts');
    const en = await summary.innerText();
    expect(en).toContain('unknown indicator NO-SUCH');
    expect(en).toContain('value abc is not a number');
  });
});
