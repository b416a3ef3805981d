import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { editChecklistItem, setChecklistItemDone } from "~/domain";
import { requireBoard } from "~/models/board-api.server";
import { getCollab } from "~/models/collab.server";
import { apiError, handleApi, readJson } from "~/utils/api.server";
import { requireApiUser } from "~/utils/permissions.server";

const patchSchema = z
  .strictObject({ done: z.boolean().optional(), text: z.string().optional() })
  .refine((b) => b.done !== undefined || b.text !== undefined, "nothing to change: give done or text");

/** PATCH /api/v1/boards/<id>/cards/<cardId>/checklist/<itemId> — ticks or renames an item through the live room. */
export async function action({ request, params }: ActionFunctionArgs) {
  return handleApi(async () => {
    if (request.method !== "PATCH") return apiError(405, "method_not_allowed", "Use PATCH");
    const user = await requireApiUser(request);
    const board = await requireBoard(user, params.boardId ?? "", "edit:board");
    const body = await readJson(request, patchSchema);
    const cardId = params.cardId ?? "";
    const itemId = params.itemId ?? "";
    const result = await (await getCollab()).change(
      board.id,
      (doc) => {
        if (body.text !== undefined) editChecklistItem(doc, cardId, itemId, body.text);
        if (body.done !== undefined) setChecklistItemDone(doc, cardId, itemId, body.done, { userId: user.userId, at: new Date() });
      },
      { userId: user.userId },
    );
    if (!result.ok) return apiError(result.status, result.code, result.message);
    return Response.json({ ok: true, changed: result.changed });
  });
}

export const loader = () => apiError(405, "method_not_allowed", "Use PATCH");
