import { z } from "zod";
import type { Level, Role } from "~/domain/vocabulary";
import { codeKey, parseLevel, parseRole, parseWard } from "../text";
import { columnLetter, fieldFor, fieldsOf, headingOf, sheetKind, type Field, type SheetKind } from "./columns";
import type { Grid } from "./grid";
import { fileIssue, type ImportIssue, type IssueCode } from "./issues";

export interface SchoolRow {
  row: number;
  name: string;
  level: Level;
  ward: string;
  code: string;
}
export interface PersonRow {
  row: number;
  name: string;
  email: string;
  /** As written: a school code or name; empty for district roles. */
  school: string;
  role: Role;
}
export interface ReadSheet<T> {
  name: string;
  headings: Partial<Record<Field, string>>;
  rows: T[];
}
export interface ReadFile {
  schools: ReadSheet<SchoolRow> | null;
  people: ReadSheet<PersonRow> | null;
  /** School rows left out for their own problems: people who name them are told why. */
  rejectedSchools: { row: number; code: string; name: string }[];
  issues: ImportIssue[];
}

// zod messages are issue codes; `rowIssues` turns them into ImportIssues named by row and column.
const cell = (max: number) => z.string().trim().min(1, "required").max(max, "tooLong");
const mapped = <T>(parse: (v: string) => T | null, code: IssueCode) =>
  cell(200).transform((v, ctx) => {
    const out = parse(v);
    if (out === null) ctx.addIssue({ code: "custom", message: code, params: { value: v } });
    return out as T;
  });

export const schoolRowSchema = z.object({
  name: cell(200),
  level: mapped(parseLevel, "invalidLevel"),
  ward: mapped(parseWard, "invalidWard"),
  code: cell(32).regex(/^[\p{L}\p{N}._\- ]+$/u, "invalidCode").transform(codeKey),
});

export const personRowSchema = z.object({
  name: cell(120),
  email: cell(254).toLowerCase().pipe(z.email("invalidEmail")),
  school: z.string().trim().max(200, "tooLong"),
  role: mapped(parseRole, "invalidRole"),
});

const SCHEMAS = { schools: schoolRowSchema, people: personRowSchema } as const;

/** Maps a grid's header row to fields, checks every row with zod, and names each problem. */
export function readSheet(grid: Grid): {
  kind: SheetKind | null;
  sheet: ReadSheet<SchoolRow | PersonRow> | null;
  rejected: { row: number; values: Record<string, string> }[];
  issues: ImportIssue[];
} {
  const [header, ...body] = grid.rows;
  const kind = sheetKind(header.cells);
  if (!kind) return { kind, sheet: null, rejected: [], issues: [fileIssue("unknownSheet", { sheet: grid.name }, grid.name)] };

  const issues: ImportIssue[] = [];
  const columns = new Map<Field, number>();
  const headings: Partial<Record<Field, string>> = {};
  header.cells.forEach((heading, i) => {
    const hasData = body.some((r) => (r.cells[i] ?? "").trim() !== "");
    if (heading === "" && !hasData) return;
    const field = heading === "" ? null : fieldFor(kind, heading);
    const at = { sheet: grid.name, kind, row: header.row, column: heading || columnLetter(i + 1) };
    if (!field) issues.push({ ...at, code: "unknownColumn", params: { heading: heading || "—", letter: columnLetter(i + 1) } });
    else if (columns.has(field)) issues.push({ ...at, code: "duplicateColumn", params: { heading, letter: columnLetter(i + 1) } });
    else {
      columns.set(field, i);
      headings[field] = heading;
    }
  });
  for (const field of fieldsOf(kind)) {
    if (!columns.has(field)) issues.push({ sheet: grid.name, kind, row: header.row, column: null, code: "missingColumn", params: { heading: headingOf(kind, field) } });
  }
  if (issues.length) return { kind, sheet: null, rejected: [], issues };

  const rows: (SchoolRow | PersonRow)[] = [];
  const rejected: { row: number; values: Record<string, string> }[] = [];
  for (const { row, cells } of body) {
    const raw = Object.fromEntries([...columns].map(([field, i]) => [field, cells[i] ?? ""]));
    const parsed = SCHEMAS[kind].safeParse(raw);
    if (parsed.success) rows.push({ row, ...parsed.data } as SchoolRow | PersonRow);
    else {
      rejected.push({ row, values: raw });
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as Field;
        const code = issue.message as IssueCode;
        const value = (raw[field] ?? "").trim();
        issues.push({ sheet: grid.name, kind, row, column: headings[field] ?? field, code, params: { value, heading: headings[field] ?? field } });
      }
    }
  }
  return { kind, sheet: { name: grid.name, headings, rows }, rejected, issues };
}

/** All grids of a file → at most one schools sheet and one people sheet. */
export function readFile(grids: Grid[]): ReadFile {
  const out: ReadFile = { schools: null, people: null, rejectedSchools: [], issues: [] };
  for (const grid of grids) {
    const { kind, sheet, rejected, issues } = readSheet(grid);
    out.issues.push(...issues);
    if (kind === "schools") out.rejectedSchools.push(...rejected.map((r) => ({ row: r.row, code: r.values.code ?? "", name: r.values.name ?? "" })));
    if (!kind || !sheet) continue;
    if (out[kind]) {
      out.issues.push(fileIssue("duplicateSheet", { sheet: grid.name, first: out[kind]!.name }, grid.name));
      continue;
    }
    if (kind === "schools") out.schools = sheet as ReadSheet<SchoolRow>;
    else out.people = sheet as ReadSheet<PersonRow>;
  }
  // Headings alone (the template as downloaded) are a file with nothing in it.
  const rows = (out.schools?.rows.length ?? 0) + (out.people?.rows.length ?? 0);
  if (rows === 0 && out.issues.length === 0 && grids.every((g) => g.rows.length <= 1)) out.issues.push(fileIssue("empty"));
  return out;
}
