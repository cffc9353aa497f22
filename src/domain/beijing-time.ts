/**
 * Beijing time (China Standard Time, UTC+8 all year, no daylight saving): the one zone every Gongfu user reads.
 * Every time the server writes into a file or a message, and every time the web app shows, goes through here, so
 * a page, an export and the bulletin agree whatever zone the server or the browser runs in.
 * Pure: the instant is always an argument.
 */

/** UTC+8, all year. */
export const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

function shifted(at: Date | string): Date | null {
  const ms = typeof at === 'string' ? Date.parse(at) : at.getTime();
  return Number.isNaN(ms) ? null : new Date(ms + BEIJING_OFFSET_MS);
}

/**
 * The calendar day of an instant in Beijing, `YYYY-MM-DD`.
 *
 * @example beijingDate(new Date('2024-11-05T02:00:00Z')) === '2024-11-05'
 * @example beijingDate('2024-11-05T17:00:00Z') === '2024-11-06' (01:00 in Beijing)
 */
export function beijingDate(at: Date | string): string {
  const d = shifted(at);
  if (!d) throw new RangeError(`Invalid instant ${JSON.stringify(String(at))}`);
  return d.toISOString().slice(0, 10);
}

/**
 * An instant as Beijing wall-clock time, to the minute (`YYYY-MM-DD HH:mm`) or the second; what cannot be read as
 * an instant is returned as it came, so a bad value is visible rather than hidden.
 *
 * @example beijingTime(new Date('2024-11-05T02:00:00Z')) === '2024-11-05 10:00'
 * @example beijingTime('2024-11-05T06:03:11.000Z', 'second') === '2024-11-05 14:03:11'
 * @example beijingTime('2024-11-05T14:03:00+08:00') === '2024-11-05 14:03'
 */
export function beijingTime(at: Date | string, precision: 'minute' | 'second' = 'minute'): string {
  const d = shifted(at);
  if (!d) return String(at);
  // The one place the cut is right: the instant was shifted to Beijing time above.
  // eslint-disable-next-line no-restricted-syntax
  return d
    .toISOString()
    .slice(0, precision === 'second' ? 19 : 16)
    .replace('T', ' ');
}

/**
 * The instant a Beijing calendar day begins.
 *
 * @example beijingMidnight('2024-11-05').toISOString() === '2024-11-04T16:00:00.000Z'
 */
export function beijingMidnight(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - BEIJING_OFFSET_MS);
}
