// The campaign's fixed vocabulary. Values are stable identifiers stored in
// documents and the database; the UI turns them into words through i18n keys,
// so none of the Vietnamese labels live here (except ward names, which are
// proper names, not translations).

export const STATUSES = ["planned", "in_progress", "done"] as const;
export type Status = (typeof STATUSES)[number];

export const CATEGORIES = [
  "propaganda",
  "action_plan",
  "cleanup_landscape",
  "illegal_ads",
  "traffic_safety",
  "environment",
  "review_report",
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Sáng, Xanh, Sạch, Đẹp, An toàn, Văn minh — in the order the plan names them. */
export const CRITERIA = ["sang", "xanh", "sach", "dep", "an_toan", "van_minh"] as const;
export type Criterion = (typeof CRITERIA)[number];

/** Mầm non, Tiểu học, Trung học cơ sở: the school levels the district office oversees. */
export const LEVELS = ["MN", "TH", "THCS"] as const;
export type Level = (typeof LEVELS)[number];

export const ROLES = ["district_admin", "observer", "principal", "teacher"] as const;
export type Role = (typeof ROLES)[number];

export type Ward = { readonly slug: string; readonly name: string };

/** The ten wards of Kiến An as they stood in 2023, the plan's year. */
export const WARDS: readonly Ward[] = [
  { slug: "bac-son", name: "Bắc Sơn" },
  { slug: "dong-hoa", name: "Đồng Hòa" },
  { slug: "lam-ha", name: "Lãm Hà" },
  { slug: "nam-son", name: "Nam Sơn" },
  { slug: "ngoc-son", name: "Ngọc Sơn" },
  { slug: "phu-lien", name: "Phù Liễn" },
  { slug: "quan-tru", name: "Quán Trữ" },
  { slug: "tran-thanh-ngo", name: "Trần Thành Ngọ" },
  { slug: "trang-minh", name: "Tràng Minh" },
  { slug: "van-dau", name: "Văn Đẩu" },
];

export const ORIGINS = ["template", "school"] as const;
export type Origin = (typeof ORIGINS)[number];

/** Keeps criteria lists canonical (no duplicates, plan order) so equal sets compare equal. */
export function normaliseCriteria(criteria: readonly Criterion[]): Criterion[] {
  return CRITERIA.filter((c) => criteria.includes(c));
}
