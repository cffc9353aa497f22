import { describe, expect, it } from 'vitest';
import { evaluationOrder, findCycles } from './graph.ts';

describe('findCycles', () => {
  it('no cycles among the seeds’ computed indicators', () => {
    const formulas = new Map([
      ['URBAN_RURAL_RATIO', ['URBAN_INCOME', 'RURAL_INCOME']],
      ['REGIONAL_GAP', ['GDP_PC']],
      ['GDP_PC', ['GDP', 'POPULATION']],
    ]);
    expect(findCycles(formulas)).toEqual([]);
  });

  it('finds a two-step cycle, written from its first code back to itself', () => {
    expect(
      findCycles(
        new Map([
          ['B', ['A']],
          ['A', ['B', 'C']],
          ['C', []],
        ]),
      ),
    ).toEqual([['A', 'B', 'A']]);
  });

  it('finds self-references and separate cycles', () => {
    const formulas = new Map([
      ['RATIO', ['RATIO']],
      ['X', ['Y']],
      ['Y', ['Z']],
      ['Z', ['X', 'W']],
      ['W', []],
    ]);
    expect(findCycles(formulas)).toEqual([
      ['RATIO', 'RATIO'],
      ['X', 'Y', 'Z', 'X'],
    ]);
  });

  it('reports the shortest cycle through the first code of a tangled group', () => {
    const formulas = new Map([
      ['A', ['B', 'C']],
      ['B', ['C']],
      ['C', ['A']],
    ]);
    expect(findCycles(formulas)).toEqual([['A', 'C', 'A']]);
  });
});

describe('evaluationOrder', () => {
  it('puts what is read before what reads it', () => {
    const formulas = new Map([
      ['REGIONAL_GAP', ['GDP_PC']],
      ['SHARE', ['REGIONAL_GAP', 'URBAN_RURAL_RATIO']],
      ['GDP_PC', ['GDP', 'POPULATION']],
      ['URBAN_RURAL_RATIO', ['URBAN_INCOME', 'RURAL_INCOME']],
    ]);
    expect(evaluationOrder(formulas)).toEqual({
      ok: true,
      order: ['GDP_PC', 'REGIONAL_GAP', 'URBAN_RURAL_RATIO', 'SHARE'],
    });
  });

  it('refuses to order a cycle', () => {
    expect(
      evaluationOrder(
        new Map([
          ['A', ['B']],
          ['B', ['A']],
        ]),
      ),
    ).toEqual({ ok: false, cycles: [['A', 'B', 'A']] });
  });

  it('empty', () => {
    expect(evaluationOrder(new Map())).toEqual({ ok: true, order: [] });
  });
});
