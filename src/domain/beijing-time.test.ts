import { describe, expect, it } from 'vitest';
import { beijingDate, beijingMidnight, beijingTime } from './beijing-time.ts';

describe('Beijing time', () => {
  it('reads an instant as a Beijing calendar day, across midnight', () => {
    expect(beijingDate(new Date('2024-11-05T02:00:00Z'))).toBe('2024-11-05');
    expect(beijingDate('2024-11-05T15:59:59Z')).toBe('2024-11-05');
    expect(beijingDate('2024-11-05T16:00:00Z')).toBe('2024-11-06');
    expect(beijingDate('2024-12-31T16:30:00Z')).toBe('2025-01-01');
    expect(() => beijingDate('yesterday')).toThrow(RangeError);
  });

  it('writes wall-clock time to the minute or the second, whatever offset the instant was written with', () => {
    expect(beijingTime(new Date('2024-11-05T02:00:00Z'))).toBe('2024-11-05 10:00');
    expect(beijingTime('2024-11-05T06:03:11.000Z', 'second')).toBe('2024-11-05 14:03:11');
    expect(beijingTime('2024-11-05T14:03:00+08:00')).toBe('2024-11-05 14:03');
    expect(beijingTime('2024-07-01T09:00:00-04:00')).toBe('2024-07-01 21:00');
    expect(beijingTime('not a time')).toBe('not a time');
  });

  it('finds when a Beijing day begins', () => {
    expect(beijingMidnight('2024-11-05').toISOString()).toBe('2024-11-04T16:00:00.000Z');
    expect(beijingDate(beijingMidnight('2024-11-05'))).toBe('2024-11-05');
  });
});
