import { describe, expect, it } from 'vitest';
import { isDate } from '../../../domain/lists/dates.ts';
import { itemInputSchema } from '../../../shared/api/lists.ts';
import { demoState, listItems } from './list-items.ts';
import { indicators } from './framework.ts';
import { orgUnits } from './org-units.ts';

describe('default list items', () => {
  const units = new Set(orgUnits.map((u) => u.id));

  it('are valid drafts whose units, districts and indicators exist', () => {
    const codes = new Set<string>();
    for (const i of listItems) {
      expect(codes.has(i.code), i.code).toBe(false);
      codes.add(i.code);
      const parsed = itemInputSchema.safeParse({ ...i, workTeamId: `team-${i.dimensionCode.toLowerCase()}` });
      expect(parsed.success, `${i.code}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
      for (const u of [i.leadUnitId, ...i.coUnitIds, ...(i.districtId ? [i.districtId] : [])])
        expect(units.has(u), `${i.code}: ${u}`).toBe(true);
      if (i.target?.indicatorCode)
        expect(
          indicators.some((x) => x.code === i.target?.indicatorCode),
          i.code,
        ).toBe(true);
    }
  });

  it('cite the document for the item and label what is generated', () => {
    for (const i of listItems) {
      expect(i.source.doc).not.toBe('generated');
      expect(i.source.quote?.length ?? 0).toBeGreaterThan(5);
      expect(i.generated.source.doc).toBe('generated');
      expect(i.generated.fields).toEqual(expect.arrayContaining(['leaderName', 'personInCharge', 'milestones']));
    }
    // 西区's items are led by 西区, the zone's by the zone, as the documents say; the city's lead units are generated.
    for (const i of listItems.filter((x) => x.source.doc === 'xiqu2025')) expect(i.leadUnitId).toBe('xiqu');
    for (const i of listItems.filter((x) => x.source.doc === 'hitechActionPlan2023'))
      expect(i.leadUnitId).toBe('hitech');
    for (const i of listItems.filter((x) => x.source.doc === 'cityWorkReport2024'))
      expect(i.generated.fields).toContain('leadUnitId');
  });

  it('hold every list and the items the issue names', () => {
    const kinds = new Set(listItems.map((i) => i.kind));
    expect([...kinds].sort()).toEqual(['project', 'reform', 'task', 'upward']);
    const titles = listItems.map((i) => i.title).join('|');
    for (const t of [
      '项目攻坚行动',
      '消费提振行动',
      '营商环境优化行动',
      '43个省市重点项目',
      '采煤沉陷区综合治理试点',
      '低保家庭就业帮扶',
      '农民工市民化',
      '一区多园',
    ]) {
      expect(titles).toContain(t);
    }
  });

  it('generate a plausible state for any day, deterministically', () => {
    const item = listItems.find((i) => i.code === 'SJ2024-R07');
    if (!item) throw new Error('missing');
    expect(demoState(item, '2023-12-01').status).toBe('drafted');
    const mid = demoState(item, '2024-11-05');
    expect(['inProgress', 'acknowledged']).toContain(mid.status);
    expect(mid.reports.every((r) => r.percent >= 0 && r.percent <= 100)).toBe(true);
    expect(demoState(item, '2024-11-05')).toEqual(mid);
    const after = listItems.map((i) => demoState(i, '2026-11-22').status);
    expect(after.filter((s) => s === 'closed').length).toBeGreaterThan(after.length / 2);
    for (const i of listItems)
      for (const d of demoState(i, '2024-11-05').milestonesDone) if (d) expect(isDate(d)).toBe(true);
  });

  it('closes most items of 2025 by the end of 2026, and leaves the rest honestly late', () => {
    const today = '2026-12-02';
    const due2025 = listItems.filter((i) => i.deadline.startsWith('2025'));
    expect(due2025.length).toBeGreaterThan(40);
    const states = due2025.map((i) => ({ item: i, s: demoState(i, today) }));
    const closed = states.filter((x) => x.s.status === 'closed');
    expect(closed.length / due2025.length).toBeGreaterThan(0.75);
    // Some were completed after their deadline: their last step is dated then, not before the deadline.
    const late = closed.filter((x) => (x.s.completionRequestedOn ?? '') > x.item.deadline);
    expect(late.length).toBeGreaterThan(0);
    for (const { item, s } of late) expect(s.milestonesDone.at(-1), item.code).toBe(s.completionRequestedOn);
    // The open ones are overdue and say so: the last step not done, progress short of 100 %.
    const open = states.filter((x) => x.s.status !== 'closed');
    expect(open.length).toBeGreaterThan(0);
    for (const { item, s } of open) {
      expect(s.status, item.code).toBe('inProgress');
      expect(s.milestonesDone.at(-1), item.code).toBeNull();
      expect(s.reports.at(-1)?.percent ?? 0, item.code).toBeLessThan(100);
    }
    // 2024's items are all closed two years on.
    for (const i of listItems.filter((x) => x.deadline.startsWith('2024')))
      expect(demoState(i, today).status, i.code).toBe('closed');
  });
});
