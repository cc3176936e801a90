import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { en } from "./en";
import { vi, type MessageKey } from "./vi";
import { setApiLanguage } from "../api";

export type Lang = "vi" | "en";
const DICTIONARIES: Record<Lang, Record<MessageKey, string>> = { vi, en };
const STORAGE_KEY = "hieuluc.lang";

/** Fill "{name}" placeholders. */
export function format(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

export function translate(lang: Lang, key: MessageKey, values?: Record<string, string | number>): string {
  return format(DICTIONARIES[lang][key] ?? vi[key], values);
}

/**
 * Dates as Vietnamese officials write them (dd/mm/yyyy), in English too (the en-GB order): the reader sees the
 * dates of the documents themselves, and types them the same way in every date field (decisions/0009).
 */
export function formatDate(_lang: Lang, iso: string | null | undefined): string {
  if (!iso) return "—";
  const [year, month, day] = iso.slice(0, 10).split("-");
  return `${day}/${month}/${year}`;
}

export function storedLang(): Lang {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === "en" ? "en" : "vi";
  } catch {
    return "vi";
  }
}

interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: (key: MessageKey, values?: Record<string, string | number>) => string;
  date: (iso: string | null | undefined) => string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children, initial }: { children: ReactNode; initial?: Lang }) {
  // The API's language is set here, before React renders with the new language: pages fetch in their own
  // effects, which run before any parent's, so an effect up in the layout would let the first request after a
  // switch go out in the old language.
  const [lang, setLangState] = useState<Lang>(() => {
    const first = initial ?? storedLang();
    setApiLanguage(first);
    return first;
  });
  const setLang = useCallback((next: Lang) => {
    setApiLanguage(next);
    setLangState(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      /* private browsing: the choice lasts for this page only */
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, values) => translate(lang, key, values),
      date: (iso) => formatDate(lang, iso),
    }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n outside I18nProvider");
  return value;
}
