import { WARDS } from "~/domain";

/** Ward slugs are stored; people read the ward's proper name. */
export function wardName(slug: string): string {
  return WARDS.find((w) => w.slug === slug)?.name ?? slug;
}

const LEVEL_PREFIX = /^Trường (Mầm non|Tiểu học|THCS)\s+/;

/** "Trường Mầm non Bắc Sơn" → "MN Bắc Sơn": short enough for a matrix column head. */
export function shortSchoolName(name: string, level: string): string {
  return LEVEL_PREFIX.test(name) ? `${level} ${name.replace(LEVEL_PREFIX, "")}` : name;
}
