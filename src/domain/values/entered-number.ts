/**
 * What a reporter typed in a figure's cell, read as a number in the indicator's unit — or refused with the reason,
 * never dropped. Chinese input methods give full-width digits (１２３．５), reporters copy figures with thousands
 * separators from statistical tables (1,234.5), and they write amounts with the unit they think in ("1.2万" for an
 * indicator counted in 人, "3500万元" for one in 亿元).
 *
 * @example
 * readEnteredNumber('１２３．５', '%')      // { kind: 'number', value: 123.5, plain: false }
 * readEnteredNumber('1,234.5', '元')        // { kind: 'number', value: 1234.5, plain: false }
 * readEnteredNumber('1.2万', '人')          // { kind: 'number', value: 12000, plain: false }
 * readEnteredNumber('3500万元', '亿元')     // { kind: 'number', value: 0.35, plain: false }
 * readEnteredNumber('12.5', '%')            // { kind: 'number', value: 12.5, plain: true }
 * readEnteredNumber('约10', '个')           // { kind: 'invalid', reason: 'notNumber' }
 * readEnteredNumber('1.2万元', '人')        // { kind: 'invalid', reason: 'unitMismatch' }
 * readEnteredNumber('12,5', '%')            // { kind: 'invalid', reason: 'notNumber' } (a decimal comma is ambiguous)
 */
export type EnteredNumber =
  | { kind: 'empty' }
  /** `plain` when typed as the number itself, so the cell need not say how it was read. */
  | { kind: 'number'; value: number; plain: boolean }
  | { kind: 'invalid'; reason: 'notNumber' | 'unitMismatch' };

const SCALES: Readonly<Record<string, number>> = { 千: 1e3, 万: 1e4, 亿: 1e8 };
/** Units of the framework's indicators and of their usual neighbours: a figure in another unit is refused as such. */
const UNIT_WORD =
  /^(人|户|元|个|家|项|所|亩|吨|公顷|平方米|千瓦时|公里|千米|米|倍|%|岁|辆|张|次|套|间|座|床|名|人次|户次|美元)$/;

/** Full-width digits, point, sign, comma and percent (Chinese input methods) → ASCII; spaces go. */
export function toHalfWidth(text: string): string {
  return text
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[．。]/g, '.')
    .replace(/－/g, '-')
    .replace(/＋/g, '+')
    .replace(/，/g, ',')
    .replace(/％/g, '%')
    .replace(/\s/g, '');
}

const PLAIN = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
/** Thousands separators in groups of three only: "1,234.5"; "12,5" could be a decimal comma and is refused. */
const GROUPED = /^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/;

/** The scale a unit starts with: 万人 counts ten thousands of 人; 亿元 hundred millions of 元. */
function unitScale(unit: string): { scale: number; base: string } {
  const first = unit.charAt(0);
  const scale = SCALES[first];
  return scale !== undefined && unit.length > 1 ? { scale, base: unit.slice(1) } : { scale: 1, base: unit };
}

export function readEnteredNumber(text: string, unit: string): EnteredNumber {
  const s = toHalfWidth(text);
  if (s === '') return { kind: 'empty' };
  const m = /^([-+]?[\d.,]+(?:[eE][-+]?\d+)?)(.*)$/.exec(s);
  if (!m) return { kind: 'invalid', reason: 'notNumber' };
  const digits = m[1] as string;
  const suffix = m[2] as string;
  if (!PLAIN.test(digits) && !GROUPED.test(digits)) return { kind: 'invalid', reason: 'notNumber' };
  const n = Number(digits.replace(/,/g, ''));
  if (!Number.isFinite(n)) return { kind: 'invalid', reason: 'notNumber' };
  if (suffix === '') return { kind: 'number', value: n, plain: PLAIN.test(text.trim()) };

  const target = unitScale(unit);
  const cleanUnit = toHalfWidth(unit);
  // The indicator's own unit written out ("12%", "3个", "1.5亿元" for 亿元).
  if (suffix === cleanUnit) return { kind: 'number', value: n, plain: false };
  const typedScale = SCALES[suffix.charAt(0)];
  const scale = typedScale ?? 1;
  const rest = typedScale === undefined ? suffix : suffix.slice(1);
  if (rest !== '' && rest !== target.base)
    return { kind: 'invalid', reason: UNIT_WORD.test(rest) ? 'unitMismatch' : 'notNumber' };
  // A scale needs a unit counted in things (人, 元, 户…), not a rate or an index.
  if (typedScale !== undefined && (cleanUnit === '%' || cleanUnit === '' || cleanUnit === '倍'))
    return { kind: 'invalid', reason: 'unitMismatch' };
  return { kind: 'number', value: Number(((n * scale) / target.scale).toPrecision(12)), plain: false };
}
