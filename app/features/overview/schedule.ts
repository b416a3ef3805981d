import type { SchoolStatus } from "./filters";

// "Behind" is decided against the plan's own due dates, not against a straight line through
// the year: the plan front-loads planning and propaganda (May) and ends with the report
// (before 05/12), so a linear target would call a school that follows the plan "behind" in
// spring. docs/overview.md states the rule for readers of the page.

export type Measured = {
  /** Checklist items done / total (a card without items counts as one item). */
  done: number;
  total: number;
  /** Items on cards whose due date has passed (cards without one are due by the campaign deadline). */
  expected: number;
  /** Cards moved out of "planned". */
  cardsStarted: number;
  /** Cards not in Hoàn thành (app/domain/progress: a card is done only there). */
  cardsOpen: number;
};

export function schoolStatus(m: Measured | null): SchoolStatus {
  if (!m) return "unreadable";
  // Done as the board says it: every card in Hoàn thành, whatever the ticks.
  if (m.total > 0 && m.cardsOpen === 0) return "done";
  if (m.done === 0 && m.cardsStarted === 0) return "not_started";
  if (m.done < m.expected) return "behind";
  return "on_track";
}

/** The last calendar day on which the results report is still on time ("trước ngày 05/12" → 04/12). */
export function lastDayBefore(deadline: string): string {
  const d = new Date(`${deadline}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export function percent(done: number, total: number): number {
  return total > 0 ? Math.round((done / total) * 1000) / 10 : 0;
}

/** Days to the deadline as the summary says it: still open, due today, or past by N days. */
export function deadlineState(days: number, campaignStatus: string): { kind: "closed" | "open" | "today" | "overdue"; days: number } {
  if (campaignStatus === "closed") return { kind: "closed", days: Math.abs(days) };
  if (days > 0) return { kind: "open", days };
  if (days === 0) return { kind: "today", days: 0 };
  return { kind: "overdue", days: -days };
}
