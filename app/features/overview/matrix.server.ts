import type { Prisma, PrismaClient } from "@prisma/client";
import { parseStoredTemplate } from "~/domain/template";
import type { OverviewCampaign, SchoolLine } from "~/models/overview.server";
import { getDb } from "~/utils/db.server";
import { listHas, SQL, sqlChar, stringAgg } from "~/models/sql.server";
import type { OverviewFilters } from "./filters";

// The compliance matrix: the campaign's requirements (template cards) against the schools.
// A cell's state comes from the school's copy of the requirement in CardRow.

export const CELL_STATES = ["done", "in_progress", "not_started", "overdue", "missing"] as const;
export type CellState = (typeof CELL_STATES)[number];

export type Requirement = { templateId: string; title: string; category: string; dueDate: string | null };

export type Matrix = {
  requirements: Requirement[];
  /** One entry per school line, in the order given; cells follow `requirements`. */
  columns: { boardId: string; slug: string; name: string; cells: CellState[] }[];
};

const CODE: Record<string, CellState> = { d: "done", o: "overdue", p: "in_progress", n: "not_started" };

export async function getMatrix(
  campaign: OverviewCampaign,
  lines: SchoolLine[],
  opts: { filters?: OverviewFilters; today: string; db?: PrismaClient },
): Promise<Matrix> {
  const db = opts.db ?? getDb();
  const filters = opts.filters ?? {};
  const where = SQL.sql`WHERE "campaignId" = ${campaign.id} AND "templateId" IS NOT NULL
    ${filters.category ? SQL.sql`AND "category" = ${filters.category}` : SQL.empty}
    ${filters.criterion ? SQL.sql`AND ${listHas(SQL.sql`"criteria"`, filters.criterion)}` : SQL.empty}`;
  const [requirements, boards] = await Promise.all([
    requirementsOf(db, campaign.id, filters, where),
    // One row per board (template id, state code, separated by control characters no id holds):
    // a thousand rows to convert, not forty thousand.
    db.$queryRaw<{ boardId: string; cells: string }[]>`
      SELECT "boardId", ${stringAgg(
        SQL.sql`"templateId" || ${sqlChar(30)} ||
        CASE WHEN "status" = 'done' THEN 'd'
             WHEN "dueDate" IS NOT NULL AND "dueDate" < ${opts.today} THEN 'o'
             WHEN "status" = 'in_progress' OR "itemsDone" > 0 THEN 'p'
             ELSE 'n' END`,
        31,
      )} AS cells
      FROM "CardRow" ${where}
      GROUP BY "boardId"`,
  ]);
  const index = new Map(requirements.map((r, i) => [r.templateId, i]));

  const byBoard = new Map<string, CellState[]>();
  for (const b of boards) {
    const row = requirements.map(() => "missing" as CellState);
    for (const pair of b.cells.split("\u001f")) {
      const [templateId, code] = pair.split("\u001e");
      const i = index.get(templateId!);
      if (i !== undefined) row[i] = CODE[code!] ?? "not_started";
    }
    byBoard.set(b.boardId, row);
  }
  return {
    requirements,
    columns: lines.map((l) => ({
      boardId: l.boardId,
      slug: l.school.slug,
      name: l.school.name,
      cells: byBoard.get(l.boardId) ?? requirements.map(() => "missing" as CellState),
    })),
  };
}

/**
 * The rows: the published template's cards, in the plan's order (the district's wording, even
 * where a school retitled its copy). A campaign without a readable published template falls back
 * to the cards the boards carry, labelled as most schools label them, in due-date order.
 */
async function requirementsOf(db: PrismaClient, campaignId: string, filters: OverviewFilters, where: Prisma.Sql): Promise<Requirement[]> {
  const campaign = await db.campaign.findUnique({ where: { id: campaignId }, select: { publishedVersion: true } });
  const published = campaign?.publishedVersion
    ? await db.templateVersion.findUnique({ where: { campaignId_version: { campaignId, version: campaign.publishedVersion } }, select: { content: true } })
    : null;
  if (published) {
    try {
      return parseStoredTemplate(published.content)
        .cards.filter((c) => (!filters.category || c.category === filters.category) && (!filters.criterion || c.criteria.includes(filters.criterion)))
        .map((c) => ({ templateId: c.templateId, title: c.title, category: c.category, dueDate: c.dueDate }));
    } catch {
      // fall through to what the boards carry
    }
  }
  const variants = await db.$queryRaw<{ templateId: string; title: string; category: string; dueDate: string | null; n: bigint | number }[]>`
    SELECT "templateId", "title", "category", "dueDate", COUNT(*) AS n FROM "CardRow" ${where}
    GROUP BY "templateId", "title", "category", "dueDate"`;
  const best = new Map<string, { req: Requirement; n: number }>();
  for (const v of variants) {
    const count = Number(v.n);
    const seen = best.get(v.templateId);
    if (!seen || count > seen.n) best.set(v.templateId, { req: { templateId: v.templateId, title: v.title, category: v.category, dueDate: v.dueDate }, n: count });
  }
  return [...best.values()]
    .map((b) => b.req)
    .sort((a, b) => (a.dueDate ?? "9999").localeCompare(b.dueDate ?? "9999") || a.templateId.localeCompare(b.templateId));
}
