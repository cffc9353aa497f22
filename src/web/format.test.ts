import { describe, expect, it } from 'vitest';
import { fmtFigure, fmtValue } from './format.ts';

describe('figures in their unit’s decimals', () => {
  it('writes a ratio with two decimals: 2.05 倍, 2.00 倍 — never "2 倍"', () => {
    expect(fmtValue(2.0517, '倍')).toBe('2.05 倍');
    expect(fmtValue(2, '倍')).toBe('2.00 倍');
    expect(fmtValue(1.996, '倍')).toBe('2.00 倍');
    expect(fmtFigure(1.89, '倍')).toBe('1.89');
  });

  it('writes a percentage with at least one decimal and at most two', () => {
    expect(fmtValue(6, '%')).toBe('6.0%');
    expect(fmtValue(83.894, '%')).toBe('83.89%');
    expect(fmtValue(-0.004, '%')).toBe('0.0%');
  });

  it('keeps other units as they come, with thousands grouped', () => {
    expect(fmtValue(1303.8, '亿元')).toBe('1,303.8 亿元');
    expect(fmtValue(2, '万人')).toBe('2 万人');
    expect(fmtValue(null, '倍')).toBe('—');
  });
});
