import type { PrismaClient } from "@prisma/client";
import { originalsOf, type Originals } from "~/domain/original-words";
import { parseStoredTemplate } from "~/domain/template";
import { getDb } from "~/utils/db.server";

/** The district's words of the template version a board follows (its provenance), by template id. */
export async function boardOriginals(campaignId: string, version: number, db: PrismaClient = getDb()): Promise<Originals> {
  if (version < 1) return {};
  const row = await db.templateVersion.findUnique({ where: { campaignId_version: { campaignId, version } }, select: { content: true } });
  if (!row) return {};
  try {
    return originalsOf(parseStoredTemplate(row.content).cards);
  } catch {
    return {};
  }
}
