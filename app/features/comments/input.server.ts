import { z } from "zod";
import { COMMENT_MAX } from "~/domain/mentions";
import { ApiError, readJson } from "~/utils/api.server";

const bodySchema = z.strictObject({ text: z.string({ error: "must be a string" }) });

/** The one edge for a comment's text: 422 comment_empty / comment_too_long with a plain message. */
export async function readCommentText(request: Request): Promise<string> {
  const { text } = await readJson(request, bodySchema);
  const clean = text.replace(/\r\n?/g, "\n").replaceAll("\u0000", "").trim();
  if (!clean) throw new ApiError(422, "comment_empty", "text: a comment cannot be empty");
  if (clean.length > COMMENT_MAX) throw new ApiError(422, "comment_too_long", `text: at most ${COMMENT_MAX} characters`);
  return clean;
}
