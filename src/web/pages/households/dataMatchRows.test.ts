import { describe, expect, it } from 'vitest';
import { kindCode, matchRows, parseDelimited } from './dataMatchRows.ts';

const ID1 = '510403199001011234';
const ID2 = '51040319851231002X';

describe('a department data-match file read in the browser', () => {
  it('reads CSV with quotes and a header, and text pasted from Excel (tabs)', () => {
    expect(parseDelimited(`身份证号,类别,原因\n${ID1},零就业家庭,"失业, 3个月"\n`)).toEqual([
      ['身份证号', '类别', '原因'],
      [ID1, '零就业家庭', '失业, 3个月'],
    ]);
    expect(parseDelimited(`${ID1}\t因病\t住院自付5万元\r\n${ID2}\t\t\r\n`)).toEqual([
      [ID1, '因病', '住院自付5万元'],
      [ID2, '', ''],
    ]);
  });

  it('finds the columns by header, takes the defaults where a cell is empty, and maps kind names to codes', () => {
    const { rows, issues } = matchRows(
      [
        ['原因', '公民身份号码', '监测类型'],
        ['', ID1, ''],
        ['医疗自付高', ID2.toLowerCase(), '突发困难·因病'],
      ],
      { kind: 'below10k', reason: '医保数据推送' },
    );
    expect(issues).toEqual([]);
    expect(rows).toEqual([
      { idNumber: ID1, kind: 'below10k', reason: '医保数据推送' },
      { idNumber: ID2, kind: 'illness', reason: '医疗自付高' },
    ]);
    expect(kindCode('zeroEmployment')).toBe('zeroEmployment');
    expect(kindCode('什么')).toBeNull();
  });

  it('reports every bad row by its number and sends nothing (all or nothing)', () => {
    const { rows, issues } = matchRows(
      [
        ['身份证号', '类别'],
        [ID1, '零就业'],
        ['5104031990', ''],
        [ID1, ''],
        [ID2, '什么'],
      ],
      { kind: 'below10k', reason: '' },
    );
    expect(rows).toEqual([]);
    expect(issues.map((i) => i.row)).toEqual([2, 3, 4, 5]);
    expect(issues[0]?.zh).toContain('原因');
    expect(issues[2]?.zh).toContain('重复');
  });

  it('refuses a file without an ID number column, saying what to do', () => {
    const { issues } = matchRows([['姓名', '电话']], { kind: 'below10k', reason: 'x' });
    expect(issues[0]?.zh).toContain('身份证号');
  });
});
