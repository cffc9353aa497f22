/**
 * The ledger's configurable rules: when a light turns yellow or red, when a return is due, when a monthly figure is
 * implausible. The defaults follow the practice DOMAIN.md §2.4 and issue 9 describe (start overdue → yellow, three
 * months → red; investment 10 / 30 points behind time-elapsed progress → yellow / red).
 */
export interface ProjectRules {
  /** Months after the planned start without a start before the start light turns red (yellow from the first day). */
  startRedMonths: number;
  /** Points (percentage points) the year-to-date share may trail the plan's time-elapsed progress before yellow. */
  investmentYellowPoints: number;
  /** … before red. */
  investmentRedPoints: number;
  /** Day of the following month by which a month's return is due (月度调度: by the 5th). */
  returnDay: number;
  /** Months of missing returns from which the return light is red (yellow for fewer). */
  returnRedMonths: number;
  /** A month's investment above this share of the year's plan is flagged as implausible (超进度). */
  monthShareWarning: number;
}

export const DEFAULT_PROJECT_RULES: Readonly<ProjectRules> = {
  startRedMonths: 3,
  investmentYellowPoints: 10,
  investmentRedPoints: 30,
  returnDay: 5,
  returnRedMonths: 2,
  monthShareWarning: 0.4,
};

/** The defaults with the given overrides, refusing what cannot be meant (red before yellow, a share above 1 …). */
export function resolveProjectRules(overrides: Partial<ProjectRules> = {}): ProjectRules {
  const rules = { ...DEFAULT_PROJECT_RULES, ...overrides };
  const problems: string[] = [];
  if (!(rules.investmentYellowPoints > 0)) problems.push('investmentYellowPoints must be above 0');
  if (!(rules.investmentRedPoints > rules.investmentYellowPoints))
    problems.push('investmentRedPoints must be above investmentYellowPoints');
  if (!Number.isInteger(rules.startRedMonths) || rules.startRedMonths < 1) problems.push('startRedMonths ≥ 1');
  if (!Number.isInteger(rules.returnDay) || rules.returnDay < 1 || rules.returnDay > 28)
    problems.push('returnDay 1–28');
  if (!Number.isInteger(rules.returnRedMonths) || rules.returnRedMonths < 1) problems.push('returnRedMonths ≥ 1');
  if (!(rules.monthShareWarning > 0 && rules.monthShareWarning <= 1)) problems.push('monthShareWarning in (0, 1]');
  if (problems.length > 0) throw new RangeError(`Invalid project rules: ${problems.join('; ')}`);
  return rules;
}
