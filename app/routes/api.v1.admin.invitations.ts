import type { ActionFunctionArgs } from "@remix-run/node";
import { guarded, readJsonBody } from "~/features/admin/api.server";
import { inviteForm } from "~/features/admin/schemas";
import { createInvitation, InvitationError } from "~/models/invitation.server";
import { ApiError, handleApi } from "~/utils/api.server";
import { requireApiUser } from "~/utils/permissions.server";

/**
 * POST /api/v1/admin/invitations {name, email, role, schoolId?} — invite someone by email.
 * The district office may invite anyone; a principal only teachers of their own school (else 403).
 */
export async function action({ request }: ActionFunctionArgs) {
  return handleApi(async () => {
    if (request.method !== "POST") throw new ApiError(405, "method_not_allowed", "Use POST");
    const user = await requireApiUser(request);
    const input = await readJsonBody(request, inviteForm);
    try {
      const { invitation, delivered } = await guarded(() => createInvitation(user, input));
      return Response.json(
        { invitation: { id: invitation.id, email: invitation.email, name: invitation.name, role: invitation.role, schoolId: invitation.schoolId, expiresAt: invitation.expiresAt }, delivered },
        { status: 201 },
      );
    } catch (error) {
      if (error instanceof InvitationError) {
        throw error.code === "emailTaken"
          ? new ApiError(409, "email_taken", "This email already has an account")
          : new ApiError(422, "school_not_found", "No such active school in your district");
      }
      throw error;
    }
  });
}

export const loader = () => Response.json({ error: { code: "method_not_allowed", message: "Use POST" } }, { status: 405 });
