import type { Browser, Page } from 'playwright-core';
import { TOTP_SECRET_CONTEXT } from '../src/server/modules/auth/auth.service.ts';
import { totpCode } from '../src/server/security/totp.ts';
import { E2E_PASSWORD, type E2EServer } from './harness.ts';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

/**
 * The household roles sign in with a second factor: their authenticator is set up beforehand (as test/app.ts does)
 * and the code typed at the prompt.
 */
export async function signInWithCode(
  browser: Browser,
  server: E2EServer,
  username: string,
  viewport = { width: 1600, height: 1000 },
): Promise<Page> {
  await server.ctx.db.kysely
    .updateTable('users')
    .set({ totp_secret: server.ctx.fieldCrypto().encrypt(SECRET, TOTP_SECRET_CONTEXT), totp_enabled: 1 })
    .where('username', '=', username)
    .execute();
  const context = await browser.newContext({ viewport, locale: 'zh-CN', isMobile: viewport.width < 500 });
  const page = await context.newPage();
  await page.goto(`${server.url}/login`);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(E2E_PASSWORD);
  await page.locator('button[type=submit]').click();
  await page.getByTestId('otp-prompt').waitFor();
  // Each code is good once: the clock moves on a step for every sign-in.
  server.clock.advance(30_000);
  await page.locator('#otp').fill(totpCode(SECRET, server.clock.now().getTime()));
  await page.locator('button[type=submit]').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  return page;
}

/** Confirms the open dialog; fails with what the page said when it does not close (the act was refused). */
export async function confirm(page: Page, ok: string): Promise<void> {
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
