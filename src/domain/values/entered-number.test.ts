import { describe, expect, it } from 'vitest';
import { readEnteredNumber } from './entered-number.ts';

const value = (text: string, unit: string) => {
  const r = readEnteredNumber(text, unit);
  return r.kind === 'number' ? r.value : r.kind === 'invalid' ? r.reason : null;
};

describe('a figure as typed in the entry grid', () => {
  it('reads plain numbers as they are', () => {
    expect(readEnteredNumber('12.5', '%')).toEqual({ kind: 'number', value: 12.5, plain: true });
    expect(readEnteredNumber('-3', '%')).toEqual({ kind: 'number', value: -3, plain: true });
    expect(readEnteredNumber('  ', '%')).toEqual({ kind: 'empty' });
  });

  it('understands full-width digits and thousands separators, and says it read them', () => {
    expect(readEnteredNumber('１２３．５', '%')).toEqual({ kind: 'number', value: 123.5, plain: false });
    expect(readEnteredNumber('1,234.5', '元')).toEqual({ kind: 'number', value: 1234.5, plain: false });
    expect(value('１，２３４', '元')).toBe(1234);
    expect(value('12 345', '元')).toBe(12345);
  });

  it('converts an amount written with a scale or the unit into the indicator’s unit', () => {
    expect(value('1.2万', '人')).toBe(12000);
    expect(value('1.2万人', '人')).toBe(12000);
    expect(value('3500万元', '亿元')).toBe(0.35);
    expect(value('1.5亿元', '亿元')).toBe(1.5);
    expect(value('12000人', '万人')).toBe(1.2);
    expect(value('6.5%', '%')).toBe(6.5);
    expect(value('６．５％', '%')).toBe(6.5);
    expect(value('3个', '个')).toBe(3);
  });

  it('refuses, with the reason, what it cannot read — never drops it', () => {
    expect(value('abc', '%')).toBe('notNumber');
    expect(value('12.5abc', '%')).toBe('notNumber');
    expect(value('约10', '个')).toBe('notNumber');
    expect(value('12,5', '%')).toBe('notNumber');
    expect(value('1.2.3', '%')).toBe('notNumber');
    expect(value('1.2万元', '人')).toBe('unitMismatch');
    expect(value('5户', '人')).toBe('unitMismatch');
    expect(value('1万', '%')).toBe('unitMismatch');
  });
});
