import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { assignCard, CATEGORIES, CRITERIA, editCard, moveCard, STATUSES } from "~/domain";
import { requireBoard } from "~/models/board-api.server";
import { getCollab } from "~/models/collab.server";
import { apiError, ApiError, handleApi, readJson } from "~/utils/api.server";
import { getDb } from "~/utils/db.server";
import { requireApiUser } from "~/utils/permissions.server";

const patchSchema = z
  .strictObject({
    status: z.enum(STATUSES).optional(),
    /** Position in the target column (0 = top); default: the end. */
    index: z.number().int().min(0).max(10_000).optional(),
    title: z.string().optional(),
    description: z.string().optional(),
    category: z.enum(CATEGORIES).optional(),
    criteria: z.array(z.enum(CRITERIA)).optional(),
    dueDate: z.string().nullable().optional(),
    assignees: z.array(z.string().min(1)).max(100).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, "nothing to change")
  .refine((b) => b.index === undefined || b.status !== undefined, { message: "index needs status", path: ["index"] });

/** PATCH /api/v1/boards/<id>/cards/<cardId> — edits a card through the live room. */
export async function action({ request, params }: ActionFunctionArgs) {
  return handleApi(async () => {
    if (request.method !== "PATCH") return apiError(405, "method_not_allowed", "Use PATCH");
    const user = await requireApiUser(request);
    const board = await requireBoard(user, params.boardId ?? "", "edit:board");
    const body = await readJson(request, patchSchema);
    if (body.assignees?.length) {
      const members = await getDb().membership.count({ where: { schoolId: board.school.id, userId: { in: body.assignees } } });
      if (members !== new Set(body.assignees).size) throw new ApiError(422, "validation_failed", "assignees: not all are members of this school");
    }
    const { status, index, assignees, ...patch } = body;
    const cardId = params.cardId ?? "";
    const result = await (await getCollab()).change(
      board.id,
      (doc) => {
        if (Object.keys(patch).length) editCard(doc, cardId, patch);
        if (assignees) assignCard(doc, cardId, assignees);
        if (status) moveCard(doc, cardId, status, index);
      },
      { userId: user.userId },
    );
    if (!result.ok) return apiError(result.status, result.code, result.message);
    return Response.json({ ok: true, changed: result.changed });
  });
}

export const loader = () => apiError(405, "method_not_allowed", "Use PATCH");
