import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireBoard } from "~/models/board-api.server";
import { onBoardActivity } from "~/models/live-events.server";
import { ApiError } from "~/utils/api.server";
import { requireUser } from "~/utils/permissions.server";
import { eventStream } from "~/utils/sse.server";

/**
 * GET /boards/<id>/events — "activity" and "comment" events of one board ({cardId}), for the card
 * dialog and the board's feed; ids only, the page reloads through the API.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  try {
    await requireBoard(user, params.boardId ?? "", "view:board");
  } catch (error) {
    if (error instanceof ApiError) return new Response(error.message, { status: error.status });
    throw error;
  }
  const boardId = params.boardId;
  return eventStream(request, (send) => onBoardActivity((e) => e.boardId === boardId && send(e.what, { cardId: e.cardId })));
}
