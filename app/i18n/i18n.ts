import i18next, { type i18n } from "i18next";
import { initReactI18next } from "react-i18next";
// Messages live in one file per feature and language; they merge into one namespace,
// each file owning its own top-level keys (common: app, nav, roles…; board: board…).
import viCommon from "./vi/common.json";
import viBoard from "./vi/board.json";
import viOverview from "./vi/overview.json";
import viAdmin from "./vi/admin.json";
import viCampaigns from "./vi/campaigns.json";
import viReport from "./vi/report.json";
import viEvidence from "./vi/evidence.json";
import viActivity from "./vi/activity.json";
import enCommon from "./en/common.json";
import enBoard from "./en/board.json";
import enOverview from "./en/overview.json";
import enAdmin from "./en/admin.json";
import enCampaigns from "./en/campaigns.json";
import enReport from "./en/report.json";
import enEvidence from "./en/evidence.json";
import enActivity from "./en/activity.json";

const vi = { ...viCommon, ...viBoard, ...viOverview, ...viAdmin, ...viCampaigns, ...viReport, ...viEvidence, ...viActivity };
const en = { ...enCommon, ...enBoard, ...enOverview, ...enAdmin, ...enCampaigns, ...enReport, ...enEvidence, ...enActivity };

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
    showSupportNotice: false,
  } as Parameters<i18n["init"]>[0]);
  return instance;
}

/** Server-side translation outside React (page titles, API messages). */
export function t(locale: Locale, key: string, options?: Record<string, unknown>): string {
  return createI18n(locale).t(key, options ?? {}) as string;
}
