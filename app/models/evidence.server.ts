import type { Evidence, PrismaClient } from "@prisma/client";
import { newId } from "~/domain/ids";
import { ApiError } from "~/utils/api.server";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { getStorage } from "~/utils/storage.server";
import type { Processed } from "~/features/evidence/process.server";
import { audit } from "./audit.server";

// Evidence (minh chứng): rows here, bytes in the storage interface. Only this module writes either.

export type EvidenceJson = {
  id: string;
  cardId: string;
  itemId: string | null;
  kind: "image" | "file";
  name: string;
  size: number;
  takenAt: string | null;
  url: string;
  thumbUrl: string | null;
  uploadedBy: { id: string; name: string };
  uploadedAt: string;
};

export const maxFileBytes = () => getEnv().EVIDENCE_MAX_MB * 1024 * 1024;
export const quotaBytes = () => getEnv().EVIDENCE_QUOTA_MB * 1024 * 1024;

export function evidenceUrl(boardId: string, id: string, variant?: "thumb") {
  return `/api/v1/boards/${boardId}/evidence/${id}${variant ? "?variant=thumb" : ""}`;
}

export function toEvidenceJson(row: Evidence, names: Map<string, string>): EvidenceJson {
  return {
    id: row.id,
    cardId: row.cardId,
    itemId: row.itemId,
    kind: row.kind as "image" | "file",
    name: row.name,
    size: row.size,
    takenAt: row.takenAt?.toISOString() ?? null,
    url: evidenceUrl(row.boardId, row.id),
    thumbUrl: row.thumbKey ? evidenceUrl(row.boardId, row.id, "thumb") : null,
    uploadedBy: { id: row.uploadedById, name: names.get(row.uploadedById) ?? row.uploadedById },
    uploadedAt: row.uploadedAt.toISOString(),
  };
}

async function namesOf(ids: string[], db: PrismaClient) {
  const users = await db.user.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, name: true } });
  return new Map(users.map((u) => [u.id, u.name]));
}

export async function listEvidence(boardId: string, db: PrismaClient = getDb()): Promise<EvidenceJson[]> {
  const rows = await db.evidence.findMany({ where: { boardId }, orderBy: { uploadedAt: "asc" } });
  const names = await namesOf(rows.map((r) => r.uploadedById), db);
  return rows.map((r) => toEvidenceJson(r, names));
}

export async function findEvidence(boardId: string, id: string, db: PrismaClient = getDb()) {
  const row = await db.evidence.findUnique({ where: { id } });
  return row && row.boardId === boardId ? row : null;
}

/** Bytes this board's evidence already takes. */
export async function boardUsage(boardId: string, db: PrismaClient = getDb()) {
  const sum = await db.evidence.aggregate({ where: { boardId }, _sum: { size: true } });
  return sum._sum.size ?? 0;
}

/** Stores a processed upload: bytes first (a crash leaves an orphan file, never a row without bytes). */
export async function saveEvidence(
  input: { boardId: string; cardId: string; itemId: string | null; name: string; uploadedById: string; processed: Processed },
  db: PrismaClient = getDb(),
): Promise<EvidenceJson> {
  const id = newId("ev");
  const p = input.processed;
  const storedBytes = p.kind === "image" ? p.display.length + p.thumb.length : p.bytes.length;
  if ((await boardUsage(input.boardId, db)) + storedBytes > quotaBytes()) {
    throw new ApiError(413, "quota_exceeded", `This board's evidence would exceed its quota of ${getEnv().EVIDENCE_QUOTA_MB} MB; remove some files first`);
  }
  const storage = getStorage();
  const key = `evidence/${input.boardId}/${id}`;
  if (p.kind === "image") {
    await storage.put(`${key}.jpg`, p.display);
    await storage.put(`${key}.thumb.jpg`, p.thumb);
  } else {
    await storage.put(`${key}.${p.ext}`, p.bytes);
  }
  const row = await db.evidence.create({
    data: {
      id,
      boardId: input.boardId,
      cardId: input.cardId,
      itemId: input.itemId,
      kind: p.kind,
      // Photos are stored as JPEG whatever they came as: the name follows.
      name: p.kind === "image" ? input.name.replace(/\.[^.]*$/, "") + ".jpg" : input.name,
      mime: p.mime,
      size: storedBytes,
      width: p.kind === "image" ? p.width : null,
      height: p.kind === "image" ? p.height : null,
      takenAt: p.kind === "image" ? p.takenAt : null,
      storageKey: p.kind === "image" ? `${key}.jpg` : `${key}.${p.ext}`,
      thumbKey: p.kind === "image" ? `${key}.thumb.jpg` : null,
      uploadedById: input.uploadedById,
    },
  });
  return toEvidenceJson(row, await namesOf([row.uploadedById], db));
}

export async function removeEvidence(row: Evidence, actor: { userId: string }, schoolName: string, db: PrismaClient = getDb()) {
  await db.$transaction(async (tx) => {
    await tx.evidence.delete({ where: { id: row.id } });
    await audit(tx, {
      actorId: actor.userId,
      action: "evidence.removed",
      entityId: row.boardId,
      detail: { name: schoolName, evidenceId: row.id, file: row.name, cardId: row.cardId, itemId: row.itemId, uploadedBy: row.uploadedById },
    });
  });
  const storage = getStorage();
  await storage.delete(row.storageKey);
  if (row.thumbKey) await storage.delete(row.thumbKey);
}

/** Of these checklist items, the ones with no evidence attached (for the tick rule and the report). */
export async function itemsWithoutEvidence(boardId: string, itemIds: string[], db: PrismaClient = getDb()): Promise<string[]> {
  if (!itemIds.length) return [];
  const rows = await db.evidence.findMany({ where: { boardId, itemId: { in: itemIds } }, select: { itemId: true }, distinct: ["itemId"] });
  const have = new Set(rows.map((r) => r.itemId));
  return itemIds.filter((id) => !have.has(id));
}
