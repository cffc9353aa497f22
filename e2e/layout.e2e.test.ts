import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, E2E_PASSWORD, launchBrowser, signIn, startE2EServer, type E2EServer } from './harness.ts';

/** The widths people use: a village cadre's or a leader's phone, a small laptop, an office screen, the meeting room's. */
const WIDTHS = [
  { width: 390, height: 844 },
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
  { width: 1920, height: 1080 },
];

/** The main pages, each as the account that works on it. */
const PAGES: Record<string, string[]> = {
  gfb: [
    '/cockpit',
    '/framework',
    '/rounds',
    '/evaluation',
    '/ranking',
    '/lists',
    '/lists/summary',
    '/lists/todos',
    '/lists/leaders',
    '/lists/units',
    '/account',
    '/indicators/D1-01',
    '/projects',
    '/projects/board',
    '/projects/districts',
    '/projects/:first',
  ],
  xiqu: ['/entry', '/lists/todos', '/projects', '/projects/:first'],
  shenhe: ['/review'],
  leader: ['/cockpit'],
};

/** `/projects/:first`: the page of the first project the user sees, the most lit first (its page has the most). */
async function resolve(page: Page, path: string): Promise<string> {
  if (!path.includes(':first')) return path;
  const r = await page.request.get(`${new URL(page.url()).origin}/api/v1/projects?sort=light&pageSize=1`);
  const id = ((await r.json()) as { rows: { id: string }[] }).rows[0]?.id;
  if (!id) throw new Error('no project to show');
  return path.replace(':first', id);
}

/** What sticks out of the page to the right: the elements a user would have to scroll sideways to see. */
async function overflow(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return null;
    const wide = [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > width + 1)
      .slice(0, 3)
      .map((e) => `${e.tagName.toLowerCase()}.${String(e.className).split(' ')[0]}`);
    return `page is ${document.documentElement.scrollWidth}px wide in ${width}px: ${wide.join(', ')}`;
  });
}

/**
 * The columns of a table no user can read: scrolled to bring each column into the table's free area (between its
 * fixed-left and fixed-right columns), a column still covered by a fixed one, or cut by the table's edge.
 */
async function hiddenColumns(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const out: string[] = [];
    const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    for (const table of document.querySelectorAll<HTMLElement>('.ant-table-wrapper')) {
      const scroller = table.querySelector<HTMLElement>('.ant-table-body, .ant-table-content');
      const header = table.querySelector<HTMLElement>('.ant-table-header');
      if (!scroller) continue;
      const ths = [...table.querySelectorAll<HTMLElement>('thead > tr:first-child > th')].filter(
        (th) => !th.classList.contains('ant-table-selection-column') && th.innerText.trim() !== '',
      );
      const fixed = (th: HTMLElement) =>
        th.classList.contains('ant-table-cell-fix-left') ||
        th.classList.contains('ant-table-cell-fix-right') ||
        th.classList.contains('ant-table-cell-fix-start') ||
        th.classList.contains('ant-table-cell-fix-end');
      for (const th of ths.filter((x) => !fixed(x))) {
        const fixedLeft = ths.filter((x) => fixed(x) && x.offsetLeft < th.offsetLeft);
        const leftWidth = fixedLeft.reduce((w, x) => w + x.offsetWidth, 0);
        scroller.scrollLeft = th.offsetLeft - leftWidth;
        if (header) header.scrollLeft = scroller.scrollLeft;
        await frame();
        const box = th.getBoundingClientRect();
        const view = scroller.getBoundingClientRect();
        const covering = ths.filter((x) => x !== th && fixed(x)).map((x) => x.getBoundingClientRect());
        const free = { left: view.left, right: view.right };
        for (const c of covering) {
          if (c.right <= box.left + 1) free.left = Math.max(free.left, c.right);
          else if (c.left >= box.right - 1) free.right = Math.min(free.right, c.left);
        }
        const overlapped = covering.some((c) => c.left < box.right - 1 && c.right > box.left + 1);
        // A column wider than the free area must at least start inside it.
        const cut = box.width <= free.right - free.left + 1 ? box.right > free.right + 1 : box.left > free.right - 40;
        // Fixed columns that leave a sliver for the rest (a phone) make every other column unreadable.
        const sliver = free.right - free.left < Math.min(box.width, 120);
        if (overlapped || cut || sliver || box.width < 24)
          out.push(`“${th.innerText.trim().split('\n')[0]}” (${Math.round(box.width)}px)`);
      }
      scroller.scrollLeft = 0;
      if (header) header.scrollLeft = 0;
    }
    return out;
  });
}

/**
 * From 1440 px on, a table with a column fixed at its end fits its card: otherwise the column before the fixed one
 * opens half under it (the lists' 状态 under 预警: "推进", "已销" cut) until the user scrolls.
 */
async function openingCovered(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const table of document.querySelectorAll<HTMLElement>('.ant-table-wrapper')) {
      const scroller = table.querySelector<HTMLElement>('.ant-table-body, .ant-table-content');
      const fixedEnd = table.querySelector('th.ant-table-cell-fix-right, th.ant-table-cell-fix-end');
      if (!scroller || !fixedEnd) continue;
      const more = scroller.scrollWidth - scroller.clientWidth;
      if (more > 1) out.push(`“${(fixedEnd as HTMLElement).innerText.trim()}” fixed over a table ${more}px too wide`);
    }
    return out;
  });
}

describe.skipIf(!browserAvailable())('every main page at 390, 1280, 1440 and 1920 px', () => {
  let server: E2EServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startE2EServer();
    browser = await launchBrowser();
    fs.mkdirSync('test-results/layout', { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it.each(Object.keys(PAGES))(
    'the pages of %s never scroll sideways, every table column can be read; the menu is a drawer on a phone',
    async (user) => {
      const page = await signIn(browser, server.url, user);
      const problems: string[] = [];
      for (const size of WIDTHS) {
        await page.setViewportSize(size);
        for (const path of PAGES[user] ?? []) {
          await page.goto(`${server.url}${await resolve(page, path)}`, { waitUntil: 'networkidle' });
          await page.locator('.app-content').waitFor();
          const wide = await overflow(page);
          if (wide) problems.push(`${path} at ${size.width}: ${wide}`);
          for (const c of await hiddenColumns(page))
            problems.push(`${path} at ${size.width}: column ${c} cannot be read`);
          if (size.width >= 1440)
            for (const c of await openingCovered(page)) problems.push(`${path} at ${size.width}: ${c}`);
          const phone = size.width < 768;
          expect(await page.locator('.app-sider').count(), `${path} at ${size.width}: side menu`).toBe(phone ? 0 : 1);
          if (phone) await page.getByRole('button', { name: '打开菜单' }).waitFor();
          await page.screenshot({ path: `test-results/layout/${user}${path.replaceAll('/', '-')}-${size.width}.png` });
        }
      }
      expect(problems).toEqual([]);
    },
    // Sixteen pages at four widths: a sweep, not one step.
    600_000,
  );

  it('opens the phone menu as a drawer, which closes when a page is chosen', async () => {
    const page = await signIn(browser, server.url, 'gfb');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/cockpit`, { waitUntil: 'networkidle' });
    await page.getByRole('button', { name: '打开菜单' }).click();
    await expect.poll(async () => page.locator('.ant-drawer-open').count(), { timeout: 10_000 }).toBe(1);
    await page.getByRole('menuitem', { name: '四张清单' }).click();
    await page.waitForURL((u) => u.pathname === '/lists');
    await expect.poll(async () => page.locator('.ant-drawer-open').count(), { timeout: 10_000 }).toBe(0);
  });

  it('shows where a page below the top level sits: the breadcrumb and the menu item of the page it was opened from', async () => {
    const page = await signIn(browser, server.url, 'leader');
    await page.goto(`${server.url}/cockpit`, { waitUntil: 'networkidle' });
    await page.locator('.kpi-card .kpi-name a').first().click();
    await page.waitForURL((u) => u.pathname.startsWith('/indicators/'));
    await expect.poll(async () => page.locator('.ant-menu-item-selected').innerText()).toBe('驾驶舱');
    expect((await page.locator('.app-breadcrumb').innerText()).replace(/\s+/g, '')).toBe('驾驶舱/指标详情');
    await page.locator('.app-breadcrumb a').click();
    await page.waitForURL((u) => u.pathname === '/cockpit');
    // The same page opened from the framework belongs to the framework.
    await page.goto(`${server.url}/framework`, { waitUntil: 'networkidle' });
    await page.locator('.ant-table-tbody a[href^="/indicators/"]').first().click();
    await page.waitForURL((u) => u.pathname.startsWith('/indicators/'));
    await expect.poll(async () => page.locator('.ant-menu-item-selected').innerText()).toBe('指标体系');
    expect(await page.locator('.app-breadcrumb').innerText()).toContain('指标体系');
    // A top-level page has no breadcrumb.
    await page.goto(`${server.url}/ranking`, { waitUntil: 'networkidle' });
    expect(await page.locator('.app-breadcrumb').count()).toBe(0);
  });

  it("keeps the to-do cards off the leader's first screen: the cockpit comes first", async () => {
    const leader = await signIn(browser, server.url, 'leader');
    await leader.waitForURL((u) => u.pathname === '/cockpit');
    await leader.getByText('核心指标').waitFor();
    expect(await leader.getByTestId('reporting-todos').count()).toBe(0);
    const gfb = await signIn(browser, server.url, 'gfb');
    await gfb.getByText('核心指标').waitFor();
    expect(await gfb.getByTestId('reporting-todos').count()).toBeGreaterThan(0);
  });

  it('shows the big screen at 1920 × 1080 without scrolling, dark, refreshing itself, each figure opening its drill-down', async () => {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.clock.install();
    await page.goto(`${server.url}/login`);
    await page.locator('#username').fill('leader');
    await page.locator('#password').fill(E2E_PASSWORD);
    await page.locator('button[type=submit]').click();
    await page.waitForURL((u) => u.pathname === '/cockpit');
    await page.getByTestId('cockpit-bigscreen').click();
    await page.waitForURL((u) => u.pathname === '/cockpit/screen');
    await page.locator('.bigscreen-kpi').first().waitFor();
    await page.locator('.bigscreen canvas').first().waitFor();
    const box = await page.evaluate(() => ({
      scrollHeight: document.documentElement.scrollHeight,
      scrollWidth: document.documentElement.scrollWidth,
      background: getComputedStyle(document.querySelector('.bigscreen') as Element).backgroundImage,
    }));
    expect(box.scrollHeight).toBeLessThanOrEqual(1080);
    expect(box.scrollWidth).toBeLessThanOrEqual(1920);
    expect(box.background).toContain('gradient');
    expect(await page.locator('.bigscreen-kpi').count()).toBe(8);
    for (const title of ['三大差距', '区县排名', '走势', '短板清单', '评价结果分布', '区县综合评价']) {
      await page.getByText(title, { exact: true }).first().waitFor();
    }
    await expect.poll(async () => page.getByTestId('bigscreen-asof').innerText()).toContain('数据截至');
    await page.screenshot({ path: 'test-results/layout/bigscreen-1920.png' });

    // Auto-refresh: a minute later the screen asks for the cockpit again by itself.
    let asked = 0;
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/v1/cockpit') asked += 1;
    });
    await page.clock.fastForward('01:01');
    await expect.poll(() => asked, { timeout: 10_000 }).toBeGreaterThan(0);

    // A figure opens its indicator.
    await page.locator('.bigscreen-kpi').first().click();
    await page.waitForURL((u) => u.pathname.startsWith('/indicators/'));
    await context.close();
  });

  it('lands on the page asked for after signing in, and never on a page the account may not open', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const signInHere = async () => {
      await page.locator('#username').fill('gfb');
      await page.locator('#password').fill(E2E_PASSWORD);
      await page.locator('button[type=submit]').click();
    };
    await page.goto(`${server.url}/lists/summary`);
    await page.waitForURL((u) => u.pathname === '/login');
    await signInHere();
    await page.waitForURL((u) => u.pathname === '/lists/summary');
    // A page of the administrators: 403 for the centre; signing out there and in again goes home, not to the 403.
    await page.goto(`${server.url}/users`);
    await page.getByText('403').first().waitFor();
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL((u) => u.pathname === '/login');
    await signInHere();
    await page.waitForURL((u) => u.pathname === '/cockpit');
    await context.close();
  });
});
