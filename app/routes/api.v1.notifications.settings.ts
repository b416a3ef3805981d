import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { apiError, handleApi, readJson } from "~/utils/api.server";
import { setDigestMail } from "~/models/notification.server";
import { requireApiUser } from "~/utils/permissions.server";

/** POST /api/v1/notifications/settings {"digestMail":false} — the daily digest mail, on or off, for oneself. */
export async function action({ request }: ActionFunctionArgs) {
  return handleApi(async () => {
    if (request.method !== "POST") return apiError(405, "method_not_allowed", "Use POST");
    const user = await requireApiUser(request);
    const { digestMail } = await readJson(request, z.strictObject({ digestMail: z.boolean() }));
    await setDigestMail(user.userId, digestMail);
    return Response.json({ digestMail });
  });
}

export const loader = () => apiError(405, "method_not_allowed", "Use POST");
