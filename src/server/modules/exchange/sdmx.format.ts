import { writeAll, type ChunkWriter } from './chunk-writer.ts';
import { csvCell } from './dhis2.format.ts';

/**
 * SDMX-CSV (version 1.0 of the SDMX Technical Working Group's CSV format) of Gongfu's figures: one observation a line,
 * the dataflow first, then the dimensions, the time period, the observation value and the attributes, by component id:
 *
 * `DATAFLOW,INDICATOR,REF_AREA,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,OBS_STATUS`
 *
 * - DATAFLOW `GONGFU:CP_MONITORING(1.0)` — the common-prosperity monitoring dataflow of docs/exchange.md;
 * - INDICATOR: the indicator code of the framework (`D2-01`); REF_AREA: the GB/T 2260 code of the area (`510403`);
 * - TIME_PERIOD in SDMX's reporting periods, which are Gongfu's own codes (`2024-01`, `2024-Q1`, `2024`);
 * - UNIT_MEASURE: the indicator's unit as the framework writes it (`亿元`, `%`), uncoded;
 * - OBS_STATUS: `A` published (SDMX's "normal value"), `P` provisional (approved, not yet published: only in the
 *   centre's and reviewers' preview), `G` generated demonstration data (Gongfu's addition to the code list: never a
 *   fact).
 */
export const SDMX_DATAFLOW = 'GONGFU:CP_MONITORING(1.0)';
export const SDMX_COLUMNS = [
  'DATAFLOW',
  'INDICATOR',
  'REF_AREA',
  'TIME_PERIOD',
  'OBS_VALUE',
  'UNIT_MEASURE',
  'OBS_STATUS',
] as const;

export interface Observation {
  indicator: string;
  area: string;
  period: string;
  value: number;
  unit: string;
  status: 'A' | 'P' | 'G';
}

/** SDMX-CSV written a page at a time: the header, then one line per observation. */
export function sdmxCsvWriter(): ChunkWriter<Observation> {
  return {
    start: () => `${SDMX_COLUMNS.join(',')}\n`,
    page: (observations) =>
      observations
        .map(
          (o) =>
            `${[SDMX_DATAFLOW, o.indicator, o.area, o.period, String(o.value), o.unit, o.status].map(csvCell).join(',')}\n`,
        )
        .join(''),
    end: () => '',
  };
}

/** @example writeSdmxCsv([{ indicator: 'D2-01', area: '510403', period: '2024-10', value: 5.2, unit: '%', status: 'A' }]) */
export function writeSdmxCsv(observations: readonly Observation[]): string {
  return writeAll(sdmxCsvWriter(), observations);
}
