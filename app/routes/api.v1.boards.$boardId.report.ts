import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { assertBoardOpen, requireBoard } from "~/models/board-api.server";
import { getReport, reportInputSchema, submitReport } from "~/models/report.server";
import { ApiError, handleApi, readJson } from "~/utils/api.server";
import { assertCan, requireApiUser } from "~/utils/permissions.server";

/** GET /api/v1/boards/<id>/report — the school's latest results report, 404 until submitted. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return handleApi(async () => {
    const user = await requireApiUser(request);
    const board = await requireBoard(user, params.boardId ?? "", "view:board");
    const report = await getReport(board);
    if (!report) throw new ApiError(404, "not_submitted", "This school has not submitted its results report yet");
    return Response.json({ report });
  });
}

/**
 * POST /api/v1/boards/<id>/report {"note"} — the principal submits the report composed in the draft
 * (GET/PUT …/report/draft) as its next version. 409 once accepted; 422 evidence_missing with `items`.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  return handleApi(async () => {
    if (request.method !== "POST") throw new ApiError(405, "method_not_allowed", "Use GET or POST");
    const user = await requireApiUser(request);
    const board = await requireBoard(user, params.boardId ?? "", "view:board");
    assertCan(user, "submit:report", { type: "board", districtId: board.school.districtId, schoolId: board.school.id });
    assertBoardOpen(board);
    const { note } = await readJson(request, reportInputSchema);
    return Response.json({ report: await submitReport(board, user.userId, note) }, { status: 201 });
  });
}
