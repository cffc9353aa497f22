import { describe, expect, it } from 'vitest';
import { unitName } from './units.ts';

describe('units in the user’s language', () => {
  it('keeps Chinese as written and writes English for every unit of the framework', () => {
    expect(unitName('万户', 'zh')).toBe('万户');
    expect(unitName('万户', 'en')).toBe('10k households');
    expect(unitName('亿元', 'en')).toBe('100m yuan');
    expect(unitName('倍', 'en')).toBe('times');
    expect(unitName('个', 'en')).toBe('count');
    expect(unitName('%', 'en')).toBe('%');
    expect(unitName('亿元（到位资金）', 'en')).toBe('100m yuan (funds in place)');
    expect(unitName('套（间）', 'en')).toBe('homes (rooms)');
  });
});
