import type { PrismaClient } from "@prisma/client";
import { readBoard, todayInHcm, type Board } from "~/domain";
import { bodyCode, documentHeaderSchema, reportDraftSchema, type DocumentHeader, type ReportDraft } from "~/domain/report-doc";
import { reportFigures } from "~/domain/report-figures";
import { boardOriginals } from "./originals.server";
import type { SchoolReportInput } from "~/features/report/compose";
import { getDb } from "~/utils/db.server";
import { parseTargets } from "./campaign-common.server";
import { getCollab } from "./collab.server";

// The report while it is composed: the draft, its defaults (from the stored headers and the board)
// and everything the document is composed from.

type ReportBoard = { id: string; campaignId: string; school: { id: string; name: string; districtId: string } };

/** "Phòng GD&ĐT quận Kiến An" → locality "quận Kiến An", place "Kiến An": defaults until someone edits them. */
function localityOf(districtName: string) {
  const locality = districtName.replace(/^Phòng\s+(GD&ĐT|Giáo dục và Đào tạo)\s+/i, "").trim();
  const place = locality.replace(/^(quận|huyện|thị xã|thành phố|phường|xã)\s+/i, "").trim();
  return { locality, place: place || locality };
}

async function storedHeader(id: string, db: PrismaClient): Promise<DocumentHeader | null> {
  const row = await db.documentHeader.findUnique({ where: { id } });
  if (!row) return null;
  const parsed = documentHeaderSchema.safeParse(JSON.parse(row.data));
  return parsed.success ? parsed.data : null;
}

/** The district's own header (for its summary upward): stored, or derived from its name. */
export async function districtHeader(districtId: string, db: PrismaClient = getDb()): Promise<DocumentHeader> {
  const stored = await storedHeader(`district:${districtId}`, db);
  if (stored) return { ...stored, date: todayInHcm(new Date()) };
  const district = await db.district.findUniqueOrThrow({ where: { id: districtId } });
  const { locality, place } = localityOf(district.name);
  return {
    parentBody: `UBND ${locality}`.toUpperCase(),
    issuingBody: district.name.toUpperCase(),
    number: "",
    symbol: "BC-PGDĐT",
    place,
    date: todayInHcm(new Date()),
    recipients: [`UBND ${locality}`, "Sở GD&ĐT"],
    distribution: ["Như trên", "Lưu: VT"],
    signerCapacity: ["TRƯỞNG PHÒNG"],
    signerName: "",
  };
}

export async function saveHeader(id: `district:${string}` | `school:${string}`, header: DocumentHeader, db: PrismaClient = getDb()) {
  const data = JSON.stringify(header);
  await db.documentHeader.upsert({ where: { id }, create: { id, data }, update: { data } });
}

/** A school's header: what it saved last time, or derived from the district's header and the school. */
async function schoolHeader(board: ReportBoard, issuer: string, db: PrismaClient): Promise<DocumentHeader> {
  const stored = await storedHeader(`school:${board.school.id}`, db);
  if (stored) return { ...stored, number: "", date: todayInHcm(new Date()) };
  const district = await districtHeader(board.school.districtId, db);
  const principal = await db.membership.findFirst({ where: { schoolId: board.school.id, role: "principal", user: { active: true } }, select: { user: { select: { name: true } } } });
  return {
    parentBody: district.parentBody,
    issuingBody: board.school.name.toUpperCase(),
    number: "",
    symbol: `BC-${bodyCode(board.school.name)}`,
    place: district.place,
    date: todayInHcm(new Date()),
    recipients: [issuer],
    distribution: ["Như trên", "Lưu: VT"],
    signerCapacity: ["HIỆU TRƯỞNG"],
    signerName: principal?.user.name ?? "",
  };
}

export async function defaultDraft(board: ReportBoard, db: PrismaClient = getDb()): Promise<ReportDraft> {
  const campaign = await db.campaign.findUniqueOrThrow({ where: { id: board.campaignId } });
  return {
    header: await schoolHeader(board, campaign.issuer, db),
    summary: `Kết quả thực hiện ${campaign.name}`.normalize("NFC"),
    sections: { results: "", shortcomings: "", proposals: "" },
    commendations: [],
    evidenceIds: (await db.evidence.findMany({ where: { boardId: board.id, kind: "image" }, orderBy: { uploadedAt: "asc" }, select: { id: true }, take: 40 })).map((e) => e.id),
  };
}

/** The saved draft, or (never saved) the defaults; a draft that no longer validates falls back too. */
export async function getDraft(board: ReportBoard, db: PrismaClient = getDb()): Promise<{ draft: ReportDraft; savedAt: string | null }> {
  const row = await db.reportDraft.findUnique({ where: { boardId: board.id } });
  if (row) {
    const parsed = reportDraftSchema.safeParse(JSON.parse(row.data));
    if (parsed.success) return { draft: parsed.data, savedAt: row.updatedAt.toISOString() };
  }
  return { draft: await defaultDraft(board, db), savedAt: null };
}

/** Saves the draft; its header also becomes the school's header for next time. */
export async function saveDraft(board: ReportBoard, actorId: string, draft: ReportDraft, db: PrismaClient = getDb()) {
  const data = JSON.stringify(draft);
  const row = await db.reportDraft.upsert({ where: { boardId: board.id }, create: { boardId: board.id, data, updatedById: actorId }, update: { data, updatedById: actorId } });
  await saveHeader(`school:${board.school.id}`, draft.header, db);
  return { draft, savedAt: row.updatedAt.toISOString() };
}

/** Everything the document is composed from, read now: the live board, targets, names, chosen evidence. */
export async function reportInput(board: ReportBoard, draft: ReportDraft, db: PrismaClient = getDb()): Promise<{ input: SchoolReportInput; board: Board }> {
  const campaign = await db.campaign.findUniqueOrThrow({ where: { id: board.campaignId } });
  const doc = await (await getCollab()).readDoc(board.id);
  const decoded = readBoard(doc);
  doc.destroy();
  if (!decoded.ok) throw new Error(`board ${board.id} cannot be read`);
  const originals = await boardOriginals(board.campaignId, decoded.board.templateVersion ?? 0, db);
  const figures = reportFigures(decoded.board, parseTargets(campaign.targets), originals);
  const people = new Set(figures.work.flatMap((w) => w.items.map((i) => i.doneBy).filter((x): x is string => !!x)));
  const users = await db.user.findMany({ where: { id: { in: [...people] } }, select: { id: true, name: true } });
  const rows = await db.evidence.findMany({ where: { boardId: board.id, id: { in: draft.evidenceIds }, kind: "image" } });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const cards = new Map(decoded.board.cards.map((c) => [c.id, c]));
  const photos = draft.evidenceIds.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const card = cards.get(r.cardId);
    const item = card?.checklist.find((i) => i.id === r.itemId);
    return [{ id: r.id, name: r.name, takenAt: r.takenAt?.toISOString() ?? null, itemText: item?.text ?? null, cardTitle: card?.title ?? "" }];
  });
  const input: SchoolReportInput = {
    schoolName: board.school.name,
    campaign: { name: campaign.name, planNumber: campaign.planNumber, planDate: todayInHcm(campaign.planDate), issuer: campaign.issuer },
    draft,
    figures,
    names: Object.fromEntries(users.map((u) => [u.id, u.name])),
    photos,
  };
  return { input, board: decoded.board };
}
