import { isSchoolRole, type ActorRole } from "~/domain/permissions";
import { codeKey, schoolNameKey } from "../text";
import { sortIssues, type ImportIssue } from "./issues";
import type { PersonRow, ReadFile, SchoolRow } from "./rows";

/** The database as the import sees it: this district's schools, and everyone whose email is in the file. */
export interface Snapshot {
  districtId: string;
  actorId: string;
  schools: { id: string; name: string; code: string | null; level: string; ward: string; active: boolean }[];
  people: { userId: string; email: string; name: string; membership: { districtId: string; role: string; schoolId: string | null } | null }[];
}

export type RowAction = "create" | "update" | "unchanged";
export type Changes = Record<string, [from: string | null, to: string | null]>;
export interface Counts {
  create: number;
  update: number;
  unchanged: number;
}

export interface PlannedSchool extends SchoolRow {
  action: RowAction;
  id: string | null;
  changes: Changes;
}
export interface PlannedPerson extends PersonRow {
  action: RowAction;
  userId: string | null;
  /** The school this person joins: an existing one (id) or one this import creates (by code). */
  target: { id: string | null; code: string | null; name: string } | null;
  changes: Changes;
}
export interface Plan {
  schools: PlannedSchool[];
  people: PlannedPerson[];
  issues: ImportIssue[];
  counts: { schools: Counts; people: Counts };
}

function diff(before: Record<string, string | null>, after: Record<string, string | null>): Changes {
  const out: Changes = {};
  for (const key of Object.keys(after)) if ((before[key] ?? null) !== after[key]) out[key] = [before[key] ?? null, after[key]];
  return out;
}

const count = (rows: { action: RowAction }[]): Counts => ({
  create: rows.filter((r) => r.action === "create").length,
  update: rows.filter((r) => r.action === "update").length,
  unchanged: rows.filter((r) => r.action === "unchanged").length,
});

/**
 * Decides, row by row, what the import will do, and names every problem it would meet. Pure: the
 * preview runs it on a snapshot read outside any transaction, the apply runs it again inside one.
 */
export function planImport(file: ReadFile, db: Snapshot): Plan {
  const issues: ImportIssue[] = [...file.issues];
  const schools = planSchools(file, db, issues);
  const people = planPeople(file, db, schools, issues);
  return { schools, people, issues: sortIssues(issues), counts: { schools: count(schools), people: count(people) } };
}

function planSchools(file: ReadFile, db: Snapshot, issues: ImportIssue[]): PlannedSchool[] {
  const sheet = file.schools;
  if (!sheet) return [];
  const at = (row: SchoolRow, field: "name" | "code") => ({ sheet: sheet.name, kind: "schools" as const, row: row.row, column: sheet.headings[field] ?? field });
  const byCode = new Map(db.schools.filter((s) => s.code).map((s) => [codeKey(s.code!), s]));
  const seenCode = new Map<string, number>();
  const seenName = new Map<string, number>();
  const out: PlannedSchool[] = [];
  for (const row of sheet.rows) {
    const nameKey = schoolNameKey(row.name);
    if (seenCode.has(row.code)) {
      issues.push({ ...at(row, "code"), code: "duplicateCode", params: { value: row.code, first: seenCode.get(row.code)! } });
      continue;
    }
    if (seenName.has(nameKey)) {
      issues.push({ ...at(row, "name"), code: "duplicateSchoolName", params: { value: row.name, first: seenName.get(nameKey)! } });
      continue;
    }
    seenCode.set(row.code, row.row);
    seenName.set(nameKey, row.row);
    const sameName = db.schools.filter((s) => schoolNameKey(s.name) === nameKey);
    // A school already in the app without a code is adopted by name: the file gives it its code.
    const existing = byCode.get(row.code) ?? (sameName.length === 1 && !sameName[0].code ? sameName[0] : undefined);
    const clash = sameName.find((s) => s.id !== existing?.id);
    if (clash) {
      issues.push({ ...at(row, "name"), code: "nameTaken", params: { value: row.name, code: clash.code ?? "—" } });
      continue;
    }
    const next = { name: row.name, level: row.level, ward: row.ward, code: row.code };
    const changes = existing ? diff({ name: existing.name, level: existing.level, ward: existing.ward, code: existing.code }, next) : {};
    const action: RowAction = !existing ? "create" : Object.keys(changes).length ? "update" : "unchanged";
    out.push({ ...row, action, id: existing?.id ?? null, changes });
  }
  return out;
}

function planPeople(file: ReadFile, db: Snapshot, schools: PlannedSchool[], issues: ImportIssue[]): PlannedPerson[] {
  const sheet = file.people;
  if (!sheet) return [];
  const at = (row: PersonRow, field: "email" | "school" | "role") => ({ sheet: sheet.name, kind: "people" as const, row: row.row, column: sheet.headings[field] ?? field });
  const fileByCode = new Map(schools.map((s) => [s.code, s]));
  const people = new Map(db.people.map((p) => [p.email.toLowerCase(), p]));
  const seen = new Map<string, number>();
  const out: PlannedPerson[] = [];

  for (const row of sheet.rows) {
    if (seen.has(row.email)) {
      issues.push({ ...at(row, "email"), code: "duplicateEmail", params: { value: row.email, first: seen.get(row.email)! } });
      continue;
    }
    seen.set(row.email, row.row);
    const rowIssues: ImportIssue[] = [];
    let target: PlannedPerson["target"] = null;
    if (isSchoolRole(row.role as ActorRole)) {
      if (!row.school) rowIssues.push({ ...at(row, "school"), code: "schoolRequired", params: { role: row.role } });
      else {
        const found = resolveSchool(row.school, fileByCode, schools, db);
        const rejected = found.kind === "schoolNotFound" ? rejectedMatch(row.school, file) : null;
        if (found.kind === "one") target = found.school;
        else if (rejected) rowIssues.push({ ...at(row, "school"), code: "schoolRowInvalid", params: { value: row.school, first: rejected.row } });
        else rowIssues.push({ ...at(row, "school"), code: found.kind, params: { value: row.school } });
      }
    } else if (row.school) rowIssues.push({ ...at(row, "school"), code: "schoolNotAllowed", params: { role: row.role, value: row.school } });

    const existing = people.get(row.email);
    if (existing?.membership && existing.membership.districtId !== db.districtId) rowIssues.push({ ...at(row, "email"), code: "otherDistrict", params: { value: row.email } });
    const before: Record<string, string | null> = existing ? { name: existing.name, role: existing.membership?.role ?? null, schoolId: existing.membership?.schoolId ?? null } : {};
    const next = { name: row.name, role: row.role, schoolId: target?.id ?? (target ? `new:${target.code}` : null) };
    const changes = existing ? diff(before, next) : {};
    if (existing?.userId === db.actorId && (changes.role || changes.schoolId)) rowIssues.push({ ...at(row, "role"), code: "ownAccount", params: { value: row.email } });
    if (rowIssues.length) {
      issues.push(...rowIssues);
      continue;
    }
    const action: RowAction = !existing ? "create" : Object.keys(changes).length ? "update" : "unchanged";
    out.push({ ...row, action, userId: existing?.userId ?? null, target, changes });
  }
  return out;
}

type Resolved = { kind: "one"; school: NonNullable<PlannedPerson["target"]> } | { kind: "schoolNotFound" | "schoolAmbiguous" | "schoolInactive" };

/** A person's school, written as a code or a name, among the file's schools and the district's. */
function resolveSchool(written: string, fileByCode: Map<string, PlannedSchool>, fileSchools: PlannedSchool[], db: Snapshot): Resolved {
  const code = codeKey(written);
  const nameKey = schoolNameKey(written);
  const inFile = fileByCode.get(code) ?? singleOrNull(fileSchools.filter((s) => schoolNameKey(s.name) === nameKey));
  if (inFile) return { kind: "one", school: { id: inFile.id, code: inFile.code, name: inFile.name } };
  const byCode = db.schools.filter((s) => s.code && codeKey(s.code) === code);
  const candidates = byCode.length ? byCode : db.schools.filter((s) => schoolNameKey(s.name) === nameKey);
  if (candidates.length === 0) return { kind: "schoolNotFound" };
  if (candidates.length > 1) return { kind: "schoolAmbiguous" };
  if (!candidates[0].active) return { kind: "schoolInactive" };
  return { kind: "one", school: { id: candidates[0].id, code: candidates[0].code, name: candidates[0].name } };
}

/** A school row of this file that was left out for its own problem, named by code or name. */
function rejectedMatch(written: string, file: ReadFile) {
  const code = codeKey(written);
  const nameKey = schoolNameKey(written);
  return file.rejectedSchools.find((s) => (s.code && codeKey(s.code) === code) || (s.name && schoolNameKey(s.name) === nameKey)) ?? null;
}

const singleOrNull = <T>(list: T[]): T | null => (list.length === 1 ? list[0] : null);
