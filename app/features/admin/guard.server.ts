import type { Permission } from "~/domain/permissions";
import { forbidden as forbiddenError, notFound as notFoundError, pageErrorResponse } from "~/utils/app-error";
import { requirePermission, type SessionUser } from "~/utils/permissions.server";
import { readFormData } from "~/utils/form.server";

/** Pages of /admin: the district office's own work, decided by the permissions module. */
export function requireDistrict(request: Request, permission: Permission = "manage:people"): Promise<SessionUser> {
  return requirePermission(request, permission, (u) => ({ type: "district", districtId: u.districtId }));
}

export const forbidden = () => pageErrorResponse(forbiddenError());
export const notFound = () => pageErrorResponse(notFoundError());

/** The form's `intent` field names which of a page's actions was asked for. */
export async function readForm(request: Request): Promise<{ intent: string; form: Record<string, string> }> {
  const data = await readFormData(request);
  const form: Record<string, string> = {};
  for (const [k, v] of data) if (typeof v === "string") form[k] = v;
  return { intent: form.intent ?? "", form };
}
