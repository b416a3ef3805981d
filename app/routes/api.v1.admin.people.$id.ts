import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { guarded, readJsonBody } from "~/features/admin/api.server";
import { placementForm } from "~/features/admin/schemas";
import { getPerson, setPersonActive, updatePerson } from "~/models/person.server";
import { ApiError, handleApi } from "~/utils/api.server";
import { requireApiUser } from "~/utils/permissions.server";
import { getLocale } from "~/utils/locale.server";
import { t } from "~/i18n/i18n";

const patchSchema = z.object({
  name: z.string().trim().min(2, "admin.errors.name").max(120, "admin.errors.tooLong").optional(),
  role: z.string().optional(),
  schoolId: z.string().nullable().optional(),
  active: z.boolean().optional(),
});

/**
 * PATCH /api/v1/admin/people/:id {name?, role?, schoolId?, active?} — edit or (de)activate a person.
 * Deactivating deletes their sessions and closes their live board connections.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  return handleApi(async () => {
    if (request.method !== "PATCH") throw new ApiError(405, "method_not_allowed", "Use PATCH");
    const user = await requireApiUser(request);
    const body = await readJsonBody(request, patchSchema);
    const person = await getPerson(user.districtId, params.id ?? "");
    if (!person) throw new ApiError(404, "not_found", "No such person in your district");
    return guarded(async () => {
      let closed = 0;
      if (body.name !== undefined || body.role !== undefined || body.schoolId !== undefined) {
        const placement = placementForm.safeParse({ role: body.role ?? person.role, schoolId: body.schoolId === undefined ? (person.schoolId ?? "") : (body.schoolId ?? "") });
        if (!placement.success) {
          const issue = placement.error.issues[0];
          throw new ApiError(422, "validation_failed", `${issue.path.join(".") || "role"}: ${t(await getLocale(request), issue.message)}`);
        }
        await updatePerson(user, person, { name: body.name ?? person.name, ...placement.data });
      }
      if (body.active !== undefined) closed = (await setPersonActive(user, (await getPerson(user.districtId, person.id))!, body.active)).closed;
      const after = (await getPerson(user.districtId, person.id))!;
      return Response.json({ person: { id: after.id, name: after.name, email: after.email, role: after.role, schoolId: after.schoolId, active: after.active }, closedConnections: closed });
    });
  });
}

export const loader = () => Response.json({ error: { code: "method_not_allowed", message: "Use PATCH" } }, { status: 405 });
