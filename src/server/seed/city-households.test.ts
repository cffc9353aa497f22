import { describe, expect, it } from 'vitest';
import { parseIdNumber } from '../../domain/households/id-number.ts';
import { cityHouseholds, planCity, surveyCsvRows } from './city-households.ts';
import { districtProfiles } from './panzhihua/profiles.ts';

const districts = new Map(
  ['dongqu', 'xiqu', 'renhe', 'miyi', 'yanbian', 'hitech'].map((id, i) => [
    id,
    { id, code: `51040${i + 2}`, path: `/city/${id}/` },
  ]),
);

describe('the generated city (generate-households)', () => {
  const plan = planCity(20_000, districts);
  const all = [...cityHouseholds(plan, '2026-12-02')];

  it('places every household, districts in proportion to their residents, every unit labelled generated', () => {
    expect(all).toHaveLength(20_000);
    const total = Object.values(districtProfiles).reduce((s, p) => s + p.population, 0);
    for (const d of plan.districts) {
      const share = all.filter((h) => h.village.districtId === d.id).length / all.length;
      expect(share).toBeCloseTo((districtProfiles[d.id]?.population ?? 0) / total, 2);
    }
    expect(plan.units.every((u) => u.name.includes('示例数据'))).toBe(true);
    expect(new Set(plan.units.map((u) => u.code)).size).toBe(plan.units.length);
  });

  it('is calibrated: urban and rural means near the districts’ levels, the city’s their weighted mean, middle share near 48.5 %', () => {
    for (const d of plan.districts) {
      for (const urban of [true, false]) {
        const hs = all.filter((h) => h.village.districtId === d.id && h.village.urban === urban && h.income.exact);
        if (hs.length < 300) continue;
        const people = hs.reduce((s, h) => s + h.members.length, 0);
        const mean = hs.reduce((s, h) => s + h.income.total, 0) / people;
        expect(mean / (urban ? d.urbanMean : d.ruralMean), `${d.id} ${urban}`).toBeGreaterThan(0.85);
        expect(mean / (urban ? d.urbanMean : d.ruralMean), `${d.id} ${urban}`).toBeLessThan(1.15);
      }
    }
    const middle = all.filter((h) => h.classBits === 4).length / all.length;
    expect(middle).toBeGreaterThan(0.42);
    expect(middle).toBeLessThan(0.55);
    const below = all.filter((h) => h.flags.below10k === 2).length / all.length;
    expect(below).toBeGreaterThan(0.001);
    expect(below).toBeLessThan(0.01);
    expect(all.filter((h) => !h.income.exact).length / all.length).toBeCloseTo(1 / 6, 1);
  });

  it('gives valid, unique ID numbers consistent with birth date and sex, written as survey rows', () => {
    const ids = all.flatMap((h) => h.members.map((m) => m.idNumber));
    expect(new Set(ids).size).toBe(ids.length);
    for (const h of all.slice(0, 500)) {
      for (const m of h.members) {
        const p = parseIdNumber(m.idNumber, '2026-12-02');
        expect(p.ok && p.birthDate === m.birthDate && p.sex === m.sex, m.idNumber).toBe(true);
      }
    }
    const rows = surveyCsvRows(all[0] as (typeof all)[number], '2026-11-20')
      .trim()
      .split('\n');
    expect(rows).toHaveLength(all[0]?.members.length ?? 0);
    expect(rows[0]).toContain('户主');
  });
});
