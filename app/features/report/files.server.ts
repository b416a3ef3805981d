import type { Evidence } from "@prisma/client";
import type { ReportDocument } from "~/domain/report-doc";
import { getStorage } from "~/utils/storage.server";
import { renderDocx } from "./render-docx.server";
import { renderPdf } from "./render-pdf.server";

/** Both files of one document model, with the appendix photos read once from storage. */
export async function renderReportFiles(model: ReportDocument, evidence: Pick<Evidence, "id" | "storageKey" | "width" | "height">[], which: "pdf" | "docx" | "both" = "both") {
  const wanted = new Set(model.appendix?.photos.map((p) => p.evidenceId) ?? []);
  const storage = getStorage();
  const images = new Map<string, { bytes: Buffer; width: number; height: number }>();
  for (const e of evidence) {
    if (!wanted.has(e.id)) continue;
    const bytes = await storage.get(e.storageKey);
    if (bytes) images.set(e.id, { bytes, width: e.width ?? 1600, height: e.height ?? 1200 });
  }
  const pdf = which !== "docx" ? await renderPdf(model, new Map([...images].map(([k, v]) => [k, v.bytes]))) : null;
  const docx = which !== "pdf" ? await renderDocx(model, images) : null;
  return { pdf, docx };
}
