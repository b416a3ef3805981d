import type { ActionFunctionArgs } from "@remix-run/node";
import { campaignApi, requireCampaignApiUser } from "~/features/campaigns/access.server";
import { publishSchema } from "~/features/campaigns/schemas";
import { jobJson, publishCampaign, requireCampaign } from "~/models/campaign.server";
import { ApiError, readJson } from "~/utils/api.server";

/**
 * POST /api/v1/campaigns/<id>/publish `{"note"?}` — publishes the draft to every board: 202 with
 * the job. With nothing to publish (no draft, or a second click), 200 and `started: false`.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  return campaignApi(async () => {
    if (request.method !== "POST") throw new ApiError(405, "method_not_allowed", "Use POST");
    const user = await requireCampaignApiUser(request);
    const campaign = await requireCampaign(user.districtId, params.campaignId ?? "");
    const hasBody = Number(request.headers.get("content-length") ?? "0") > 0;
    const { note } = hasBody ? await readJson(request, publishSchema) : { note: undefined };
    const { job, started } = await publishCampaign(campaign, user.userId, note);
    return Response.json({ job: job && (await jobJson(job)), started }, { status: started ? 202 : 200 });
  });
}
