/**
 * A formula as users read it: indicator names instead of codes, × and ÷ instead of * and /, the functions in
 * words (each function's `words` in the registry, functions.ts). Works on the text, so a name it does not know is
 * left as written.
 */
import type { LocalizedText } from '../text.ts';
import { FORMULA_FUNCTION_SPECS } from './functions.ts';

export interface FormulaNames {
  /** The indicator's name in the language asked for, or null to keep the code. */
  nameOf: (code: string) => string | null | undefined;
  lang: 'zh' | 'en';
}

const FUNCTION_WORDS: ReadonlyMap<string, LocalizedText> = new Map(
  FORMULA_FUNCTION_SPECS.map((f) => [f.name, f.words]),
);

/** The named sets and coverage rules of the set aggregates (`MAX({D3-01}, COUNTIES)`), in words. */
const SET_WORDS: Record<string, { zh: string; en: string }> = {
  COUNTIES: { zh: '五个县（区）', en: 'the five districts and counties' },
  DISTRICTS: { zh: '各市辖区', en: 'the districts' },
  ZONES: { zh: '功能区', en: 'the functional zones' },
  CHILDREN: { zh: '各下级单位', en: 'the units below' },
  UNITS: { zh: '指定单位', en: 'the units' },
  GROUP: { zh: '单位组', en: 'the group' },
  ALL: { zh: '须全部报送', en: 'all must report' },
  ANY: { zh: '至少一个报送', en: 'any that reported' },
};

/**
 * @example renderFormula('{D2-33} / {D2-34} * 100', { nameOf: names, lang: 'zh' })
 *   === '「本级国有企业营业收入」 ÷ 「…」 × 100'
 * @example renderFormula('MAX_CHILDREN({D3-01}) / MIN_CHILDREN({D3-01})', …) ===
 *   '下级单位最大值(「人均地区生产总值」) ÷ 下级单位最小值(「人均地区生产总值」)'
 */
export function renderFormula(formula: string, names: FormulaNames): string {
  const quote = (name: string): string => (names.lang === 'zh' ? `「${name}」` : `“${name}”`);
  return (
    formula
      .replace(/\{\s*([^{}\s]+)\s*\}/g, (whole, code: string) => {
        const name = names.nameOf(code);
        return name ? quote(name) : whole;
      })
      .replace(/\b([A-Za-z_][A-Za-z0-9_]*)\s*\(/g, (whole, fn: string) => {
        const words = FUNCTION_WORDS.get(fn.toUpperCase());
        return words ? `${words[names.lang]}(` : whole;
      })
      // A set or coverage word is an argument after a comma (never a code: codes sit in braces).
      .replace(/,\s*([A-Z]+)\b/g, (whole, word: string) => {
        const words = SET_WORDS[word];
        return words ? `, ${words[names.lang]}` : whole;
      })
      .replace(/\s*\*\s*/g, ' × ')
      .replace(/\s*\/\s*/g, ' ÷ ')
  );
}
