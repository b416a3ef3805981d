import type { TemplateChange } from "~/domain/template-diff";
import { formatDate } from "~/i18n/format";
import { createI18n, type Locale } from "~/i18n/i18n";

const MAX_LINES = 12;

/**
 * One line per change, in the schools' language: the default note of a publish (the officer may
 * write their own) and the preview on the campaign page.
 */
export function changeLines(changes: readonly TemplateChange[], translate: (key: string, options?: Record<string, unknown>) => string): string[] {
  return changes.map((change) => {
    switch (change.kind) {
      case "card_redated":
        return translate("campaigns.changes.card_redated", { card: change.card, from: formatDate(change.from) || "—", to: formatDate(change.to) || "—" });
      case "card_edited":
        return translate("campaigns.changes.card_edited", { card: change.card, fields: change.fields.map((f) => translate(`campaigns.fields.${f}`)).join(", ") });
      case "item_evidence":
        return translate(change.needsEvidence ? "campaigns.changes.item_evidence_on" : "campaigns.changes.item_evidence_off", change);
      default:
        return translate(`campaigns.changes.${change.kind}`, change);
    }
  });
}

/** The default note stored with a published version (Vietnamese unless asked otherwise). */
export function summariseChanges(changes: readonly TemplateChange[], locale: Locale = "vi"): string {
  const i18n = createI18n(locale);
  const translate = (key: string, options?: Record<string, unknown>) => i18n.t(key, options ?? {}) as string;
  const lines = changeLines(changes, translate);
  const shown = lines.slice(0, MAX_LINES).map((l) => `• ${l}`);
  if (lines.length > MAX_LINES) shown.push(translate("campaigns.changes.more", { count: lines.length - MAX_LINES }));
  return shown.join("\n").slice(0, 2000);
}
