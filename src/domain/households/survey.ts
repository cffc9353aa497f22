/**
 * The income survey file (收入摸底调查表, issue 8): the template's columns, and the reading of its rows — one row per
 * member, the household's facts (village code, address, income) on its head's row — into households, with every bad
 * cell named by row and column in Chinese and English. Pure: the rows (cell texts) in, households or problems out;
 * the village codes are looked up through a function the caller gives; nothing read from anywhere.
 *
 * The same reading serves CSV and XLSX: the server turns either into rows of strings first.
 */
import { ageOn, BRACKET_STEP, INCOME_SOURCES, RELATIONS, type IncomeSource, type Relation } from './registry.ts';
import { crossCheckId, parseIdNumber } from './id-number.ts';
import type { LocalizedText } from '../text.ts';

export interface SurveyColumn {
  key: SurveyKey;
  zh: string;
  en: string;
  /** What the template says under the header (the validation list or the format). */
  hint: string;
}

export const SURVEY_KEYS = [
  'householdKey',
  'villageCode',
  'address',
  'name',
  'idNumber',
  'relation',
  'phone',
  'inSchool',
  'retired',
  'disabilityGrade',
  'seriouslyIll',
  'ableToWork',
  'willingToWork',
  'employed',
  'employedSince',
  'employer',
  'incomeYear',
  'incomeTotal',
  'wages',
  'business',
  'property',
  'transfers',
  'bracketLow',
  'bracketHigh',
  'incomeSource',
  'recordedOn',
] as const;
export type SurveyKey = (typeof SURVEY_KEYS)[number];

export const RELATION_LABELS: Readonly<Record<Relation, string>> = {
  head: '户主',
  spouse: '配偶',
  child: '子女',
  childInLaw: '儿媳/女婿',
  parent: '父母',
  grandchild: '孙子女',
  sibling: '兄弟姐妹',
  other: '其他',
};
export const SOURCE_LABELS: Readonly<Record<IncomeSource, string>> = {
  survey: '收入摸底调查',
  verification: '入户核查',
  department: '部门数据',
};

const YES_NO = '是/否';
/** The template's columns, in order (A, B, …). */
export const SURVEY_COLUMNS: readonly SurveyColumn[] = [
  { key: 'householdKey', zh: '户编号', en: 'Household key', hint: '同一户的成员填同一编号' },
  { key: 'villageCode', zh: '村（社区）代码', en: 'Village code', hint: '12位统计用区划代码，见“村（社区）代码”表' },
  { key: 'address', zh: '住址（组）', en: 'Address (group)', hint: '如 3组；不写门牌以外的信息' },
  { key: 'name', zh: '姓名', en: 'Name', hint: '' },
  { key: 'idNumber', zh: '身份证号', en: 'ID number', hint: '18位，末位可为X' },
  { key: 'relation', zh: '与户主关系', en: 'Relation to the head', hint: Object.values(RELATION_LABELS).join('/') },
  { key: 'phone', zh: '联系电话', en: 'Phone', hint: '可空' },
  { key: 'inSchool', zh: '在校学生', en: 'In school', hint: YES_NO },
  { key: 'retired', zh: '已退休', en: 'Retired', hint: YES_NO },
  { key: 'disabilityGrade', zh: '残疾等级', en: 'Disability grade', hint: '1–4，可空' },
  { key: 'seriouslyIll', zh: '患重病', en: 'Seriously ill', hint: YES_NO },
  { key: 'ableToWork', zh: '有劳动能力', en: 'Able to work', hint: YES_NO },
  { key: 'willingToWork', zh: '有就业意愿', en: 'Willing to work', hint: YES_NO },
  { key: 'employed', zh: '已就业', en: 'Employed', hint: YES_NO },
  { key: 'employedSince', zh: '就业起始日期', en: 'Employed since', hint: 'YYYY-MM-DD，可空' },
  { key: 'employer', zh: '就业单位', en: 'Employer', hint: '可空' },
  { key: 'incomeYear', zh: '收入年度', en: 'Income year', hint: '户主行填写，如 2025' },
  { key: 'incomeTotal', zh: '家庭年收入（元）', en: 'Household income (yuan)', hint: '精确收入；只知档位时留空' },
  { key: 'wages', zh: '工资性收入', en: 'Wages', hint: '可空' },
  { key: 'business', zh: '经营净收入', en: 'Business', hint: '可空' },
  { key: 'property', zh: '财产净收入', en: 'Property', hint: '可空' },
  { key: 'transfers', zh: '转移净收入', en: 'Transfers', hint: '可空' },
  { key: 'bracketLow', zh: '收入档下限（元）', en: 'Bracket from (yuan)', hint: '1万元的整数倍' },
  { key: 'bracketHigh', zh: '收入档上限（元）', en: 'Bracket to (yuan)', hint: '下限+10000；最高档留空' },
  { key: 'incomeSource', zh: '收入来源', en: 'Income source', hint: Object.values(SOURCE_LABELS).join('/') },
  { key: 'recordedOn', zh: '记录日期', en: 'Recorded on', hint: 'YYYY-MM-DD' },
];

const COLUMN_INDEX = new Map(SURVEY_COLUMNS.map((c, i) => [c.key, i]));

/** A column's letter (0 → A, 26 → AA). */
export function columnLetter(index: number): string {
  let s = '';
  for (let x = index + 1; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** One bad cell (or row): the file's 1-based row, the column letter and header, what is wrong in both languages. */
export interface SurveyProblem {
  row: number;
  column: string | null;
  header: string | null;
  message: LocalizedText;
}

export interface SurveyMember {
  row: number;
  name: string;
  idNumber: string;
  relation: Relation;
  sex: 'male' | 'female';
  birthDate: string;
  phone: string | null;
  inSchool: boolean;
  retired: boolean;
  disabilityGrade: 1 | 2 | 3 | 4 | null;
  seriouslyIll: boolean;
  ableToWork: boolean;
  willingToWork: boolean;
  employed: boolean;
  employedSince: string | null;
  employer: string | null;
}

export interface SurveyIncome {
  year: number;
  kind: 'exact' | 'bracket';
  total: number | null;
  wages: number | null;
  business: number | null;
  property: number | null;
  transfers: number | null;
  bracketLow: number | null;
  bracketHigh: number | null;
  source: IncomeSource;
  recordedOn: string;
}

export interface SurveyHousehold {
  key: string;
  /** The first row of the household in the file. */
  row: number;
  villageId: string;
  address: string;
  members: SurveyMember[];
  income: SurveyIncome | null;
}

/** A village or community the survey may name by its code, as the caller resolves it. */
export interface SurveyVillage {
  id: string;
  /** The reader may write households there (their entry scope). */
  writable: boolean;
}

const YES = new Set(['是', 'y', 'yes', '1', 'true', '√']);
const NO = new Set(['否', 'n', 'no', '0', 'false', '']);
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const RELATION_BY_LABEL = new Map<string, Relation>([
  ...RELATIONS.map((r) => [r, r] as [string, Relation]),
  ...Object.entries(RELATION_LABELS).map(([r, l]) => [l, r as Relation] as [string, Relation]),
  ['儿媳', 'childInLaw'],
  ['女婿', 'childInLaw'],
]);
const SOURCE_BY_LABEL = new Map<string, IncomeSource>([
  ...INCOME_SOURCES.map((s) => [s, s] as [string, IncomeSource]),
  ...Object.entries(SOURCE_LABELS).map(([s, l]) => [l, s as IncomeSource] as [string, IncomeSource]),
]);

/**
 * Reads the survey's rows into households. `rows[k]` are the cell texts of the file's row `firstRow + k` (the header
 * is not among them); blank rows are skipped. All problems are collected — the caller refuses the whole file when
 * there is any — up to `maxProblems`, after which reading goes on only to count.
 *
 * @example
 * readSurvey([['H1', '510403100201', '3组', '张三', '51041119800301011X', '户主', '', '否', …]], 2, …)
 *   → { households: [{ key: 'H1', villageId: 'xiqu-geliping-xinzhuang', members: [{ name: '张三', … }], … }] }
 */
export function readSurvey(rows: Iterable<readonly string[]>, opts: SurveyReaderOptions): SurveyResult {
  const reader = surveyReader(opts);
  for (const cells of rows) reader.add(cells);
  return reader.finish();
}

export interface SurveyReaderOptions {
  firstRow: number;
  today: string;
  village: (code: string) => SurveyVillage | undefined;
  maxProblems?: number;
}

export interface SurveyResult {
  households: SurveyHousehold[];
  problems: SurveyProblem[];
  problemCount: number;
  rows: number;
}

/**
 * {@link readSurvey} a row at a time, for files read as a stream: `add` each row as it arrives (blank ones too, so
 * that row numbers stay the file's), then `finish`.
 */
export function surveyReader(opts: SurveyReaderOptions): {
  add(cells: readonly string[]): void;
  finish(): SurveyResult;
  readonly rows: number;
  readonly problemCount: number;
} {
  const max = opts.maxProblems ?? 1000;
  const problems: SurveyProblem[] = [];
  let problemCount = 0;
  const households = new Map<string, SurveyHousehold & { headRow: number | null; incomeRow: number | null }>();
  const ids = new Map<string, number>();
  let rowNo = opts.firstRow - 1;
  let count = 0;
  const add = (cells: readonly string[]) => {
    rowNo++;
    if (cells.every((c) => c.trim() === '')) return;
    count++;
    const row = rowNo;
    let bad = false;
    const problem = (key: SurveyKey | null, zh: string, en: string) => {
      bad = true;
      problemCount++;
      if (problems.length >= max) return;
      const i = key === null ? null : (COLUMN_INDEX.get(key) as number);
      const col = i === null ? null : SURVEY_COLUMNS[i];
      problems.push({
        row,
        column: i === null ? null : columnLetter(i),
        header: col ? col.zh : null,
        message: { zh, en },
      });
    };
    const cell = (key: SurveyKey) => (cells[COLUMN_INDEX.get(key) as number] ?? '').trim();
    const flag = (key: SurveyKey, fallback: boolean) => {
      const v = cell(key).toLowerCase();
      if (v === '') return fallback;
      if (YES.has(v)) return true;
      if (NO.has(v)) return false;
      problem(key, `“${cell(key)}”应为“是”或“否”`, `“${cell(key)}” should be 是 (yes) or 否 (no)`);
      return fallback;
    };
    const number = (key: SurveyKey, opt: { min?: number; integer?: boolean } = {}): number | null => {
      const raw = cell(key).replace(/[,，\s]/g, '');
      if (raw === '') return null;
      const v = Number(raw);
      if (!/^-?\d+(\.\d+)?$/.test(raw) || !Number.isFinite(v)) {
        problem(key, `“${cell(key)}”不是数字`, `“${cell(key)}” is not a number`);
        return null;
      }
      if (opt.integer && !Number.isInteger(v)) {
        problem(key, `“${cell(key)}”应为整数`, `“${cell(key)}” should be a whole number`);
        return null;
      }
      if (opt.min !== undefined && v < opt.min) {
        problem(key, `应不小于 ${opt.min}`, `should be at least ${opt.min}`);
        return null;
      }
      return v;
    };
    const date = (key: SurveyKey): string | null => {
      const v = cell(key);
      if (v === '') return null;
      if (!DATE.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`))) {
        problem(key, `“${v}”不是 YYYY-MM-DD 格式的日期`, `“${v}” is not a date as YYYY-MM-DD`);
        return null;
      }
      if (v > opts.today) {
        problem(key, `日期 ${v} 晚于今天`, `the date ${v} is after today`);
        return null;
      }
      return v;
    };

    const key = cell('householdKey');
    if (key === '') problem('householdKey', '请填写户编号', 'the household key is required');
    if (key.length > 40) problem('householdKey', '户编号不超过40字', 'at most 40 characters');
    const name = cell('name');
    if (name === '') problem('name', '请填写姓名', 'the name is required');
    else if (name.length > 40) problem('name', '姓名不超过40字', 'at most 40 characters');
    const id = parseIdNumber(cell('idNumber'), opts.today);
    let sex: 'male' | 'female' = 'male';
    let birthDate = '';
    let normalised = '';
    if (!id.ok) problem('idNumber', id.message.zh, id.message.en);
    else {
      sex = id.sex;
      birthDate = id.birthDate;
      normalised = id.normalised;
      for (const e of crossCheckId(id, {}, '5104').errors) problem('idNumber', e.message.zh, e.message.en);
      const first = ids.get(normalised);
      if (first !== undefined)
        problem(
          'idNumber',
          `与第 ${first} 行是同一身份证号码：同一人不能登记两次`,
          `the same ID number as row ${first}: one person cannot be registered twice`,
        );
      else ids.set(normalised, row);
    }
    const relationText = cell('relation');
    const relation = RELATION_BY_LABEL.get(relationText);
    if (!relation)
      problem(
        'relation',
        `“${relationText}”不是可选的关系（${Object.values(RELATION_LABELS).join('、')}）`,
        `“${relationText}” is not one of the relations in the list`,
      );
    const phone = cell('phone');
    if (phone !== '' && !/^(1\d{10}|0\d{2,3}-?\d{7,8})$/.test(phone.replace(/\s/g, '')))
      problem('phone', `“${phone}”不是有效的电话号码`, `“${phone}” is not a valid phone number`);
    const grade = number('disabilityGrade', { integer: true });
    if (grade !== null && (grade < 1 || grade > 4)) problem('disabilityGrade', '残疾等级为1–4级', 'grade 1–4');
    const employed = flag('employed', false);
    const employedSince = date('employedSince');
    const member: SurveyMember = {
      row,
      name,
      idNumber: normalised,
      relation: relation ?? 'other',
      sex,
      birthDate,
      phone: phone === '' ? null : phone.replace(/\s/g, ''),
      inSchool: flag('inSchool', false),
      retired: flag('retired', false),
      disabilityGrade: grade !== null && grade >= 1 && grade <= 4 ? (grade as 1 | 2 | 3 | 4) : null,
      seriouslyIll: flag('seriouslyIll', false),
      ableToWork: flag('ableToWork', true),
      willingToWork: flag('willingToWork', true),
      employed,
      employedSince: employed ? employedSince : null,
      employer: employed && cell('employer') !== '' ? cell('employer').slice(0, 100) : null,
    };
    if (birthDate !== '' && ageOn(birthDate, opts.today) > 130)
      problem('idNumber', '出生日期不合理', 'implausible birth date');

    // The household's facts: on its first row, and the same (or blank) on the others.
    const code = cell('villageCode');
    const address = cell('address').slice(0, 200);
    let h = key === '' ? undefined : households.get(key);
    if (!h) {
      let villageId = '';
      if (code === '') problem('villageCode', '请填写村（社区）代码', 'the village code is required');
      else {
        const v = opts.village(code);
        if (!v) problem('villageCode', `未知的村（社区）代码“${code}”`, `unknown village or community code “${code}”`);
        else if (!v.writable)
          problem('villageCode', `村（社区）${code} 不在您的填报范围内`, `village ${code} is outside your entry scope`);
        else villageId = v.id;
      }
      h = { key, row, villageId, address, members: [], income: null, headRow: null, incomeRow: null };
      if (key !== '') households.set(key, h);
    } else if (code !== '' && opts.village(code)?.id !== h.villageId && h.villageId !== '') {
      problem(
        'villageCode',
        `与本户第 ${h.row} 行的村（社区）代码不同`,
        `differs from the village code on row ${h.row} of this household`,
      );
    }
    if (relation === 'head') {
      if (h.headRow !== null)
        problem(
          'relation',
          `本户已有户主（第 ${h.headRow} 行）`,
          `the household already has a head (row ${h.headRow})`,
        );
      else h.headRow = row;
    }

    // The income: on one row of the household (the head's, by the template).
    const incomeCells: SurveyKey[] = [
      'incomeYear',
      'incomeTotal',
      'wages',
      'business',
      'property',
      'transfers',
      'bracketLow',
      'bracketHigh',
      'incomeSource',
      'recordedOn',
    ];
    if (incomeCells.some((k) => cell(k) !== '')) {
      if (h.incomeRow !== null) {
        problem(
          'incomeYear',
          `本户的收入已在第 ${h.incomeRow} 行填写，每户只填一行`,
          `the household's income is already on row ${h.incomeRow}; one row per household`,
        );
      } else {
        h.incomeRow = row;
        const year = number('incomeYear', { integer: true });
        if (year === null && cell('incomeYear') === '')
          problem('incomeYear', '请填写收入年度', 'the income year is required');
        else if (year !== null && (year < 2000 || year > Number(opts.today.slice(0, 4))))
          problem('incomeYear', `收入年度 ${year} 不合理`, `implausible income year ${year}`);
        const total = number('incomeTotal', { min: 0 });
        const parts = {
          wages: number('wages', { min: 0 }),
          business: number('business'),
          property: number('property', { min: 0 }),
          transfers: number('transfers', { min: 0 }),
        };
        const low = number('bracketLow', { min: 0 });
        const high = number('bracketHigh', { min: 0 });
        const sourceText = cell('incomeSource');
        const source = sourceText === '' ? 'survey' : SOURCE_BY_LABEL.get(sourceText);
        if (!source)
          problem(
            'incomeSource',
            `“${sourceText}”不是可选的收入来源`,
            `“${sourceText}” is not one of the income sources`,
          );
        const recordedOn = date('recordedOn');
        if (recordedOn === null && cell('recordedOn') === '')
          problem('recordedOn', '请填写记录日期', 'the date recorded is required');
        let kind: 'exact' | 'bracket' = 'exact';
        if (total !== null) {
          if (low !== null || high !== null)
            problem('bracketLow', '已填精确收入时收入档留空', 'leave the bracket blank when the exact income is given');
          const given = Object.values(parts).filter((v): v is number => v !== null);
          if (given.length === 4 && Math.abs(given.reduce((a, b) => a + b, 0) - total) > 0.5)
            problem('incomeTotal', '四项收入之和与家庭年收入不符', 'the four parts do not add up to the total');
        } else if (low !== null) {
          kind = 'bracket';
          if (low % BRACKET_STEP !== 0)
            problem('bracketLow', `${low} 不是1万元的整数倍`, `${low} is not a multiple of 10,000 yuan`);
          if (high !== null && high !== low + BRACKET_STEP)
            problem(
              'bracketHigh',
              `收入档应为 ${low}–${low + BRACKET_STEP} 元`,
              `the bracket should be ${low}–${low + BRACKET_STEP}`,
            );
        } else if (cell('bracketLow') === '' && cell('incomeTotal') === '') {
          problem('incomeTotal', '请填写家庭年收入或收入档', 'give the household income or its bracket');
        }
        if (!bad && year !== null && source && recordedOn) {
          h.income = {
            year,
            kind,
            total: kind === 'exact' ? total : null,
            ...(kind === 'exact' ? parts : { wages: null, business: null, property: null, transfers: null }),
            bracketLow: kind === 'bracket' ? low : null,
            bracketHigh: kind === 'bracket' ? high : null,
            source,
            recordedOn,
          };
        }
      }
    }
    if (!bad) h.members.push(member);
  };
  const finish = (): SurveyResult => {
    for (const h of households.values()) {
      if (h.headRow === null) {
        problemCount++;
        if (problems.length < max)
          problems.push({
            row: h.row,
            column: columnLetter(COLUMN_INDEX.get('relation') as number),
            header: '与户主关系',
            message: { zh: `户 ${h.key} 没有户主`, en: `household ${h.key} has no head` },
          });
      }
    }
    return {
      households: [...households.values()].map(({ headRow: _h, incomeRow: _i, ...h }) => h),
      problems,
      problemCount,
      rows: count,
    };
  };
  return {
    add,
    finish,
    get rows() {
      return count;
    },
    get problemCount() {
      return problemCount;
    },
  };
}
