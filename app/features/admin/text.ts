import { LEVELS, ROLES, WARDS, type Level, type Role } from "~/domain/vocabulary";

/**
 * Folds Vietnamese text for matching what people type in a spreadsheet: case, tone marks, đ/Đ,
 * and runs of spaces do not matter ("THCS  Lãm Hà" = "thcs lam ha").
 */
export function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

export function slugify(text: string): string {
  return fold(text)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
}

/** A school's name as people write it, with or without the leading "Trường". */
export function schoolNameKey(name: string): string {
  return fold(name).replace(/^truong /, "");
}

/** School codes compare without case or spaces. */
export function codeKey(code: string): string {
  return code.replace(/\s+/g, "").toUpperCase();
}

const LEVEL_WORDS: Record<string, Level> = { "mam non": "MN", "tieu hoc": "TH", "trung hoc co so": "THCS" };

export function parseLevel(input: string): Level | null {
  const key = fold(input);
  const code = LEVELS.find((l) => l.toLowerCase() === key);
  return code ?? LEVEL_WORDS[key] ?? null;
}

/** A ward by its slug or its name ("Lãm Hà", "lam ha", "lam-ha", "Phường Lãm Hà"). */
export function parseWard(input: string): string | null {
  const key = fold(input).replace(/^phuong /, "");
  const ward = WARDS.find((w) => w.slug === key || fold(w.name) === key || w.slug === slugify(key));
  return ward?.slug ?? null;
}

export function wardName(slug: string): string {
  return WARDS.find((w) => w.slug === slug)?.name ?? slug;
}

const ROLE_WORDS: Record<string, Role> = {
  "hieu truong": "principal",
  "giao vien": "teacher",
  "can bo": "teacher",
  "nhan vien": "teacher",
  "gv": "teacher",
  "phong gd&dt": "district_admin",
  "phong gddt": "district_admin",
  "chuyen vien phong": "district_admin",
  "so gd&dt": "observer",
  "so gddt": "observer",
  "so gd&dt (chi xem)": "observer",
};

/** A role by its code ("teacher") or the Vietnamese word the office uses ("Giáo viên", "Hiệu trưởng"). */
export function parseRole(input: string): Role | null {
  const key = fold(input);
  const code = ROLES.find((r) => r === key.replace(/ /g, "_"));
  return code ?? ROLE_WORDS[key] ?? null;
}

/** Vietnamese alphabetical order (Đ after D, tones after their base letter), not code-point order. */
export const viCollator = new Intl.Collator("vi", { sensitivity: "base" });
