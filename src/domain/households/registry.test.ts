import { describe, expect, it } from 'vitest';
import {
  ageOn,
  assessHousehold,
  describeIncomeRule,
  flagCode,
  incomeProblems,
  raisedFlags,
  registryRule,
  type MemberFacts,
} from './registry.ts';
import { classBits } from './statistics.ts';
import { DEFAULT_INCOME_CLASS_RULE } from '../inequality.ts';

const TODAY = '2026-12-02';

function member(over: Partial<MemberFacts> = {}): MemberFacts {
  return {
    label: '户主',
    sex: 'male',
    birthDate: '1980-05-01',
    inSchool: false,
    retired: false,
    disabilityGrade: null,
    seriouslyIll: false,
    ableToWork: true,
    willingToWork: true,
    employed: true,
    ...over,
  };
}

describe('age and working age', () => {
  it('counts whole years, the birthday included', () => {
    expect(ageOn('1990-06-15', '2026-06-14')).toBe(35);
    expect(ageOn('1990-06-15', '2026-06-15')).toBe(36);
  });
});

describe('income classes and flags of a household', () => {
  const three = [
    member(),
    member({ label: '配偶', sex: 'female' }),
    member({ label: '子女', birthDate: '2012-01-01', inSchool: true, employed: false }),
  ];

  it('classifies an exact income under the three-person rule: 120,000 for 3 is middle, certain', () => {
    const a = assessHousehold(three, { kind: 'exact', total: 120_000 }, TODAY);
    expect(a.classification?.incomeClass).toBe('middle');
    expect(a.classification?.certainty).toBe('certain');
    expect(a.classBits).toBe(4);
    expect(raisedFlags(a)).toEqual([]);
  });

  it('compares other sizes per capita: 4 persons at 130,000 (32,500 each) are low, 140,000 (35,000) middle', () => {
    const four = [...three, member({ label: '父母', birthDate: '1950-01-01', retired: true, employed: false })];
    expect(assessHousehold(four, { kind: 'exact', total: 130_000 }, TODAY).classification?.incomeClass).toBe('low');
    expect(assessHousehold(four, { kind: 'exact', total: 140_000 }, TODAY).classification?.incomeClass).toBe('middle');
    // The same household under a city rule that compares household totals as they are.
    const household = registryRule({ income: { basis: 'household' } });
    expect(assessHousehold(four, { kind: 'exact', total: 130_000 }, TODAY, household).classification?.incomeClass).toBe(
      'middle',
    );
  });

  it('says below 10,000 per capita from the figures, and near the line within the margin', () => {
    const a = assessHousehold(three, { kind: 'exact', total: 27_000 }, TODAY);
    expect(a.flags.below10k.state).toBe('yes');
    expect(a.flags.below10k.explanation.zh).toBe('家庭年收入 27000 元，3 人，人均 9000 元，低于 10000 元');
    const n = assessHousehold(three, { kind: 'exact', total: 33_000 }, TODAY);
    expect(n.flags.below10k.state).toBe('no');
    expect(n.flags.nearLine.state).toBe('yes');
    expect(n.flags.nearLine.explanation.zh).toContain('10000–12000');
    // 36,000 for 3 = 12,000 each: at the margin's end, not near.
    expect(assessHousehold(three, { kind: 'exact', total: 36_000 }, TODAY).flags.nearLine.state).toBe('no');
    // A wider margin (30 %) takes it in.
    const wide = registryRule({ nearLineMargin: 0.3 });
    expect(assessHousehold(three, { kind: 'exact', total: 36_000 }, TODAY, wide).flags.nearLine.state).toBe('yes');
  });

  it('classifies a bracket-only income yes / possibly / no, with the straddling cases', () => {
    const two = three.slice(0, 2);
    // 10,000–20,000 for 2: 5,000–10,000 each, wholly below the line.
    const below = assessHousehold(two, { kind: 'bracket', low: 10_000, high: 20_000 }, TODAY);
    expect(below.flags.below10k.state).toBe('yes');
    expect(below.flags.nearLine.state).toBe('no');
    // 20,000–30,000 for 3: 6,667–10,000 each: wholly below (the upper bound is exclusive).
    expect(assessHousehold(three, { kind: 'bracket', low: 20_000, high: 30_000 }, TODAY).flags.below10k.state).toBe(
      'yes',
    );
    // 30,000–40,000 for 3: 10,000–13,333 each: not below, possibly near (the near band ends at 12,000).
    const n = assessHousehold(three, { kind: 'bracket', low: 30_000, high: 40_000 }, TODAY);
    expect(n.flags.below10k.state).toBe('no');
    expect(n.flags.nearLine.state).toBe('possibly');
    // 20,000–30,000 for 2: 10,000–15,000 each: not below.
    // 40,000–50,000 for 5: 8,000–10,000 each: below; for 4: 10,000–12,500, near possibly.
    const five = [
      ...three,
      member({ label: '父母', birthDate: '1950-01-01', retired: true, employed: false }),
      member({ label: '孙子女', birthDate: '2020-01-01', employed: false }),
    ];
    const straddle = assessHousehold(five.slice(0, 4), { kind: 'bracket', low: 30_000, high: 40_000 }, TODAY);
    // 7,500–10,000 each for 4 persons: wholly below.
    expect(straddle.flags.below10k.state).toBe('yes');
    const s = assessHousehold(five, { kind: 'bracket', low: 40_000, high: 50_000 }, TODAY);
    expect(s.flags.below10k.state).toBe('yes');
    const p = assessHousehold(
      three,
      { kind: 'bracket', low: 20_000, high: 30_000 },
      TODAY,
      registryRule({ income: { bottomLine: 8_000 } }),
    );
    expect(p.flags.below10k.state).toBe('possibly');
    expect(p.flags.below10k.explanation.zh).toContain('收入档跨越 8000 元线');
    // 60,000–70,000 for 2: 30,000–35,000 each straddles 33,333: low or middle, possibly.
    const m = assessHousehold(two, { kind: 'bracket', low: 60_000, high: 70_000 }, TODAY);
    expect(m.classification?.candidates).toEqual(['low', 'middle']);
    expect(m.classification?.certainty).toBe('possible');
    expect(m.classBits).toBe(6);
    // An open top bracket of 500,000+ for 3 is middle (500,000 included) or high.
    expect(
      assessHousehold(three, { kind: 'bracket', low: 500_000, high: null }, TODAY).classification?.candidates,
    ).toEqual(['middle', 'high']);
  });

  it('stores the same class bits as the statistics compute', () => {
    const cases: [number, number, number][] = [
      [60_000, 70_000, 2],
      [20_000, 30_000, 3],
      [120_000, 120_000, 3],
      [490_000, 500_000, 3],
      [1_000_000, Infinity, 4],
    ];
    const members = (n: number) => Array.from({ length: n }, () => member());
    for (const [low, high, size] of cases) {
      const figure =
        low === high
          ? { kind: 'exact' as const, total: low }
          : { kind: 'bracket' as const, low, high: Number.isFinite(high) ? high : null };
      expect(assessHousehold(members(size), figure, TODAY).classBits).toBe(
        classBits(low, high, size, DEFAULT_INCOME_CLASS_RULE),
      );
    }
  });

  it('does not guess without an income', () => {
    const a = assessHousehold(three, null, TODAY);
    expect(a.classification).toBeNull();
    expect(a.flags.below10k).toEqual({
      state: 'no',
      explanation: { zh: '尚无收入数据，无法判断', en: 'No income recorded yet' },
    });
    expect(a.classBits).toBe(0);
  });

  it('states the configured middle-income rule', () => {
    expect(describeIncomeRule(DEFAULT_INCOME_CLASS_RULE).zh).toBe(
      '中等收入：3口之家年收入10–50万元，其他规模家庭按人均折算（人均 33333–166667 元）；人均1万元以下另计',
    );
  });
});

describe('zero-employment family and labour capacity', () => {
  it('is a zero-employment family when every working-age member able and willing to work is without work', () => {
    const a = assessHousehold(
      [
        member({ employed: false }),
        member({ label: '配偶', sex: 'female', employed: false }),
        member({ label: '子女', birthDate: '2006-03-01', inSchool: true, employed: false }),
        member({ label: '父母', birthDate: '1958-01-01', retired: true, employed: false }),
      ],
      { kind: 'exact', total: 40_000 },
      TODAY,
    );
    expect(a.flags.zeroEmployment.state).toBe('yes');
    expect(a.flags.zeroEmployment.explanation.zh).toBe(
      '劳动年龄内有劳动能力和就业意愿的成员 2 人（户主、配偶）均未就业',
    );
    expect(flagCode(a.flags.zeroEmployment.state)).toBe(2);
  });

  it('is not one when a member works, or when only retirees, students and those unable or unwilling are without work', () => {
    expect(
      assessHousehold([member({ employed: false }), member({ label: '配偶', sex: 'female' })], null, TODAY).flags
        .zeroEmployment.state,
    ).toBe('no');
    const none = assessHousehold(
      [
        member({ birthDate: '1960-01-01', retired: true, employed: false }),
        member({ label: '子女', birthDate: '2005-01-01', inSchool: true, employed: false }),
        member({
          label: '配偶',
          sex: 'female',
          birthDate: '1975-01-01',
          ableToWork: false,
          disabilityGrade: 1,
          employed: false,
        }),
        member({ label: '兄弟姐妹', birthDate: '1990-01-01', willingToWork: false, employed: false }),
      ],
      null,
      TODAY,
    );
    expect(none.flags.zeroEmployment.state).toBe('no');
    expect(none.flags.zeroEmployment.explanation.zh).toContain('劳动年龄成员 3 人');
  });

  it('uses the retirement ages of the rule: a woman of 56 is past working age by default', () => {
    const woman = member({ sex: 'female', birthDate: '1970-01-01', employed: false });
    expect(assessHousehold([woman], null, TODAY).flags.zeroEmployment.state).toBe('no');
    const later = registryRule({ workingAge: { femaleTo: 58 } });
    expect(assessHousehold([woman], null, TODAY, later).flags.zeroEmployment.state).toBe('yes');
  });

  it('flags no labour capacity when no working-age member is able to work', () => {
    const a = assessHousehold(
      [
        member({ birthDate: '1950-01-01', retired: true, employed: false }),
        member({ label: '子女', birthDate: '1985-01-01', ableToWork: false, disabilityGrade: 2, employed: false }),
      ],
      { kind: 'exact', total: 24_000 },
      TODAY,
    );
    expect(a.flags.noLabour.state).toBe('yes');
    expect(a.flags.zeroEmployment.state).toBe('no');
    expect(assessHousehold([member()], null, TODAY).flags.noLabour.state).toBe('no');
  });
});

describe('income figures', () => {
  it('checks brackets against the 10,000-yuan steps and parts against the total', () => {
    expect(incomeProblems({ kind: 'bracket', low: 20_000, high: 30_000 })).toEqual([]);
    expect(incomeProblems({ kind: 'bracket', low: 500_000, high: null })).toEqual([]);
    expect(incomeProblems({ kind: 'bracket', low: 15_000, high: 25_000 })[0]?.field).toBe('bracketLow');
    expect(incomeProblems({ kind: 'bracket', low: 20_000, high: 40_000 })[0]?.field).toBe('bracketHigh');
    expect(incomeProblems({ kind: 'exact', total: -1 })[0]?.field).toBe('total');
    expect(
      incomeProblems(
        { kind: 'exact', total: 50_000 },
        { wages: 30_000, business: 10_000, property: 0, transfers: 10_000 },
      ),
    ).toEqual([]);
    expect(
      incomeProblems(
        { kind: 'exact', total: 50_000 },
        { wages: 30_000, business: 10_000, property: 0, transfers: 5_000 },
      )[0]?.message.zh,
    ).toBe('四项收入之和 45000 元与年收入 50000 元不符');
    expect(incomeProblems({ kind: 'exact', total: 50_000 }, { wages: 60_000 })[0]?.field).toBe('total');
  });
});
