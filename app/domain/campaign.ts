// A campaign's lifecycle and the order campaigns are offered in (docs/decisions/020).
// draft → active (launch) → closed (the district closes it; reopen brings it back to active).
// Schools see active and closed campaigns; a closed campaign's boards are frozen.

export const CAMPAIGN_STATUSES = ["draft", "active", "closed"] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** What schools can see: a draft is the district's until it is launched. */
export const VISIBLE_TO_SCHOOLS: readonly CampaignStatus[] = ["active", "closed"];

export const isCampaignStatus = (s: string): s is CampaignStatus => (CAMPAIGN_STATUSES as readonly string[]).includes(s);

/** The error code (REST 409, socket refusal and read-only notice) for an edit to a closed campaign's board. */
export const CAMPAIGN_CLOSED = "campaign_closed";

/** A board of a closed campaign takes no edits (socket, REST or form). */
export const isFrozen = (status: string) => status === "closed";

export type Transition = "launch" | "close" | "reopen";

/** Which status a transition starts from; the model claims it with a conditional update, so one of two racing officers wins. */
export const TRANSITIONS: Record<Transition, { from: CampaignStatus; to: CampaignStatus }> = {
  launch: { from: "draft", to: "active" },
  close: { from: "active", to: "closed" },
  reopen: { from: "closed", to: "active" },
};

type Orderable = { id: string; status: string; deadline: string };

/**
 * Most urgent first: open (active) campaigns by nearest deadline — an overdue one is the most
 * urgent of all — then closed ones, newest deadline first, then drafts. Ties by id, so the
 * order is the same on every page.
 */
export function compareUrgency(a: Orderable, b: Orderable): number {
  const rank = (c: Orderable) => (c.status === "active" ? 0 : c.status === "closed" ? 1 : 2);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  const byDeadline = a.status === "active" ? a.deadline.localeCompare(b.deadline) : b.deadline.localeCompare(a.deadline);
  return byDeadline || a.id.localeCompare(b.id);
}

export function byUrgency<T extends Orderable>(campaigns: readonly T[]): T[] {
  return [...campaigns].sort(compareUrgency);
}

/** The campaign a page opens on when none is asked for: the most urgent one schools can see. */
export function mostUrgent<T extends Orderable>(campaigns: readonly T[]): T | null {
  return byUrgency(campaigns.filter((c) => VISIBLE_TO_SCHOOLS.includes(c.status as CampaignStatus)))[0] ?? null;
}

/** The day the overview's figures are measured on: today, or the day a closed campaign was closed. */
export function measuredOn(campaign: { status: string; closedOn?: string | null }, today: string): string {
  return campaign.status === "closed" && campaign.closedOn && campaign.closedOn < today ? campaign.closedOn : today;
}

