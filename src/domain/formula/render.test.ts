import { describe, expect, it } from 'vitest';
import { renderFormula } from './render.ts';

const NAMES: Record<string, { zh: string; en: string }> = {
  'D2-33': { zh: '本级国有企业营业收入', en: 'Revenue of city-owned enterprises' },
  'D2-34': { zh: '国有企业营业收入目标', en: 'Target revenue' },
  'D3-01': { zh: '人均地区生产总值', en: 'Per-capita GDP' },
};
const zh = { nameOf: (c: string) => NAMES[c]?.zh, lang: 'zh' as const };
const en = { nameOf: (c: string) => NAMES[c]?.en, lang: 'en' as const };

describe('renderFormula', () => {
  it('shows names instead of codes, × and ÷ instead of * and /', () => {
    expect(renderFormula('{D2-33} / {D2-34} * 100', zh)).toBe(
      '「本级国有企业营业收入」 ÷ 「国有企业营业收入目标」 × 100',
    );
    expect(renderFormula('{D2-33} / {D2-34} * 100', en)).toBe(
      '“Revenue of city-owned enterprises” ÷ “Target revenue” × 100',
    );
  });

  it('names the functions and keeps what it does not know', () => {
    expect(renderFormula('MAX_CHILDREN({D3-01}) / min_children({D3-01})', zh)).toBe(
      '下级单位最大值(「人均地区生产总值」) ÷ 下级单位最小值(「人均地区生产总值」)',
    );
    expect(renderFormula('MAX_OF(COUNTIES, {X-1})', zh)).toBe('MAX_OF(COUNTIES, {X-1})');
  });

  it('says over which set an aggregate runs (D3-02: the five counties)', () => {
    expect(renderFormula('MAX({D3-01}, COUNTIES) / MIN({D3-01}, COUNTIES)', zh)).toBe(
      '最大值(「人均地区生产总值」, 五个县（区）) ÷ 最小值(「人均地区生产总值」, 五个县（区）)',
    );
    expect(renderFormula('SUM({D3-01}, CHILDREN, ANY)', en)).toBe(
      'sum(“Per-capita GDP”, the units below, any that reported)',
    );
  });
});
