import type { SheetKind } from "./columns";

/** Every problem the import can name; each has a message under `importIssues.<code>` in admin.json. */
export const ISSUE_CODES = [
  // the file as a whole
  "notSpreadsheet",
  "legacyXls",
  "notUtf8",
  "empty",
  "tooLarge",
  "tooManyRows",
  "unpackedTooLarge",
  "unknownSheet",
  "duplicateSheet",
  "unknownColumn",
  "duplicateColumn",
  "missingColumn",
  // one cell or row
  "required",
  "tooLong",
  "invalidEmail",
  "invalidLevel",
  "invalidWard",
  "invalidCode",
  "invalidRole",
  "duplicateEmail",
  "duplicateCode",
  "duplicateSchoolName",
  "nameTaken",
  "schoolNotFound",
  "schoolAmbiguous",
  "schoolRowInvalid",
  "schoolInactive",
  "schoolRequired",
  "schoolNotAllowed",
  "ownAccount",
  "otherDistrict",
  "writeFailed",
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];

export interface ImportIssue {
  /** The sheet's name in the file (null for problems with the file itself). */
  sheet: string | null;
  kind: SheetKind | null;
  /** The row number as the spreadsheet shows it (header = 1). */
  row: number | null;
  /** The column's heading as the file has it. */
  column: string | null;
  code: IssueCode;
  params?: Record<string, string | number>;
}

export const fileIssue = (code: IssueCode, params?: ImportIssue["params"], sheet: string | null = null): ImportIssue => ({
  sheet,
  kind: null,
  row: null,
  column: null,
  code,
  params,
});

const KIND_ORDER = { file: 0, schools: 1, people: 2 } as const;

/**
 * Problems in reading order: the file first, then schools and people row by row. The sort is
 * stable, so within a row they stay in column order (the order the row was checked in).
 */
export function sortIssues(issues: ImportIssue[]): ImportIssue[] {
  return [...issues].sort(
    (a, b) => (a.row === null ? 0 : 1) - (b.row === null ? 0 : 1) || KIND_ORDER[a.kind ?? "file"] - KIND_ORDER[b.kind ?? "file"] || (a.row ?? 0) - (b.row ?? 0),
  );
}
