import type { LoaderFunctionArgs } from "@remix-run/node";
import { getInvitationRun } from "~/models/invitation.server";
import { ApiError, handleApi } from "~/utils/api.server";
import { requireApiUser } from "~/utils/permissions.server";

/** GET /api/v1/admin/invitations/runs/:runId — a run's progress (404 if not the caller's to see). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return handleApi(async () => {
    const user = await requireApiUser(request);
    const run = await getInvitationRun(user, (params.runId ?? "").slice(0, 64));
    if (!run) throw new ApiError(404, "not_found", "No such invitation run");
    return Response.json({ run }, { headers: { "cache-control": "no-store" } });
  });
}
