import { describe, expect, it } from 'vitest';
import { adxWriter } from './adx.format.ts';
import { streamChunks, writeAll, type ChunkWriter } from './chunk-writer.ts';
import { dataValueSetCsvWriter, dataValueSetJsonWriter, DEFAULT_COMBO, type OutValue } from './dhis2.format.ts';

const values: OutValue[] = Array.from({ length: 23 }, (_, n) => ({
  dataElement: `D2-${String(n % 5).padStart(2, '0')}`,
  period: n < 12 ? '202411' : '202412',
  orgUnit: n % 3 === 0 ? '510402' : '510403',
  categoryOptionCombo: DEFAULT_COMBO,
  attributeOptionCombo: DEFAULT_COMBO,
  value: String(n + 0.5),
  storedBy: 'xiqu',
  lastUpdated: '2024-12-05T02:00:00.000Z',
  comment: n % 4 === 0 ? `第${n}项，含"引号",逗号<&>` : null,
  followup: false,
}));

async function* pagesOf<T>(list: readonly T[], size: number): AsyncGenerator<T[]> {
  for (let i = 0; i < list.length; i += size) yield list.slice(i, i + size);
}

async function streamed<T>(writer: ChunkWriter<T>, list: readonly T[], size: number): Promise<string> {
  let out = '';
  for await (const chunk of streamChunks(writer, pagesOf(list, size))) out += chunk;
  return out;
}

/** The exports go out a page at a time: whatever the page size, the file is the one written at once. */
describe('formats written a page at a time', () => {
  const writers: [string, () => ChunkWriter<OutValue>][] = [
    ['DHIS2 JSON', dataValueSetJsonWriter],
    ['DHIS2 CSV', dataValueSetCsvWriter],
    ['ADX', () => adxWriter('2024-12-05T02:00:00.000Z')],
  ];
  it.each(writers)('%s: the same bytes for pages of 1, 2, 5, 23 and 100 values, and for none', async (_, make) => {
    const whole = writeAll(make(), values);
    for (const size of [1, 2, 5, 23, 100]) expect(await streamed(make(), values, size)).toBe(whole);
    expect(await streamed(make(), [], 10)).toBe(writeAll(make(), []));
  });

  it('writes valid JSON and ADX groups that run on over a page end', async () => {
    const json = await streamed(dataValueSetJsonWriter(), values, 4);
    expect((JSON.parse(json) as { dataValues: unknown[] }).dataValues).toHaveLength(values.length);
    const adx = await streamed(adxWriter('2024-12-05T02:00:00.000Z'), values, 4);
    expect(adx.match(/<group /g)?.length).toBe(adx.match(/<\/group>/g)?.length);
  });
});
