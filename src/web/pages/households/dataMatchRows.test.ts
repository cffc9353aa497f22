import { describe, expect, it } from 'vitest';
import { idCheckCharacter } from '../../../domain/households/id-number.ts';
import { kindCode, matchRows, parseDelimited } from './dataMatchRows.ts';

const valid = (first17: string) => `${first17}${idCheckCharacter(first17)}`;
const ID1 = valid('51040319900101123');
const ID2 = valid('51040319851231002');

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
    expect(matchRows([[ID1]], { kind: 'below10k', reason: 'x' }).fileRows).toEqual([1]);
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
        [ID1, '零就业家庭'],
        [ID2, '什么'],
        [ID2, '因病'],
      ],
      { kind: 'below10k', reason: '' },
    );
    expect(rows).toEqual([]);
    // Row 6 (another kind for a person of row 5) would be fine; it is reported for its missing reason only.
    expect(issues.map((i) => i.row)).toEqual([2, 3, 4, 5, 6]);
    expect(issues[0]?.zh).toContain('原因');
    expect(issues[2]?.zh).toContain('重复');
    expect(issues[4]?.zh).toContain('原因');
  });

  it('checks the ID numbers as the server does (check digit), naming the row and the last four digits', () => {
    const wrong = `${ID1.slice(0, 17)}${ID1.endsWith('0') ? '1' : '0'}`;
    const { issues } = matchRows([[wrong, '零就业', '人社推送']], { kind: 'below10k', reason: '' });
    expect(issues).toHaveLength(1);
    expect(issues[0]?.row).toBe(1);
    expect(issues[0]?.zh).toContain(wrong.slice(-4));
  });

  it('refuses a file without an ID number column, saying what to do', () => {
    const { issues } = matchRows([['姓名', '电话']], { kind: 'below10k', reason: 'x' });
    expect(issues[0]?.zh).toContain('身份证号');
  });
});
