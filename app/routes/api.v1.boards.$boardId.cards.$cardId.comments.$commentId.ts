import type { ActionFunctionArgs } from "@remix-run/node";
import { requireBoard } from "~/models/board-api.server";
import { deleteComment, editComment } from "~/models/comment.server";
import { apiError, handleApi } from "~/utils/api.server";
import { assertCan, requireApiUser } from "~/utils/permissions.server";
import { readCommentText } from "~/features/comments/input.server";

/** PATCH {"text"} edits, DELETE deletes — one's own comment only (403 not_your_comment otherwise). */
export async function action({ request, params }: ActionFunctionArgs) {
  return handleApi(async () => {
    if (request.method !== "PATCH" && request.method !== "DELETE") return apiError(405, "method_not_allowed", "Use PATCH or DELETE");
    const user = await requireApiUser(request);
    const board = await requireBoard(user, params.boardId ?? "", "view:board");
    assertCan(user, "comment:board", { type: "board", districtId: board.school.districtId, schoolId: board.school.id });
    const [cardId, commentId] = [params.cardId ?? "", params.commentId ?? ""];
    if (request.method === "DELETE") {
      await deleteComment(board, cardId, commentId, user);
      return new Response(null, { status: 204 });
    }
    const text = await readCommentText(request);
    return Response.json({ comment: await editComment(board, cardId, commentId, user, text) });
  });
}

export const loader = () => apiError(405, "method_not_allowed", "Use PATCH or DELETE");
