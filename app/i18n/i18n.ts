import i18next, { type i18n } from "i18next";
import { initReactI18next } from "react-i18next";
import vi from "./vi.json";
import en from "./en.json";

export const LOCALES = ["vi", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "vi";
export const resources = { vi: { translation: vi }, en: { translation: en } } as const;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** One i18next instance per render (server) or per page (browser); messages are bundled, so init is synchronous. */
export function createI18n(locale: Locale): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: locale,
    fallbackLng: DEFAULT_LOCALE,
    resources,
    initImmediate: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  } as Parameters<i18n["init"]>[0]);
  return instance;
}

/** Server-side translation outside React (page titles, API messages). */
export function t(locale: Locale, key: string, options?: Record<string, unknown>): string {
  return createI18n(locale).t(key, options ?? {}) as string;
}
