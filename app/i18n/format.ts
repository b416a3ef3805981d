/** Dates are shown dd/mm/yyyy in Asia/Ho_Chi_Minh, whatever the browser's own zone. */
export const TIME_ZONE = "Asia/Ho_Chi_Minh";

const dateFmt = new Intl.DateTimeFormat("en-GB", { timeZone: TIME_ZONE, day: "2-digit", month: "2-digit", year: "numeric" });
const dateTimeFmt = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
});

/** "2023-12-05" (a calendar date) or an instant → "05/12/2023". */
export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return "";
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split("-");
    return `${d}/${m}/${y}`;
  }
  return dateFmt.format(new Date(value));
}

/** An instant → "05/12/2023 14:30" in Asia/Ho_Chi_Minh. */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return "";
  return dateTimeFmt.format(new Date(value)).replace(",", "");
}

/**
 * What a person typed as a date, dd/mm/yyyy (also d/m/yyyy, with "-" or "." between): the
 * calendar date "yyyy-mm-dd", null for an empty field, or "invalid" (no such day, or another shape).
 */
export function parseDate(text: string): string | null | "invalid" {
  const value = text.trim();
  if (value === "") return null;
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  if (!m) return "invalid";
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return "invalid";
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * The one way a percentage is shown: "44,5%" in Vietnamese, "44.5%" in English, at most one
 * decimal. `value` is the percentage itself (44.5), not a fraction.
 */
export function formatPercent(value: number, locale: string = "vi"): string {
  const key = `${locale}:pct`;
  let fmt = numberFormats.get(key);
  if (!fmt) {
    fmt = new Intl.NumberFormat(locale === "en" ? "en-GB" : "vi-VN", { maximumFractionDigits: 1 });
    numberFormats.set(key, fmt);
  }
  return `${fmt.format(value)}%`;
}
