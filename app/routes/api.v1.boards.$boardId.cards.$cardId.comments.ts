import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { requireBoard } from "~/models/board-api.server";
import { addComment, listComments, mentionSuggestions } from "~/models/comment.server";
import { handleApi } from "~/utils/api.server";
import { assertCan, requireApiUser } from "~/utils/permissions.server";
import { readCommentText } from "~/features/comments/input.server";

/** GET /api/v1/boards/<id>/cards/<cardId>/comments — the card's comments, oldest first, and who may be mentioned. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return handleApi(async () => {
    const user = await requireApiUser(request);
    const board = await requireBoard(user, params.boardId ?? "", "view:board");
    const [comments, people] = await Promise.all([listComments(board, params.cardId ?? "", user), mentionSuggestions(board)]);
    return Response.json({ comments, mentionable: people });
  });
}

/** POST … {"text"} — adds a comment; `notDelivered` names mentioned people who cannot see the board. */
export async function action({ request, params }: ActionFunctionArgs) {
  return handleApi(async () => {
    const user = await requireApiUser(request);
    const board = await requireBoard(user, params.boardId ?? "", "view:board");
    if (request.method !== "POST") return Response.json({ error: { code: "method_not_allowed", message: "Use GET or POST" } }, { status: 405 });
    assertCan(user, "comment:board", { type: "board", districtId: board.school.districtId, schoolId: board.school.id });
    const text = await readCommentText(request);
    return Response.json(await addComment(board, params.cardId ?? "", user, text), { status: 201 });
  });
}
