import { describe, expect, it } from 'vitest';
import { endOfPlanVerdict } from './end-of-plan.ts';

const atLeast = (floor: number | null, stretch: number | null) =>
  ({ comparison: 'atLeast', floor, stretch, upper: null }) as const;

describe('the end-of-plan assessment of a 2025 target (the seeds’ targets)', () => {
  it('a stretch-only target is met when reached: the zone’s industrial output 2500亿元', () => {
    expect(endOfPlanVerdict({ actual: 2310, target: atLeast(null, 2500), final: true, unit: '亿元' })).toEqual({
      verdict: 'notMet',
      stretchMet: null,
      final: true,
      gap: -190,
      text: { zh: '2310亿元，距目标 2500亿元 差 190亿元', en: '2310亿元, 190亿元 short of 2500亿元' },
    });
    expect(endOfPlanVerdict({ actual: 2500, target: atLeast(null, 2500), final: true }).verdict).toBe('met');
  });

  it('a ceiling is met when not exceeded: the urban–rural ratio below 2, unemployment below 4.5%', () => {
    const ratio = { comparison: 'atMost', floor: 2, stretch: null, upper: null } as const;
    expect(endOfPlanVerdict({ actual: 1.98, target: ratio, final: true }).verdict).toBe('met');
    const over = endOfPlanVerdict({ actual: 2.05, target: ratio, final: true, unit: '倍' });
    expect(over.verdict).toBe('notMet');
    expect(over.text.zh).toBe('2.05倍，超出目标 2倍 0.05倍');
  });

  it('a two-tier target says whether the stretch was reached too; a figure part-way through the year says so', () => {
    const r = endOfPlanVerdict({ actual: 46, target: atLeast(45, 48), final: true, unit: '%' });
    expect(r).toMatchObject({ verdict: 'met', stretchMet: false });
    // A gap between percentages is in points: 西区's middle-income share 44.4% against 45%.
    expect(endOfPlanVerdict({ actual: 44.4, target: atLeast(null, 45), final: true, unit: '%' }).text.zh).toBe(
      '44.4%，距目标 45% 差 0.6 个百分点',
    );
    const early = endOfPlanVerdict({ actual: 30, target: atLeast(43, null), final: false, unit: '个' });
    expect(early).toMatchObject({ verdict: 'notMet', final: false });
    expect(early.text.zh).toContain('年度未结束');
  });

  it('no figure is no data, never "not met"', () => {
    expect(endOfPlanVerdict({ actual: null, target: atLeast(72, null), final: true }).verdict).toBe('noData');
  });
});
