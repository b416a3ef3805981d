/** The events an outgoing webhook can ask for (docs/api.md, Webhooks). */
export const WEBHOOK_EVENTS = ["report.submitted", "report.reviewed", "card.done", "item.ticked", "school.overdue"] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
