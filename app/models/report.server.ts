import type { PrismaClient, ReportVersion } from "@prisma/client";
import { z } from "zod";
import { tickedItemsNeedingEvidence } from "~/domain";
import { isLateReport, REPORT_NOTE_MAX, type ReportState } from "~/domain/report";
import { composeSchoolReport, type SchoolReportInput } from "~/features/report/compose";
import { renderReportFiles } from "~/features/report/files.server";
import { ApiError } from "~/utils/api.server";
import { getDb } from "~/utils/db.server";
import { getStorage } from "~/utils/storage.server";
import { audit } from "./audit.server";
import { emitBoardChanged } from "./board-events.server";
import { deadlineDate } from "./board.server";
import { itemsWithoutEvidence } from "./evidence.server";
import { getDraft, reportInput } from "./report-draft.server";
import { emitReportEvent } from "./report-events.server";
import { announce, districtAdmins, notify } from "./notification.server";
import { kickDeliveries, queueWebhookEvent } from "./webhook.server";

// The school's results report (báo cáo kết quả): each submission is an immutable ReportVersion
// (the composed input, the board's figures, the PDF and DOCX in storage); ReportSubmission holds
// the latest state per board for the overview (one row, re-submitting updates it).

export const reportInputSchema = z.object({
  note: z
    .string({ error: "must be a string" })
    .max(REPORT_NOTE_MAX, { error: `at most ${REPORT_NOTE_MAX} characters` })
    .optional()
    .transform((v) => (v ?? "").trim()),
});

export type ReportJson = {
  boardId: string;
  version: number;
  status: ReportState;
  submittedAt: string;
  submittedBy: { id: string; name: string };
  note: string;
  progress: { done: number; total: number };
  late: boolean;
  reviewedAt: string | null;
};

export type ReportBoard = {
  id: string;
  campaignId: string;
  school: { id: string; name: string; districtId: string; slug?: string };
  campaign: { id: string; deadline: Date };
};

type Row = { boardId: string; submittedById: string; submittedAt: Date; note: string; itemsDone: number; itemsTotal: number; status: string; version: number; reviewedAt: Date | null };

async function toJson(row: Row, deadline: Date, db: PrismaClient): Promise<ReportJson> {
  const by = await db.user.findUnique({ where: { id: row.submittedById }, select: { id: true, name: true } });
  return {
    boardId: row.boardId,
    version: row.version,
    status: row.status as ReportState,
    submittedAt: row.submittedAt.toISOString(),
    submittedBy: by ?? { id: row.submittedById, name: row.submittedById },
    note: row.note,
    progress: { done: row.itemsDone, total: row.itemsTotal },
    late: isLateReport(row.submittedAt, deadlineDate(deadline)),
    reviewedAt: row.reviewedAt?.toISOString() ?? null,
  };
}

const fileKey = (boardId: string, version: number, ext: "pdf" | "docx") => `reports/${boardId}/v${version}.${ext}`;

/** What a stored version keeps: the composed input (so its DOCX re-renders exactly) and the note. */
type StoredData = { input: SchoolReportInput; note: string };

/**
 * Submits the board's report as its next version, from the saved draft (or the defaults).
 * 409 once accepted; 422 `evidence_missing` listing ticked items that need evidence and have none.
 * The caller has checked "submit:report".
 */
export async function submitReport(board: ReportBoard, actorId: string, note: string, db: PrismaClient = getDb()): Promise<ReportJson> {
  const current = await db.reportSubmission.findUnique({ where: { boardId: board.id } });
  if (current?.status === "accepted") throw new ApiError(409, "already_accepted", "The district has accepted this report; it cannot be submitted again");
  const { draft } = await getDraft(board, db);
  const { input, board: live } = await reportInput(board, draft, db);
  const needing = tickedItemsNeedingEvidence(live);
  const missing = new Set(await itemsWithoutEvidence(board.id, needing.map((i) => i.itemId), db));
  if (missing.size) {
    const items = needing.filter((i) => missing.has(i.itemId));
    throw new ApiError(422, "evidence_missing", `${items.length} ticked item(s) need evidence: ${items.map((i) => `"${i.text}"`).join(", ")}`, { details: { items } });
  }
  const model = composeSchoolReport(input);
  const evidence = await db.evidence.findMany({ where: { boardId: board.id, id: { in: draft.evidenceIds } } });
  const files = await renderReportFiles(model, evidence);
  const version = (current?.version ?? 0) + 1;
  const storage = getStorage();
  // Files first, then the rows: a crash in between leaves unreferenced files, never a version without its PDF.
  await storage.put(fileKey(board.id, version, "pdf"), files.pdf!);
  await storage.put(fileKey(board.id, version, "docx"), files.docx!);
  const at = new Date();
  const row = await db.$transaction(async (tx) => {
    await tx.reportVersion.updateMany({ where: { boardId: board.id, status: "submitted" }, data: { status: "superseded" } });
    await tx.reportVersion.create({
      data: {
        boardId: board.id,
        campaignId: board.campaign.id,
        version,
        data: JSON.stringify({ input, note } satisfies StoredData),
        figures: JSON.stringify(input.figures),
        pdfKey: fileKey(board.id, version, "pdf"),
        submittedById: actorId,
        submittedAt: at,
      },
    });
    const data = { submittedById: actorId, submittedAt: at, note, itemsDone: input.figures.progress.done, itemsTotal: input.figures.progress.total, status: "submitted", version, reviewedAt: null };
    const saved = await tx.reportSubmission.upsert({ where: { boardId: board.id }, create: { boardId: board.id, campaignId: board.campaign.id, ...data }, update: data });
    await audit(tx, {
      actorId,
      action: "report.submitted",
      // `name` is what the audit page shows as the entry's subject.
      entityId: board.id,
      detail: { name: board.school.name, version, itemsDone: data.itemsDone, itemsTotal: data.itemsTotal, noteLength: note.length },
    });
    // The district office hears of it in its bell, and its webhooks (report.submitted), with the submission.
    const districtId = board.school.districtId;
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
  const json = await toJson(row, board.campaign.deadline, db);
  // The district overview listens to board events: a submission changes its report column.
  emitBoardChanged({ boardId: board.id, campaignId: board.campaign.id, schoolId: board.school.id, at: at.toISOString() });
  emitReportEvent({ type: "submitted", boardId: board.id, campaignId: board.campaign.id, schoolId: board.school.id, schoolName: board.school.name, version, actorId, comment: "", late: json.late, at: at.toISOString() });
  return json;
}

/** The board's latest report, or null when none was submitted. */
export async function getReport(board: { id: string; campaign: { deadline: Date } }, db: PrismaClient = getDb()): Promise<ReportJson | null> {
  const row = await db.reportSubmission.findUnique({ where: { boardId: board.id } });
  return row ? toJson(row, board.campaign.deadline, db) : null;
}

export type VersionJson = {
  version: number;
  status: string;
  submittedAt: string;
  submittedBy: { id: string; name: string };
  late: boolean;
  review: { by: { id: string; name: string }; at: string; comment: string; items: { ref: string; comment: string }[] } | null;
  pdfUrl: string;
  docxUrl: string;
};

export async function listVersions(board: { id: string; campaign: { deadline: Date } }, db: PrismaClient = getDb()): Promise<VersionJson[]> {
  const rows = await db.reportVersion.findMany({ where: { boardId: board.id }, orderBy: { version: "desc" } });
  const ids = [...new Set(rows.flatMap((r) => [r.submittedById, r.reviewedById].filter((x): x is string => !!x)))];
  const names = new Map((await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  const person = (id: string) => ({ id, name: names.get(id) ?? id });
  return rows.map((r) => ({
    version: r.version,
    status: r.status,
    submittedAt: r.submittedAt.toISOString(),
    submittedBy: person(r.submittedById),
    late: isLateReport(r.submittedAt, deadlineDate(board.campaign.deadline)),
    review: r.reviewedById && r.reviewedAt ? { by: person(r.reviewedById), at: r.reviewedAt.toISOString(), comment: r.reviewComment, items: JSON.parse(r.reviewItems) } : null,
    pdfUrl: `/api/v1/boards/${board.id}/report.pdf?version=${r.version}`,
    docxUrl: `/api/v1/boards/${board.id}/report.docx?version=${r.version}`,
  }));
}

export async function findVersion(boardId: string, version: number, db: PrismaClient = getDb()): Promise<ReportVersion | null> {
  return db.reportVersion.findUnique({ where: { boardId_version: { boardId, version } } });
}

/** A stored version's file (immutable), or null when the version does not exist. */
export async function versionFile(boardId: string, version: number, ext: "pdf" | "docx", db: PrismaClient = getDb()) {
  const row = await findVersion(boardId, version, db);
  if (!row) return null;
  return getStorage().get(fileKey(boardId, version, ext));
}

/** The stored composed input of a version (the report page shows it as the district read it). */
export function versionInput(row: ReportVersion): StoredData {
  return JSON.parse(row.data) as StoredData;
}

export type ReportStatus = { submittedAt: string; late: boolean; status: ReportState; version: number };

/** Every submission of a campaign in one query, by board id, for the overview. */
export async function campaignReports(campaignId: string, deadline: string, db: PrismaClient = getDb()): Promise<Map<string, ReportStatus>> {
  const rows = await db.reportSubmission.findMany({ where: { campaignId }, select: { boardId: true, submittedAt: true, status: true, version: true } });
  return new Map(rows.map((r) => [r.boardId, { submittedAt: r.submittedAt.toISOString(), late: isLateReport(r.submittedAt, deadline), status: r.status as ReportState, version: r.version }]));
}

/** What the board page's report panel needs: may this person submit, the progress now, the latest report. */
export async function reportPanel(
  board: { id: string; campaign: { deadline: Date; slug?: string }; school: { slug: string }; stat: { itemsDone: number; itemsTotal: number } | null },
  canSubmit: boolean,
  db: PrismaClient = getDb(),
) {
  const latest = await db.reportVersion.findFirst({ where: { boardId: board.id }, orderBy: { version: "desc" }, select: { reviewComment: true, status: true } });
  return {
    canSubmit,
    deadline: deadlineDate(board.campaign.deadline),
    progress: { done: board.stat?.itemsDone ?? 0, total: board.stat?.itemsTotal ?? 0 },
    submission: await getReport(board, db),
    returnComment: latest?.status === "returned" ? latest.reviewComment : null,
    // The report page serves the board's own campaign (the school may have several open).
    reportUrl: `/schools/${board.school.slug}/report${board.campaign.slug ? `?campaign=${encodeURIComponent(board.campaign.slug)}` : ""}`,
  };
}
export type ReportPanelData = Awaited<ReturnType<typeof reportPanel>>;
