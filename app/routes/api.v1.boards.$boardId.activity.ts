import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { listActivity } from "~/models/activity.server";
import { requireBoard } from "~/models/board-api.server";
import { ApiError, handleApi } from "~/utils/api.server";
import { getLocale } from "~/utils/locale.server";
import { requireApiUser } from "~/utils/permissions.server";

const querySchema = z.strictObject({
  cardId: z.string().min(1).max(200).optional(),
  actor: z.string().min(1).max(64).optional(),
  kind: z.string().regex(/^[a-z]+(\.[a-z_]+)?$/, "a kind (item.ticked) or a group (item)").max(40).optional(),
  cursor: z.string().regex(/^\d{1,15}$/, "a cursor from `next`").optional(),
});

/** GET /api/v1/boards/<id>/activity?cardId=&actor=&kind=&cursor= — who did what, newest first. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return handleApi(async () => {
    const user = await requireApiUser(request);
    const board = await requireBoard(user, params.boardId ?? "", "view:board");
    const parsed = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ApiError(400, "invalid_query", `${issue.path.join(".") || "query"}: ${issue.message}`);
    }
    const q = parsed.data;
    const page = await listActivity([board.id], await getLocale(request), { cardId: q.cardId, actorId: q.actor, kind: q.kind, cursor: q.cursor ? Number(q.cursor) : null });
    return Response.json(page);
  });
}
