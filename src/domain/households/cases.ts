/**
 * Dynamic monitoring cases of low-income households (防止返贫动态监测 / 低收入人口动态监测, DOMAIN.md §2.5, issue 8):
 * the workflow from a lead to the closed case, with every deadline as data. Pure: the case's facts and "today" in,
 * the next state, the deadlines, the warnings and the clearing figures out. The server asks it before every act.
 *
 *   (lead: flag | cadre visit | self-report | department data match)
 *   warning ─recordVisit→ visited ─compareData→ compared ─democraticReview→ reviewed ─startNotice→ noticed (公示 ≥ 5 days)
 *   noticed ─townshipApprove→ townshipApproved ─countyApprove→ confirmed (认定, help measures, income re-verified)
 *   any verifying state ─dismiss (with a reason)→ dismissed
 *   confirmed ─removeRisk (rule checked)→ riskRemoved (watch period) ─close (watch period over)→ closed (销号)
 *   riskRemoved ─rollbackRemoval→ confirmed;  closed | dismissed ─reflag→ warning (a new lead, new deadlines)
 *
 * The verification deadlines count from the lead (入户核查 → 信息比对 → 民主评议 → 村级公示 → 乡镇审核 → 县级审定 within
 * about 15 days of it, as the practice has it); after confirmation the first help measure and each income
 * re-verification are due at their own intervals. Days are calendar days in China Standard Time.
 */
import { formatNumber, type LocalizedText } from '../text.ts';
import { addDays, daysBetween, isDate, monthOf } from '../lists/dates.ts';

// ——— vocabulary ———

/** How a case was found. */
export const CASE_SOURCES = ['flag', 'visit', 'selfReport', 'dataMatch'] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];

export const CASE_SOURCE_NAMES: Readonly<Record<CaseSource, LocalizedText>> = {
  flag: { zh: '系统预警', en: 'Registry flag' },
  visit: { zh: '干部走访', en: 'Cadre visit' },
  selfReport: { zh: '农户自主申报', en: 'Self-report' },
  dataMatch: { zh: '部门数据比对', en: 'Department data match' },
};

/** How the risk of a kind is judged removed: income stably above the line, or a member in stable work. */
export type RemovalRule = 'income' | 'employment';

/** A kind of case: built in, or added by the city (then with its own code and names). */
export interface CaseKindDef {
  code: string;
  name: LocalizedText;
  removal: RemovalRule;
  /** The officers who handle this kind at county level (民政 or 人社). */
  department: 'civilAffairs' | 'humanResources';
  /** Deadlines of this kind that differ from the defaults. */
  deadlines?: Partial<CaseDeadlines>;
}

/** The kinds every city has. Codes are stable; names follow the practice's wording. */
export const BUILTIN_CASE_KINDS: readonly CaseKindDef[] = Object.freeze([
  {
    code: 'below10k',
    name: { zh: '年人均收入1万元以下', en: 'Per-capita income below 10,000 yuan' },
    removal: 'income',
    department: 'civilAffairs',
  },
  {
    code: 'zeroEmployment',
    name: { zh: '零就业家庭', en: 'Zero-employment family' },
    removal: 'employment',
    department: 'humanResources',
    // The community verifies within 7 days; a member is placed in work within days of the confirmation.
    deadlines: { visitDays: 3, firstMeasureDays: 5 },
  },
  {
    code: 'illness',
    name: { zh: '突发困难·因病', en: 'Sudden hardship: illness' },
    removal: 'income',
    department: 'civilAffairs',
  },
  {
    code: 'disaster',
    name: { zh: '突发困难·因灾', en: 'Sudden hardship: disaster' },
    removal: 'income',
    department: 'civilAffairs',
  },
  {
    code: 'accident',
    name: { zh: '突发困难·因意外事故', en: 'Sudden hardship: accident' },
    removal: 'income',
    department: 'civilAffairs',
  },
]);

/** The kinds whose open cases past their deadline must be zero (年收入1万元以下、零就业家庭动态清零). */
export const CLEARING_TARGET_KINDS: readonly string[] = ['below10k', 'zeroEmployment'];

export const CASE_STATUSES = [
  'warning',
  'visited',
  'compared',
  'reviewed',
  'noticed',
  'townshipApproved',
  'confirmed',
  'riskRemoved',
  'closed',
  'dismissed',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_STATUS_NAMES: Readonly<Record<CaseStatus, LocalizedText>> = {
  warning: { zh: '预警待核查', en: 'Warning, to verify' },
  visited: { zh: '已入户核查', en: 'Visited' },
  compared: { zh: '已信息比对', en: 'Data compared' },
  reviewed: { zh: '已民主评议', en: 'Reviewed by the village' },
  noticed: { zh: '村级公示中', en: 'On public notice' },
  townshipApproved: { zh: '乡镇已审核', en: 'Approved by the township' },
  confirmed: { zh: '已认定·帮扶中', en: 'Confirmed, being helped' },
  riskRemoved: { zh: '风险已消除·观察期', en: 'Risk removed, under watch' },
  closed: { zh: '已销号', en: 'Closed' },
  dismissed: { zh: '不予认定', en: 'Dismissed' },
};

/** Being verified: from the lead to the county's decision. */
export const VERIFYING_STATUSES: readonly CaseStatus[] = [
  'warning',
  'visited',
  'compared',
  'reviewed',
  'noticed',
  'townshipApproved',
];
/** Still at risk: verifying or confirmed (not yet removed). These are the "open" cases of the clearing figures. */
export const OPEN_STATUSES: readonly CaseStatus[] = [...VERIFYING_STATUSES, 'confirmed'];
/** Worked on (deadlines watched): open, or under watch after the removal. */
export const LIVE_CASE_STATUSES: readonly CaseStatus[] = [...OPEN_STATUSES, 'riskRemoved'];

/** Help measures (帮扶措施): the kinds the practice uses. */
export const MEASURE_KINDS = [
  'jobPlacement',
  'publicWelfarePost',
  'training',
  'industrySupport',
  'minimumLiving',
  'medical',
  'education',
  'housing',
  'temporaryAssistance',
  'other',
] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];

export const MEASURE_KIND_NAMES: Readonly<Record<MeasureKind, LocalizedText>> = {
  jobPlacement: { zh: '就业帮扶（推荐就业）', en: 'Job placement' },
  publicWelfarePost: { zh: '公益性岗位安置', en: 'Public-welfare post' },
  training: { zh: '技能培训', en: 'Skills training' },
  industrySupport: { zh: '产业帮扶', en: 'Industry support' },
  minimumLiving: { zh: '低保/特困救助', en: 'Minimum living allowance / destitute support' },
  medical: { zh: '医疗救助', en: 'Medical assistance' },
  education: { zh: '教育资助', en: 'Education support' },
  housing: { zh: '住房安全保障', en: 'Housing safety' },
  temporaryAssistance: { zh: '临时救助', en: 'Temporary assistance' },
  other: { zh: '其他措施', en: 'Other' },
};

// ——— the rules: deadlines and thresholds as data ———

/** Days after the lead by which each verification step is due, and the intervals after confirmation. */
export interface CaseDeadlines {
  /** 入户核查: the verification visit. */
  visitDays: number;
  /** 信息比对: comparison with department data. */
  compareDays: number;
  /** 民主评议: the village's democratic review. */
  reviewDays: number;
  /** 村级公示 starts by this day. */
  noticeStartDays: number;
  /** 乡镇审核 (never before the public notice has run its days). */
  townshipDays: number;
  /** 县级审定: the confirmation, about 15 days after the lead. */
  countyDays: number;
  /** Days after confirmation by which the first help measure is recorded. */
  firstMeasureDays: number;
}

export interface CaseRules {
  deadlines: CaseDeadlines;
  /** The public notice runs at least this many days (≥ 5 in the practice). */
  noticeMinDays: number;
  /** Income is re-verified at least every this many months while a case is confirmed. */
  reverifyMonths: number;
  /** The per-capita annual income line of the income rule, yuan. */
  incomeLine: number;
  /** Income stably above the line for at least this many months before the risk is removed (in principle ≥ 6). */
  stableMonths: number;
  /** For zero-employment: a member in work for at least this many months counts as stable (a quarter). */
  stableWorkMonths: number;
  /** After the removal the case stays under watch this many months, then may be closed. */
  watchMonths: number;
  /** A blue warning when a step is due within this many days. */
  approachDays: number;
  /** An overdue step is yellow; red once it is more than this many days overdue. */
  redAfterDays: number;
  /** A supervision notice is issued by itself after this many yellow or red warnings since the last; 0 = never. */
  autoNoticeAfterWarnings: number;
  /** Days the township has to answer a supervision notice on a case. */
  noticeAnswerDays: number;
  /** The kinds the city added to the built-in ones. */
  extraKinds: CaseKindDef[];
  /**
   * Which registry flags open a case by themselves (系统预警), and from which state: `certain` when the flag becomes
   * "yes", `possible` already when it becomes "possibly" (a bracket-only income that may be below the line), `off`
   * never (cadres open cases by hand).
   */
  autoOpen: Record<AutoOpenFlag, AutoOpenWhen>;
}

/** The registry flags that may open a case, each of the kind of the same code. */
export const AUTO_OPEN_FLAGS = ['below10k', 'zeroEmployment'] as const;
export type AutoOpenFlag = (typeof AUTO_OPEN_FLAGS)[number];
export const AUTO_OPEN_WHEN = ['certain', 'possible', 'off'] as const;
export type AutoOpenWhen = (typeof AUTO_OPEN_WHEN)[number];

/** A household's flag before and after a change, as the registry stores it (0 no, 1 possibly, 2 yes). */
export interface FlagChange {
  householdId: string;
  villageId: string;
  flag: AutoOpenFlag;
  before: 0 | 1 | 2;
  after: 0 | 1 | 2;
  /** Why the registry says so (the flag's explanation), kept as the lead's reason. */
  because: string;
}

/**
 * The leads a registry change raises under the rules: a flag that newly reaches the configured state (from below it)
 * opens a case of its kind; staying flagged, or going down, raises nothing — so re-saving a flagged household
 * never opens a second case.
 *
 * @example
 * flagLeads([{ householdId: 'h1', villageId: 'v', flag: 'below10k', before: 0, after: 2, because: '人均8,000元' }],
 *   DEFAULT_CASE_RULES) // → [{ householdId: 'h1', villageId: 'v', kind: 'below10k', reason: '人均8,000元' }]
 */
export function flagLeads(
  changes: readonly FlagChange[],
  rules: Pick<CaseRules, 'autoOpen'>,
): { householdId: string; villageId: string; kind: AutoOpenFlag; reason: string }[] {
  const out: { householdId: string; villageId: string; kind: AutoOpenFlag; reason: string }[] = [];
  for (const c of changes) {
    const when = rules.autoOpen[c.flag];
    if (when === 'off') continue;
    const threshold = when === 'certain' ? 2 : 1;
    if (c.before < threshold && c.after >= threshold) {
      out.push({ householdId: c.householdId, villageId: c.villageId, kind: c.flag, reason: c.because });
    }
  }
  return out;
}

export const DEFAULT_CASE_RULES: Readonly<CaseRules> = Object.freeze<CaseRules>({
  deadlines: Object.freeze({
    visitDays: 3,
    compareDays: 5,
    reviewDays: 7,
    noticeStartDays: 8,
    townshipDays: 14,
    countyDays: 15,
    firstMeasureDays: 10,
  }),
  noticeMinDays: 5,
  reverifyMonths: 3,
  incomeLine: 10000,
  stableMonths: 6,
  stableWorkMonths: 3,
  watchMonths: 6,
  approachDays: 2,
  redAfterDays: 5,
  autoNoticeAfterWarnings: 2,
  noticeAnswerDays: 7,
  extraKinds: [],
  autoOpen: Object.freeze({ below10k: 'certain', zeroEmployment: 'certain' }),
});

/** An error in the configured rules, naming the field. */
export class CaseRulesError extends Error {
  readonly field: string;
  readonly text: { zh: string; en: string };
  constructor(field: string, text: { zh: string; en: string }) {
    super(text.zh);
    this.name = 'CaseRulesError';
    this.field = field;
    this.text = text;
  }
}

/**
 * The defaults overlaid with what the city stored; throws {@link CaseRulesError} when the steps would run out of
 * order or a city kind reuses a built-in code.
 *
 * @example resolveCaseRules({ stableMonths: 12 }).stableMonths === 12; resolveCaseRules({}).deadlines.countyDays === 15
 */
export function resolveCaseRules(
  partial: Partial<Omit<CaseRules, 'deadlines' | 'autoOpen'>> & {
    deadlines?: Partial<CaseDeadlines>;
    autoOpen?: Partial<CaseRules['autoOpen']>;
  } = {},
): CaseRules {
  const rules: CaseRules = {
    ...DEFAULT_CASE_RULES,
    ...partial,
    deadlines: { ...DEFAULT_CASE_RULES.deadlines, ...partial.deadlines },
    extraKinds: [...(partial.extraKinds ?? [])],
    autoOpen: { ...DEFAULT_CASE_RULES.autoOpen, ...partial.autoOpen },
  };
  checkDeadlines(rules.deadlines, 'deadlines');
  for (const f of AUTO_OPEN_FLAGS) {
    if (!(AUTO_OPEN_WHEN as readonly string[]).includes(rules.autoOpen[f]))
      throw new CaseRulesError(`autoOpen.${f}`, {
        zh: '须为 certain、possible 或 off',
        en: 'certain, possible or off',
      });
  }
  for (const key of [
    'noticeMinDays',
    'reverifyMonths',
    'incomeLine',
    'stableMonths',
    'stableWorkMonths',
    'watchMonths',
    'approachDays',
    'redAfterDays',
    'autoNoticeAfterWarnings',
    'noticeAnswerDays',
  ] as const) {
    if (!Number.isInteger(rules[key]) || rules[key] < 0)
      throw new CaseRulesError(key, { zh: '须为非负整数', en: 'a whole number ≥ 0' });
  }
  if (rules.noticeMinDays < 5)
    throw new CaseRulesError('noticeMinDays', { zh: '村级公示不少于5天', en: 'at least 5 days' });
  if (rules.stableMonths < 1) throw new CaseRulesError('stableMonths', { zh: '至少1个月', en: 'at least one month' });
  const builtin = new Set(BUILTIN_CASE_KINDS.map((k) => k.code));
  const seen = new Set<string>();
  for (const [i, k] of rules.extraKinds.entries()) {
    if (!/^[a-zA-Z][a-zA-Z0-9_-]{1,39}$/.test(k.code))
      throw new CaseRulesError(`extraKinds.${i}.code`, {
        zh: '类别代码须为字母开头的2–40位字母数字',
        en: 'a letter then 1–39 letters or digits',
      });
    if (builtin.has(k.code) || seen.has(k.code))
      throw new CaseRulesError(`extraKinds.${i}.code`, {
        zh: `类别代码“${k.code}”已存在`,
        en: `kind ${k.code} exists`,
      });
    seen.add(k.code);
    if (k.deadlines) checkDeadlines({ ...rules.deadlines, ...k.deadlines }, `extraKinds.${i}.deadlines`);
  }
  return rules;
}

function checkDeadlines(d: CaseDeadlines, field: string): void {
  const order: (keyof CaseDeadlines)[] = [
    'visitDays',
    'compareDays',
    'reviewDays',
    'noticeStartDays',
    'townshipDays',
    'countyDays',
  ];
  for (const [i, key] of order.entries()) {
    const v = d[key];
    if (!Number.isInteger(v) || v < 0)
      throw new CaseRulesError(`${field}.${key}`, { zh: '须为非负整数', en: 'a whole number ≥ 0' });
    const prev = order[i - 1];
    if (prev !== undefined && v < d[prev])
      throw new CaseRulesError(`${field}.${key}`, {
        zh: `不能早于上一步（${d[prev]}天）`,
        en: `not before the previous step`,
      });
  }
  if (!Number.isInteger(d.firstMeasureDays) || d.firstMeasureDays < 0)
    throw new CaseRulesError(`${field}.firstMeasureDays`, { zh: '须为非负整数', en: 'a whole number ≥ 0' });
}

/** Every kind in force: the built-in ones, then the city's. */
export function caseKinds(rules: Pick<CaseRules, 'extraKinds'>): CaseKindDef[] {
  return [...BUILTIN_CASE_KINDS, ...rules.extraKinds];
}

/** The definition of a kind; undefined for a code the city does not (or no longer) have. */
export function caseKind(rules: Pick<CaseRules, 'extraKinds'>, code: string): CaseKindDef | undefined {
  return caseKinds(rules).find((k) => k.code === code);
}

/** The deadlines of a kind: the defaults with the kind's own. */
export function kindDeadlines(rules: CaseRules, kind: string): CaseDeadlines {
  return { ...rules.deadlines, ...caseKind(rules, kind)?.deadlines };
}

// ——— months ———

/**
 * The day `n` months after `date`, clamped to the end of a shorter month.
 *
 * @example addMonths('2026-08-31', 6) === '2027-02-28'; addMonths('2026-12-02', -6) === '2026-06-02'
 */
export function addMonths(date: string, n: number): string {
  if (!isDate(date)) throw new Error(`Invalid date ${JSON.stringify(date)}`);
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + n;
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(Number(date.slice(8, 10)), last);
  return `${year}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Whole months from `from` to `to` (a month is complete on the same day of the month).
 *
 * @example monthsBetween('2026-05-15', '2026-11-15') === 6; monthsBetween('2026-05-15', '2026-11-14') === 5
 */
export function monthsBetween(from: string, to: string): number {
  let n = (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7));
  if (addMonths(from, n) > to) n--;
  return n;
}

// ——— the case and its workflow ———

/** An income re-verification (收入再核实) as the workflow reads it. */
export interface Reverification {
  on: string;
  /** The verified per-capita annual income, yuan. */
  perCapitaIncome: number;
  /** Since when the verified income has been above the line (null when it is not). */
  aboveLineSince: string | null;
  /** For zero-employment: since when at least one member has been in work (null when nobody is). */
  employedSince: string | null;
  /** The rigid costs (illness, schooling, housing …) that caused the risk are solved. */
  rigidCostsSolved: boolean;
}

/** The facts of a case that the workflow reads. */
export interface CaseFacts {
  kind: string;
  status: CaseStatus;
  /** The day of the lead (or of the latest re-flag): verification deadlines count from it. */
  leadDate: string;
  visitedOn: string | null;
  comparedOn: string | null;
  reviewedOn: string | null;
  noticeFrom: string | null;
  noticeTo: string | null;
  townshipOn: string | null;
  confirmedOn: string | null;
  /** The first help measure's start date, null while none is recorded. */
  firstMeasureOn: string | null;
  lastReverifiedOn: string | null;
  removedOn: string | null;
}

export const CASE_ACTIONS = [
  'recordVisit',
  'compareData',
  'democraticReview',
  'startNotice',
  'townshipApprove',
  'countyApprove',
  'dismiss',
  'addMeasure',
  'reverifyIncome',
  'removeRisk',
  'rollbackRemoval',
  'close',
  'reflag',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export const CASE_ACTION_NAMES: Readonly<Record<CaseAction, LocalizedText>> = {
  recordVisit: { zh: '入户核查', en: 'Record a visit' },
  compareData: { zh: '信息比对', en: 'Compare with department data' },
  democraticReview: { zh: '民主评议', en: 'Democratic review' },
  startNotice: { zh: '村级公示', en: 'Start the public notice' },
  townshipApprove: { zh: '乡镇审核', en: 'Township approval' },
  countyApprove: { zh: '县级审定', en: 'County confirmation' },
  dismiss: { zh: '不予认定', en: 'Dismiss' },
  addMeasure: { zh: '落实帮扶措施', en: 'Record a help measure' },
  reverifyIncome: { zh: '收入再核实', en: 'Re-verify income' },
  removeRisk: { zh: '标注风险消除', en: 'Remove the risk' },
  rollbackRemoval: { zh: '撤销风险消除', en: 'Roll back the removal' },
  close: { zh: '销号', en: 'Close' },
  reflag: { zh: '重新预警', en: 'Flag again' },
};

/**
 * How the acting user stands to the case (computed by the server from role and scope):
 * - `village`: a cadre of the household's village or community (村社区干部);
 * - `township`: an officer of its township or street (乡镇街道);
 * - `county`: a civil-affairs or human-resources officer whose scope and case kinds cover the case.
 */
export interface CaseStanding {
  village: boolean;
  township: boolean;
  county: boolean;
}

interface CaseRule {
  from: readonly CaseStatus[];
  /** The state after the act; null when the act does not change it. */
  to: CaseStatus | null;
  who: readonly (keyof CaseStanding)[];
}

const WATCHED: readonly CaseStatus[] = ['confirmed', 'riskRemoved'];

/** The whole workflow in one table. */
export const CASE_WORKFLOW: Readonly<Record<CaseAction, CaseRule>> = {
  // A visit is logged at any live stage; in `warning` it is the verification visit and moves the case on.
  recordVisit: { from: LIVE_CASE_STATUSES, to: null, who: ['village', 'township'] },
  compareData: { from: ['visited'], to: 'compared', who: ['village', 'township'] },
  democraticReview: { from: ['compared'], to: 'reviewed', who: ['village', 'township'] },
  startNotice: { from: ['reviewed'], to: 'noticed', who: ['village', 'township'] },
  townshipApprove: { from: ['noticed'], to: 'townshipApproved', who: ['township'] },
  countyApprove: { from: ['townshipApproved'], to: 'confirmed', who: ['county'] },
  dismiss: { from: VERIFYING_STATUSES, to: 'dismissed', who: ['township', 'county'] },
  addMeasure: { from: WATCHED, to: null, who: ['village', 'township', 'county'] },
  reverifyIncome: { from: WATCHED, to: null, who: ['village', 'township'] },
  removeRisk: { from: ['confirmed'], to: 'riskRemoved', who: ['township', 'county'] },
  rollbackRemoval: { from: ['riskRemoved'], to: 'confirmed', who: ['village', 'township', 'county'] },
  close: { from: ['riskRemoved'], to: 'closed', who: ['township', 'county'] },
  reflag: { from: ['closed', 'dismissed'], to: 'warning', who: ['village', 'township', 'county'] },
};

/** Why an act is refused: the case is in the wrong state, the user is not the one to do it, or a rule does not hold. */
export interface CaseRefusal {
  reason: 'state' | 'standing' | 'rule';
  message: LocalizedText;
}

/**
 * The state after `action`. A visit moves a case only out of `warning`.
 *
 * @example caseNextStatus('warning', 'recordVisit') === 'visited'; caseNextStatus('confirmed', 'recordVisit') === 'confirmed'
 */
export function caseNextStatus(status: CaseStatus, action: CaseAction): CaseStatus {
  const rule = CASE_WORKFLOW[action];
  if (!rule.from.includes(status)) throw new Error(`${action} is not allowed from ${status}`);
  if (action === 'recordVisit') return status === 'warning' ? 'visited' : status;
  return rule.to ?? status;
}

/** What the act's own input says, for the rules that depend on it. */
export interface ActInput {
  /** startNotice: the first day of the public notice. */
  noticeFrom?: string;
  /** Acts that need a reason (dismiss, rollbackRemoval, reflag). */
  reason?: string | null;
}

/** What the removal rule reads beyond the case: the household and its latest re-verification. */
export interface RemovalFacts {
  /** The household has nobody able to work (无劳动能力): not marked removed, kept under assistance. */
  noLabourCapacity: boolean;
  latest: Reverification | null;
}

/** One check of the removal rule, passed or not, with the figures that decided it. */
export interface RuleCheck {
  ok: boolean;
  text: LocalizedText;
}

/**
 * The removal rule (风险消除), every check with its explanation: a household without labour capacity is never
 * marked removed; the latest re-verification must follow the confirmation; for an income kind the per-capita income
 * must be above the line and have been so for `stableMonths`, with the rigid costs solved; for zero-employment a
 * member must have been in work for `stableWorkMonths`.
 *
 * @example A below-10,000 case confirmed 2026-03-20, re-verified 2026-11-20 at 13,200 yuan per capita, above the
 * line since 2026-05-01, rigid costs solved, on 2026-12-02 with stableMonths 6 → every check passes ("自
 * 2026-05-01起稳定高于1万元，已7个月（要求不少于6个月）").
 */
export function removalChecks(c: CaseFacts, facts: RemovalFacts, today: string, rules: CaseRules): RuleCheck[] {
  const out: RuleCheck[] = [];
  const kind = caseKind(rules, c.kind);
  out.push({
    ok: !facts.noLabourCapacity,
    text: facts.noLabourCapacity
      ? {
          zh: '家庭无劳动能力，不标注风险消除，纳入兜底保障持续帮扶',
          en: 'The household has no labour capacity: not marked removed, kept under assistance',
        }
      : { zh: '家庭有劳动能力', en: 'The household has labour capacity' },
  });
  const r = facts.latest;
  const fresh = r !== null && (c.confirmedOn === null || r.on >= c.confirmedOn) && r.on <= today;
  out.push({
    ok: fresh,
    text: fresh
      ? { zh: `已于 ${r.on} 再核实收入`, en: `Income re-verified on ${r.on}` }
      : { zh: '认定后尚未再核实收入', en: 'Income not re-verified since the confirmation' },
  });
  if (r === null || !fresh) return out;
  if (kind?.removal === 'employment') {
    const months = r.employedSince === null ? 0 : monthsBetween(r.employedSince, today);
    out.push({
      ok: r.employedSince !== null && months >= rules.stableWorkMonths,
      text:
        r.employedSince === null
          ? { zh: '家庭尚无成员就业', en: 'No member is in work' }
          : {
              zh: `自 ${r.employedSince} 起有成员稳定就业，已${months}个月（要求不少于${rules.stableWorkMonths}个月）`,
              en: `A member in work since ${r.employedSince}: ${months} month(s) (at least ${rules.stableWorkMonths} required)`,
            },
    });
    return out;
  }
  const line = formatNumber(rules.incomeLine / 10000);
  const above = r.perCapitaIncome >= rules.incomeLine;
  out.push({
    ok: above,
    text: {
      zh: `再核实人均年收入 ${formatNumber(r.perCapitaIncome, 0)} 元${above ? '，高于' : '，低于'}${line}万元`,
      en: `Re-verified per-capita income ${formatNumber(r.perCapitaIncome, 0)} yuan, ${above ? 'above' : 'below'} the line of ${formatNumber(rules.incomeLine, 0)}`,
    },
  });
  const months = r.aboveLineSince === null ? 0 : monthsBetween(r.aboveLineSince, today);
  out.push({
    ok: above && r.aboveLineSince !== null && months >= rules.stableMonths,
    text:
      r.aboveLineSince === null
        ? { zh: '收入尚未稳定高于标准', en: 'Income not yet stably above the line' }
        : {
            zh: `自 ${r.aboveLineSince} 起稳定高于${line}万元，已${months}个月（要求不少于${rules.stableMonths}个月）`,
            en: `Above the line since ${r.aboveLineSince}: ${months} month(s) (at least ${rules.stableMonths} required)`,
          },
  });
  out.push({
    ok: r.rigidCostsSolved,
    text: r.rigidCostsSolved
      ? { zh: '刚性支出问题已解决', en: 'The rigid costs are solved' }
      : { zh: '刚性支出问题尚未解决', en: 'The rigid costs are not yet solved' },
  });
  return out;
}

/**
 * Whether `action` may be done now; null when it may. Checks the state, the standing and the rules that depend on
 * dates: a notice runs at least `noticeMinDays` before the township approves; a case is closed only after its watch
 * period; the removal rule must hold; dismissals, rollbacks and re-flags carry a reason.
 *
 * @example caseRefusal({ status: 'noticed', noticeTo: '2026-12-06', … }, 'townshipApprove', township, '2026-12-05', …)
 * → { reason: 'rule', message: '村级公示至 2026-12-06 结束，公示期满后方可审核' }
 */
export function caseRefusal(
  c: CaseFacts,
  action: CaseAction,
  standing: CaseStanding,
  today: string,
  rules: CaseRules,
  input: ActInput = {},
  removal?: RemovalFacts,
): CaseRefusal | null {
  const rule = CASE_WORKFLOW[action];
  if (!rule.who.some((w) => standing[w]))
    return {
      reason: 'standing',
      message: {
        zh: `您无权执行“${CASE_ACTION_NAMES[action].zh}”`,
        en: `You may not ${CASE_ACTION_NAMES[action].en.toLowerCase()}`,
      },
    };
  if (!rule.from.includes(c.status))
    return {
      reason: 'state',
      message: {
        zh: `案件${CASE_STATUS_NAMES[c.status].zh}，不能${CASE_ACTION_NAMES[action].zh}`,
        en: `${CASE_ACTION_NAMES[action].en} is not possible: the case is ${CASE_STATUS_NAMES[c.status].en.toLowerCase()}`,
      },
    };
  const ruleFails = (zh: string, en: string): CaseRefusal => ({ reason: 'rule', message: { zh, en } });
  if ((action === 'dismiss' || action === 'rollbackRemoval' || action === 'reflag') && !input.reason?.trim())
    return ruleFails('请填写理由', 'A reason is required');
  if (action === 'startNotice') {
    const from = input.noticeFrom ?? today;
    if (!isDate(from)) return ruleFails('公示开始日期无效', 'Invalid notice start date');
    if (c.reviewedOn !== null && from < c.reviewedOn)
      return ruleFails('公示不能早于民主评议', 'The notice cannot start before the review');
  }
  if (action === 'townshipApprove' && c.noticeTo !== null && today < c.noticeTo)
    return ruleFails(
      `村级公示至 ${c.noticeTo} 结束，公示期满后方可审核`,
      `The public notice runs until ${c.noticeTo}; approve after it`,
    );
  if (action === 'removeRisk') {
    const failed = removalChecks(c, removal ?? { noLabourCapacity: false, latest: null }, today, rules).filter(
      (x) => !x.ok,
    );
    if (failed.length > 0)
      return ruleFails(
        `不符合风险消除条件：${failed.map((f) => f.text.zh).join('；')}`,
        `The removal rule does not hold: ${failed.map((f) => f.text.en).join('; ')}`,
      );
  }
  if (action === 'close') {
    const ends = watchEnds(c, rules);
    if (ends !== null && today < ends)
      return ruleFails(`观察期至 ${ends} 结束，期满后方可销号`, `The watch period runs until ${ends}`);
  }
  return null;
}

/** Every act this user may do to the case now (ignoring the acts' own input), in workflow order. */
export function caseAllowedActions(
  c: CaseFacts,
  standing: CaseStanding,
  today: string,
  rules: CaseRules,
  removal?: RemovalFacts,
): CaseAction[] {
  return CASE_ACTIONS.filter((a) => {
    const r = caseRefusal(c, a, standing, today, rules, { reason: 'x', noticeFrom: today }, removal);
    // The removal is offered when the state and standing allow it: the page then shows which checks fail.
    return r === null || (a === 'removeRisk' && r.reason === 'rule');
  });
}

/**
 * The case after `action` on `today`: its state and the dates the act sets. A re-flag starts a new lead: the
 * verification dates are cleared and the deadlines count again from today.
 *
 * @example applyCaseAction(warning case, 'recordVisit', '2026-12-03') → status 'visited', visitedOn '2026-12-03'
 * @example applyCaseAction(reviewed case, 'startNotice', '2026-12-08', { noticeFrom: '2026-12-08' }, rules) →
 * status 'noticed', noticeFrom '2026-12-08', noticeTo '2026-12-13' (5 days)
 */
export function applyCaseAction(
  c: CaseFacts,
  action: CaseAction,
  today: string,
  input: ActInput,
  rules: CaseRules,
  extra: { measureStart?: string; reverifiedOn?: string } = {},
): CaseFacts {
  const next: CaseFacts = { ...c, status: caseNextStatus(c.status, action) };
  switch (action) {
    case 'recordVisit':
      if (c.status === 'warning') next.visitedOn = today;
      break;
    case 'compareData':
      next.comparedOn = today;
      break;
    case 'democraticReview':
      next.reviewedOn = today;
      break;
    case 'startNotice': {
      const from = input.noticeFrom ?? today;
      next.noticeFrom = from;
      next.noticeTo = addDays(from, rules.noticeMinDays);
      break;
    }
    case 'townshipApprove':
      next.townshipOn = today;
      break;
    case 'countyApprove':
      next.confirmedOn = today;
      break;
    case 'addMeasure': {
      const start = extra.measureStart ?? today;
      if (c.firstMeasureOn === null || start < c.firstMeasureOn) next.firstMeasureOn = start;
      break;
    }
    case 'reverifyIncome':
      next.lastReverifiedOn = extra.reverifiedOn ?? today;
      break;
    case 'removeRisk':
      next.removedOn = today;
      break;
    case 'rollbackRemoval':
      next.removedOn = null;
      break;
    case 'reflag':
      Object.assign(next, {
        leadDate: today,
        visitedOn: null,
        comparedOn: null,
        reviewedOn: null,
        noticeFrom: null,
        noticeTo: null,
        townshipOn: null,
        confirmedOn: null,
        firstMeasureOn: null,
        lastReverifiedOn: null,
        removedOn: null,
      });
      break;
    case 'dismiss':
    case 'close':
      break;
  }
  return next;
}

/** The day the watch period ends; null unless the risk was removed. */
export function watchEnds(
  c: Pick<CaseFacts, 'removedOn' | 'status'>,
  rules: Pick<CaseRules, 'watchMonths'>,
): string | null {
  return c.removedOn === null ? null : addMonths(c.removedOn, rules.watchMonths);
}

// ——— deadlines ———

/** The steps the deadlines are about. */
export const CASE_STEPS = [
  'visit',
  'compare',
  'review',
  'notice',
  'township',
  'county',
  'firstMeasure',
  'reverify',
  'close',
] as const;
export type CaseStep = (typeof CASE_STEPS)[number];

export const CASE_STEP_NAMES: Readonly<Record<CaseStep, LocalizedText>> = {
  visit: { zh: '入户核查', en: 'Verification visit' },
  compare: { zh: '信息比对', en: 'Data comparison' },
  review: { zh: '民主评议', en: 'Democratic review' },
  notice: { zh: '村级公示', en: 'Public notice' },
  township: { zh: '乡镇审核', en: 'Township approval' },
  county: { zh: '县级审定', en: 'County confirmation' },
  firstMeasure: { zh: '落实帮扶措施', en: 'First help measure' },
  reverify: { zh: '收入再核实', en: 'Income re-verification' },
  close: { zh: '观察期满销号', en: 'Close after the watch period' },
};

/** The step a case waits for and the day it is due. */
export interface DueStep {
  step: CaseStep;
  due: string;
}

/**
 * The step the case waits for now and its due day; null for a closed or dismissed case.
 *
 * @example A below-10,000 case with its lead on 2026-12-02, in `warning`: { step: 'visit', due: '2026-12-05' }.
 * @example In `noticed` with the notice until 2026-12-17 (it started late): { step: 'township', due: '2026-12-17' }
 * (never before the notice has run, even when the township's own deadline, 2026-12-16, is earlier).
 * @example `confirmed` on 2026-12-17 without a measure: { step: 'firstMeasure', due: '2026-12-27' }; with one, the
 * re-verification every 3 months from the confirmation or the last re-verification.
 */
export function currentStep(c: CaseFacts, rules: CaseRules): DueStep | null {
  const d = kindDeadlines(rules, c.kind);
  const fromLead = (days: number) => addDays(c.leadDate, days);
  switch (c.status) {
    case 'warning':
      return { step: 'visit', due: fromLead(d.visitDays) };
    case 'visited':
      return { step: 'compare', due: fromLead(d.compareDays) };
    case 'compared':
      return { step: 'review', due: fromLead(d.reviewDays) };
    case 'reviewed':
      return { step: 'notice', due: fromLead(d.noticeStartDays) };
    case 'noticed': {
      const own = fromLead(d.townshipDays);
      return { step: 'township', due: c.noticeTo !== null && c.noticeTo > own ? c.noticeTo : own };
    }
    case 'townshipApproved': {
      const own = fromLead(d.countyDays);
      return { step: 'county', due: c.townshipOn !== null && c.townshipOn > own ? c.townshipOn : own };
    }
    case 'confirmed': {
      const confirmed = c.confirmedOn ?? c.leadDate;
      if (c.firstMeasureOn === null) return { step: 'firstMeasure', due: addDays(confirmed, d.firstMeasureDays) };
      const last = c.lastReverifiedOn !== null && c.lastReverifiedOn > confirmed ? c.lastReverifiedOn : confirmed;
      return { step: 'reverify', due: addMonths(last, rules.reverifyMonths) };
    }
    case 'riskRemoved':
      return { step: 'close', due: watchEnds(c, rules) ?? c.leadDate };
    case 'closed':
    case 'dismissed':
      return null;
  }
}

/** Whether the case's current step is past its due day (closing after the watch period never is: it waits). */
export function isOverdue(c: CaseFacts, today: string, rules: CaseRules): boolean {
  const s = currentStep(c, rules);
  return s !== null && s.step !== 'close' && s.due < today;
}

// ——— warnings (recorded by the lists' warning ledger: src/server/supervision/) ———

export const CASE_WARNING_KINDS = ['stepApproaching', 'stepOverdue', 'watchEnded'] as const;
export type CaseWarningKind = (typeof CASE_WARNING_KINDS)[number];

export const CASE_WARNING_KIND_NAMES: Readonly<Record<CaseWarningKind, LocalizedText>> = {
  stepApproaching: { zh: '即将到期', en: 'Step due soon' },
  stepOverdue: { zh: '逾期', en: 'Step overdue' },
  watchEnded: { zh: '观察期满待销号', en: 'Watch period over' },
};

export interface CaseWarningCondition {
  kind: CaseWarningKind;
  /** The step it is about. */
  ref: CaseStep;
  colour: 'blue' | 'yellow' | 'red';
  reason: LocalizedText;
}

/**
 * The warnings that hold for a case today: its step due within `approachDays` (blue), past due (yellow, red once
 * more than `redAfterDays` late), or its watch period over without the case being closed (blue).
 *
 * @example warning case, lead 2026-12-02 (visit due 2026-12-05), on 2026-12-06: yellow stepOverdue 'visit'
 * "入户核查应于 2026-12-05 前完成，已逾期 1 天"; on 2026-12-11 (6 days late, redAfterDays 5): red.
 */
export function caseWarningConditions(c: CaseFacts, today: string, rules: CaseRules): CaseWarningCondition[] {
  const s = currentStep(c, rules);
  if (s === null) return [];
  const name = CASE_STEP_NAMES[s.step];
  if (s.step === 'close') {
    if (today < s.due) return [];
    return [
      {
        kind: 'watchEnded',
        ref: 'close',
        colour: 'blue',
        reason: {
          zh: `观察期已于 ${s.due} 届满，可以销号`,
          en: `The watch period ended on ${s.due}; the case may be closed`,
        },
      },
    ];
  }
  const late = daysBetween(s.due, today);
  if (late > 0)
    return [
      {
        kind: 'stepOverdue',
        ref: s.step,
        colour: late > rules.redAfterDays ? 'red' : 'yellow',
        reason: {
          zh: `${name.zh}应于 ${s.due} 前完成，已逾期 ${late} 天`,
          en: `${name.en} was due by ${s.due}: ${late} day(s) overdue`,
        },
      },
    ];
  if (-late <= rules.approachDays)
    return [
      {
        kind: 'stepApproaching',
        ref: s.step,
        colour: 'blue',
        reason: {
          zh: `${name.zh}应于 ${s.due} 前完成，还有 ${-late} 天`,
          en: `${name.en} is due by ${s.due}: ${-late} day(s) left`,
        },
      },
    ];
  return [];
}

/**
 * Whether the warnings raised since the last notice call for a supervision notice now (the cases' counterpart of the
 * lists' yellow-warning rule): at least `autoNoticeAfterWarnings` yellow or red warnings, none still open.
 *
 * @example caseNoticeDue(2, false, { autoNoticeAfterWarnings: 2 }) === true (a step went overdue, then red)
 */
export function caseNoticeDue(
  warningsSinceLastNotice: number,
  hasOpenNotice: boolean,
  rules: Pick<CaseRules, 'autoNoticeAfterWarnings'>,
): boolean {
  return (
    rules.autoNoticeAfterWarnings > 0 && !hasOpenNotice && warningsSinceLastNotice >= rules.autoNoticeAfterWarnings
  );
}

// ——— dynamic clearing (动态清零) ———

/** A case as the clearing figures read it. */
export interface ClearingCase extends CaseFacts {
  /** The first lead of the case (re-flags keep it open from the first day, for the days-to-clear). */
  openedOn: string;
}

export interface ClearingFigures {
  /** Open: at risk, not yet removed (verifying or confirmed). */
  open: number;
  /** Cases whose lead fell in the month of `today`. */
  newThisMonth: number;
  /** Risk removed (or closed after removal) in the month of `today`. */
  clearedThisMonth: number;
  /** Risk removed at any time and not rolled back (riskRemoved or closed). */
  cleared: number;
  /** Open cases whose step is past due. */
  overdue: number;
  /** Open below-10,000 and zero-employment cases past due: the target is zero. */
  targetOverdue: number;
  /** Median days from the lead to the removal, over the cleared cases; null when none. */
  medianDaysToClear: number | null;
}

/**
 * The clearing figures of a set of cases on `today`.
 *
 * @example Four cases on 2026-12-02: a below-10,000 case in `warning` with its visit due 2026-11-30 (overdue), a
 * zero-employment case confirmed and helped, one removed on 2026-12-01 after 40 days, one closed after 60 days →
 * { open 2, overdue 1, targetOverdue 1, cleared 2, clearedThisMonth 1, medianDaysToClear 50 }.
 */
export function clearingFigures(cases: readonly ClearingCase[], today: string, rules: CaseRules): ClearingFigures {
  const month = monthOf(today);
  const days: number[] = [];
  const f: ClearingFigures = {
    open: 0,
    newThisMonth: 0,
    clearedThisMonth: 0,
    cleared: 0,
    overdue: 0,
    targetOverdue: 0,
    medianDaysToClear: null,
  };
  for (const c of cases) {
    if (monthOf(c.leadDate) === month && c.status !== 'dismissed') f.newThisMonth++;
    if (OPEN_STATUSES.includes(c.status)) {
      f.open++;
      if (isOverdue(c, today, rules)) {
        f.overdue++;
        if (CLEARING_TARGET_KINDS.includes(c.kind)) f.targetOverdue++;
      }
    } else if ((c.status === 'riskRemoved' || c.status === 'closed') && c.removedOn !== null) {
      f.cleared++;
      if (monthOf(c.removedOn) === month) f.clearedThisMonth++;
      days.push(daysBetween(c.leadDate, c.removedOn));
    }
  }
  f.medianDaysToClear = median(days);
  return f;
}

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** One month of the clearing trend. */
export interface ClearingMonth {
  month: string;
  /** Leads that month. */
  opened: number;
  /** Removals that month. */
  cleared: number;
  /** Open at the month's end (from the cases' dates; a case dismissed counts open until its dismissal is unknown, so not at all). */
  openAtEnd: number;
}

/**
 * The monthly clearing trend over `months` (`YYYY-MM`, ascending), from the cases' own dates: a case counts open at
 * a month's end when its lead is on or before that day and its removal (if any) after it. Dismissed cases are left
 * out: they were never at risk.
 *
 * @example A case led 2026-10-10 and removed 2026-12-01, over 2026-10…2026-12 → opened [1,0,0], cleared [0,0,1],
 * openAtEnd [1,1,0].
 */
export function clearingTrend(cases: readonly ClearingCase[], months: readonly string[]): ClearingMonth[] {
  return months.map((month) => {
    const end = `${month}-31`;
    let opened = 0;
    let cleared = 0;
    let openAtEnd = 0;
    for (const c of cases) {
      if (c.status === 'dismissed') continue;
      if (monthOf(c.openedOn) === month) opened++;
      if (c.removedOn !== null && monthOf(c.removedOn) === month) cleared++;
      if (c.openedOn <= end && (c.removedOn === null || c.removedOn > end)) openAtEnd++;
    }
    return { month, opened, cleared, openAtEnd };
  });
}
