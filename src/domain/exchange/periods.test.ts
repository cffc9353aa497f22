import { describe, expect, it } from 'vitest';
import { fromAdxPeriod, fromDhis2Period, toAdxPeriod, toDhis2Period } from './periods.ts';

describe('exchange period codes', () => {
  it('writes and reads DHIS2 periods', () => {
    expect(['2024-01', '2024-12', '2024-Q1', '2024-Q4', '2024'].map(toDhis2Period)).toEqual([
      '202401',
      '202412',
      '2024Q1',
      '2024Q4',
      '2024',
    ]);
    expect(['202401', '202412', '2024Q1', '2024Q4', '2024'].map(fromDhis2Period)).toEqual([
      '2024-01',
      '2024-12',
      '2024-Q1',
      '2024-Q4',
      '2024',
    ]);
    for (const bad of ['2024W1', '202413', '2024Q5', '2024-01', '24', '2024S1', '20240101', ''])
      expect(fromDhis2Period(bad), bad).toBeNull();
  });

  it('writes and reads ADX periods (ISO start and duration)', () => {
    expect(['2024-01', '2024-Q2', '2024-Q4', '2024'].map(toAdxPeriod)).toEqual([
      '2024-01-01/P1M',
      '2024-04-01/P3M',
      '2024-10-01/P3M',
      '2024-01-01/P1Y',
    ]);
    expect(['2024-01-01/P1M', '2024-07-01/P3M', '2024-01-01/P1Y', '2024-01-01/P12M'].map(fromAdxPeriod)).toEqual([
      '2024-01',
      '2024-Q3',
      '2024',
      '2024',
    ]);
    for (const bad of ['2024-01-15/P1M', '2024-02-01/P3M', '2024-03-01/P1Y', '2024-01-01/P1W', '2024-01-01', 'x'])
      expect(fromAdxPeriod(bad), bad).toBeNull();
  });
});
