import { z } from "zod/mini";
import { CATEGORIES, CRITERIA, LEVELS, WARDS } from "~/domain";

// The overview's query string, shared by the page, the JSON API and the exports so that a
// link copied from one works in the others. Isomorphic: the filter form builds links with it, so
// zod's mini API (the classic one would bring all of zod into the browser, docs/benchmarks.md).

/** Where a school stands against the expected progress by date (docs/overview.md). */
export const SCHOOL_STATUSES = ["not_started", "behind", "on_track", "done", "unreadable"] as const;
export type SchoolStatus = (typeof SCHOOL_STATUSES)[number];

export const SORT_KEYS = ["name", "level", "ward", "progress", "items", "overdue", "lastActivity", "status"] as const;
export type SortKey = (typeof SORT_KEYS)[number];

const WARD_SLUGS = WARDS.map((w) => w.slug) as [string, ...string[]];

/** Lines per answer of GET /api/v1/overview: by default and at most (docs/api.md, ADR 047). */
export const DEFAULT_PAGE = 500;
export const MAX_PAGE = 1000;

/** The results report's state per school; "late" is any submitted state marked nộp muộn. */
export const REPORT_FILTERS = ["missing", "submitted", "returned", "accepted", "late"] as const;
export type ReportFilter = (typeof REPORT_FILTERS)[number];

export const FILTER_KEYS = ["level", "ward", "category", "criterion", "status", "report"] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

const paramSchemas = {
  level: z.enum(LEVELS),
  ward: z.enum(WARD_SLUGS),
  category: z.enum(CATEGORIES),
  criterion: z.enum(CRITERIA),
  status: z.enum(SCHOOL_STATUSES),
  report: z.enum(REPORT_FILTERS),
  sort: z.enum(SORT_KEYS),
  dir: z.enum(["asc", "desc"]),
  campaignId: z.string().check(z.minLength(1), z.maxLength(100), z.regex(/^[A-Za-z0-9_-]+$/, "not a campaign id")),
  // Paging of the JSON API's lines (the page and the downloads show every line).
  limit: z.coerce.number().check(z.int(), z.minimum(0), z.maximum(MAX_PAGE)),
  offset: z.coerce.number().check(z.int(), z.minimum(0), z.maximum(10_000_000)),
} as const;
type ParamName = keyof typeof paramSchemas;

export type OverviewFilters = {
  level?: (typeof LEVELS)[number];
  ward?: string;
  category?: (typeof CATEGORIES)[number];
  criterion?: (typeof CRITERIA)[number];
  status?: SchoolStatus;
  report?: ReportFilter;
};

export type OverviewQuery = {
  campaignId?: string;
  filters: OverviewFilters;
  sort: SortKey;
  dir: "asc" | "desc";
  /** Which lines the JSON API returns, after sorting. */
  page: { limit: number; offset: number };
};

export type QueryProblem = { param: string; kind: "unknown" | "repeated" | "invalid"; value: string; message: string };

/**
 * Reads the query string. Every problem names its parameter; the valid parts are still
 * returned so the page can show what it could and say what it ignored. The API refuses
 * the whole request on the first problem instead.
 */
export function parseOverviewQuery(params: URLSearchParams): { query: OverviewQuery; problems: QueryProblem[] } {
  const query: OverviewQuery = { filters: {}, sort: "ward", dir: "asc", page: { limit: DEFAULT_PAGE, offset: 0 } };
  const problems: QueryProblem[] = [];
  const seen = new Set<string>();
  for (const [name, raw] of params) {
    if (!(name in paramSchemas)) {
      problems.push({ param: name, kind: "unknown", value: raw, message: `unknown parameter "${name}"` });
      continue;
    }
    if (seen.has(name)) {
      problems.push({ param: name, kind: "repeated", value: raw, message: `"${name}" is given more than once` });
      continue;
    }
    seen.add(name);
    // An empty value is what a form's "all" option sends: no filter.
    if (raw === "") continue;
    const parsed = paramSchemas[name as ParamName].safeParse(raw);
    if (!parsed.success) {
      const allowed = "options" in paramSchemas[name as ParamName] ? (paramSchemas[name as ParamName] as z.ZodMiniEnum).options : null;
      problems.push({
        param: name,
        kind: "invalid",
        value: raw,
        message: allowed ? `"${name}" must be one of ${allowed.join(", ")}; got "${raw}"` : `"${name}": ${parsed.error.issues[0]?.message}`,
      });
      continue;
    }
    const value = parsed.data;
    if (name === "campaignId") query.campaignId = value as string;
    else if (name === "sort") query.sort = value as SortKey;
    else if (name === "dir") query.dir = value as "asc" | "desc";
    else if (name === "limit" || name === "offset") query.page[name] = value as number;
    else (query.filters as Record<string, string>)[name] = value as string;
  }
  return { query, problems };
}

/** The query string for a view: only what differs from the defaults, in a stable order. */
export function overviewSearch(query: Partial<Omit<OverviewQuery, "page">>): string {
  const out = new URLSearchParams();
  if (query.campaignId) out.set("campaignId", query.campaignId);
  for (const key of FILTER_KEYS) {
    const value = query.filters?.[key];
    if (value) out.set(key, value);
  }
  if (query.sort && query.sort !== "ward") out.set("sort", query.sort);
  if (query.dir && query.dir !== "asc") out.set("dir", query.dir);
  const s = out.toString();
  return s ? `?${s}` : "";
}

export function hasCardFilters(filters: OverviewFilters): boolean {
  return Boolean(filters.category || filters.criterion);
}

/** Does a school's report state match the report filter (the office chases "missing")? */
export function matchesReportFilter(report: { status: string; late: boolean } | null, filter: ReportFilter | undefined): boolean {
  if (!filter) return true;
  if (filter === "missing") return report === null;
  if (filter === "late") return report?.late === true;
  return report?.status === filter;
}
