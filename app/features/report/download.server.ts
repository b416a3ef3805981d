import { can } from "~/domain/permissions";
import { requireBoard } from "~/models/board-api.server";
import { getDraft, reportInput } from "~/models/report-draft.server";
import { versionFile } from "~/models/report.server";
import { contentDisposition } from "~/utils/content-disposition";
import { ApiError } from "~/utils/api.server";
import { getDb } from "~/utils/db.server";
import { requireApiUser } from "~/utils/permissions.server";
import { composeSchoolReport } from "./compose";
import { renderReportFiles } from "./files.server";

const TYPES = { pdf: "application/pdf", docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" } as const;

/**
 * GET …/report.pdf|.docx[?version=N]: a stored version (immutable), or without a version the latest
 * one; the principal without a version (or with ?draft) gets a preview of the draft as it is now.
 */
export async function reportDownload(request: Request, boardId: string | undefined, ext: "pdf" | "docx"): Promise<Response> {
  const user = await requireApiUser(request);
  const board = await requireBoard(user, boardId ?? "", "view:board");
  const url = new URL(request.url);
  const raw = url.searchParams.get("version");
  const db = getDb();
  let version: number | null = null;
  if (raw !== null) {
    if (!/^[1-9]\d{0,5}$/.test(raw)) throw new ApiError(422, "validation_failed", "version: a positive whole number");
    version = Number(raw);
  }
  const principal = can(user, "submit:report", { type: "board", districtId: board.school.districtId, schoolId: board.school.id });
  const latest = await db.reportSubmission.findUnique({ where: { boardId: board.id }, select: { version: true } });
  const wantsDraft = version === null && principal && (url.searchParams.has("draft") || !latest);
  let bytes: Buffer | null;
  let name: string;
  if (wantsDraft) {
    const { draft } = await getDraft(board, db);
    const { input } = await reportInput(board, draft, db);
    const evidence = await db.evidence.findMany({ where: { boardId: board.id, id: { in: draft.evidenceIds } } });
    bytes = (await renderReportFiles(composeSchoolReport(input), evidence, ext))[ext];
    name = `bao-cao-${board.school.slug}-du-thao.${ext}`;
  } else {
    const v = version ?? latest?.version;
    if (!v) throw new ApiError(404, "not_submitted", "This school has not submitted its results report yet");
    bytes = await versionFile(board.id, v, ext, db);
    if (!bytes) throw new ApiError(404, "version_not_found", `No version ${v} of this report`);
    name = `bao-cao-${board.school.slug}-v${v}.${ext}`;
  }
  return new Response(new Uint8Array(bytes!), {
    headers: {
      "content-type": TYPES[ext],
      "content-disposition": contentDisposition(url.searchParams.has("inline") && ext === "pdf" ? "inline" : "attachment", name),
      "cache-control": "private, no-store",
    },
  });
}
