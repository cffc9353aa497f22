/**
 * Issue 7: the zero point an indicator states. Set with its target in a new framework version, it replaces the
 * documented default in the score and the explanation says so ("指标设定"); a zero point on the wrong side of the
 * floor is refused, naming the field in both languages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../app.ts';
import { testDialects } from '../databases.ts';

interface Target {
  indicatorCode: string;
  orgUnitId: string;
  year: number;
  kind: string;
  comparison: string;
  floor: number | null;
  stretch: number | null;
  upper: number | null;
  zeroPoint: number | null;
}
interface Cell {
  indicatorCode: string;
  orgUnitId: string;
  period: string | null;
  colour: string;
  actual: number | null;
  score: number | null;
}

describe.each(testDialects())('a stated zero point on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t.close());

  it('scores a red rate from the zero point the target states, and says so in the explanation', async () => {
    const gfb = await t.as('gfb');
    const current = (await gfb.get('/api/v1/frameworks/current')).json<{
      framework: { id: string };
      indicators: { code: string; valueKind: string }[];
      targets: Target[];
    }>();
    const kind = new Map(current.indicators.map((i) => [i.code, i.valueKind]));
    expect(current.targets.every((x) => x.zeroPoint === null)).toBe(true);
    const matrix = (await gfb.get('/api/v1/evaluation/matrix')).json<{ cells: Cell[] }>();
    const pick = matrix.cells
      .filter((c) => c.colour === 'red' && kind.get(c.indicatorCode) === 'rate' && c.actual !== null && c.period)
      .map((c) => ({
        c,
        target: current.targets.find(
          (x) =>
            x.indicatorCode === c.indicatorCode &&
            x.orgUnitId === c.orgUnitId &&
            x.kind === 'annual' &&
            x.year === Number(c.period?.slice(0, 4)) &&
            x.comparison === 'atLeast' &&
            x.floor !== null &&
            x.floor > 0,
        ),
      }))
      .find((x) => x.target !== undefined && x.c.actual! < x.target.floor!);
    expect(pick, 'a red rate cell below a positive floor').toBeDefined();
    const { c, target } = pick as { c: Cell; target: Target };

    const draftId = (await gfb.post(`/api/v1/frameworks/${current.framework.id}/versions`)).json<{ id: string }>().id;
    const version = async () =>
      (await gfb.get(`/api/v1/frameworks/${draftId}`)).json<{ framework: { rowVersion: number } }>().framework
        .rowVersion;
    const body = (zeroPoint: number) => ({
      indicatorCode: target.indicatorCode,
      orgUnitId: target.orgUnitId,
      year: target.year,
      kind: target.kind,
      comparison: target.comparison,
      floor: target.floor,
      stretch: target.stretch,
      upper: target.upper,
      zeroPoint,
    });

    // On the wrong side of the floor: refused, the field named in both languages, nothing saved.
    const wrong = await gfb.put(`/api/v1/frameworks/${draftId}/targets`, {
      rowVersion: await version(),
      target: body(target.floor! + 1),
    });
    expect(wrong.statusCode).toBe(400);
    const issue = wrong.json().error.details.find((d: { field: string }) => d.field.endsWith('zeroPoint'));
    expect(issue.message).toContain('零分点应低于确保目标');
    expect(issue.text.en).toContain('the zero point must be below the floor');

    // Far below the actual: the red cell now scores between 0 and 60, from the stated point.
    const zeroPoint = c.actual! - 2 * (target.floor! - c.actual!);
    const saved = await gfb.put(`/api/v1/frameworks/${draftId}/targets`, {
      rowVersion: await version(),
      target: body(zeroPoint),
    });
    expect(saved.statusCode).toBe(200);
    const draft = (await gfb.get(`/api/v1/frameworks/${draftId}`)).json<{ targets: Target[] }>();
    expect(
      draft.targets.find(
        (x) => x.indicatorCode === target.indicatorCode && x.orgUnitId === target.orgUnitId && x.year === target.year,
      )?.zeroPoint,
    ).toBe(zeroPoint);
    expect((await gfb.post(`/api/v1/frameworks/${draftId}/publish`, { rowVersion: await version() })).statusCode).toBe(
      200,
    );

    const after = (await gfb.get('/api/v1/evaluation/matrix')).json<{ cells: Cell[] }>();
    const cell = after.cells.find((x) => x.indicatorCode === c.indicatorCode && x.orgUnitId === c.orgUnitId);
    expect(cell?.colour).toBe('red');
    expect(cell?.score).toBeGreaterThan(0);
    expect(cell?.score).toBeLessThan(60);
    expect(cell?.score).not.toBe(c.score);
    const e = (
      await gfb.get(`/api/v1/evaluation/explain?indicatorCode=${c.indicatorCode}&orgUnitId=${c.orgUnitId}`)
    ).json<{ text: { zh: string; en: string } }>();
    expect(e.text.zh).toContain('（指标设定）记 0 分');
    expect(e.text.en).toContain('(stated by the indicator) scores 0');
  });
});
