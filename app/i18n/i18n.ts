import i18next, { type i18n } from "i18next";
import { initReactI18next } from "react-i18next";
import { messages as vi } from "./messages.vi";
// On the server (and in tests) the English messages are here from the start; in the browser this
// resolves to nothing and entry.client.tsx loads them, for an English page only, before hydrating.
import { messages as bundledEn } from "#i18n/en";
import { mergeMessages } from "./merge";

type Messages = typeof vi;
const loaded: { vi: Messages; en?: Messages } = { vi, en: bundledEn as Messages | undefined };

/**
 * A page's own Vietnamese messages (app/i18n/pages.ts), added where every i18next instance reads
 * them: i18next keeps the resources object it was given, so an instance already made (the root's)
 * finds them too. On the server they are there from the start and this changes nothing.
 */
export function registerMessages(part: object) {
  mergeMessages(loaded.vi, part);
}

/** The browser's English messages, once loaded (entry.client.tsx). */
export function registerEnglish(messages: Messages) {
  loaded.en = messages;
}

export const LOCALES = ["vi", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "vi";
/** The messages this build holds: both on the server; Vietnamese (and English once loaded) in the browser. */
export const resources = {
  vi: { translation: vi },
  get en() {
    return { translation: loaded.en ?? vi };
  },
};

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
    showSupportNotice: false,
  } as Parameters<i18n["init"]>[0]);
  return instance;
}

/**
 * Server-side translation outside React (page titles, API messages, every cell of an export). One
 * instance per locale, made once: making one per call cost ~6 ms of CPU and garbage, which an
 * export of 2,000 schools paid per label (27 s, the server unresponsive meanwhile). A page's
 * messages registered later reach it too (the resources object is shared); it is made again only
 * when the browser's English arrives.
 */
const translators = new Map<Locale, { en: Messages | undefined; i18n: i18n }>();
export function t(locale: Locale, key: string, options?: Record<string, unknown>): string {
  let known = translators.get(locale);
  if (!known || known.en !== loaded.en) {
    known = { en: loaded.en, i18n: createI18n(locale) };
    translators.set(locale, known);
  }
  return known.i18n.t(key, options ?? {}) as string;
}
