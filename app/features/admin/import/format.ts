import type { ImportIssue } from "./issues";

type T = (key: string, options?: Record<string, unknown>) => string;

/** Where a problem is, in the officer's words: "Dòng 14, cột “Email”". */
export function issueWhere(t: T, issue: ImportIssue): string {
  if (issue.row === null) return issue.sheet ? t("importIssues.at.sheet", { sheet: issue.sheet }) : t("importIssues.at.file");
  return issue.column ? t("importIssues.at.rowColumn", { row: issue.row, column: issue.column }) : t("importIssues.at.row", { row: issue.row });
}

export function issueMessage(t: T, issue: ImportIssue): string {
  const params = { ...issue.params };
  if (typeof params.role === "string") params.role = t(`roles.${params.role}`);
  return t(`importIssues.codes.${issue.code}`, params);
}

/** The whole line, as the JSON API returns it: "Nhân sự — Dòng 14, cột “Email”: email “x” không hợp lệ". */
export function issueLine(t: T, issue: ImportIssue): string {
  const where = issueWhere(t, issue);
  const sheet = issue.sheet && issue.row !== null ? `${issue.sheet} — ` : "";
  return `${sheet}${where}: ${issueMessage(t, issue)}`;
}
