import { describe, expect, it } from 'vitest';
import type { CellValue } from 'exceljs';
import {
  cellText,
  columnLetter,
  normalizePeriod,
  parseEntrySheet,
  readNumber,
  type ImportRules,
  type RawRow,
} from './excel.parse.ts';

const HEADER = ['指标编码', '指标名称', '计量单位', '单位编码', '单位名称', '期别', '上期值', '本期值', '填报说明'];

function sheet(...rows: CellValue[][]): RawRow[] {
  return rows.map((cells, i) => ({
    row: i + 1,
    cells: cells.map((value) => (value === undefined ? undefined : { value })),
  }));
}

/** 西区 (510403) and 东区 (510402); a reporter of 西区; D2-04 monthly in −60…100, D2-35 computed, D3-01 yearly. */
const rules: ImportRules = {
  year: 2024,
  indicator: (code) =>
    ({
      'D2-04': { code: 'D2-04', name: '全社会固定资产投资增速', computed: false, minValue: -60, maxValue: 100 },
      'D2-35': { code: 'D2-35', name: '重点项目年度计划投资完成率', computed: true, minValue: 0, maxValue: 300 },
      'D3-01': { code: 'D3-01', name: '人均地区生产总值', computed: false, minValue: 10000, maxValue: 500000 },
    })[code],
  orgUnit: (ref) =>
    ({
      '510403': { id: 'xiqu', name: '西区' },
      xiqu: { id: 'xiqu', name: '西区' },
      '510402': { id: 'dongqu', name: '东区' },
    })[ref],
  unitRefusal: (id) => (id === 'xiqu' ? null : { zh: '超出您的填报范围', en: 'outside your entry scope' }),
  indicatorRefusal: () => null,
  reportable: (_unit, period, code) => (code === 'D3-01' ? /^\d{4}$/.test(period) : /^\d{4}-\d{2}$/.test(period)),
};

describe('reading cells', () => {
  it('names columns by letter', () => {
    expect([1, 8, 26, 27, 28, 702].map(columnLetter)).toEqual(['A', 'H', 'Z', 'AA', 'AB', 'ZZ']);
  });

  it('reads text from rich text, formulas and full-width input', () => {
    expect(cellText({ richText: [{ text: ' 西' }, { text: '区 ' }] })).toBe('西区');
    expect(cellText({ formula: 'A1', result: 'D2-04' })).toBe('D2-04');
    expect(cellText('Ｄ２－０４')).toBe('D2-04');
    expect(cellText(510403)).toBe('510403');
    expect(cellText('   ')).toBeNull();
  });

  it('reads numbers as people type them, and says why when it cannot', () => {
    expect(readNumber({ value: 6.1 })).toEqual({ kind: 'number', value: 6.1, fromPercentFormat: false });
    expect(readNumber({ value: '1,303.8' })).toMatchObject({ kind: 'number', value: 1303.8 });
    expect(readNumber({ value: '１２．５' })).toMatchObject({ kind: 'number', value: 12.5 });
    expect(readNumber({ value: '−3.2' })).toMatchObject({ kind: 'number', value: -3.2 });
    expect(readNumber({ value: '5.2%' })).toMatchObject({ kind: 'number', value: 5.2 });
    expect(readNumber({ value: 0.052, numFmt: '0.0%' })).toEqual({
      kind: 'number',
      value: 5.2,
      fromPercentFormat: true,
    });
    expect(readNumber({ value: { formula: 'G2*1.1', result: 11 } })).toMatchObject({ kind: 'number', value: 11 });
    expect(readNumber({ value: '' })).toEqual({ kind: 'empty' });
    expect(readNumber(undefined)).toEqual({ kind: 'empty' });
    expect(readNumber({ value: '暂无' })).toMatchObject({ kind: 'invalid' });
    const uncalculated = readNumber({ value: { formula: 'G2*1.1' } });
    expect(uncalculated.kind === 'invalid' && uncalculated.reason.zh).toContain('公式');
    expect(readNumber({ value: { error: '#DIV/0!' } })).toMatchObject({ kind: 'invalid' });
    expect(readNumber({ value: new Date() })).toMatchObject({ kind: 'invalid' });
  });

  it('normalises the ways a period gets typed', () => {
    expect(normalizePeriod('2024-11')).toBe('2024-11');
    expect(normalizePeriod('2024/3')).toBe('2024-03');
    expect(normalizePeriod('2024年3月')).toBe('2024-03');
    expect(normalizePeriod('2024Q4')).toBe('2024-Q4');
    expect(normalizePeriod('2024年第一季度')).toBe('2024-Q1');
    expect(normalizePeriod('2024年')).toBe('2024');
    expect(normalizePeriod(2024)).toBe('2024');
    expect(normalizePeriod(new Date(Date.UTC(2024, 10, 1)))).toBe('2024-11');
    expect(normalizePeriod('2024-13')).toBeNull();
    expect(normalizePeriod('11月')).toBeNull();
  });
});

describe('parseEntrySheet', () => {
  it('turns good rows into entries, skips rows without a value, and reports every bad cell by row and column', () => {
    const result = parseEntrySheet(
      '填报表',
      sheet(
        HEADER,
        ['D2-04', '全社会固定资产投资增速', '%', '510403', '西区', '2024-11', 5.1, 6.1, '项目集中开工'],
        ['D3-01', '人均地区生产总值', '元', '510403', '西区', '2024', null, null],
        ['D2-04', '', '', '510403', '', '2024-11', null, 7],
        ['D2-04', '', '', '510402', '', '2024-10', null, 120],
        ['D9-99', '', '', 'xiqu', '', '2024-1O', null, 'n/a'],
        ['D2-35', '', '', 'xiqu', '', '2024-11', null, 50],
        ['D3-01', '', '', 'xiqu', '', '2024-11', null, 60000],
        ['D2-04', '', '', 'xiqu', '', '2023-11', null, 1],
      ),
      rules,
    );
    expect(result.rows).toEqual([
      { row: 2, indicatorCode: 'D2-04', orgUnitId: 'xiqu', period: '2024-11', value: 6.1, note: '项目集中开工' },
    ]);
    expect(result.skipped).toBe(1);
    expect(result.columns).toMatchObject({ indicatorCode: 'A', orgUnit: 'D', period: 'F', value: 'H', note: 'I' });
    const where = result.issues.map((i) => `${i.row}${i.column}`);
    expect(where).toEqual(['4A', '5D', '5H', '6H', '6A', '6F', '7H', '8A', '9F']);
    expect(result.issues.find((i) => i.row === 4)?.message).toContain('与第 2 行重复');
    expect(result.issues.find((i) => i.row === 5 && i.column === 'D')?.text).toEqual({
      zh: '东区：超出您的填报范围',
      en: 'outside your entry scope',
    });
    expect(result.issues.find((i) => i.row === 5 && i.column === 'H')?.message).toContain('上限 100');
    expect(result.issues.find((i) => i.row === 7)?.message).toContain('计算指标');
    expect(result.issues.find((i) => i.row === 8)?.message).toContain('不填报');
    expect(result.issues.find((i) => i.row === 9)?.message).toContain('不属于 2024 年度');
    for (const i of result.issues) expect(i.sheet === '填报表' && i.field.length > 0).toBe(true);
  });

  it('reads columns by header, tolerating a title row, reordered columns and annotated headers', () => {
    const result = parseEntrySheet(
      'Sheet1',
      sheet(
        ['西区 2024 年 11 月指标填报'],
        ['本期值（按口径）', '期别', '单位编码', '指标编码 Code'],
        [8, '2024-11', '510403', 'D2-04'],
      ),
      rules,
    );
    expect(result.issues).toEqual([]);
    expect(result.rows).toEqual([
      { row: 3, indicatorCode: 'D2-04', orgUnitId: 'xiqu', period: '2024-11', value: 8, note: null },
    ]);
  });

  it('names each missing required column, and a sheet without a header', () => {
    const missing = parseEntrySheet('填报表', sheet(['指标编码', '指标名称', '本期值'], ['D2-04', '', 1]), rules);
    expect(missing.rows).toEqual([]);
    expect(missing.issues.map((i) => i.field)).toEqual(['单位编码', '期别']);
    expect(missing.issues[0]?.message).toContain('缺少必填列');
    const none = parseEntrySheet('填报表', sheet(['a', 'b'], [1, 2]), rules);
    expect(none.issues).toHaveLength(1);
    expect(none.issues[0]?.message).toContain('找不到表头');
  });

  it('reads a percentage-formatted cell as displayed and says so', () => {
    const rows: RawRow[] = [
      { row: 1, cells: HEADER.map((value) => ({ value })) },
      {
        row: 2,
        cells: ['D2-04', '', '', '510403', '', '2024-11', null, 0.061].map((value, i) => ({
          value,
          numFmt: i === 7 ? '0.0%' : 'General',
        })),
      },
    ];
    const result = parseEntrySheet('填报表', rows, rules);
    expect(result.rows[0]?.value).toBe(6.1);
    expect(result.warnings).toEqual([expect.objectContaining({ row: 2, column: 'H', indicatorCode: 'D2-04' })]);
  });
});
