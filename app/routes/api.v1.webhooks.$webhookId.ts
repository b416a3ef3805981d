import type { ActionFunctionArgs } from "@remix-run/node";
import { deleteWebhook } from "~/models/webhook.server";
import { apiError, ApiError, handleApi } from "~/utils/api.server";
import { assertCan, requireApiUser } from "~/utils/permissions.server";

/** DELETE /api/v1/webhooks/<id> — removes a webhook of one's own district (and its log). */
export async function action({ request, params }: ActionFunctionArgs) {
  return handleApi(async () => {
    if (request.method !== "DELETE") return apiError(405, "method_not_allowed", "Use DELETE");
    const user = await requireApiUser(request);
    assertCan(user, "manage:webhooks", { type: "district", districtId: user.districtId });
    if (!(await deleteWebhook(user.districtId, params.webhookId ?? ""))) throw new ApiError(404, "webhook_not_found", "No such webhook");
    return new Response(null, { status: 204 });
  });
}

export const loader = () => apiError(405, "method_not_allowed", "Use DELETE");
