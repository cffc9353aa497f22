/**
 * The household registry's vocabulary and its judgement of one household (DOMAIN.md §2.5, issue 8): who counts as
 * working age, the flags — below 10,000 yuan per capita, zero-employment family, no labour capacity, near the line —
 * each with its state (yes / possibly / no) and the sentence that says why, from which figures; and the household's
 * income class under the configurable middle-income rule (`classifyIncome` of inequality.ts).
 *
 * Pure: the members, the income figure and "today" in; nothing read from anywhere. The server stores the result on
 * the household row (flag columns, class bits) so that statistics read one table; it recomputes on every change.
 */
import {
  classifyIncome,
  DEFAULT_INCOME_CLASS_RULE,
  type IncomeClass,
  type IncomeClassification,
  type IncomeClassRule,
} from '../inequality.ts';
import { formatNumber, type LocalizedText } from '../text.ts';
import { FLAG_NO, FLAG_POSSIBLY, FLAG_YES, STAT_FLAGS, type StatFlag } from './statistics.ts';

// ——— vocabulary ———

/**
 * The roles of household monitoring, who see named households in full within their scope (and so always use the
 * second factor): village/community cadres and township officers (entry scope on their villages), civil-affairs and
 * human-resources officers (their case kinds across their scope). Leaders and work teams see statistics only.
 */
export const HOUSEHOLD_ROLES = ['villageCadre', 'townshipOfficer', 'civilAffairsOfficer', 'hrOfficer'] as const;
export type HouseholdRole = (typeof HOUSEHOLD_ROLES)[number];
/** Of those, the ones that write the registry (within their entry scope). */
export const HOUSEHOLD_WRITERS: readonly HouseholdRole[] = ['villageCadre', 'townshipOfficer'];

export const RELATIONS = ['head', 'spouse', 'child', 'childInLaw', 'parent', 'grandchild', 'sibling', 'other'] as const;
export type Relation = (typeof RELATIONS)[number];
export const RELATION_NAMES: Readonly<Record<Relation, LocalizedText>> = {
  head: { zh: '户主', en: 'Head' },
  spouse: { zh: '配偶', en: 'Spouse' },
  child: { zh: '子女', en: 'Child' },
  childInLaw: { zh: '儿媳/女婿', en: 'Child-in-law' },
  parent: { zh: '父母', en: 'Parent' },
  grandchild: { zh: '孙子女', en: 'Grandchild' },
  sibling: { zh: '兄弟姐妹', en: 'Sibling' },
  other: { zh: '其他', en: 'Other' },
};

export const SEXES = ['male', 'female'] as const;
export type Sex = (typeof SEXES)[number];

/** Disability certificate grades (残疾人证 一级 … 四级); 1 is the most severe. */
export const DISABILITY_GRADES = [1, 2, 3, 4] as const;
export type DisabilityGrade = (typeof DISABILITY_GRADES)[number];

/** Where an income figure comes from. */
export const INCOME_SOURCES = ['survey', 'verification', 'department'] as const;
export type IncomeSource = (typeof INCOME_SOURCES)[number];
export const INCOME_SOURCE_NAMES: Readonly<Record<IncomeSource, LocalizedText>> = {
  survey: { zh: '收入摸底调查', en: 'Income survey' },
  verification: { zh: '入户核查', en: 'Verification visit' },
  department: { zh: '部门数据', en: 'Department data' },
};

/** The parts of an exact income, as the survey records them (工资性、经营净、财产净、转移净收入). */
export const INCOME_PARTS = ['wages', 'business', 'property', 'transfers'] as const;
export type IncomePart = (typeof INCOME_PARTS)[number];
export const INCOME_PART_NAMES: Readonly<Record<IncomePart, LocalizedText>> = {
  wages: { zh: '工资性收入', en: 'Wages' },
  business: { zh: '经营净收入', en: 'Business' },
  property: { zh: '财产净收入', en: 'Property' },
  transfers: { zh: '转移净收入', en: 'Transfers' },
};

/** The survey's step: brackets are [n × 10,000, (n + 1) × 10,000) of household annual income. */
export const BRACKET_STEP = 10_000;

export const FLAG_NAMES: Readonly<Record<StatFlag, LocalizedText>> = {
  below10k: { zh: '人均收入1万元以下', en: 'Below 10,000 per capita' },
  zeroEmployment: { zh: '零就业家庭', en: 'Zero-employment family' },
  noLabour: { zh: '无劳动能力户', en: 'No labour capacity' },
  nearLine: { zh: '临界户（接近1万元线）', en: 'Near the line' },
};

export const INCOME_CLASS_NAMES: Readonly<Record<IncomeClass, LocalizedText>> = {
  below10k: { zh: '1万元以下', en: 'Below 10,000' },
  low: { zh: '低收入', en: 'Low' },
  middle: { zh: '中等收入', en: 'Middle' },
  high: { zh: '高收入', en: 'High' },
};

// ——— the rule ———

export interface RegistryRule {
  income: IncomeClassRule;
  /** Near the line: per-capita income at or above the bottom line and below it × (1 + margin). Default 20 %. */
  nearLineMargin: number;
  /** Working age (法定劳动年龄): from `from` (inclusive) to the sex's retirement age (exclusive). */
  workingAge: { from: number; maleTo: number; femaleTo: number };
}

export const DEFAULT_REGISTRY_RULE: Readonly<RegistryRule> = {
  income: DEFAULT_INCOME_CLASS_RULE,
  nearLineMargin: 0.2,
  workingAge: { from: 16, maleTo: 60, femaleTo: 55 },
};

/** The rule with overrides, checked. */
export function registryRule(
  overrides: {
    income?: Partial<IncomeClassRule>;
    nearLineMargin?: number;
    workingAge?: Partial<RegistryRule['workingAge']>;
  } = {},
): RegistryRule {
  const rule: RegistryRule = {
    income: { ...DEFAULT_INCOME_CLASS_RULE, ...overrides.income },
    nearLineMargin: overrides.nearLineMargin ?? DEFAULT_REGISTRY_RULE.nearLineMargin,
    workingAge: { ...DEFAULT_REGISTRY_RULE.workingAge, ...overrides.workingAge },
  };
  if (!(rule.nearLineMargin >= 0 && rule.nearLineMargin <= 1)) {
    throw new RangeError(`Near-line margin must be between 0 and 1, got ${rule.nearLineMargin}`);
  }
  const w = rule.workingAge;
  if (!(w.from >= 0 && w.maleTo > w.from && w.femaleTo > w.from)) {
    throw new RangeError(`Invalid working age ${w.from}–${w.maleTo}/${w.femaleTo}`);
  }
  return rule;
}

/** A sentence stating the middle-income rule as configured, for every page that counts it. */
export function describeIncomeRule(r: IncomeClassRule): LocalizedText {
  const band = `${formatNumber(r.middleLow / 10_000)}–${formatNumber(r.middleHigh / 10_000)}`;
  return r.basis === 'perCapita'
    ? {
        zh: `中等收入：${r.referenceSize}口之家年收入${band}万元，其他规模家庭按人均折算（人均 ${formatNumber(r.middleLow / r.referenceSize, 0)}–${formatNumber(r.middleHigh / r.referenceSize, 0)} 元）；人均1万元以下另计`,
        en: `Middle income: a ${r.referenceSize}-person household with ${band} ten-thousand yuan a year; other sizes per capita (${formatNumber(r.middleLow / r.referenceSize, 0)}–${formatNumber(r.middleHigh / r.referenceSize, 0)} yuan each)`,
      }
    : {
        zh: `中等收入：家庭年收入${band}万元（不论人口）`,
        en: `Middle income: household income of ${band} ten-thousand yuan a year, whatever its size`,
      };
}

// ——— the household as the judgement needs it ———

export interface MemberFacts {
  /** A label for explanations: the relation or a masked name — never an ID. */
  label: string;
  sex: Sex;
  birthDate: string;
  inSchool: boolean;
  retired: boolean;
  disabilityGrade: DisabilityGrade | null;
  seriouslyIll: boolean;
  ableToWork: boolean;
  willingToWork: boolean;
  employed: boolean;
}

/** An income figure: exact (with optional parts) or only the survey's bracket [low, high), high null when open. */
export type IncomeFigure = { kind: 'exact'; total: number } | { kind: 'bracket'; low: number; high: number | null };

/** Whole years of age on `today` (both `YYYY-MM-DD`). @example ageOn('1990-06-15', '2026-06-14') === 35 */
export function ageOn(birthDate: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

export function isWorkingAge(m: Pick<MemberFacts, 'sex' | 'birthDate'>, today: string, rule: RegistryRule): boolean {
  const age = ageOn(m.birthDate, today);
  return age >= rule.workingAge.from && age < (m.sex === 'male' ? rule.workingAge.maleTo : rule.workingAge.femaleTo);
}

/**
 * Checks an income figure: totals and parts ≥ 0, parts adding up to the total, a bracket on the 10,000-yuan steps.
 * Returns the problems by field (empty when valid).
 *
 * @example incomeProblems({ kind: 'bracket', low: 15_000, high: 25_000 }) → [bracketLow: 不是1万元阶梯]
 */
export function incomeProblems(
  figure: IncomeFigure,
  parts: Partial<Record<IncomePart, number | null>> = {},
): { field: string; message: LocalizedText }[] {
  const out: { field: string; message: LocalizedText }[] = [];
  if (figure.kind === 'exact') {
    if (!Number.isFinite(figure.total) || figure.total < 0) {
      out.push({ field: 'total', message: { zh: '年收入应为不小于0的数', en: 'Income must be a number ≥ 0' } });
      return out;
    }
    const given = INCOME_PARTS.map((p) => parts[p]).filter((v): v is number => typeof v === 'number');
    if (given.length > 0) {
      const sum = given.reduce((a, b) => a + b, 0);
      if (given.length === INCOME_PARTS.length && Math.abs(sum - figure.total) > 0.5) {
        out.push({
          field: 'total',
          message: {
            zh: `四项收入之和 ${formatNumber(sum)} 元与年收入 ${formatNumber(figure.total)} 元不符`,
            en: `The four parts add up to ${formatNumber(sum)}, not the total ${formatNumber(figure.total)}`,
          },
        });
      } else if (sum > figure.total + 0.5 && INCOME_PARTS.every((p) => (parts[p] ?? 0) >= 0)) {
        out.push({
          field: 'total',
          message: {
            zh: `已填各项收入之和 ${formatNumber(sum)} 元超过年收入 ${formatNumber(figure.total)} 元`,
            en: `The parts given add up to ${formatNumber(sum)}, more than the total ${formatNumber(figure.total)}`,
          },
        });
      }
    }
    return out;
  }
  if (!Number.isInteger(figure.low) || figure.low < 0 || figure.low % BRACKET_STEP !== 0) {
    out.push({
      field: 'bracketLow',
      message: {
        zh: `收入档 ${formatNumber(figure.low)} 元不是1万元阶梯（应为0、10000、20000……）`,
        en: `Bracket ${formatNumber(figure.low)} is not a 10,000-yuan step (0, 10000, 20000 …)`,
      },
    });
  } else if (figure.high !== null && figure.high !== figure.low + BRACKET_STEP) {
    out.push({
      field: 'bracketHigh',
      message: {
        zh: `收入档上限应为 ${formatNumber(figure.low + BRACKET_STEP)} 元（1万元一档）`,
        en: `The bracket's upper bound must be ${formatNumber(figure.low + BRACKET_STEP)} (one 10,000-yuan step)`,
      },
    });
  }
  return out;
}

// ——— the judgement ———

export type FlagState = 'yes' | 'possibly' | 'no';

export interface FlagResult {
  state: FlagState;
  /** Why, from which figures (shown beside the flag; never an ID or a phone). */
  explanation: LocalizedText;
}

export interface HouseholdAssessment {
  size: number;
  /** Per-capita annual income, or its range for a bracket (`high` exclusive, null when open); null without income. */
  perCapita: { low: number; high: number | null } | null;
  classification: IncomeClassification | null;
  flags: Record<StatFlag, FlagResult>;
  /** Candidate classes as statistics.ts's bit mask (1 below10k, 2 low, 4 middle, 8 high); 0 without income. */
  classBits: number;
}

const STATE_CODE: Record<FlagState, number> = { no: FLAG_NO, possibly: FLAG_POSSIBLY, yes: FLAG_YES };
/** The stored code of a flag state (statistics.ts: 0 no, 1 possibly, 2 yes). */
export function flagCode(state: FlagState): number {
  return STATE_CODE[state];
}
export function flagState(code: number): FlagState {
  return code === FLAG_YES ? 'yes' : code === FLAG_POSSIBLY ? 'possibly' : 'no';
}

const CLASS_BIT: Record<IncomeClass, number> = { below10k: 1, low: 2, middle: 4, high: 8 };
const yuan = (v: number) => formatNumber(v, 0);

function incomeText(figure: IncomeFigure, size: number): LocalizedText {
  if (figure.kind === 'exact') {
    return {
      zh: `家庭年收入 ${yuan(figure.total)} 元，${size} 人，人均 ${yuan(figure.total / size)} 元`,
      en: `household income ${yuan(figure.total)} yuan, ${size} persons, ${yuan(figure.total / size)} each`,
    };
  }
  const hi = figure.high === null ? null : figure.high;
  return hi === null
    ? {
        zh: `仅知收入档 ${yuan(figure.low)} 元以上，${size} 人，人均 ${yuan(figure.low / size)} 元以上`,
        en: `only the bracket ${yuan(figure.low)}+ yuan, ${size} persons, ${yuan(figure.low / size)}+ each`,
      }
    : {
        zh: `仅知收入档 ${yuan(figure.low)}–${yuan(hi)} 元，${size} 人，人均 ${yuan(figure.low / size)}–${yuan(hi / size)} 元`,
        en: `only the bracket ${yuan(figure.low)}–${yuan(hi)} yuan, ${size} persons, ${yuan(figure.low / size)}–${yuan(hi / size)} each`,
      };
}

/** Whether per-capita income lies in [from, to): yes, possibly (the bracket straddles), no. */
function perCapitaIn(pc: { low: number; high: number | null }, exact: boolean, from: number, to: number): FlagState {
  if (exact) return pc.low >= from && pc.low < to ? 'yes' : 'no';
  const high = pc.high ?? Infinity;
  // The bracket is [low, high): it meets [from, to) when low < to and high > from.
  if (pc.low >= to || high <= from) return 'no';
  return pc.low >= from && high <= to ? 'yes' : 'possibly';
}

/**
 * Judges one household: its income class and the four flags, each with the figures behind it.
 *
 * Zero-employment family (零就业家庭): the members of working age who are not retired and not in school, and who are
 * able and willing to work (an employed member is both), are all without work — and there is at least one such
 * member. No labour capacity (无劳动能力): no member of working age who is able to work and not in school.
 *
 * @example assessHousehold([adultMan('1980-01-01', unemployed), student], { kind: 'exact', total: 18_000 },
 *   '2026-12-02') → below10k yes ("家庭年收入 18000 元，2 人，人均 9000 元，低于 10000 元"), zeroEmployment yes
 */
export function assessHousehold(
  members: readonly MemberFacts[],
  income: IncomeFigure | null,
  today: string,
  rule: RegistryRule = DEFAULT_REGISTRY_RULE,
): HouseholdAssessment {
  const size = Math.max(1, members.length);
  const line = rule.income.bottomLine;
  const near = line * (1 + rule.nearLineMargin);

  let classification: IncomeClassification | null = null;
  let perCapita: HouseholdAssessment['perCapita'] = null;
  let below10k: FlagResult;
  let nearLine: FlagResult;
  if (income === null || members.length === 0) {
    const none: LocalizedText =
      members.length === 0
        ? { zh: '家庭无成员，无法判断', en: 'The household has no members' }
        : { zh: '尚无收入数据，无法判断', en: 'No income recorded yet' };
    below10k = { state: 'no', explanation: none };
    nearLine = { state: 'no', explanation: none };
  } else {
    classification = classifyIncome(
      income.kind === 'exact'
        ? { size, income: income.total }
        : { size, bracketLow: income.low, bracketHigh: income.high },
      rule.income,
    );
    perCapita = classification.perCapita;
    const exact = income.kind === 'exact';
    const base = incomeText(income, size);
    const belowState = perCapitaIn(perCapita, exact, -Infinity, line);
    const belowWords: Record<FlagState, LocalizedText> = {
      yes: { zh: `低于 ${yuan(line)} 元`, en: `below ${yuan(line)}` },
      possibly: {
        zh: `收入档跨越 ${yuan(line)} 元线，可能低于`,
        en: `the bracket straddles ${yuan(line)}: possibly below`,
      },
      no: { zh: `不低于 ${yuan(line)} 元`, en: `not below ${yuan(line)}` },
    };
    below10k = {
      state: belowState,
      explanation: { zh: `${base.zh}，${belowWords[belowState].zh}`, en: `${base.en}: ${belowWords[belowState].en}` },
    };
    const nearState = perCapitaIn(perCapita, exact, line, near);
    const pct = formatNumber(rule.nearLineMargin * 100, 1);
    const nearWords: Record<FlagState, LocalizedText> = {
      yes: {
        zh: `在 ${yuan(line)}–${yuan(near)} 元之间（高出线不足 ${pct}%）`,
        en: `between ${yuan(line)} and ${yuan(near)} (within ${pct}% above the line)`,
      },
      possibly: {
        zh: `收入档与 ${yuan(line)}–${yuan(near)} 元临界区间重叠，可能为临界户`,
        en: `the bracket overlaps ${yuan(line)}–${yuan(near)}: possibly near the line`,
      },
      no: {
        zh: `不在 ${yuan(line)}–${yuan(near)} 元临界区间`,
        en: `not between ${yuan(line)} and ${yuan(near)}`,
      },
    };
    nearLine = {
      state: nearState,
      explanation: { zh: `${base.zh}，${nearWords[nearState].zh}`, en: `${base.en}: ${nearWords[nearState].en}` },
    };
  }

  const working = members.filter((m) => isWorkingAge(m, today, rule));
  const available = working.filter(
    (m) => !m.retired && !m.inSchool && (m.employed || (m.ableToWork && m.willingToWork)),
  );
  const employed = available.filter((m) => m.employed);
  const excluded = working.length - available.length;
  let zeroEmployment: FlagResult;
  if (available.length === 0) {
    zeroEmployment = {
      state: 'no',
      explanation: {
        zh: `无法定劳动年龄内有劳动能力和就业意愿的成员（劳动年龄成员 ${working.length} 人，其中在校、退休或无劳动能力/就业意愿 ${excluded} 人）`,
        en: `No working-age member able and willing to work (${working.length} of working age, ${excluded} in school, retired, unable or unwilling)`,
      },
    };
  } else if (employed.length === 0) {
    zeroEmployment = {
      state: 'yes',
      explanation: {
        zh: `劳动年龄内有劳动能力和就业意愿的成员 ${available.length} 人（${available.map((m) => m.label).join('、')}）均未就业`,
        en: `All ${available.length} working-age members able and willing to work (${available.map((m) => m.label).join(', ')}) are without work`,
      },
    };
  } else {
    zeroEmployment = {
      state: 'no',
      explanation: {
        zh: `${employed.length} 名成员就业（${employed.map((m) => m.label).join('、')}）`,
        en: `${employed.length} member(s) in work (${employed.map((m) => m.label).join(', ')})`,
      },
    };
  }

  const labour = working.filter((m) => m.ableToWork && !m.inSchool);
  const noLabour: FlagResult =
    labour.length === 0
      ? {
          state: members.length === 0 ? 'no' : 'yes',
          explanation: {
            zh: `无劳动年龄内有劳动能力的成员（${members.length} 人中劳动年龄 ${working.length} 人，均在校、残疾、重病或无劳动能力）`,
            en: `No working-age member able to work (${working.length} of ${members.length} of working age, all in school, disabled, ill or unable)`,
          },
        }
      : {
          state: 'no',
          explanation: {
            zh: `有劳动能力的劳动年龄成员 ${labour.length} 人`,
            en: `${labour.length} working-age member(s) able to work`,
          },
        };
  if (members.length === 0) noLabour.explanation = { zh: '家庭无成员', en: 'The household has no members' };

  const classBits = classification ? classification.candidates.reduce((bits, c) => bits | CLASS_BIT[c], 0) : 0;
  return {
    size: members.length,
    perCapita,
    classification,
    flags: { below10k, zeroEmployment, noLabour, nearLine },
    classBits,
  };
}

/** The flags set (yes or possibly) on an assessment, in the statistics' order. */
export function raisedFlags(a: HouseholdAssessment): StatFlag[] {
  return STAT_FLAGS.filter((f) => a.flags[f].state !== 'no');
}
