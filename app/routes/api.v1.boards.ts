import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { CAMPAIGN_STATUSES } from "~/domain";
import { campaignJson, schoolJson } from "~/models/board-api.server";
import { listVisibleBoards } from "~/models/board.server";
import { progressFromStat } from "~/models/projection.server";
import { ApiError, handleApi } from "~/utils/api.server";
import { requireApiUser } from "~/utils/permissions.server";

const filtersSchema = z.strictObject({
  campaign: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "not a campaign id").optional(),
  status: z.enum(CAMPAIGN_STATUSES, { error: `expected one of ${CAMPAIGN_STATUSES.join(", ")}` }).optional(),
});

/**
 * GET /api/v1/boards[?campaign=<id>][&status=draft|active|closed] — exactly the boards the
 * caller may see, across campaigns, most urgent campaign first (docs/api.md).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  return handleApi(async () => {
    const user = await requireApiUser(request);
    const params = new URL(request.url).searchParams;
    const repeated = [...new Set(params.keys())].find((k) => params.getAll(k).length > 1);
    if (repeated) throw new ApiError(400, "invalid_parameter", `"${repeated}" given more than once`);
    const parsed = filtersSchema.safeParse(Object.fromEntries(params));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const param = issue.code === "unrecognized_keys" ? issue.keys.join(", ") : issue.path.join(".");
      throw new ApiError(400, "invalid_parameter", `${param}: ${issue.code === "unrecognized_keys" ? "unknown parameter" : issue.message}`);
    }
    const boards = await listVisibleBoards(user, { campaignId: parsed.data.campaign, status: parsed.data.status });
    return Response.json({
      boards: boards.map((b) => ({
        id: b.id,
        school: schoolJson(b.school),
        campaign: campaignJson(b.campaign),
        // From the projection, written after every accepted change (same rule as the overview);
        // null when the board's document cannot be read — never a silent 0/0.
        progress: progressFromStat(b.stat),
      })),
    });
  });
}
