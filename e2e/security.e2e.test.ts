import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../src/server/security/totp.ts';
import { browserAvailable, E2E_PASSWORD, launchBrowser, startE2EServer, type E2EServer } from './harness.ts';

/** The security pages in the browser: second-factor enrolment, sign-in with a code, the audit trail, the policy. */
describe.skipIf(!browserAvailable())('security in the browser', () => {
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

  const open = async (): Promise<Page> =>
    (await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'zh-CN' })).newPage();
  const typePassword = async (page: Page, username: string) => {
    await page.goto(`${server.url}/login`);
    await page.locator('#username').fill(username);
    await page.locator('#password').fill(E2E_PASSWORD);
    await page.locator('button[type=submit]').click();
  };
  /** The first sign-in of an account whose role requires a second factor: enrolment, then its home page. */
  const enrol = async (username: string): Promise<{ page: Page; secret: string }> => {
    const page = await open();
    await typePassword(page, username);
    await page.waitForURL((u) => u.pathname === '/second-factor');
    await page.getByTestId('totp-start-password').fill(E2E_PASSWORD);
    await page.getByTestId('totp-start').click();
    const secret = (await page.getByTestId('totp-secret').innerText()).trim();
    // The otpauth:// link is shown as a QR code to scan, not only as 32 characters to type.
    await page.getByTestId('totp-qr').locator('svg').waitFor();
    await page.getByTestId('totp-confirm-code').fill(totpCode(secret, server.clock.now().getTime()));
    await page.getByRole('button', { name: '确认启用' }).click();
    await expect
      .poll(async () => (await page.getByTestId('recovery-codes').innerText()).split('\n').length, { timeout: 10_000 })
      .toBe(10);
    await page.getByRole('button', { name: '我已保存恢复码' }).click();
    await page.waitForURL((u) => u.pathname !== '/second-factor');
    return { page, secret };
  };

  it('the audit administrator enrols a second factor, signs in with a code, searches and verifies the trail', async () => {
    const { page, secret } = await enrol('auditor');
    expect(new URL(page.url()).pathname).toBe('/audit');
    await expect.poll(async () => page.locator('.ant-table-row').count(), { timeout: 10_000 }).toBeGreaterThan(3);
    await page.getByTestId('audit-verify').click();
    await expect.poll(async () => page.getByText('哈希链完整').count(), { timeout: 10_000 }).toBe(1);

    // Signing in again: the password, then the one-time code field the server asks for.
    server.clock.advance(30_000);
    const again = await open();
    await typePassword(again, 'auditor');
    // The code step is a prompt, not a red error.
    await again.getByTestId('otp-prompt').waitFor();
    expect(await again.locator('.ant-alert-error').count()).toBe(0);
    await again.locator('#otp').fill(totpCode(secret, server.clock.now().getTime()));
    await again.locator('button[type=submit]').click();
    await again.waitForURL((u) => u.pathname === '/audit');
  });

  it('the security administrator changes the policy; a user signs out everywhere from the account page', async () => {
    const { page } = await enrol('secadmin');
    await page.goto(`${server.url}/security/policy`);
    const minLength = page.locator('#minLength');
    await minLength.waitFor();
    await expect.poll(async () => minLength.inputValue(), { timeout: 10_000 }).toBe('8');
    await minLength.fill('10');
    await page
      .getByRole('button', { name: '保 存' })
      .or(page.getByRole('button', { name: '保存' }))
      .click();
    await expect.poll(async () => page.getByText('安全策略已保存').count(), { timeout: 10_000 }).toBe(1);
    const policy = (await (await page.request.get(`${server.url}/api/v1/security/policy`)).json()) as {
      minLength: number;
    };
    expect(policy.minLength).toBe(10);

    const leader = await open();
    await typePassword(leader, 'leader');
    await leader.waitForURL((u) => u.pathname !== '/login');
    await leader.goto(`${server.url}/account`);
    await leader.getByTestId('sign-out-everywhere').click();
    await leader.getByRole('button', { name: /确\s*定|OK/ }).click();
    await leader.waitForURL((u) => u.pathname === '/login');
    expect((await leader.request.get(`${server.url}/api/v1/auth/me`)).status()).toBe(401);
  });
});
