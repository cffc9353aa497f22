/**
 * Bilingual text and the number formats used in explanations and error messages.
 * Chinese is the users' language; English serves documentation, logs and the English UI.
 */

/** A sentence in both UI languages. */
export interface LocalizedText {
  zh: string;
  en: string;
}

/**
 * A number as explanations show it: at most `decimals` decimals, trailing zeros dropped, no "-0".
 *
 * @example formatNumber(51000 / 24500) === '2.08'; formatNumber(1303.8) === '1303.8'; formatNumber(6) === '6'
 */
export function formatNumber(value: number, decimals = 2): string {
  if (!Number.isFinite(value)) return String(value);
  // Integers (most targets and counts) need no rounding; toFixed is the slow path of a bulk evaluation.
  if (Number.isInteger(value)) return String(value);
  const rounded = Number(value.toFixed(decimals));
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

/**
 * A share (0.309) as a percentage with one decimal ("30.9%"), the way bulletins print completion rates.
 *
 * @example formatPercent(89.6 / 290) === '30.9%'; formatPercent(0.25) === '25.0%'
 */
export function formatPercent(share: number, decimals = 1): string {
  const text = (share * 100).toFixed(decimals);
  return `${/^-0(\.0*)?$/.test(text) ? text.slice(1) : text}%`;
}
