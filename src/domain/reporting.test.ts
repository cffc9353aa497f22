import { describe, expect, it } from 'vitest';
import { daysFrom, unitLateness, type ReportedValue } from './reporting.ts';

const value = (over: Partial<ReportedValue> = {}): ReportedValue => ({
  status: 'submitted',
  value: 1,
  firstSubmittedAt: '2026-12-01T03:00:00Z',
  submittedAt: '2026-12-01T03:00:00Z',
  updatedAt: '2026-12-01T03:00:00Z',
  ...over,
});

describe('lateness in a reporting round', () => {
  it('keeps a late report late: 逾期 N 天提交, not "completed with nobody late"', () => {
    const r = unitLateness({
      dueDate: '2024-12-10',
      today: '2026-12-02',
      expected: 2,
      values: [value(), value({ status: 'published' })],
      pending: 0,
    });
    expect(r).toEqual({ submittedAt: '2026-12-01T03:00:00Z', submittedLateDays: 721, overdueDays: null });
  });

  it('counts in Beijing dates: 23:30 UTC on the due date is the next day in Beijing', () => {
    const late = unitLateness({
      dueDate: '2024-12-10',
      today: '2024-12-12',
      expected: 1,
      values: [value({ firstSubmittedAt: '2024-12-10T16:30:00Z' })],
      pending: 0,
    });
    expect(late.submittedLateDays).toBe(1);
    const onTime = unitLateness({
      dueDate: '2024-12-10',
      today: '2024-12-12',
      expected: 1,
      values: [value({ firstSubmittedAt: '2024-12-10T15:30:00Z' })],
      pending: 0,
    });
    expect(onTime.submittedLateDays).toBeNull();
  });

  it('takes the first submission: a value returned and submitted again later does not move the record', () => {
    const r = unitLateness({
      dueDate: '2024-12-10',
      today: '2024-12-20',
      expected: 1,
      values: [value({ firstSubmittedAt: '2024-12-08T02:00:00Z', submittedAt: '2024-12-18T02:00:00Z' })],
      pending: 0,
    });
    expect(r.submittedLateDays).toBeNull();
    expect(r.submittedAt).toBe('2024-12-08T02:00:00Z');
  });

  it('is overdue by the days since the due date while figures are owed', () => {
    const r = unitLateness({
      dueDate: '2024-12-10',
      today: '2024-12-17',
      expected: 3,
      values: [value(), value({ status: 'draft', firstSubmittedAt: null, submittedAt: null })],
      pending: 2,
    });
    expect(r).toEqual({ submittedAt: null, submittedLateDays: null, overdueDays: 7 });
    expect(
      unitLateness({ dueDate: '2024-12-10', today: '2024-12-10', expected: 1, values: [], pending: 1 }).overdueDays,
    ).toBeNull();
  });

  it('treats a figure reviewed without a submission (a published source) as reported when it was stored', () => {
    const r = unitLateness({
      dueDate: '2024-12-10',
      today: '2024-12-20',
      expected: 1,
      values: [
        value({ status: 'published', firstSubmittedAt: null, submittedAt: null, updatedAt: '2024-12-05T00:00:00Z' }),
      ],
      pending: 0,
    });
    expect(r.submittedAt).toBe('2024-12-05T00:00:00Z');
    expect(daysFrom('2024-12-10', '2026-12-02')).toBe(722);
  });
});
