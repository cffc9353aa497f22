import { describe, expect, it } from 'vitest';
import { buildIndicator, buildTarget, buildUser } from './factories.ts';

const NOW = '2024-12-05T02:00:00.000Z';

describe('factories', () => {
  it('builds a whole account row from the fields a caller cares about', () => {
    const u = buildUser({
      username: 'xiqu',
      role: 'districtReporter',
      entryScope: ['xiqu'],
      passwordHash: 'h',
      now: NOW,
    });
    expect(u).toMatchObject({
      username: 'xiqu',
      display_name: 'xiqu',
      role: 'districtReporter',
      entry_scope: '["xiqu"]',
      view_scope: '[]',
      must_change_password: 0,
      failed_attempts: 0,
      totp_enabled: 0,
      disabled: 0,
      version: 1,
      created_at: NOW,
      password_changed_at: NOW,
    });
    expect(Object.values(u).some((v) => v === undefined)).toBe(false);
    expect(buildUser({ username: 'a', role: 'leader', passwordHash: 'h', now: NOW }).id).not.toBe(u.id);
  });

  it('builds an indicator and a target with every column set, the caller’s fields winning', () => {
    const i = buildIndicator({ framework_id: 'fw', code: 'D1-01', dimension_code: 'D1', value_kind: 'cumulative' });
    expect(i).toMatchObject({ code: 'D1-01', name: 'D1-01', value_kind: 'cumulative', unit: '%', weight: 1 });
    expect(Object.values(i).some((v) => v === undefined)).toBe(false);
    const t = buildTarget({ framework_id: 'fw', indicator_code: 'D1-01', org_unit_id: 'xiqu', year: 2024, floor: 6 });
    expect(t).toMatchObject({ kind: 'annual', comparison: 'atLeast', floor: 6, stretch: null, zero_point: null });
  });
});
