/**
 * Units of measure in the user's language. The framework and the lists keep their units in Chinese (亿元, 万户, 倍),
 * as the city's documents write them; the English UI reads them in English (100m yuan, 10k households, times). A
 * unit with a note in brackets (亿元（到位资金）) keeps the note, translated when it is one of the framework's.
 */
/** As i18n.ts has it (not imported: i18n.ts sets the language here). */
type Lang = 'zh' | 'en';

let current: Lang = 'zh';
/** The language figures are formatted in (`fmtValue`): set by the I18nProvider as it renders (i18n.ts). */
export function setDisplayLang(lang: Lang): void {
  current = lang;
}
export function displayLang(): Lang {
  return current;
}

const EN_UNITS: Readonly<Record<string, string>> = {
  '%': '%',
  '‰': '‰',
  个百分点: 'pp',
  元: 'yuan',
  万元: '10k yuan',
  亿元: '100m yuan',
  '元/月': 'yuan/month',
  '万元/亩': '10k yuan/mu',
  '元/亩': 'yuan/mu',
  人: 'people',
  万人: '10k people',
  名: 'people',
  人次: 'person-times',
  户: 'households',
  万户: '10k households',
  倍: 'times',
  个: 'count',
  家: 'firms',
  项: 'items',
  所: 'institutions',
  部: 'works',
  支: 'teams',
  列: 'trains',
  套: 'homes',
  间: 'rooms',
  床: 'beds',
  张: 'beds',
  岁: 'years',
  年: 'years',
  亩: 'mu',
  万亩: '10k mu',
  吨: 't',
  万吨: '10k t',
  公里: 'km',
  千米: 'km',
  米: 'm',
  平方米: 'm²',
  公顷: 'ha',
  千瓦时: 'kWh',
  辆: 'vehicles',
  座: 'sites',
  次: 'times',
};

const EN_NOTES: Readonly<Record<string, string>> = {
  高新技术企业: 'high-tech firms',
  营业收入: 'operating revenue',
  拉动消费: 'consumption driven',
  到位资金: 'funds in place',
  新开工: 'newly started',
  高标准农田: 'high-standard farmland',
  固定资产投资增速: 'fixed-asset investment growth',
  间: 'rooms',
};

/** The unit as the user reads it: unchanged in Chinese; in English when known, else as written. */
export function unitName(unit: string, lang: Lang = current): string {
  if (lang === 'zh' || unit === '') return unit;
  const m = /^([^（(]+)[（(]([^）)]+)[）)]$/.exec(unit);
  const base = m ? (m[1] as string) : unit;
  const note = m ? (m[2] as string) : null;
  const en = EN_UNITS[base] ?? base;
  if (note === null) return en;
  return `${en} (${EN_NOTES[note] ?? note})`;
}
