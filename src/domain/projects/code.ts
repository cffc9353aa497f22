/**
 * The national investment project code (投资项目统一代码), issued by the online approval and supervision platform
 * (全国投资项目在线审批监管平台) before a project's first approval, and kept for its whole life.
 *
 * What is checked, and why no more: GB/T 40058-2021 defines the code; its full text (in particular whether a check
 * character or a register of serial numbers applies) could not be obtained here, so only the structure that every
 * published code shows is checked — `YYYY-RRRRRR-II-TT-NNNNNN`, 24 characters: the year the code was issued, the
 * six-digit administrative division (GB/T 2260) of the approving authority, the two-digit industry division
 * (GB/T 4754 大类), the project type (01 审批, 02 核准, 03 备案) and a six-digit serial number. Of these, what can
 * be confirmed is confirmed: the year lies between the platform's start (2015) and the current year; the region is
 * one the org tree knows (the city, its districts and counties, or the province above them); the industry division
 * is one of GB/T 4754's (01–97); the type is one of the three. The serial number is only checked for shape, and
 * uniqueness is the ledger's (a database constraint), not this function's.
 */
import type { LocalizedText } from '../text.ts';

export const PROJECT_CODE_PATTERN = /^(\d{4})-(\d{6})-(\d{2})-(\d{2})-(\d{6})$/;

/** The project types of the code's fourth segment. */
export const PROJECT_CODE_TYPES: Readonly<Record<string, LocalizedText>> = {
  '01': { zh: '审批类', en: 'Approval' },
  '02': { zh: '核准类', en: 'Authorisation' },
  '03': { zh: '备案类', en: 'Filing' },
};

/** The year the online approval platform began issuing codes. */
export const FIRST_CODE_YEAR = 2015;

export interface ProjectCodeParts {
  year: number;
  region: string;
  industry: string;
  type: string;
  serial: string;
}

export type ProjectCodeCheck = { ok: true; parts: ProjectCodeParts } | { ok: false; problems: LocalizedText[] };

/**
 * Checks a project code's shape and what of it can be confirmed (see the module comment).
 *
 * @example
 * checkProjectCode('2023-510403-32-03-123456', { regions: new Set(['510400', '510403']), currentYear: 2025 })
 * // → { ok: true, parts: { year: 2023, region: '510403', industry: '32', type: '03', serial: '123456' } }
 * checkProjectCode('2023-110101-32-03-123456', …) // → problems: the region 110101 is not in the org tree
 */
export function checkProjectCode(
  code: string,
  context: { regions: ReadonlySet<string>; currentYear: number },
): ProjectCodeCheck {
  const m = PROJECT_CODE_PATTERN.exec(code.trim());
  if (!m) {
    return {
      ok: false,
      problems: [
        {
          zh: '项目代码格式应为 年份-行政区划-行业-类型-流水号，如 2023-510403-32-03-123456',
          en: 'a project code looks like year-region-industry-type-serial, e.g. 2023-510403-32-03-123456',
        },
      ],
    };
  }
  const parts: ProjectCodeParts = { year: Number(m[1]), region: m[2]!, industry: m[3]!, type: m[4]!, serial: m[5]! };
  const problems: LocalizedText[] = [];
  if (parts.year < FIRST_CODE_YEAR || parts.year > context.currentYear) {
    problems.push({
      zh: `项目代码年份 ${parts.year} 应在 ${FIRST_CODE_YEAR}–${context.currentYear} 之间`,
      en: `the code's year ${parts.year} must lie between ${FIRST_CODE_YEAR} and ${context.currentYear}`,
    });
  }
  if (!context.regions.has(parts.region)) {
    problems.push({
      zh: `项目代码中的行政区划 ${parts.region} 不是本市或所辖区县的代码`,
      en: `the code's region ${parts.region} is not the city's or one of its districts' and counties'`,
    });
  }
  const industry = Number(parts.industry);
  if (industry < 1 || industry > 97) {
    problems.push({
      zh: `项目代码中的行业代码 ${parts.industry} 不是国民经济行业分类的大类（01–97）`,
      en: `the code's industry ${parts.industry} is not a GB/T 4754 division (01–97)`,
    });
  }
  if (!(parts.type in PROJECT_CODE_TYPES)) {
    problems.push({
      zh: `项目代码中的项目类型 ${parts.type} 应为 01（审批）、02（核准）或 03（备案）`,
      en: `the code's project type ${parts.type} must be 01 (approval), 02 (authorisation) or 03 (filing)`,
    });
  }
  return problems.length === 0 ? { ok: true, parts } : { ok: false, problems };
}
