import { daysLeft } from "./dates";

/** Reminders before a due date, in days. */
export const DUE_THRESHOLDS = [7, 3, 1] as const;
export type DueThreshold = (typeof DUE_THRESHOLDS)[number] | "overdue";

/**
 * Which reminder a card due on `dueDate` is at today: the tightest threshold it has reached
 * (a card created two days before its due date gets the 3-day reminder, not the 7-day one too),
 * "overdue" once the day has passed, null while more than 7 days remain.
 */
export function dueThreshold(dueDate: string, today: string): DueThreshold | null {
  const days = daysLeft(dueDate, today);
  if (days < 0) return "overdue";
  for (const t of [...DUE_THRESHOLDS].reverse()) if (days <= t) return t;
  return null;
}

/** Reports are chased this many days before the deadline. */
export const REPORT_REMINDER_DAYS = 3;

/** The key a reminder fires under, once: a changed due date is a new reminder. */
export const reminderKey = {
  due: (t: DueThreshold, boardId: string, cardId: string, dueDate: string) => `due:${t}:${boardId}:${cardId}:${dueDate}`,
  notStarted: (campaignId: string, days: number) => `not-started:${days}:${campaignId}`,
  reportsMissing: (campaignId: string, deadline: string) => `reports-missing:${campaignId}:${deadline}`,
  digest: (date: string, userId: string) => `digest:${date}:${userId}`,
};
