import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser, signIn, startE2EServer, type E2EServer } from './harness.ts';

/**
 * What the machine says to itself, which a user must never read: ids (`team-d5`, `dept-fgw`, `xiqu`), rule ids
 * (`direct.floorMet`), enum values (`inProgress`, `districtReporter`), lower-case English words on a Chinese page.
 */
const CODE_PATTERNS: { name: string; re: RegExp }[] = [
  // English has hyphenated words (per-capita, to-dos); an id has a digit or one of the ids' prefixes.
  {
    name: 'kebab-case id',
    re: /\b(?:team|dept|org|zone|city|rule|item|user)-[a-z0-9-]+\b|\b[a-z]+-[a-z-]*\d[a-z0-9-]*\b/g,
  },
  { name: 'dotted rule id', re: /\b[a-z]+\.[a-z][A-Za-z]+\b/g },
  { name: 'camelCase enum', re: /\b[a-z]+[A-Z][A-Za-z]*\b/g },
  { name: 'snake_case key', re: /\b[a-z]+_[a-z_]+\b/g },
];
/** On a Chinese page, English words too: lower-case ones are enum values and ids; capitalised ones labels. */
const ZH_ONLY_PATTERNS: { name: string; re: RegExp }[] = [
  { name: 'lower-case word', re: /\b[a-z]{3,}\b/g },
  { name: 'English word', re: /\b[A-Z][a-z]{2,}\b/g },
];
/** Words a Chinese user reads as they are: the product's name, the language switch, file kinds, the 2FA app. */
const ALLOWED = new Set(['Gongfu', 'English', 'Excel', 'Word', 'Authenticator', 'Microsoft', 'Google']);

/** The main pages of each account (as in layout.e2e.test.ts), with the detail pages reached from them. */
const PAGES: Record<string, string[]> = {
  gfb: [
    '/cockpit',
    '/cockpit/screen',
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
  ],
  xiqu: ['/cockpit', '/entry', '/lists/todos'],
  shenhe: ['/review'],
  leader: ['/cockpit'],
};

/** The text of the page as the user reads it: every visible text node on its own line (so no two run together). */
async function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const lines: string[] = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const parent = n.parentElement;
      const text = n.textContent?.trim() ?? '';
      if (text === '' || !parent || parent.closest('script, style, noscript')) continue;
      if (!parent.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
      lines.push(text);
    }
    // What a chart or an input shows is the user's too: the chart's accessible label, the input's value.
    for (const e of document.querySelectorAll<HTMLInputElement>('input[value]'))
      if (e.type !== 'hidden' && e.value) lines.push(e.value);
    return lines.join('\n');
  });
}

/** Which internal codes the page shows: the patterns above, and the ids of org units and work teams. */
async function codesOn(page: Page, lang: 'zh' | 'en', ids: ReadonlySet<string>): Promise<string[]> {
  return codesIn(await visibleText(page), lang, ids);
}

function codesIn(text: string, lang: 'zh' | 'en', ids: ReadonlySet<string>): string[] {
  const patterns = lang === 'zh' ? [...CODE_PATTERNS, ...ZH_ONLY_PATTERNS] : CODE_PATTERNS;
  const found = new Set<string>();
  for (const { name, re } of patterns)
    for (const m of text.matchAll(re)) if (!ALLOWED.has(m[0])) found.add(`${name} “${m[0]}”`);
  for (const w of text.matchAll(/\b[a-z][a-z0-9-]+\b/g)) if (ids.has(w[0])) found.add(`id “${w[0]}”`);
  return [...found];
}

/** The labels of an English page (headers, buttons, menu, tabs, card titles): none left in Chinese. */
async function chineseLabels(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    // Labels only: a card's or a page's title may be data (an item's title has no English).
    const selectors =
      'th, label, button, .ant-menu-title-content, .ant-tabs-tab, .ant-breadcrumb-link, .ant-statistic-title, .ant-form-item-label, ' +
      // Names from the data that have an English name: indicators and org units (the red list, the ranking).
      'a[href^="/indicators/"], a[href^="/cockpit/unit/"], .ant-select-selection-item';
    const out = new Set<string>();
    for (const e of document.querySelectorAll<HTMLElement>(selectors)) {
      const text = e.innerText.trim();
      // The language switch and the product's name keep their Chinese.
      if (/[\u4e00-\u9fff]/.test(text.replace(/中文|共富/g, ''))) out.add(text.slice(0, 40));
    }
    return [...out].slice(0, 10);
  });
}

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.locator('.app-content, .bigscreen').first().waitFor();
  // The cockpit's and the lists' cards load after the frame.
  await page.waitForTimeout(300);
}

describe('the internal-code check', () => {
  it('catches ids, rule ids, enum values and English words on a Chinese page, and lets English words pass in English', () => {
    const ids = new Set(['xiqu', 'team-d5']);
    const sample = '专班 team-d5 规则 direct.floorMet 状态 inProgress 单位 xiqu 合计 Total 导出 Excel';
    expect(codesIn(sample, 'zh', ids).map((c) => c.split('“')[1]?.replace('”', ''))).toEqual(
      expect.arrayContaining(['team-d5', 'direct.floorMet', 'inProgress', 'xiqu', 'Total']),
    );
    expect(codesIn(sample, 'zh', ids).join()).not.toContain('Excel');
    expect(codesIn('Per-capita income of the city, to-dos', 'en', ids)).toEqual([]);
    expect(codesIn('Lead unit: xiqu', 'en', ids)).toEqual(['id “xiqu”']);
  });
});

describe.skipIf(!browserAvailable())('screens that never show a raw code', () => {
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

  it.each(Object.keys(PAGES))(
    'the pages of %s show no id, rule id or enum value, in Chinese or in English; English labels are English',
    async (user) => {
      const page = await signIn(browser, server.url, user);
      const problems: string[] = [];
      const item = (await (await page.request.get(`${server.url}/api/v1/lists/items?pageSize=1`)).json()) as {
        rows: { id: string }[];
      };
      const paths = [...(PAGES[user] ?? []), ...(item.rows[0] ? [`/lists/items/${item.rows[0].id}`] : [])];
      const units = (await (await page.request.get(`${server.url}/api/v1/org-units`)).json()) as { id: string }[];
      const teams = (await (await page.request.get(`${server.url}/api/v1/work-teams`)).json()) as { id: string }[];
      const ids = new Set([...units, ...teams].map((u) => u.id));
      // The city's id is an English word, which English pages use; a Chinese page catches it as a lower-case word.
      ids.delete('city');
      expect(ids.has('xiqu')).toBe(true);
      for (const lang of ['zh', 'en'] as const) {
        await page.evaluate((l) => localStorage.setItem('gongfu.lang', l), lang);
        for (const path of paths) {
          await page.goto(`${server.url}${path}`);
          await settle(page);
          for (const c of await codesOn(page, lang, ids)) problems.push(`${lang} ${path}: ${c}`);
          // The districts' map is a schematic, and says so on the page, not only in a tooltip.
          if (path === '/cockpit' && !(await visibleText(page)).includes(lang === 'zh' ? '示意图' : 'Schematic'))
            problems.push(`${lang} ${path}: the map does not say it is a schematic`);
          if (lang === 'en') for (const l of await chineseLabels(page)) problems.push(`en ${path}: label “${l}”`);
        }
      }
      expect(problems).toEqual([]);
    },
  );

  it('keeps what was typed in the entry grid: bad text stays with its error, 1,234.5 and １２ are read and said so', async () => {
    const page = await signIn(browser, server.url, 'xiqu');
    const grid = (await (
      await page.request.get(`${server.url}/api/v1/values/grid?orgUnitId=xiqu&period=2024-11`)
    ).json()) as { rows: { indicatorCode: string; editable: boolean; unit: string; maxValue: number | null }[] };
    const row = grid.rows.find((r) => r.editable && r.unit !== '%' && (r.maxValue === null || r.maxValue >= 2_000));
    expect(row).toBeDefined();
    const code = row?.indicatorCode ?? '';
    await page.goto(`${server.url}/entry?orgUnitId=xiqu&period=2024-11`);
    const input = page.getByTestId(`value-input-${code}`);
    const other = page.getByTestId('entry-grid').locator('thead');
    for (const bad of ['abc', '12.5abc', '约10']) {
      await input.fill(bad);
      await other.click(); // blur
      expect(await input.inputValue()).toBe(bad);
      await page.getByTestId(`value-error-${code}`).waitFor();
    }
    // Saving refuses while a cell is not a number: nothing is sent, the text stays.
    await page.getByTestId('entry-save').click();
    expect(await input.inputValue()).toBe('约10');
    for (const [typed, read] of [
      ['1,234.5', '1,234.5'],
      ['１２', '12'],
    ] as const) {
      await input.fill(typed);
      await other.click();
      expect(await input.inputValue()).toBe(typed);
      expect(await page.getByTestId(`value-understood-${code}`).innerText()).toContain(read);
      expect(await page.getByTestId(`value-error-${code}`).count()).toBe(0);
    }
    // A scale the unit allows is read in the indicator's unit; one it does not is refused by name.
    await input.fill('1.2万');
    await other.click();
    expect(await input.inputValue()).toBe('1.2万');
    const understood = page.getByTestId(`value-understood-${code}`);
    const error = page.getByTestId(`value-error-${code}`);
    await expect.poll(async () => (await understood.count()) + (await error.count())).toBe(1);
  });

  it('shows computed rows with the figure the evaluation computes, or why there is none', async () => {
    const page = await signIn(browser, server.url, 'xiqu');
    const grid = (await (
      await page.request.get(`${server.url}/api/v1/values/grid?orgUnitId=xiqu&period=2024-10`)
    ).json()) as { rows: { indicatorCode: string; computed: boolean }[] };
    const computed = grid.rows.filter((r) => r.computed);
    expect(computed.length).toBeGreaterThan(0);
    await page.goto(`${server.url}/entry?orgUnitId=xiqu&period=2024-10`);
    await page.getByTestId('entry-grid').waitFor();
    for (const r of computed) {
      const cells = page.getByTestId(`entry-row-${r.indicatorCode}`).locator('td');
      await expect.poll(async () => cells.nth(5).innerText(), { timeout: 10_000 }).toMatch(/\d|待|发布后/);
      expect(await cells.nth(6).innerText()).not.toContain('未填报');
    }
    const figures = await Promise.all(
      computed.map(async (r) => page.getByTestId(`entry-row-${r.indicatorCode}`).locator('td').nth(5).innerText()),
    );
    // The published October is evaluated: at least one computed figure is shown as a number.
    expect(figures.some((f) => /^\s*-?[\d,.]+/.test(f))).toBe(true);
  });
  it('keeps the to-dos live: counts agree with the grid, a submit or an approval clears them at once, a returned figure is in 我的待办', async () => {
    const xiqu = await signIn(browser, server.url, 'xiqu');
    const grid = (await (
      await xiqu.request.get(`${server.url}/api/v1/values/grid?orgUnitId=xiqu&period=2024-11`)
    ).json()) as {
      rows: {
        indicatorCode: string;
        editable: boolean;
        previousValue: number | null;
        minValue: number | null;
        maxValue: number | null;
      }[];
    };
    const rows = grid.rows.filter((r) => r.editable);
    await xiqu.goto(`${server.url}/entry?orgUnitId=xiqu&period=2024-11`);
    const todo = xiqu
      .getByTestId('reporting-todos')
      .locator('[data-testid=reporting-todo-report]', { hasText: '西区' });
    await todo.first().waitFor();
    // The card's count is the grid's: 待填报 N 项 on both.
    expect(await todo.first().innerText()).toContain(`${rows.length} 项`);
    expect(await xiqu.getByTestId('entry-owed').innerText()).toBe(`待填报 ${rows.length} 项`);
    for (const r of rows) {
      let v = Math.round((r.previousValue ?? r.minValue ?? 1) * 1.02 * 100) / 100;
      if (r.maxValue !== null) v = Math.min(v, r.maxValue);
      if (r.minValue !== null) v = Math.max(v, r.minValue);
      await xiqu.getByTestId(`value-input-${r.indicatorCode}`).fill(String(v));
    }
    await xiqu.getByTestId('entry-save').click();
    await expect.poll(async () => xiqu.getByTestId('entry-save').isDisabled(), { timeout: 30_000 }).toBe(true);
    await xiqu.getByTestId('entry-submit').click();
    await xiqu.getByTestId('entry-submit-confirm').click();
    // Gone from the card without reloading the page.
    await expect.poll(async () => todo.count(), { timeout: 30_000 }).toBe(0);

    // The reviewer returns one figure and approves the rest: the review to-do goes at once.
    const shenhe = await signIn(browser, server.url, 'shenhe');
    await shenhe.goto(`${server.url}/review?period=2024-11`);
    const reviewTodo = shenhe.getByTestId('reporting-todo-review');
    await reviewTodo.first().waitFor();
    const first = rows[0]?.indicatorCode ?? '';
    // The queue has loaded (no spinner over the table) before a row is chosen.
    await expect.poll(async () => shenhe.getByTestId('review-table').locator('.ant-spin-spinning').count()).toBe(0);
    await shenhe.getByTestId(`review-row-xiqu-${first}-2024-11`).locator('input[type=checkbox]').check();
    await shenhe.getByTestId('review-return').click();
    await shenhe.getByTestId('review-return-reason').fill('与统计局口径不一致，请核实');
    await shenhe.getByTestId('review-return-confirm').click();
    // The outcome is said in a message: 已退回 1 项, or why not (a stale queue, a refusal) — a failure names which.
    await expect
      .poll(async () => (await shenhe.locator('.ant-message-notice').allInnerTexts()).join(' | '), { timeout: 30_000 })
      .toContain('已退回 1 项');
    await expect
      .poll(async () => shenhe.getByTestId(`review-row-xiqu-${first}-2024-11`).count(), { timeout: 30_000 })
      .toBe(0);
    await shenhe.getByTestId('review-table').locator('thead input[type=checkbox]').check();
    await shenhe.getByTestId('review-approve').click();
    await shenhe.getByTestId('review-approve-confirm').click();
    await expect.poll(async () => reviewTodo.count(), { timeout: 30_000 }).toBe(0);

    // The reporter's page learns of it when it is looked at again (focus), without a reload: 我的待办 has the figure.
    await xiqu.evaluate(() => window.dispatchEvent(new Event('focus')));
    const returned = xiqu.getByTestId('my-todos').getByTestId('todo-returned');
    await expect.poll(async () => returned.count(), { timeout: 30_000 }).toBe(1);
    expect(await returned.innerText()).toContain('修改退回数据 1 项');
  });
});
