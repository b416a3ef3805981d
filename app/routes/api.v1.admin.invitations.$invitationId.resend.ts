import type { ActionFunctionArgs } from "@remix-run/node";
import { InvitationError, resendInvitation } from "~/models/invitation.server";
import { ApiError, handleApi } from "~/utils/api.server";
import { requireApiUser } from "~/utils/permissions.server";

/**
 * POST /api/v1/admin/invitations/:invitationId/resend — a new link (7 days) for an invitation not
 * yet accepted, expired or not; the old link stops working. 201 {invitation, delivered}.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  return handleApi(async () => {
    if (request.method !== "POST") throw new ApiError(405, "method_not_allowed", "Use POST");
    const user = await requireApiUser(request);
    try {
      const resent = await resendInvitation(user, (params.invitationId ?? "").slice(0, 64));
      if (!resent) throw new ApiError(404, "not_found", "No such pending invitation in your district");
      const i = resent.invitation;
      return Response.json({ invitation: { id: i.id, email: i.email, name: i.name, role: i.role, schoolId: i.schoolId, expiresAt: i.expiresAt }, delivered: resent.delivered }, { status: 201 });
    } catch (error) {
      if (error instanceof InvitationError) throw new ApiError(409, "email_taken", "This email already has an account");
      throw error;
    }
  });
}

export const loader = () => Response.json({ error: { code: "method_not_allowed", message: "Use POST" } }, { status: 405 });
