import { describe, expect, it } from 'vitest';
import { CsvProblem, readCsv, readCsvPart } from './csv-rows.ts';

describe('reading CSV record by record', () => {
  it('keeps quoted commas, quotes and line breaks, blank records and short ones, numbered as Excel shows them', () => {
    const out: [string[], number][] = [];
    readCsv('a,b,c\r\n1,"x,y",\n\n4,"5""q","multi\nline"\r7,8\n"end"', (c, r) => out.push([c, r]));
    expect(out).toEqual([
      [['a', 'b', 'c'], 1],
      [['1', 'x,y', ''], 2],
      [[''], 3],
      [['4', '5"q', 'multi\nline'], 4],
      [['7', '8'], 5],
      [['end'], 6],
    ]);
  });

  it('reads a slice at a time from where it stopped, and names the row of an unclosed quote', () => {
    const rows: number[] = [];
    let at = { at: 0, row: 0 };
    for (;;) {
      const part = readCsvPart('a\nb\nc\nd\ne', at, 2, (_, r) => rows.push(r));
      at = part;
      if (part.done) break;
    }
    expect(rows).toEqual([1, 2, 3, 4, 5]);
    expect(() => readCsv('a,b\n1,"open\n2,3\n', () => {})).toThrow(CsvProblem);
    try {
      readCsv('a,b\n1,"open\n2,3\n', () => {});
    } catch (e) {
      expect((e as CsvProblem).row).toBe(2);
    }
  });
});
