import { fold } from "../text";

export type SheetKind = "schools" | "people";
export type SchoolField = "name" | "level" | "ward" | "code";
export type PersonField = "name" | "email" | "school" | "role";
export type Field = SchoolField | PersonField;

/** The template's headings, in column order: what the officer sees and what messages name. */
export const HEADINGS = {
  schools: { name: "Tên trường", level: "Cấp học", ward: "Phường", code: "Mã trường" },
  people: { name: "Họ và tên", email: "Email", school: "Trường", role: "Vai trò" },
} as const satisfies { schools: Record<SchoolField, string>; people: Record<PersonField, string> };

/** The template's sheet names. */
export const SHEET_NAMES: Record<SheetKind, string> = { schools: "Trường", people: "Nhân sự" };

/** Other ways people head these columns (folded: no case, no tone marks). */
const ALIASES: Record<SheetKind, Record<string, string[]>> = {
  schools: {
    name: ["ten truong", "truong", "ten", "name", "school name", "school"],
    level: ["cap hoc", "cap", "bac hoc", "level"],
    ward: ["phuong", "phuong/xa", "dia ban", "ward"],
    code: ["ma truong", "ma", "ma so", "code", "school code"],
  },
  people: {
    name: ["ho va ten", "ho ten", "ten", "name", "full name"],
    email: ["email", "e-mail", "thu dien tu", "dia chi email"],
    school: ["truong", "don vi", "ten truong", "ma truong", "school"],
    role: ["vai tro", "chuc vu", "role"],
  },
};

/** Headings only one kind of sheet has: they decide what a sheet holds. */
const MARKERS: Record<SheetKind, string[]> = {
  people: ["email", "e-mail", "thu dien tu", "dia chi email", "vai tro", "chuc vu", "role", "ho va ten", "ho ten"],
  schools: ["cap hoc", "cap", "bac hoc", "level", "phuong", "phuong/xa", "dia ban", "ward", "ma truong", "code"],
};

export function sheetKind(headings: string[]): SheetKind | null {
  const keys = headings.map(fold);
  if (keys.some((k) => MARKERS.people.includes(k))) return "people";
  if (keys.some((k) => MARKERS.schools.includes(k))) return "schools";
  return null;
}

export function fieldFor(kind: SheetKind, heading: string): Field | null {
  const key = fold(heading);
  for (const [field, words] of Object.entries(ALIASES[kind])) if (words.includes(key)) return field as Field;
  return null;
}

export function fieldsOf(kind: SheetKind): Field[] {
  return Object.keys(HEADINGS[kind]) as Field[];
}

export function headingOf(kind: SheetKind, field: Field): string {
  return (HEADINGS[kind] as Record<string, string>)[field];
}

/** Spreadsheet column letters: 1 → A, 27 → AA. */
export function columnLetter(index: number): string {
  let n = index;
  let out = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}
