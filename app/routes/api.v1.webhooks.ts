import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { createWebhook, listWebhooks, webhookInputSchema, WebhookError } from "~/models/webhook.server";
import { ApiError, handleApi, readJson } from "~/utils/api.server";
import { assertCan, requireApiUser } from "~/utils/permissions.server";

async function requireWebhookAdmin(request: Request) {
  const user = await requireApiUser(request);
  assertCan(user, "manage:webhooks", { type: "district", districtId: user.districtId });
  return user;
}

/** GET /api/v1/webhooks — the district's webhooks with their delivery log (secrets are never returned). */
export async function loader({ request }: LoaderFunctionArgs) {
  return handleApi(async () => {
    const user = await requireWebhookAdmin(request);
    return Response.json({ webhooks: await listWebhooks(user.districtId) });
  });
}

/** POST /api/v1/webhooks {"url","secret"?,"events":[…]} — 201 with the id and the secret (shown this once). */
export async function action({ request }: ActionFunctionArgs) {
  return handleApi(async () => {
    if (request.method !== "POST") throw new ApiError(405, "method_not_allowed", "Use GET or POST");
    const user = await requireWebhookAdmin(request);
    const input = await readJson(request, webhookInputSchema);
    try {
      return Response.json({ webhook: await createWebhook(user.districtId, user.userId, input) }, { status: 201 });
    } catch (error) {
      if (error instanceof WebhookError) throw new ApiError(422, error.code, `url: ${error.message}`);
      throw error;
    }
  });
}
