import type { ActionFunctionArgs } from "@remix-run/node";
import { campaignApi, requireCampaignApiUser } from "~/features/campaigns/access.server";
import { campaignJson, requireCampaign } from "~/models/campaign.server";
import { reopenCampaign } from "~/models/campaign-lifecycle.server";
import { apiError, ApiError } from "~/utils/api.server";

/**
 * POST /api/v1/campaigns/<id>/reopen — reopens a closed campaign: its boards take edits again. Audited.
 * 409 when the campaign is not closed (e.g. another officer did it a moment earlier).
 */
export async function action({ request, params }: ActionFunctionArgs) {
  return campaignApi(async () => {
    if (request.method !== "POST") throw new ApiError(405, "method_not_allowed", "Use POST");
    const user = await requireCampaignApiUser(request);
    const campaign = await requireCampaign(user.districtId, params.campaignId ?? "");
    const { campaign: updated } = await reopenCampaign(campaign, user.userId);
    return Response.json({ campaign: campaignJson(updated) });
  });
}

export const loader = () => apiError(405, "method_not_allowed", "Use POST");
