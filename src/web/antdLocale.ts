/**
 * antd's locale modules, imported so that both the type checker and Vite agree. antd ships CommonJS type
 * declarations without an `exports` map: under `moduleResolution: nodenext` TypeScript types a default import as
 * `{ default: Locale }`, while Vite hands over the locale itself. `unwrap` accepts either.
 */
import type { ConfigProviderProps } from 'antd';
import enUSModule from 'antd/es/locale/en_US.js';
import zhCNModule from 'antd/es/locale/zh_CN.js';
import type { Lang } from './i18n.ts';

type Locale = NonNullable<ConfigProviderProps['locale']>;

function unwrap(mod: unknown): Locale {
  let m = mod;
  while (typeof m === 'object' && m !== null && !('locale' in m) && 'default' in m) m = m.default;
  return m as Locale;
}

const LOCALES: Record<Lang, Locale> = { zh: unwrap(zhCNModule), en: unwrap(enUSModule) };

export function antdLocale(lang: Lang): Locale {
  return LOCALES[lang];
}
