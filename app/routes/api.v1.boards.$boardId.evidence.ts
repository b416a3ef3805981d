import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { processUpload } from "~/features/evidence/process.server";
import { assertBoardOpen, readLiveBoard, requireBoard } from "~/models/board-api.server";
import { listEvidence, maxFileBytes, saveEvidence } from "~/models/evidence.server";
import { ApiError, handleApi } from "~/utils/api.server";
import { BodyTooLargeError, readMultipartForm } from "~/utils/form.server";
import { requireApiUser } from "~/utils/permissions.server";

const fieldsSchema = z.strictObject({
  cardId: z.string().min(1, "required").max(200),
  itemId: z.string().min(1).max(200).optional(),
});

/** GET /api/v1/boards/<id>/evidence — every photo and file of the board. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return handleApi(async () => {
    const user = await requireApiUser(request);
    const board = await requireBoard(user, params.boardId ?? "", "view:board");
    return Response.json({ evidence: await listEvidence(board.id) }, { headers: { "cache-control": "private, no-store" } });
  });
}

/** POST /api/v1/boards/<id>/evidence (multipart: file, cardId, optional itemId) — a school member attaches evidence. */
export async function action({ request, params }: ActionFunctionArgs) {
  return handleApi(async () => {
    if (request.method !== "POST") throw new ApiError(405, "method_not_allowed", "Use GET or POST");
    const user = await requireApiUser(request);
    const board = await requireBoard(user, params.boardId ?? "", "edit:board");
    // A closed campaign's board is frozen: its evidence too (the report it proves is in).
    assertBoardOpen(board);
    const max = maxFileBytes();
    if (!/^multipart\/form-data/i.test(request.headers.get("content-type") ?? "")) {
      throw new ApiError(415, "multipart_required", "Send multipart/form-data with fields file, cardId and optional itemId");
    }
    let form: FormData;
    try {
      // The file plus room for the other fields and the part headers; read no further than that.
      form = await readMultipartForm(request, max + 64 * 1024);
    } catch (error) {
      if (error instanceof BodyTooLargeError) throw tooLarge(max);
      throw error;
    }
    const file = form.get("file");
    if (!(file instanceof Blob) || file.size === 0) throw new ApiError(422, "validation_failed", "file: required (one non-empty file)");
    if (file.size > max) throw tooLarge(max);
    const parsed = fieldsSchema.safeParse({ cardId: form.get("cardId") ?? undefined, itemId: form.get("itemId") || undefined });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new ApiError(422, "validation_failed", `${issue.path.join(".") || "body"}: ${issue.message}`);
    }
    const { cardId, itemId } = parsed.data;
    const live = await readLiveBoard(board.id);
    const card = live.cards.find((c) => c.id === cardId);
    if (!card) throw new ApiError(404, "card_not_found", `No card ${cardId} on this board`);
    if (itemId && !card.checklist.some((i) => i.id === itemId)) throw new ApiError(404, "item_not_found", `No item ${itemId} on card ${cardId}`);
    const name = [...((file as File).name ?? "").normalize("NFC")].map((ch) => (ch === "/" || ch === "\\" || ch.charCodeAt(0) < 0x20 ? "_" : ch)).join("").slice(0, 200) || "file";
    const processed = await processUpload(Buffer.from(await file.arrayBuffer()), name);
    const evidence = await saveEvidence({ boardId: board.id, cardId, itemId: itemId ?? null, name, uploadedById: user.userId, processed });
    return Response.json({ evidence }, { status: 201 });
  });
}

const tooLarge = (max: number) => new ApiError(413, "file_too_large", `A file may be at most ${Math.round(max / 1024 / 1024)} MB`);
