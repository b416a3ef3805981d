import type { ActionFunctionArgs } from "@remix-run/node";
import { startInvitationRun } from "~/models/invitation.server";
import { ApiError, handleApi } from "~/utils/api.server";
import { requireApiUser } from "~/utils/permissions.server";

/**
 * POST /api/v1/admin/invitations/runs — invite everyone in the caller's care who cannot sign in
 * yet (no password, no live link): 202 {run:{id,total,sent,failed,status,finishedAt}}, the mails
 * going out in the background. A run already going is answered instead of a second one.
 */
export async function action({ request }: ActionFunctionArgs) {
  return handleApi(async () => {
    if (request.method !== "POST") throw new ApiError(405, "method_not_allowed", "Use POST");
    const user = await requireApiUser(request);
    const run = await startInvitationRun(user);
    return Response.json({ run }, { status: run.status === "running" ? 202 : 200 });
  });
}

export const loader = () => Response.json({ error: { code: "method_not_allowed", message: "Use POST" } }, { status: 405 });
