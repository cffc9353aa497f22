/**
 * The default data on the day it is loaded: a fresh start on 2 December 2026 asks for November's figures by
 * 10 December, nobody is hundreds of days late, and every year of the pilot and the current year can be evaluated
 * without a dimension sitting at the cap for every unit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../app.ts';
import { testDialects } from '../databases.ts';

interface Composite {
  orgUnitId: string;
  overall: number | null;
  byDimension: Record<string, number | null>;
}

describe.each(testDialects())('the default data loaded on 2026-12-02 on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { now: '2026-12-02T02:00:00Z' });
  });
  afterAll(async () => t.close());

  it('opens the round for last month, due on the 10th, with nobody late yet', async () => {
    const gfb = await t.as('gfb');
    const rounds = (await gfb.get('/api/v1/rounds')).json<{ id: string; period: string; dueDate: string }[]>();
    expect(rounds.map((r) => [r.period, r.dueDate])).toEqual([['2026-11', '2026-12-10']]);
    const status = (await gfb.get(`/api/v1/rounds/${rounds[0]?.id}/status`)).json<{
      today: string;
      units: { late: boolean }[];
    }>();
    expect(status.today).toBe('2026-12-02');
    expect(status.units.length).toBeGreaterThan(0);
    expect(status.units.filter((u) => u.late)).toEqual([]);
  });

  it('holds a framework for 2024, 2025 and 2026, the current one 2026, evaluated up to October', async () => {
    const leader = await t.as('leader');
    const frameworks = (await leader.get('/api/v1/frameworks')).json<{ id: string; year: number; status: string }[]>();
    expect(frameworks.map((f) => [f.year, f.status]).sort()).toEqual([
      [2024, 'published'],
      [2025, 'published'],
      [2026, 'published'],
    ]);
    expect((await leader.get('/api/v1/frameworks/current')).json().framework.year).toBe(2026);
    expect((await leader.get('/api/v1/evaluation/matrix')).json().asOf).toBe('2026-10');
    // The pilot's last year holds the targets the seeds state for 2025: the zone's and 西区's.
    const fw2025 = frameworks.find((f) => f.year === 2025);
    const b = (await leader.get(`/api/v1/frameworks/${fw2025?.id}`)).json<{
      targets: {
        indicatorCode: string;
        orgUnitId: string;
        kind: string;
        floor: number | null;
        stretch: number | null;
        generated?: boolean;
      }[];
    }>();
    const hitech = b.targets.filter((x) => x.orgUnitId === 'hitech' && x.indicatorCode === 'D2-13');
    expect(hitech.map((x) => x.kind).sort()).toEqual(['annual', 'endOfPlan']);
    expect(hitech.every((x) => x.stretch === 2500)).toBe(true);
    expect(
      b.targets.find((x) => x.orgUnitId === 'xiqu' && x.indicatorCode === 'D2-30' && x.kind === 'annual'),
    ).toMatchObject({
      floor: 43,
    });
  });

  it.each([
    ['fw-2024-v1', '2024-12'],
    ['fw-2025-v1', '2025-12'],
    ['fw-2026-v1', '2026-10'],
  ])('evaluates %s as of %s with no dimension at the cap for every unit', async (frameworkId, asOf) => {
    const leader = await t.as('leader');
    const m = (await leader.get(`/api/v1/evaluation/matrix?frameworkId=${frameworkId}`)).json<{
      asOf: string;
      composites: Composite[];
      cells: { colour: string }[];
    }>();
    expect(m.asOf).toBe(asOf);
    const ranked = m.composites.filter((c) => c.orgUnitId !== 'city');
    expect(ranked).toHaveLength(6);
    const dimensions = Object.keys(ranked[0]?.byDimension ?? {});
    expect(dimensions).toHaveLength(8);
    let scored = 0;
    for (const d of dimensions) {
      // A dimension of yearly indicators has no scores in the middle of the year.
      const scores = ranked.map((c) => c.byDimension[d]).filter((s): s is number => s !== null);
      if (scores.length === 0) continue;
      scored++;
      expect(Math.min(...scores), `${frameworkId} ${d}: ${scores.join(', ')}`).toBeLessThan(119.5);
    }
    expect(scored).toBeGreaterThanOrEqual(asOf.endsWith('-12') ? 8 : 6);
    // Every colour appears: the data is neither all green nor all red.
    expect(new Set(m.cells.map((c) => c.colour))).toEqual(new Set(['green', 'yellow', 'red', 'grey']));
  });
});
