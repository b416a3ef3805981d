import { boardEvents } from "./board-events.server";

/**
 * A school report's life: submitted, returned by the district, accepted. Emitted after the change is
 * committed. Notifications (issue 14) subscribe with `onReportEvent`; the overview also hears the
 * board-changed event each of these emits.
 */
export interface ReportEvent {
  type: "submitted" | "returned" | "accepted";
  boardId: string;
  campaignId: string;
  schoolId: string;
  schoolName: string;
  version: number;
  /** Who submitted or reviewed. */
  actorId: string;
  /** The district's general comment (returned/accepted), "" otherwise. */
  comment: string;
  late: boolean;
  at: string;
}

export function emitReportEvent(event: ReportEvent) {
  boardEvents().emit("report", event);
}

export function onReportEvent(listener: (event: ReportEvent) => void): () => void {
  boardEvents().on("report", listener);
  return () => boardEvents().off("report", listener);
}
