import type { ActionFunctionArgs } from "@remix-run/node";
import { revokeInvitation } from "~/models/invitation.server";
import { ApiError, handleApi } from "~/utils/api.server";
import { requireApiUser } from "~/utils/permissions.server";

/** DELETE /api/v1/admin/invitations/:invitationId — withdraw an invitation not yet accepted: its link stops working. */
export async function action({ request, params }: ActionFunctionArgs) {
  return handleApi(async () => {
    if (request.method !== "DELETE") throw new ApiError(405, "method_not_allowed", "Use DELETE");
    const user = await requireApiUser(request);
    const revoked = await revokeInvitation(user, (params.invitationId ?? "").slice(0, 64));
    if (!revoked) throw new ApiError(404, "not_found", "No such pending invitation in your district");
    return Response.json({ invitation: { id: revoked.id, email: revoked.email, revoked: true } });
  });
}

export const loader = () => Response.json({ error: { code: "method_not_allowed", message: "Use DELETE" } }, { status: 405 });
