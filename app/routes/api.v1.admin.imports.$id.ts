import type { LoaderFunctionArgs } from "@remix-run/node";
import { assertDistrict } from "~/features/admin/api.server";
import { importJson } from "~/features/admin/import/json.server";
import { previewImport } from "~/models/import.server";
import { ApiError, handleApi } from "~/utils/api.server";
import { requireApiUser } from "~/utils/permissions.server";

/** GET /api/v1/admin/imports/:id — the preview again (re-checked against the database now), or the result once applied. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return handleApi(async () => {
    const user = await requireApiUser(request);
    assertDistrict(user, "manage:people");
    const preview = await previewImport(user, params.id ?? "");
    if (!preview) throw new ApiError(404, "not_found", "No such import (uploads are kept for 24 hours)");
    return Response.json(await importJson(request, preview.meta, preview.plan));
  });
}
