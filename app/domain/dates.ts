// Dates in the campaign are calendar days in Asia/Ho_Chi_Minh, written "YYYY-MM-DD".
// Vietnam has kept UTC+7 with no daylight saving since 1975, so a fixed offset
// is exact and avoids depending on the runtime's ICU time-zone data.
const HCM_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export const ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export function isCalendarDate(value: string): boolean {
  if (!ISO_DATE_PATTERN.test(value)) return false;
  const [y, m, d] = value.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** The calendar date it is in Hồ Chí Minh City (and Hải Phòng) at `now`. */
export function todayInHcm(now: Date): string {
  return new Date(now.getTime() + HCM_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a calendar day starts in Hồ Chí Minh City (how deadlines and plan dates are stored). */
export function hcmMidnight(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - HCM_OFFSET_MS);
}

/** Whole days from `today` until `deadline`: 0 on the day itself, negative once past. */
export function daysLeft(deadline: string, today: string): number {
  return Math.round((dayNumber(deadline) - dayNumber(today)) / DAY_MS);
}

function dayNumber(date: string): number {
  if (!isCalendarDate(date)) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return Date.parse(`${date}T00:00:00Z`);
}
