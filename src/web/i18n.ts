/**
 * The one lookup of the web app's strings (the catalogue is messages.ts) and the language the user chose.
 * Names that come from the API (indicators, org units) carry their own `name`/`nameEn` and are chosen with `pick`.
 */
import {
  createContext,
  createElement,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import { setDisplayLang } from './units.ts';
import { messages, type MsgId } from './messages.ts';

export type Lang = 'zh' | 'en';

export type { MsgId };

export type Vars = Record<string, string | number>;

/** Whether `id` names a message (for ids built at run time, e.g. from a history action). */
export function isMsgId(id: string): id is MsgId {
  return id in messages;
}

/** `{name}` placeholders are replaced by `vars.name`. */
export function translate(lang: Lang, id: MsgId, vars?: Vars): string {
  const text: string = messages[id][lang];
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => (key in vars ? String(vars[key]) : whole));
}

const STORAGE_KEY = 'gongfu.lang';

function initialLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

export type Translate = (id: MsgId, vars?: Vars) => string;

export interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Translate;
  /** The name in the current language: English when chosen and present, else Chinese. */
  pick: (zh: string, en: string | null | undefined) => string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private browsing without storage: the choice lasts for this page only.
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);
  const value = useMemo<I18n>(() => {
    // Before the pages render in the new language, so every figure they format carries its unit in it.
    setDisplayLang(lang);
    return {
      lang,
      setLang,
      t: (id, vars) => translate(lang, id, vars),
      pick: (zh, en) => (lang === 'en' && en ? en : zh),
    };
  }, [lang, setLang]);
  return createElement(I18nContext.Provider, { value }, children);
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}

/** The translation function for the current language. */
export function useT(): I18n['t'] {
  return useI18n().t;
}
