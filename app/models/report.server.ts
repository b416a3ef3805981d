import type { PrismaClient } from "@prisma/client";
import { z } from "zod";
import { isLateReport, REPORT_NOTE_MAX } from "~/domain/report";
import { getDb } from "~/utils/db.server";
import { audit } from "./audit.server";
import { emitBoardChanged } from "./board-events.server";
import { deadlineDate } from "./board.server";
import { announce, districtAdmins, notify } from "./notification.server";
import { kickDeliveries, queueWebhookEvent } from "./webhook.server";

// The school's results report (báo cáo kết quả): one row per board, re-submitting replaces it
// (the latest is the one the district reads; every submission leaves an audit entry).

export const reportInputSchema = z.object({
  note: z
    .string({ error: "must be a string" })
    .max(REPORT_NOTE_MAX, { error: `at most ${REPORT_NOTE_MAX} characters` })
    .optional()
    .transform((v) => (v ?? "").trim()),
});

export type ReportJson = {
  boardId: string;
  submittedAt: string;
  submittedBy: { id: string; name: string };
  note: string;
  progress: { done: number; total: number };
  late: boolean;
};

type Row = { boardId: string; submittedById: string; submittedAt: Date; note: string; itemsDone: number; itemsTotal: number };

async function toJson(row: Row, deadline: Date, db: PrismaClient): Promise<ReportJson> {
  const by = await db.user.findUnique({ where: { id: row.submittedById }, select: { id: true, name: true } });
  return {
    boardId: row.boardId,
    submittedAt: row.submittedAt.toISOString(),
    submittedBy: by ?? { id: row.submittedById, name: row.submittedById },
    note: row.note,
    progress: { done: row.itemsDone, total: row.itemsTotal },
    late: isLateReport(row.submittedAt, deadlineDate(deadline)),
  };
}

/**
 * Submits (or re-submits) a board's report with the board's progress now, from its BoardStat row.
 * The caller has checked "submit:report" through the permissions module.
 */
export async function submitReport(
  board: { id: string; school: { id: string; name: string; slug?: string; districtId?: string }; campaign: { id: string; deadline: Date } },
  actorId: string,
  note: string,
  db: PrismaClient = getDb(),
): Promise<ReportJson> {
  const row = await db.$transaction(async (tx) => {
    const stat = await tx.boardStat.findUnique({ where: { boardId: board.id }, select: { itemsDone: true, itemsTotal: true } });
    const data = { submittedById: actorId, submittedAt: new Date(), note, itemsDone: stat?.itemsDone ?? 0, itemsTotal: stat?.itemsTotal ?? 0 };
    const saved = await tx.reportSubmission.upsert({
      where: { boardId: board.id },
      create: { boardId: board.id, campaignId: board.campaign.id, ...data },
      update: data,
    });
    await audit(tx, {
      actorId,
      action: "report.submitted",
      entityId: board.id,
      // `name` is what the audit page shows as the entry's subject.
      detail: { name: board.school.name, itemsDone: data.itemsDone, itemsTotal: data.itemsTotal, noteLength: note.length },
    });
    // The district office hears of it in its bell, and its webhooks (report.submitted), with the submission.
    const districtId = board.school.districtId ?? (await tx.school.findUniqueOrThrow({ where: { id: board.school.id }, select: { districtId: true } })).districtId;
    const admins = await districtAdmins(districtId, tx);
    await notify(admins, { kind: "report.submitted", detail: { school: board.school.name }, link: board.school.slug ? `/schools/${board.school.slug}` : "/overview" }, { db: tx });
    await queueWebhookEvent(districtId, "report.submitted", {
      board: { id: board.id, campaignId: board.campaign.id },
      school: { id: board.school.id, name: board.school.name },
      submittedBy: actorId,
      submittedAt: data.submittedAt.toISOString(),
      progress: { done: data.itemsDone, total: data.itemsTotal },
      note,
    }, tx);
    return { saved, admins };
  }).then(({ saved, admins }) => {
    announce(admins);
    kickDeliveries(db);
    return saved;
  });
  // The district overview listens to board events: a submission changes its report column.
  emitBoardChanged({ boardId: board.id, campaignId: board.campaign.id, schoolId: board.school.id, at: row.submittedAt.toISOString() });
  return toJson(row, board.campaign.deadline, db);
}

/** The board's latest report, or null when none was submitted. */
export async function getReport(board: { id: string; campaign: { deadline: Date } }, db: PrismaClient = getDb()): Promise<ReportJson | null> {
  const row = await db.reportSubmission.findUnique({ where: { boardId: board.id } });
  return row ? toJson(row, board.campaign.deadline, db) : null;
}

export type ReportStatus = { submittedAt: string; late: boolean };

/** Every submission of a campaign in one query, by board id, for the overview. */
export async function campaignReports(campaignId: string, deadline: string, db: PrismaClient = getDb()): Promise<Map<string, ReportStatus>> {
  const rows = await db.reportSubmission.findMany({ where: { campaignId }, select: { boardId: true, submittedAt: true } });
  return new Map(rows.map((r) => [r.boardId, { submittedAt: r.submittedAt.toISOString(), late: isLateReport(r.submittedAt, deadline) }]));
}

/** What the board page's report panel needs: may this person submit, the progress now, the latest report. */
export async function reportPanel(
  board: { id: string; campaign: { deadline: Date }; stat: { itemsDone: number; itemsTotal: number } | null },
  canSubmit: boolean,
  db: PrismaClient = getDb(),
) {
  return {
    canSubmit,
    deadline: deadlineDate(board.campaign.deadline),
    progress: { done: board.stat?.itemsDone ?? 0, total: board.stat?.itemsTotal ?? 0 },
    submission: await getReport(board, db),
  };
}
export type ReportPanelData = Awaited<ReturnType<typeof reportPanel>>;
