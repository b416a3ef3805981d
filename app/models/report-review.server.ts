import type { PrismaClient } from "@prisma/client";
import { z } from "zod";
import { ApiError } from "~/utils/api.server";
import { getDb } from "~/utils/db.server";
import { audit } from "./audit.server";
import { emitBoardChanged } from "./board-events.server";
import { announce, notify } from "./notification.server";
import { getReport, type ReportBoard, type ReportJson } from "./report.server";
import { emitReportEvent } from "./report-events.server";
import { kickDeliveries, queueWebhookEvent } from "./webhook.server";

// The district's review of a submitted report: accept, or return with comments.

const text = (max: number) => z.string({ error: "must be a string" }).max(max, { error: `at most ${max} characters` }).transform((s) => s.normalize("NFC").trim());

export const reviewSchema = z
  .strictObject({
    decision: z.enum(["accept", "return"], { error: 'must be "accept" or "return"' }),
    comment: text(5000).default(""),
    /** Comments on a section ("section:results") or an item ("item:<id>", "card:<id>"). */
    items: z
      .array(z.strictObject({ ref: z.string().min(1).max(200), comment: text(2000).refine(Boolean, { error: "must not be blank" }) }))
      .max(100)
      .default([]),
  })
  .refine((r) => r.decision === "accept" || r.comment || r.items.length, { error: "a return needs a comment or an item comment", path: ["comment"] });
export type Review = z.infer<typeof reviewSchema>;

/** 409 `not_submitted` unless the latest version waits for review. The caller has checked "review:report". */
export async function reviewReport(board: ReportBoard, actorId: string, review: Review, db: PrismaClient = getDb()): Promise<ReportJson> {
  const latest = await db.reportVersion.findFirst({ where: { boardId: board.id }, orderBy: { version: "desc" } });
  if (!latest || latest.status !== "submitted") {
    throw new ApiError(409, "not_submitted", latest ? `Version ${latest.version} is already ${latest.status}; nothing waits for review` : "This school has not submitted its report");
  }
  const status = review.decision === "accept" ? "accepted" : "returned";
  const at = new Date();
  const told = await db.$transaction(async (tx) => {
    // Only the waiting version moves: a second reviewer racing this one finds it reviewed (count 0).
    const moved = await tx.reportVersion.updateMany({
      where: { id: latest.id, status: "submitted" },
      data: { status, reviewedById: actorId, reviewedAt: at, reviewComment: review.comment, reviewItems: JSON.stringify(review.items) },
    });
    if (moved.count !== 1) throw new ApiError(409, "not_submitted", "This version was reviewed meanwhile");
    await tx.reportSubmission.update({ where: { boardId: board.id }, data: { status, reviewedAt: at } });
    await audit(tx, {
      actorId,
      action: status === "accepted" ? "report.accepted" : "report.returned",
      entityId: board.id,
      detail: { name: board.school.name, version: latest.version, comment: review.comment.slice(0, 200), itemComments: review.items.length },
    });
    // A returned report: the school's principals and the submitter hear of it in their bell.
    let people: string[] = [];
    if (status === "returned") {
      const principals = await tx.membership.findMany({ where: { schoolId: board.school.id, role: "principal", user: { active: true } }, select: { userId: true } });
      people = [...new Set([latest.submittedById, ...principals.map((p) => p.userId)])];
      const link = board.school.slug ? `/schools/${board.school.slug}/report` : null;
      await notify(people, { kind: "report.returned", detail: { school: board.school.name, note: review.comment.slice(0, 200) }, link }, { db: tx });
    }
    await queueWebhookEvent(
      board.school.districtId,
      "report.reviewed",
      {
        board: { id: board.id, campaignId: board.campaign.id },
        school: { id: board.school.id, name: board.school.name },
        version: latest.version,
        decision: status,
        reviewedBy: actorId,
        reviewedAt: at.toISOString(),
        comment: review.comment,
      },
      tx,
    );
    return people;
  });
  announce(told);
  kickDeliveries(db);
  const json = (await getReport(board, db))!;
  emitBoardChanged({ boardId: board.id, campaignId: board.campaign.id, schoolId: board.school.id, at: at.toISOString() });
  emitReportEvent({ type: status, boardId: board.id, campaignId: board.campaign.id, schoolId: board.school.id, schoolName: board.school.name, version: latest.version, actorId, comment: review.comment, late: json.late, at: at.toISOString() });
  return json;
}
