/**
 * Resident identity numbers (公民身份号码, GB 11643-1999): 18 characters — a 6-digit administrative region code
 * (GB/T 2260) of the place of first registration, the date of birth YYYYMMDD, a 3-digit sequence (odd for men, even
 * for women) and a check character (ISO 7064 MOD 11-2: 0–9 or X).
 *
 * Pure: "today" is an argument (a birth date may not lie after it). The region can only be checked for its province
 * (the first two digits): county codes change with redistricting and people move, so a region outside the household's
 * city is a note for the cadre, never a refusal.
 */
import type { LocalizedText } from '../text.ts';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK = '10X98765432';

/** Province-level codes of GB/T 2260 (the first two digits of every region code). */
export const PROVINCE_CODES: Readonly<Record<string, LocalizedText>> = {
  '11': { zh: '北京市', en: 'Beijing' },
  '12': { zh: '天津市', en: 'Tianjin' },
  '13': { zh: '河北省', en: 'Hebei' },
  '14': { zh: '山西省', en: 'Shanxi' },
  '15': { zh: '内蒙古自治区', en: 'Inner Mongolia' },
  '21': { zh: '辽宁省', en: 'Liaoning' },
  '22': { zh: '吉林省', en: 'Jilin' },
  '23': { zh: '黑龙江省', en: 'Heilongjiang' },
  '31': { zh: '上海市', en: 'Shanghai' },
  '32': { zh: '江苏省', en: 'Jiangsu' },
  '33': { zh: '浙江省', en: 'Zhejiang' },
  '34': { zh: '安徽省', en: 'Anhui' },
  '35': { zh: '福建省', en: 'Fujian' },
  '36': { zh: '江西省', en: 'Jiangxi' },
  '37': { zh: '山东省', en: 'Shandong' },
  '41': { zh: '河南省', en: 'Henan' },
  '42': { zh: '湖北省', en: 'Hubei' },
  '43': { zh: '湖南省', en: 'Hunan' },
  '44': { zh: '广东省', en: 'Guangdong' },
  '45': { zh: '广西壮族自治区', en: 'Guangxi' },
  '46': { zh: '海南省', en: 'Hainan' },
  '50': { zh: '重庆市', en: 'Chongqing' },
  '51': { zh: '四川省', en: 'Sichuan' },
  '52': { zh: '贵州省', en: 'Guizhou' },
  '53': { zh: '云南省', en: 'Yunnan' },
  '54': { zh: '西藏自治区', en: 'Tibet' },
  '61': { zh: '陕西省', en: 'Shaanxi' },
  '62': { zh: '甘肃省', en: 'Gansu' },
  '63': { zh: '青海省', en: 'Qinghai' },
  '64': { zh: '宁夏回族自治区', en: 'Ningxia' },
  '65': { zh: '新疆维吾尔自治区', en: 'Xinjiang' },
  '71': { zh: '台湾省', en: 'Taiwan' },
  '81': { zh: '香港特别行政区', en: 'Hong Kong' },
  '82': { zh: '澳门特别行政区', en: 'Macao' },
};

/** The check character of the first 17 digits. @example idCheckCharacter('51040219900101123') === '4' */
export function idCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * (WEIGHTS[i] ?? 0);
  return CHECK.charAt(sum % 11);
}

export type IdProblem = 'format' | 'province' | 'birthDate' | 'future' | 'checkDigit';

export interface IdNumberFacts {
  /** Upper-case, without spaces: the form stored and indexed. */
  normalised: string;
  regionCode: string;
  province: LocalizedText;
  birthDate: string;
  sex: 'male' | 'female';
}

export type IdNumberResult = ({ ok: true } & IdNumberFacts) | { ok: false; problem: IdProblem; message: LocalizedText };

function isCalendarDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= (days[m - 1] ?? 0);
}

/**
 * Validates an 18-character resident ID number and reads the facts it carries.
 *
 * @example parseIdNumber('510402199001011234', '2026-12-02') → { ok: true, birthDate: '1990-01-01', sex: 'male',
 *   regionCode: '510402', province: 四川省 } (the sequence 123 is odd: a man)
 * @example parseIdNumber('510402199001011235', '2026-12-02') → { ok: false, problem: 'checkDigit' } (should end 4)
 */
export function parseIdNumber(text: string, today: string): IdNumberResult {
  const normalised = text.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  const fail = (problem: IdProblem, message: LocalizedText): IdNumberResult => ({ ok: false, problem, message });
  if (!/^\d{17}[\dX]$/.test(normalised)) {
    return fail('format', {
      zh: '身份证号码应为18位：17位数字加1位校验码（数字或X）',
      en: 'An ID number has 18 characters: 17 digits and a check character (a digit or X)',
    });
  }
  const province = PROVINCE_CODES[normalised.slice(0, 2)];
  if (!province) {
    return fail('province', {
      zh: `身份证号码前两位 ${normalised.slice(0, 2)} 不是省级行政区划代码`,
      en: `The first two digits ${normalised.slice(0, 2)} are not a province code`,
    });
  }
  const y = Number(normalised.slice(6, 10));
  const m = Number(normalised.slice(10, 12));
  const d = Number(normalised.slice(12, 14));
  if (y < 1880 || !isCalendarDate(y, m, d)) {
    return fail('birthDate', {
      zh: `身份证号码中的出生日期 ${normalised.slice(6, 14)} 不是有效日期`,
      en: `The birth date ${normalised.slice(6, 14)} in the ID number is not a valid date`,
    });
  }
  const birthDate = `${normalised.slice(6, 10)}-${normalised.slice(10, 12)}-${normalised.slice(12, 14)}`;
  if (birthDate > today) {
    return fail('future', {
      zh: `身份证号码中的出生日期 ${birthDate} 晚于今天`,
      en: `The birth date ${birthDate} in the ID number is after today`,
    });
  }
  const expected = idCheckCharacter(normalised.slice(0, 17));
  if (normalised.charAt(17) !== expected) {
    return fail('checkDigit', {
      zh: `身份证号码校验码错误：最后一位应为 ${expected}`,
      en: `Wrong check character: the ID number should end in ${expected}`,
    });
  }
  return {
    ok: true,
    normalised,
    regionCode: normalised.slice(0, 6),
    province,
    birthDate,
    sex: Number(normalised.charAt(16)) % 2 === 1 ? 'male' : 'female',
  };
}

export interface IdCrossCheck {
  /** Disagreements that refuse the record (the recorded birth date or sex differs from the number's). */
  errors: { field: 'birthDate' | 'sex'; message: LocalizedText }[];
  /** Facts for the cadre that do not refuse it (first registered outside the household's city). */
  notes: LocalizedText[];
}

/**
 * Cross-checks an ID number's facts with what was recorded of the person and where the household lives.
 * `cityRegionPrefix` is the first four digits of the household's region code (攀枝花市 5104).
 *
 * @example crossCheckId(facts('510402199001011234'), { birthDate: '1990-01-02', sex: 'male' }, '5104') →
 *   errors [birthDate: 出生日期 1990-01-02 与身份证号码中的 1990-01-01 不一致]
 */
export function crossCheckId(
  facts: IdNumberFacts,
  recorded: { birthDate?: string | null; sex?: 'male' | 'female' | null },
  cityRegionPrefix: string | null,
): IdCrossCheck {
  const errors: IdCrossCheck['errors'] = [];
  const notes: LocalizedText[] = [];
  if (recorded.birthDate && recorded.birthDate !== facts.birthDate) {
    errors.push({
      field: 'birthDate',
      message: {
        zh: `出生日期 ${recorded.birthDate} 与身份证号码中的 ${facts.birthDate} 不一致`,
        en: `Birth date ${recorded.birthDate} differs from ${facts.birthDate} in the ID number`,
      },
    });
  }
  if (recorded.sex && recorded.sex !== facts.sex) {
    const zh = (s: 'male' | 'female') => (s === 'male' ? '男' : '女');
    errors.push({
      field: 'sex',
      message: {
        zh: `性别「${zh(recorded.sex)}」与身份证号码（第17位）所示「${zh(facts.sex)}」不一致`,
        en: `Sex ${recorded.sex} differs from the ID number's (17th digit: ${facts.sex})`,
      },
    });
  }
  if (cityRegionPrefix && !facts.regionCode.startsWith(cityRegionPrefix)) {
    notes.push({
      zh: `身份证号码登记地为${facts.province.zh}（${facts.regionCode}），不在本市，请核实户籍`,
      en: `The ID number was first registered in ${facts.province.en} (${facts.regionCode}), outside the city`,
    });
  }
  return { errors, notes };
}

/** The last four characters of an ID number: what the mask shows and what search by ID tail compares. */
export function idTail(normalised: string): string {
  return normalised.slice(-4);
}
