import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { assertBoardOpen, requireBoard } from "~/models/board-api.server";
import { findEvidence, removeEvidence } from "~/models/evidence.server";
import { ApiError, handleApi } from "~/utils/api.server";
import { can, requireApiUser } from "~/utils/permissions.server";
import { getStorage } from "~/utils/storage.server";
import { contentDisposition } from "~/utils/content-disposition";

/** GET /api/v1/boards/<id>/evidence/<evidenceId>[?variant=thumb] — the bytes, only to people who may view the board. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return handleApi(async () => {
    const user = await requireApiUser(request);
    const board = await requireBoard(user, params.boardId ?? "", "view:board");
    const row = await findEvidence(board.id, params.evidenceId ?? "");
    if (!row) throw new ApiError(404, "evidence_not_found", "No such evidence on this board");
    const thumb = new URL(request.url).searchParams.get("variant") === "thumb" && row.thumbKey;
    const bytes = await getStorage().get(thumb ? row.thumbKey! : row.storageKey);
    if (!bytes) throw new ApiError(410, "evidence_gone", "The file is missing from storage");
    // Photos show inline; documents download (a PDF or DOCX never renders in our origin).
    const disposition = row.kind === "image" ? "inline" : "attachment";
    return new Response(new Uint8Array(bytes), {
      headers: {
        "content-type": row.mime,
        "content-length": String(bytes.length),
        "content-disposition": contentDisposition(disposition, row.name),
        "cache-control": "private, max-age=3600",
        "content-security-policy": "default-src 'none'; sandbox",
      },
    });
  });
}

/** DELETE /api/v1/boards/<id>/evidence/<evidenceId> — by its uploader or the school's principal; audited. */
export async function action({ request, params }: ActionFunctionArgs) {
  return handleApi(async () => {
    if (request.method !== "DELETE") throw new ApiError(405, "method_not_allowed", "Use GET or DELETE");
    const user = await requireApiUser(request);
    const board = await requireBoard(user, params.boardId ?? "", "edit:board");
    assertBoardOpen(board);
    const row = await findEvidence(board.id, params.evidenceId ?? "");
    if (!row) throw new ApiError(404, "evidence_not_found", "No such evidence on this board");
    const resource = { type: "board" as const, districtId: board.school.districtId, schoolId: board.school.id };
    if (row.uploadedById !== user.userId && !can(user, "manage:evidence", resource)) {
      throw new ApiError(403, "forbidden", "Only the uploader or the principal may remove this evidence");
    }
    await removeEvidence(row, user, board.school.name);
    return new Response(null, { status: 204 });
  });
}
