import { describe, expect, it } from 'vitest';
import { fmtFigure, fmtValue } from './format.ts';
import { setDisplayLang } from './units.ts';

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

  it('writes English without 万 and 亿, keeping the precision the figure was given in', () => {
    setDisplayLang('en');
    try {
      expect(fmtValue(0.08, '万户')).toBe('800 households');
      expect(fmtValue(1.8, '万人')).toBe('18,000 people');
      expect(fmtValue(336.1, '亿元')).toBe('33.61 billion yuan');
      expect(fmtValue(7.1, '亿元')).toBe('710 million yuan');
      expect(fmtValue(1303.8, '亿元')).toBe('130.38 billion yuan');
      expect(fmtValue(3.25, '万元')).toBe('32,500 yuan');
      expect(fmtValue(250, '万人')).toBe('2.5 million people');
      expect(fmtValue(12.5, '亿元（到位资金）')).toBe('1.25 billion yuan (funds in place)');
      expect(fmtValue(2.05, '倍')).toBe('2.05 times');
      expect(fmtValue(6, '%')).toBe('6.0%');
      expect(fmtValue(12, '个')).toBe('12');
      expect(fmtValue(1.2, '万元/亩')).toBe('12,000 yuan/mu');
    } finally {
      setDisplayLang('zh');
    }
    expect(fmtValue(0.08, '万户')).toBe('0.08 万户');
  });
});
