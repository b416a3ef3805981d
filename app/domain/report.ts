// The school's results report (báo cáo kết quả): pure rules shared by the server and the page.
import { hcmMidnight } from "./dates";

/** The principal's note is free text, kept short enough to read on the overview. */
export const REPORT_NOTE_MAX = 2000;

/**
 * A report is late when submitted at or after the deadline instant. The deadline is a calendar day
 * ("2023-12-05") stored as midnight Asia/Ho_Chi_Minh (UTC+7, no daylight saving), and the plan says
 * "trước ngày 05/12": submitted before that midnight is on time, 05/12 00:00 and later is late.
 */
export function isLateReport(submittedAt: Date | string, deadline: string): boolean {
  return new Date(submittedAt).getTime() >= hcmMidnight(deadline).getTime();
}

/** A school report's state: chưa nộp (no row), đã nộp, trả lại, đã duyệt. */
export const REPORT_STATES = ["submitted", "returned", "accepted"] as const;
export type ReportState = (typeof REPORT_STATES)[number];
