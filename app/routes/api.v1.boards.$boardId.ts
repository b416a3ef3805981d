import type { LoaderFunctionArgs } from "@remix-run/node";
import { boardJson, requireBoard } from "~/models/board-api.server";
import { handleApi } from "~/utils/api.server";
import { getLocale } from "~/utils/locale.server";
import { requireApiUser } from "~/utils/permissions.server";

/** GET /api/v1/boards/<id> — the board's cards by column, from the live document. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return handleApi(async () => {
    const user = await requireApiUser(request);
    const board = await requireBoard(user, params.boardId ?? "", "view:board");
    return Response.json(await boardJson(board, await getLocale(request)));
  });
}
