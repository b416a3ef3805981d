import type { ActionFunctionArgs } from "@remix-run/node";
import { requireBoard } from "~/models/board-api.server";
import { reviewReport, reviewSchema } from "~/models/report-review.server";
import { apiError, ApiError, handleApi, readJson } from "~/utils/api.server";
import { assertCan, requireApiUser } from "~/utils/permissions.server";

/** POST /api/v1/boards/<id>/report/review {"decision":"accept"|"return","comment","items":[{"ref","comment"}]} — the district office. */
export async function action({ request, params }: ActionFunctionArgs) {
  return handleApi(async () => {
    if (request.method !== "POST") throw new ApiError(405, "method_not_allowed", "Use POST");
    const user = await requireApiUser(request);
    const board = await requireBoard(user, params.boardId ?? "", "view:board");
    assertCan(user, "review:report", { type: "board", districtId: board.school.districtId, schoolId: board.school.id });
    const review = await readJson(request, reviewSchema);
    return Response.json({ report: await reviewReport(board, user.userId, review) });
  });
}

export const loader = () => apiError(405, "method_not_allowed", "Use POST");
