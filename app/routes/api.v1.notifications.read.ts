import type { ActionFunctionArgs } from "@remix-run/node";
import { markRead, readInputSchema } from "~/models/notification.server";
import { apiError, handleApi, readJson } from "~/utils/api.server";
import { requireApiUser } from "~/utils/permissions.server";

/** POST /api/v1/notifications/read {"ids":[…]} or {"all":true} — marks one's own notifications read. */
export async function action({ request }: ActionFunctionArgs) {
  return handleApi(async () => {
    if (request.method !== "POST") return apiError(405, "method_not_allowed", "Use POST");
    const user = await requireApiUser(request);
    const input = await readJson(request, readInputSchema);
    return Response.json(await markRead(user.userId, input));
  });
}

export const loader = () => apiError(405, "method_not_allowed", "Use POST");
