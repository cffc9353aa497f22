/**
 * Period codes of the exchange formats, to and from Gongfu's (src/domain/periods.ts: `2024-01`, `2024-Q1`, `2024`).
 *
 * - DHIS2 (data value sets): `202401` (month), `2024Q1` (quarter), `2024` (year).
 * - ADX (IHE QRPH, urn:ihe:qrph:adx:2015): an ISO 8601 start date and duration, `2024-01-01/P1M`,
 *   `2024-01-01/P3M` (a quarter starts in January, April, July or October), `2024-01-01/P1Y`.
 *
 * A code of another kind (a DHIS2 week `2024W1`, an ADX period that does not start where a Gongfu period starts)
 * answers null: the caller reports it as a conflict of the row.
 */

const MONTH = /^(\d{4})(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})Q([1-4])$/;
const YEAR = /^(\d{4})$/;

/**
 * @example toDhis2Period('2024-01') === '202401'; toDhis2Period('2024-Q1') === '2024Q1'; toDhis2Period('2024') === '2024'
 */
export function toDhis2Period(period: string): string {
  return period.replace('-Q', 'Q').replace('-', '');
}

/**
 * @example fromDhis2Period('202401') === '2024-01'; fromDhis2Period('2024Q1') === '2024-Q1'; fromDhis2Period('2024W1') === null
 */
export function fromDhis2Period(code: string): string | null {
  const m = MONTH.exec(code);
  if (m) return `${m[1]}-${m[2]}`;
  const q = QUARTER.exec(code);
  if (q) return `${q[1]}-Q${q[2]}`;
  return YEAR.test(code) ? code : null;
}

/**
 * @example toAdxPeriod('2024-03') === '2024-03-01/P1M'; toAdxPeriod('2024-Q2') === '2024-04-01/P3M'; toAdxPeriod('2024') === '2024-01-01/P1Y'
 */
export function toAdxPeriod(period: string): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  if (q) return `${q[1]}-${String((Number(q[2]) - 1) * 3 + 1).padStart(2, '0')}-01/P3M`;
  if (/^\d{4}-\d{2}$/.test(period)) return `${period}-01/P1M`;
  return `${period}-01-01/P1Y`;
}

/**
 * @example fromAdxPeriod('2024-01-01/P1M') === '2024-01'; fromAdxPeriod('2024-07-01/P3M') === '2024-Q3';
 *   fromAdxPeriod('2024-01-01/P1Y') === '2024'; fromAdxPeriod('2024-01-15/P1M') === null
 */
export function fromAdxPeriod(code: string): string | null {
  const m = /^(\d{4})-(0[1-9]|1[0-2])-01\/P(1M|3M|1Y|12M)$/.exec(code.trim());
  if (!m) return null;
  const [, year, month, duration] = m as unknown as [string, string, string, string];
  const n = Number(month);
  switch (duration) {
    case '1M':
      return `${year}-${month}`;
    case '3M':
      return (n - 1) % 3 === 0 ? `${year}-Q${(n - 1) / 3 + 1}` : null;
    default:
      return n === 1 ? year : null;
  }
}
