import type { ActionFunctionArgs } from "@remix-run/node";
import { assertDistrict, issuesJson } from "~/features/admin/api.server";
import { applyImport } from "~/models/import.server";
import { ApiError, handleApi } from "~/utils/api.server";
import { requireApiUser } from "~/utils/permissions.server";

/**
 * POST /api/v1/admin/imports/:id/apply — writes the whole file in one transaction, or nothing.
 * 200 {result}; 422 with the problems found (planned again inside the transaction, or met while
 * writing); applying an already applied upload answers its first result.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  return handleApi(async () => {
    if (request.method !== "POST") throw new ApiError(405, "method_not_allowed", "Use POST");
    const user = await requireApiUser(request);
    assertDistrict(user, "manage:people");
    const outcome = await applyImport(user, params.id ?? "");
    if (!outcome) throw new ApiError(404, "not_found", "No such import (uploads are kept for 24 hours)");
    if (outcome.ok) return Response.json({ result: outcome.result, alreadyApplied: outcome.already });
    if (outcome.busy) throw new ApiError(409, "import_running", "This import is being applied right now");
    const issues = await issuesJson(request, outcome.issues);
    return Response.json({ error: { code: "import_invalid", message: issues[0]?.message ?? "The import was not applied" }, issues }, { status: 422 });
  });
}
