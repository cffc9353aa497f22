import { describe, expect, it } from 'vitest';
import { aggregateLedger } from '../../../domain/projects/aggregates.ts';
import { checkProjectCode } from '../../../domain/projects/code.ts';
import { listItems } from './list-items.ts';
import { projectSeedRows, UMBRELLA_ITEMS } from './projects.ts';

/** The ledger's default data, loaded on 2025-06-15 (May judged). */
const rows = projectSeedRows('2025-06-15', new Map());
const planned = new Map(rows.plans.map((p) => [p.project_id, p.planned]));
const ytd = new Map<string, number>();
for (const r of rows.returns) if (r.status === 'approved') ytd.set(r.project_id, r.ytd);
const agg = aggregateLedger('city', {
  month: rows.judged,
  projects: rows.projects.map((p) => ({
    id: p.id,
    unitId: p.district_id,
    level: p.level,
    chain: p.chain,
    stage: p.stage,
    totalInvestment: p.total_investment,
    actualStart: p.actual_start ?? null,
    actualCompletion: p.actual_completion ?? null,
  })),
  planned,
  ytd,
});

describe('the ledger’s default data', () => {
  it('runs 西区’s 43 key projects, at least 17 starting and 8 completing in the year, a reserve above 80亿元', () => {
    const xiqu = agg.get('xiqu')!;
    expect(xiqu.keyProjects.actual).toBe(43);
    const key = rows.projects.filter((p) => p.district_id === 'xiqu' && p.level !== 'district' && planned.has(p.id));
    expect(key.filter((p) => p.planned_start?.startsWith('2025')).length).toBeGreaterThanOrEqual(17);
    expect(key.filter((p) => p.planned_completion?.startsWith('2025')).length).toBeGreaterThanOrEqual(8);
    expect(xiqu.reserve.actual).toBeGreaterThanOrEqual(800_000);
  });

  it('is coherent with the city: about 200 key projects near 290亿元, a reserve below GDP (1303.8亿元)', () => {
    const city = agg.get('city')!;
    expect(city.keyProjects.actual).toBeGreaterThanOrEqual(200);
    expect(city.planned).toBeGreaterThan(2_400_000);
    expect(city.planned).toBeLessThan(3_400_000);
    expect(city.reserve.actual).toBeLessThan(13_038_000);
    expect(city.rate).toBeGreaterThan(0.2);
  });

  it('names the seeds’ projects, labels everything generated, gives valid codes', () => {
    const names = rows.projects.map((p) => p.name);
    for (const n of ['攀盐高速西区段', '龙佰6万吨海绵钛绿色智能制造', '安宁新材料6万吨能源级钛合金材料全产业链']) {
      expect(names).toContain(n);
    }
    for (const p of rows.projects) {
      if (p.generated === 1) expect(p.name.startsWith('示例数据')).toBe(true);
      else expect(JSON.parse(p.generated_fields ?? '[]')).toContain('totalInvestment');
      if (p.code) {
        const check = checkProjectCode(p.code, {
          regions: new Set(['510000', '510400', '510402', '510403', '510411', '510421', '510422']),
          currentYear: 2025,
        });
        expect(check.ok, p.code).toBe(true);
      }
    }
    expect(new Set(rows.projects.map((p) => p.code).filter(Boolean)).size).toBe(
      rows.projects.filter((p) => p.code).length,
    );
    for (const x of [...rows.plans, ...rows.returns]) expect(x.generated).toBe(1);
  });

  it('covers every major-project item of the lists but the umbrella ones (so each becomes one project)', () => {
    const linked = new Map<string, string>();
    const items = listItems.filter((i) => i.kind === 'project');
    for (const i of items) linked.set(i.code, `id-${i.code}`);
    const withItems = projectSeedRows('2025-06-15', linked);
    const used = new Set(withItems.projects.map((p) => p.list_item_id).filter(Boolean));
    for (const i of items) {
      if ((UMBRELLA_ITEMS as readonly string[]).includes(i.code)) expect(used.has(`id-${i.code}`)).toBe(false);
      else expect(used.has(`id-${i.code}`), i.code).toBe(true);
    }
  });

  it('files returns only from the start to the judged month, adding up month by month', () => {
    const byProject = new Map<string, typeof rows.returns>();
    for (const r of rows.returns) byProject.set(r.project_id, [...(byProject.get(r.project_id) ?? []), r]);
    for (const [id, list] of byProject) {
      const p = rows.projects.find((x) => x.id === id)!;
      let sum = 0;
      for (const r of list) {
        expect(r.month >= p.actual_start!.slice(0, 7)).toBe(true);
        expect(r.month <= rows.judged).toBe(true);
        sum = Math.round((sum + r.this_month) * 10) / 10;
        expect(r.ytd).toBeCloseTo(sum, 1);
      }
    }
  });
});
