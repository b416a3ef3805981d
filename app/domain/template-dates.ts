import { isCalendarDate } from "./dates";

// Due dates that move with the campaign (docs/campaigns.md, docs/decisions/021). A template card
// may keep its due date as a rule — so many days from the campaign's start, or from its deadline
// (zero or negative: on or before it) — instead of a fixed day. Creating a campaign from the
// plan, or copying one to the next school year, then gives dates inside the new campaign.
// Boards only ever see the resolved calendar date (`dueDate`).

export const DUE_ANCHORS = ["start", "deadline"] as const;
export type DueAnchor = (typeof DUE_ANCHORS)[number];
export type DueRule = { from: DueAnchor; days: number };
export type CampaignSpan = { start: string; deadline: string };

const DAY_MS = 86_400_000;
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const fromDayNumber = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  return fromDayNumber(dayNumber(date) + days);
}

export function daysBetween(from: string, to: string): number {
  return Math.round(dayNumber(to) - dayNumber(from));
}

/** The calendar date a rule gives inside a campaign. */
export function resolveDue(rule: DueRule, span: CampaignSpan): string {
  return addDays(rule.from === "start" ? span.start : span.deadline, rule.days);
}

/**
 * The rule that keeps a fixed date where it sits in its campaign: counted from the nearer end, so
 * the plan's early work stays early and its closing work (the report) stays just before the deadline.
 */
export function ruleFor(dueDate: string, span: CampaignSpan): DueRule {
  const fromStart = daysBetween(span.start, dueDate);
  const toDeadline = daysBetween(dueDate, span.deadline);
  return fromStart <= toDeadline ? { from: "start", days: fromStart } : { from: "deadline", days: -toDeadline };
}

type Dated = { dueDate: string | null; due?: DueRule | null };

/** Every card's date from its rule (cards without one keep their fixed date). */
export function resolveDueDates<T extends Dated>(cards: readonly T[], span: CampaignSpan): T[] {
  return cards.map((c) => (c.due ? { ...c, dueDate: resolveDue(c.due, span) } : c));
}

/** Gives every dated card a rule relative to `span` (the campaign its dates were planned for). */
export function relativeDueDates<T extends Dated>(cards: readonly T[], span: CampaignSpan): (T & { due: DueRule | null })[] {
  return cards.map((c) => ({ ...c, due: c.due ?? (c.dueDate && isCalendarDate(c.dueDate) ? ruleFor(c.dueDate, span) : null) }));
}

/** The same cards planned for another campaign: rules kept, dates re-resolved inside `to`. */
export function moveDueDates<T extends Dated>(cards: readonly T[], from: CampaignSpan, to: CampaignSpan): (T & { due: DueRule | null })[] {
  return resolveDueDates(relativeDueDates(cards, from), to);
}
