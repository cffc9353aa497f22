import { describe, expect, it } from 'vitest';
import { gridResponseSchema } from '../../../shared/api/values.ts';
import { serializeGrid } from './value.grid-serializer.ts';

const row = {
  indicatorCode: 'A1-01',
  name: '居民人均可支配收入',
  nameEn: 'Per-capita disposable income',
  unit: '元',
  dimensionCode: 'A1',
  valueKind: 'amount',
  direction: 'higher',
  minValue: 0,
  maxValue: null,
  computed: false,
  editable: true,
  readOnlyReason: null,
  previousValue: 41_230.5,
  target: {
    kind: 'annual' as const,
    comparison: 'atLeast' as const,
    floor: 45_000,
    stretch: 46_500,
    upper: null,
    generated: true,
  },
  value: {
    id: 'v-1',
    value: 41_980,
    status: 'returned' as const,
    origin: 'reported' as const,
    sourceTitle: null,
    note: '口径更正 "说明"\n第二行',
    returnReason: '请核实',
    version: 3,
    updatedAt: '2024-11-05T02:00:00.000Z',
  },
};

describe('the entry grid serializer', () => {
  it('writes exactly what the shared schema reads back, nulls, quotes and Chinese included', () => {
    const grid = {
      frameworkId: 'fw-2024',
      orgUnitId: 'xiqu',
      period: '2024-11',
      previousPeriod: '2024-10',
      locked: false,
      rows: [
        row,
        {
          ...row,
          indicatorCode: 'A1-02',
          target: null,
          value: null,
          editable: false,
          readOnlyReason: 'locked' as const,
        },
      ],
    };
    const text = serializeGrid(grid);
    expect(gridResponseSchema.parse(JSON.parse(text))).toEqual(grid);
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(grid)));
  });

  it('drops fields the schema does not name, as zod would', () => {
    const text = serializeGrid({
      frameworkId: 'f',
      orgUnitId: 'u',
      period: '2024-11',
      previousPeriod: '2024-10',
      locked: true,
      rows: [{ ...row, secret: 'x' }],
      extra: 1,
    });
    expect(text).not.toContain('secret');
    expect(text).not.toContain('extra');
  });
});
