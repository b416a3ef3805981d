import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireBoard } from "~/models/board-api.server";
import { listVersions } from "~/models/report.server";
import { apiError, handleApi } from "~/utils/api.server";
import { requireApiUser } from "~/utils/permissions.server";

/** GET /api/v1/boards/<id>/report/versions — every submitted version, newest first, with its review. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return handleApi(async () => {
    const user = await requireApiUser(request);
    const board = await requireBoard(user, params.boardId ?? "", "view:board");
    return Response.json({ versions: await listVersions(board) });
  });
}

export const action = () => apiError(405, "method_not_allowed", "Use GET");
