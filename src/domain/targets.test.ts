import { describe, expect, it } from 'vitest';
import { resolveTarget } from './targets.ts';

describe('resolveTarget', () => {
  it('reads two-tier, one-tier, ceiling and range targets', () => {
    // GDP growth 2024: 确保 6.5%, 力争 7%.
    expect(resolveTarget({ comparison: 'atLeast', floor: 6.5, stretch: 7, upper: null })).toEqual({
      ok: true,
      sense: 'higher',
      floor: 6.5,
      stretch: 7,
      upper: null,
      tiers: 'twoTier',
    });
    // Urban new jobs 1.8万 (one-tier).
    expect(resolveTarget({ comparison: 'atLeast', floor: 1.8, stretch: null, upper: null })).toMatchObject({
      tiers: 'floorOnly',
      stretch: null,
    });
    // CPI within 3.5%.
    expect(resolveTarget({ comparison: 'atMost', floor: 3.5, stretch: null, upper: null })).toMatchObject({
      sense: 'lower',
      floor: 3.5,
    });
    expect(resolveTarget({ comparison: 'between', floor: 1, stretch: null, upper: 3 })).toMatchObject({
      sense: 'between',
      floor: 1,
      upper: 3,
    });
  });

  it('treats a stretch-only target as the floor', () => {
    expect(resolveTarget({ comparison: 'atLeast', floor: null, stretch: 50, upper: null })).toMatchObject({
      ok: true,
      floor: 50,
      stretch: null,
      tiers: 'stretchOnly',
    });
  });

  it('ignores a stretch that is not better than the floor', () => {
    expect(resolveTarget({ comparison: 'atLeast', floor: 6.5, stretch: 6.5, upper: null })).toMatchObject({
      stretch: null,
      tiers: 'floorOnly',
    });
    expect(resolveTarget({ comparison: 'atMost', floor: 2, stretch: 2.1, upper: null })).toMatchObject({
      stretch: null,
    });
    expect(resolveTarget({ comparison: 'atMost', floor: 2, stretch: 1.95, upper: null })).toMatchObject({
      stretch: 1.95,
      tiers: 'twoTier',
    });
  });

  it('says why a target cannot be used', () => {
    expect(resolveTarget(null)).toMatchObject({ ok: false, reason: 'missing' });
    expect(resolveTarget({ comparison: 'atLeast', floor: null, stretch: null, upper: null })).toMatchObject({
      ok: false,
      reason: 'missing',
    });
    expect(resolveTarget({ comparison: 'between', floor: 1, stretch: null, upper: null })).toMatchObject({
      ok: false,
      reason: 'invalid',
    });
    expect(resolveTarget({ comparison: 'between', floor: 4, stretch: null, upper: 3 })).toMatchObject({
      ok: false,
      reason: 'invalid',
      detail: { en: 'the lower bound 4 is above the upper bound 3' },
    });
    expect(resolveTarget({ comparison: 'atLeast', floor: Number.NaN, stretch: null, upper: null })).toMatchObject({
      ok: false,
      reason: 'invalid',
    });
  });
});
