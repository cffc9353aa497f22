/**
 * Projects for the ledger's browser tests, registered through the API as the people who would: 西区's reporter
 * registers them with their plans and files their returns, 西区's reviewer freezes the plans and approves the
 * returns. Used by e2e/projects.e2e.test.ts and e2e/layout.e2e.test.ts (the pages need rows to be judged).
 */
import type { Page } from 'playwright-core';

/** A request of the signed-in page, with its CSRF token; throws with the server's message when refused. */
export async function apiAs<T = unknown>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  const result = await page.evaluate(
    async ({ method, path, body }) => {
      const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string };
      const response = await fetch(`/api/v1${path}`, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: body === undefined ? null : JSON.stringify(body),
      });
      return { ok: response.ok, status: response.status, text: await response.text() };
    },
    { method, path, body },
  );
  if (!result.ok) throw new Error(`${method} ${path} → ${result.status}: ${result.text}`);
  return (result.text ? JSON.parse(result.text) : undefined) as T;
}

interface Spec {
  serial: string;
  name: string;
  owner: string;
  level: 'provincial' | 'city' | 'district';
  chain: string;
  total: number;
  stage: 'reserve' | 'preparation' | 'underConstruction' | 'completed';
  plannedStart: string | null;
  actualStart: string | null;
  plannedCompletion: string | null;
  actualCompletion?: string | null;
  /** The year's plan (万元) and the approved monthly figures from January. */
  planned?: number;
  months?: number[];
}

/** Six projects of 西区 at different stages and paces (the names say they are test data). */
export const FIXTURE_PROJECTS: readonly Spec[] = [
  {
    serial: '910001',
    name: '测试钛材深加工项目',
    owner: '攀枝花测试钛业有限公司',
    level: 'city',
    chain: 'vanadiumTitanium',
    total: 50_000,
    stage: 'underConstruction',
    plannedStart: '2024-02-01',
    actualStart: '2024-02-20',
    plannedCompletion: '2026-06-30',
    planned: 12_000,
    months: [400, 600, 900, 1000, 1100, 1200, 1100, 1100, 1000, 1000],
  },
  {
    serial: '910002',
    name: '测试阳光康养综合体',
    owner: '攀枝花测试康养集团',
    level: 'provincial',
    chain: 'sunshineWellness',
    total: 80_000,
    stage: 'underConstruction',
    plannedStart: '2024-03-01',
    actualStart: '2024-04-10',
    plannedCompletion: '2025-12-31',
    planned: 20_000,
    // Through September: October's return is left for the browser test to file.
    months: [0, 0, 0, 500, 600, 700, 600, 800, 700],
  },
  {
    serial: '910003',
    name: '测试储能电站（一期）',
    owner: '攀枝花测试新能源有限公司',
    level: 'city',
    chain: 'energyStorage',
    total: 30_000,
    stage: 'preparation',
    plannedStart: '2024-06-01',
    actualStart: null,
    plannedCompletion: '2025-12-31',
  },
  {
    serial: '910004',
    name: '测试城市道路改造工程',
    owner: '西区住房和城乡建设局',
    level: 'district',
    chain: 'infrastructure',
    total: 8_000,
    stage: 'completed',
    plannedStart: '2023-03-01',
    actualStart: '2023-03-15',
    plannedCompletion: '2024-09-30',
    actualCompletion: '2024-09-20',
    planned: 3_000,
    months: [200, 250, 300, 300, 350, 400, 400, 400, 400],
  },
  {
    serial: '910005',
    name: '测试氢能产业园基础设施',
    owner: '攀枝花测试氢能科技有限公司',
    level: 'city',
    chain: 'hydrogen',
    total: 45_000,
    stage: 'reserve',
    plannedStart: '2025-06-01',
    actualStart: null,
    plannedCompletion: '2027-06-30',
  },
  {
    serial: '910006',
    name: '测试特色农业冷链物流中心',
    owner: '攀枝花测试农业发展有限公司',
    level: 'district',
    chain: 'agriculture',
    total: 6_000,
    stage: 'underConstruction',
    plannedStart: '2024-01-15',
    actualStart: '2024-01-20',
    plannedCompletion: '2025-03-31',
    planned: 4_000,
    months: [300, 300, 300, 350, 350, 350, 350, 350, 350, 350],
  },
];

export const fixtureCode = (serial: string) => `2024-510403-54-03-${serial}`;

/**
 * Registers the fixture as 西区's reporter (`reporter`) and reviews it as 西区's reviewer (`reviewer`); returns the
 * ids by serial. The returns run January to the last month listed, each month's figures approved.
 */
export async function registerFixture(reporter: Page, reviewer: Page, year = 2024): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const plans: string[] = [];
  for (const p of FIXTURE_PROJECTS) {
    const { id } = await apiAs<{ id: string }>(reporter, 'POST', '/projects', {
      code: fixtureCode(p.serial),
      name: p.name,
      owner: p.owner,
      level: p.level,
      chain: p.chain,
      districtId: 'xiqu',
      totalInvestment: p.total,
      funding: [
        { source: 'ownFunds', amount: Math.round(p.total * 0.6) },
        { source: 'bankLoans', amount: Math.round(p.total * 0.4) },
      ],
      stage: p.stage,
      plannedStart: p.plannedStart,
      plannedCompletion: p.plannedCompletion,
      actualStart: p.actualStart,
      actualCompletion: p.actualCompletion ?? null,
      content: `${p.name}（测试数据）`,
    });
    ids.set(p.serial, id);
    if (p.planned !== undefined) {
      const plan = await apiAs<{ id: string }>(reporter, 'PUT', `/projects/${id}/plans/${year}`, {
        version: null,
        planned: p.planned,
      });
      plans.push(plan.id);
    }
  }
  if (plans.length > 0) {
    await apiAs(reporter, 'POST', '/projects/plans/submit', { ids: plans });
    await apiAs(reviewer, 'POST', '/projects/plans/review', { ids: plans, decision: 'freeze', comment: '' });
  }
  for (const p of FIXTURE_PROJECTS) {
    if (!p.months) continue;
    const id = ids.get(p.serial)!;
    const startMonth = p.actualStart ? p.actualStart.slice(0, 7) : `${year}-01`;
    let ytd = 0;
    let since = p.actualStart && p.actualStart < `${year}-01` ? Math.round(p.total * 0.3) : 0;
    const filed: string[] = [];
    for (const [i, amount] of p.months.entries()) {
      const month = `${year}-${String(i + 1).padStart(2, '0')}`;
      if (month < startMonth) continue;
      ytd += amount;
      since += amount;
      const saved = await apiAs<{ id: string }>(reporter, 'PUT', `/projects/${id}/returns/${month}`, {
        version: null,
        thisMonth: amount,
        ytd,
        sinceStart: since,
        progressText: `第${i + 1}月按计划推进（测试数据）`,
        progressPercent: Math.min(100, Math.round((since / p.total) * 100)),
        workers: 80 + i * 5,
        problems: [],
      });
      filed.push(saved.id);
    }
    if (filed.length > 0) {
      await apiAs(reporter, 'POST', '/projects/returns/submit', { ids: filed });
      await apiAs(reviewer, 'POST', '/projects/returns/review', { ids: filed, decision: 'approve', comment: '' });
    }
  }
  return ids;
}
