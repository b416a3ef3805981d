import type { PrismaClient } from "@prisma/client";
import { CRITERIA, type Criterion } from "~/domain/vocabulary";
import { getDb } from "~/utils/db.server";
import { parseTargets } from "./campaign-common.server";

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
  const [campaign, rows] = await Promise.all([
    db.campaign.findUniqueOrThrow({ where: { id: campaignId }, select: { targets: true } }),
    db.cardRow.findMany({ where: { campaignId }, select: { schoolId: true, criteria: true, itemsDone: true, itemsTotal: true } }),
  ]);
  const schoolIds = [...new Set(rows.map((r) => r.schoolId))];
  const schools = new Map((await db.school.findMany({ where: { id: { in: schoolIds } }, select: { id: true, slug: true, name: true } })).map((s) => [s.id, s]));
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
