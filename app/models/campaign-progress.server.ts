import type { PrismaClient } from "@prisma/client";
import { CRITERIA, type Criterion } from "~/domain/vocabulary";
import { getDb } from "~/utils/db.server";
import { parseTargets } from "./campaign-common.server";
import { jsonRows, SQL } from "./sql.server";

export type CriterionProgress = {
  criterion: Criterion;
  /** chỉ tiêu in %, or null when the district set none. */
  target: number | null;
  /** Checklist items done / total over every school's live cards serving the criterion. */
  done: number;
  total: number;
  /** done / total in %, one decimal; null when no card serves the criterion. */
  percent: number | null;
  /** Schools with at least one card serving the criterion… */
  schools: number;
  /** …and how many of them have reached the target on their own board (null without a target). */
  schoolsAtTarget: number | null;
  /** Those schools, by name ([] without a target), so the overview can link each one. */
  reached: { id: string; slug: string; name: string }[];
};

const collator = new Intl.Collator("vi");
const pct = (done: number, total: number) => (total > 0 ? Math.round((done / total) * 1000) / 10 : null);

/**
 * Targets against measured progress, per criterion, from the projection (CardRow, which counts
 * items the way boardProgress does: a card without items is one item, done in "done"). Boards
 * that cannot be read have no rows, so they count for nothing rather than for zero.
 */
export async function criterionProgress(campaignId: string, db: PrismaClient = getDb()): Promise<CriterionProgress[]> {
  // Summed in SQL per (school, criteria list) — a few rows per school — and read as one JSON
  // value: at 50,000 schools the card rows themselves are 2 million, which loaded one by one kept
  // the process busy for minutes (the overview page and its downloads call this).
  const grouped = SQL.sql`
    SELECT c."schoolId", s."slug", s."name", c."criteria", SUM(c."itemsDone") AS "done", SUM(c."itemsTotal") AS "total"
    FROM "CardRow" c JOIN "School" s ON s."id" = c."schoolId"
    WHERE c."campaignId" = ${campaignId}
    GROUP BY c."schoolId", s."slug", s."name", c."criteria"`;
  const [campaign, [json]] = await Promise.all([
    db.campaign.findUniqueOrThrow({ where: { id: campaignId }, select: { targets: true } }),
    db.$queryRaw<{ j: string }[]>`${jsonRows(grouped, ["schoolId", "slug", "name", "criteria", "done", "total"])}`,
  ]);
  const rows = (JSON.parse(json!.j) as [string, string, string, string, number | string, number | string][]).map(([schoolId, slug, name, criteria, done, total]) => ({
    schoolId,
    criteria,
    itemsDone: Number(done),
    itemsTotal: Number(total),
    school: { id: schoolId, slug, name },
  }));
  const schools = new Map(rows.map((r) => [r.schoolId, r.school]));
  const targets = parseTargets(campaign.targets);
  const perSchool = new Map<Criterion, Map<string, { done: number; total: number }>>(CRITERIA.map((c) => [c, new Map()]));
  for (const row of rows) {
    for (const c of row.criteria.split(",")) {
      const bySchool = perSchool.get(c as Criterion);
      if (!bySchool) continue;
      const acc = bySchool.get(row.schoolId) ?? { done: 0, total: 0 };
      acc.done += row.itemsDone;
      acc.total += row.itemsTotal;
      bySchool.set(row.schoolId, acc);
    }
  }
  return CRITERIA.map((criterion) => {
    const entries = [...perSchool.get(criterion)!.entries()];
    const bySchool = entries.map(([, s]) => s);
    const done = bySchool.reduce((n, s) => n + s.done, 0);
    const total = bySchool.reduce((n, s) => n + s.total, 0);
    const target = targets[criterion] ?? null;
    const reached =
      target === null
        ? []
        : entries
            .filter(([, s]) => (pct(s.done, s.total) ?? 0) >= target)
            .flatMap(([id]) => schools.get(id) ?? [])
            .sort((a, b) => collator.compare(a.name, b.name));
    return { criterion, target, done, total, percent: pct(done, total), schools: bySchool.length, schoolsAtTarget: target === null ? null : reached.length, reached };
  });
}
