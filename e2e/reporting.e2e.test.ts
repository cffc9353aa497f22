import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser, signIn, startE2EServer, type E2EServer } from './harness.ts';

interface GridRow {
  indicatorCode: string;
  editable: boolean;
  previousValue: number | null;
  minValue: number | null;
  maxValue: number | null;
  target: { floor: number | null; stretch: number | null } | null;
}

/** A plausible figure for a row: last period's value nudged up, else the target, kept inside the allowed range. */
function plausible(r: GridRow): number {
  const base = r.previousValue ?? r.target?.floor ?? r.target?.stretch ?? r.minValue ?? 1;
  let v = Math.round(base * 1.05 * 100) / 100;
  if (r.maxValue !== null) v = Math.min(v, r.maxValue);
  if (r.minValue !== null) v = Math.max(v, r.minValue);
  return v;
}

describe.skipIf(!browserAvailable())('a reporting round in the browser', () => {
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

  it('a district reporter enters and submits, a reviewer approves, the centre publishes, and the cockpit offers the new month', async () => {
    const leader = await signIn(browser, server.url, 'leader');
    await leader.goto(`${server.url}/cockpit`);
    const before = (await (await leader.request.get(`${server.url}/api/v1/cockpit`)).json()) as { asOf: string };
    expect(before.asOf).toBe('2024-10');

    // 西区's reporter fills the November grid.
    const xiqu = await signIn(browser, server.url, 'xiqu');
    const grid = (await (
      await xiqu.request.get(`${server.url}/api/v1/values/grid?orgUnitId=xiqu&period=2024-11`)
    ).json()) as { rows: GridRow[] };
    const rows = grid.rows.filter((r) => r.editable);
    expect(rows.length).toBeGreaterThan(3);
    await xiqu.goto(`${server.url}/entry?orgUnitId=xiqu&period=2024-11`);
    for (const r of rows) {
      const input = xiqu.getByTestId(`value-input-${r.indicatorCode}`);
      await input.click();
      await input.fill(String(plausible(r)));
    }
    await xiqu.getByTestId('entry-save').click();
    await expect.poll(async () => await xiqu.getByTestId('entry-save').isDisabled(), { timeout: 15_000 }).toBe(true);
    await xiqu.getByTestId('entry-submit').click();
    await xiqu.getByTestId('entry-submit-confirm').click();
    const submitted = async () => {
      const g = (await (
        await xiqu.request.get(`${server.url}/api/v1/values/grid?orgUnitId=xiqu&period=2024-11`)
      ).json()) as {
        rows: { value: { status: string } | null }[];
      };
      return g.rows.filter((x) => x.value?.status === 'submitted').length;
    };
    await expect.poll(submitted, { timeout: 15_000 }).toBe(rows.length);
    await xiqu.screenshot({ path: 'test-results/e2e-entry-submitted.png' });

    // The reviewer approves everything in the queue.
    const shenhe = await signIn(browser, server.url, 'shenhe');
    await shenhe.goto(`${server.url}/review`);
    const table = shenhe.getByTestId('review-table');
    await table.locator('thead input[type=checkbox]').check();
    await shenhe.getByTestId('review-approve').click();
    await shenhe.getByTestId('review-approve-confirm').click();
    const queued = async () =>
      (
        (await (
          await shenhe.request.get(`${server.url}/api/v1/values/review-queue?period=2024-11`)
        ).json()) as unknown[]
      ).length;
    await expect.poll(queued, { timeout: 15_000 }).toBe(0);

    // Approved is not published: the leader's cockpit is as it was.
    const approved = (await (await leader.request.get(`${server.url}/api/v1/cockpit`)).json()) as {
      asOf: string;
      availableAsOf: string[];
    };
    expect(approved.asOf).toBe(before.asOf);
    expect(approved.availableAsOf).not.toContain('2024-11');

    // The centre publishes November; the dialog says exactly what it will publish.
    const gfb = await signIn(browser, server.url, 'gfb');
    await gfb.goto(`${server.url}/rounds`);
    await gfb.getByTestId('round-publish').first().click();
    const summary = gfb.getByTestId('round-publish-summary');
    await expect.poll(async () => summary.textContent(), { timeout: 15_000 }).toContain('西区');
    await gfb.getByTestId('round-publish-confirm').click();

    // The leader's cockpit offers November, saying only one of seven units has reported it; the default stays on
    // the latest month every unit has reported (like with like).
    const after = async () =>
      (await (await leader.request.get(`${server.url}/api/v1/cockpit`)).json()) as {
        asOf: string;
        availableAsOf: string[];
      };
    await expect.poll(async () => (await after()).availableAsOf.includes('2024-11'), { timeout: 15_000 }).toBe(true);
    expect((await after()).asOf).toBe(before.asOf);
    await leader.goto(`${server.url}/cockpit?asOf=2024-11`);
    await expect
      .poll(async () => (await leader.content()).includes('11月：1/7 单位已报送'), { timeout: 15_000 })
      .toBe(true);
    await leader.screenshot({ path: 'test-results/e2e-cockpit-after-approval.png' });
  });
});
