import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { reportDraftSchema } from "~/domain/report-doc";
import { requireBoard } from "~/models/board-api.server";
import { getDraft, saveDraft } from "~/models/report-draft.server";
import { ApiError, handleApi, readJson } from "~/utils/api.server";
import { assertCan, requireApiUser, type SessionUser } from "~/utils/permissions.server";

async function principalBoard(request: Request, boardId: string | undefined): Promise<[SessionUser, Awaited<ReturnType<typeof requireBoard>>]> {
  const user = await requireApiUser(request);
  const board = await requireBoard(user, boardId ?? "", "view:board");
  assertCan(user, "submit:report", { type: "board", districtId: board.school.districtId, schoolId: board.school.id });
  return [user, board];
}

/** GET /api/v1/boards/<id>/report/draft — the report being composed (defaults until first saved). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return handleApi(async () => {
    const [, board] = await principalBoard(request, params.boardId);
    return Response.json(await getDraft(board), { headers: { "cache-control": "private, no-store" } });
  });
}

/** PUT /api/v1/boards/<id>/report/draft — saves the whole draft (the page autosaves it). */
export async function action({ request, params }: ActionFunctionArgs) {
  return handleApi(async () => {
    if (request.method !== "PUT") throw new ApiError(405, "method_not_allowed", "Use GET or PUT");
    const [user, board] = await principalBoard(request, params.boardId);
    const draft = await readJson(request, reportDraftSchema);
    return Response.json(await saveDraft(board, user.userId, draft));
  });
}
