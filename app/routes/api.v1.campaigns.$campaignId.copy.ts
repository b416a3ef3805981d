import type { ActionFunctionArgs } from "@remix-run/node";
import { campaignApi, requireCampaignApiUser } from "~/features/campaigns/access.server";
import { campaignJson, copyCampaign, requireCampaign } from "~/models/campaign.server";
import { ApiError } from "~/utils/api.server";

/** POST /api/v1/campaigns/<id>/copy — next year's draft from this campaign (201). */
export async function action({ request, params }: ActionFunctionArgs) {
  return campaignApi(async () => {
    if (request.method !== "POST") throw new ApiError(405, "method_not_allowed", "Use POST");
    const user = await requireCampaignApiUser(request);
    const source = await requireCampaign(user.districtId, params.campaignId ?? "");
    const campaign = await copyCampaign(source, user.userId);
    return Response.json({ campaign: campaignJson(campaign) }, { status: 201 });
  });
}
