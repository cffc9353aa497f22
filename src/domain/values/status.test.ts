import { describe, expect, it } from 'vitest';
import { VALUE_STATUSES } from '../types.ts';
import {
  VALUE_ORIGINS,
  isEditable,
  mayAct,
  nextValueStatus,
  plausibilityWarning,
  revisionNeedsNote,
  type ValueAction,
} from './status.ts';

const reported = (status: (typeof VALUE_STATUSES)[number]) => ({ status, origin: 'reported' as const });

describe('the lifecycle of a value', () => {
  it('walks enter → submit → return → update → submit → approve → publish → reopen', () => {
    let status = nextValueStatus('enter');
    expect(status).toBe('draft');
    const steps: [Exclude<ValueAction, 'enter'>, string][] = [
      ['submit', 'submitted'],
      ['return', 'returned'],
      ['update', 'draft'],
      ['submit', 'submitted'],
      ['approve', 'approved'],
      ['publish', 'published'],
      ['reopen', 'returned'],
    ];
    for (const [action, to] of steps) {
      expect(mayAct(reported(status), action)).toBe(true);
      status = nextValueStatus(action);
      expect(status).toBe(to);
    }
  });

  it('refuses acts out of order', () => {
    expect(mayAct(reported('draft'), 'approve')).toBe(false);
    expect(mayAct(reported('draft'), 'publish')).toBe(false);
    expect(mayAct(reported('draft'), 'reopen')).toBe(false);
    expect(mayAct(reported('submitted'), 'update')).toBe(false);
    expect(mayAct(reported('submitted'), 'submit')).toBe(false);
    expect(mayAct(reported('approved'), 'update')).toBe(false);
    expect(mayAct(reported('approved'), 'return')).toBe(false);
    expect(mayAct(reported('returned'), 'publish')).toBe(false);
    expect(mayAct(reported('published'), 'approve')).toBe(false);
  });

  it('lets the reporter edit only reported drafts and returned values', () => {
    for (const status of VALUE_STATUSES) {
      for (const origin of VALUE_ORIGINS) {
        const expected = origin === 'reported' && (status === 'draft' || status === 'returned');
        expect(isEditable({ status, origin }), `${origin} ${status}`).toBe(expected);
      }
    }
  });

  it('never reopens or resubmits a figure transcribed from a published source or generated', () => {
    for (const origin of ['published', 'generated'] as const) {
      expect(mayAct({ status: 'published', origin }, 'reopen')).toBe(false);
      expect(mayAct({ status: 'approved', origin }, 'reopen')).toBe(false);
      expect(mayAct({ status: 'draft', origin }, 'submit')).toBe(false);
    }
    // Publication passes on what review approved, whatever its origin.
    expect(mayAct({ status: 'approved', origin: 'generated' }, 'publish')).toBe(true);
  });

  it('asks a note of a changed figure that a reviewer returned', () => {
    expect(revisionNeedsNote({ status: 'returned', value: 41 }, 42, null)).toBe(true);
    expect(revisionNeedsNote({ status: 'returned', value: 41 }, 42, '更正口径')).toBe(false);
    expect(revisionNeedsNote({ status: 'returned', value: 41 }, 41, null)).toBe(false);
    expect(revisionNeedsNote({ status: 'draft', value: 41 }, 42, null)).toBe(false);
  });
});

describe('plausibilityWarning', () => {
  const indicator = { code: 'A1-01', name: '居民人均可支配收入' };
  it('flags a change of more than half the previous value, in both languages', () => {
    expect(plausibilityWarning(indicator, 16, 10)).toEqual({
      indicatorCode: 'A1-01',
      message: '居民人均可支配收入：较上期（10）变动 60%，请核实',
      messageEn: 'A1-01: 60% change from the previous period (10); please check',
    });
    expect(plausibilityWarning(indicator, 4, 10)?.message).toContain('60%');
  });
  it('says nothing within half, or without a previous value to compare', () => {
    expect(plausibilityWarning(indicator, 15, 10)).toBeNull();
    expect(plausibilityWarning(indicator, 15, null)).toBeNull();
    expect(plausibilityWarning(indicator, 15, 0)).toBeNull();
  });
});
