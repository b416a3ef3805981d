import { canManagePerson } from "~/domain/permissions";
import type { SessionUser } from "~/utils/permissions.server";
import { getAuth } from "~/utils/auth.server";
import { createInvitation, InvitationError, resendInvitation, revokeInvitation, startInvitationRun } from "~/models/invitation.server";
import { getPerson, refused, setPersonActive } from "~/models/person.server";
import { isAppError, pageErrorResponse } from "~/utils/app-error";
import { fieldErrors, inviteForm } from "./schemas";

export type { PeopleActionData } from "./types";
import type { PeopleActionData } from "./types";

const reply = (data: PeopleActionData, status = 200) => Response.json(data, { status });

/**
 * The actions the people page (district office) and the team page (principal) share. What each
 * actor may do is decided by the permissions module inside the models; a refusal is a 403.
 */
export async function peopleAction(user: SessionUser, intent: string, form: Record<string, string>): Promise<Response> {
  try {
    if (intent === "invite") {
      const parsed = inviteForm.safeParse(form);
      if (!parsed.success) return reply({ errors: fieldErrors(parsed.error), values: form }, 422);
      try {
        const { delivered } = await createInvitation(user, parsed.data);
        return reply({ ok: delivered ? "admin.people.invitedMail" : "admin.people.invitedOutbox" });
      } catch (error) {
        if (error instanceof InvitationError) {
          const field = error.code === "emailTaken" ? "email" : "schoolId";
          return reply({ errors: { [field]: `admin.errors.${error.code}` }, values: form }, 409);
        }
        throw error;
      }
    }
    if (intent === "inviteAll") {
      const run = await startInvitationRun(user);
      return reply({ ok: run.status === "done" && run.total === 0 ? "admin.people.runDoneEmpty" : "admin.people.runStarted", run });
    }
    if (intent === "resendInvitation" || intent === "revokeInvitation") {
      try {
        if (intent === "revokeInvitation") {
          const revoked = await revokeInvitation(user, form.id ?? "");
          return revoked ? reply({ ok: "admin.people.revoked" }) : reply({ error: "admin.errors.notFound" }, 404);
        }
        const resent = await resendInvitation(user, form.id ?? "");
        if (!resent) return reply({ error: "admin.errors.notFound" }, 404);
        return reply({ ok: resent.delivered ? "admin.people.resent" : "admin.people.resentOutbox" });
      } catch (error) {
        if (error instanceof InvitationError) return reply({ error: `admin.errors.${error.code}` }, 409);
        throw error;
      }
    }
    if (intent === "deactivate" || intent === "reactivate" || intent === "sendReset") {
      const person = await getPerson(user.districtId, form.id ?? "");
      if (!person) return reply({ error: "admin.errors.notFound" }, 404);
      if (intent === "sendReset") {
        // Same flow as "forgot password", started for them; better-auth makes and mails the link.
        if (!canManagePerson(user, { userId: person.id, districtId: person.districtId, role: person.role, schoolId: person.schoolId })) throw refused("send reset");
        if (!person.active) return reply({ error: "admin.errors.inactive" }, 409);
        await getAuth().api.requestPasswordReset({ body: { email: person.email } });
        return reply({ ok: "admin.people.resetSent" });
      }
      await setPersonActive(user, person, intent === "reactivate");
      return reply({ ok: `admin.people.${intent}d` });
    }
    return reply({ error: "admin.errors.badRequest" }, 400);
  } catch (error) {
    if (isAppError(error)) throw pageErrorResponse(error);
    throw error;
  }
}
