import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { campaignApi, requireCampaignApiUser } from "~/features/campaigns/access.server";
import { campaignDetailsSchema } from "~/features/campaigns/schemas";
import { campaignJson, createCampaign, listCampaigns } from "~/models/campaign.server";
import { ApiError, readJson } from "~/utils/api.server";

/** GET /api/v1/campaigns — the district's campaigns, current and past. */
export async function loader({ request }: LoaderFunctionArgs) {
  return campaignApi(async () => {
    const user = await requireCampaignApiUser(request);
    return Response.json({ campaigns: await listCampaigns(user.districtId) });
  });
}

/** POST /api/v1/campaigns — a new draft campaign (its template starts from the 2023 plan). */
export async function action({ request }: ActionFunctionArgs) {
  return campaignApi(async () => {
    if (request.method !== "POST") throw new ApiError(405, "method_not_allowed", "Use POST");
    const user = await requireCampaignApiUser(request);
    const details = await readJson(request, campaignDetailsSchema);
    const campaign = await createCampaign(user.districtId, details, user.userId);
    return Response.json({ campaign: campaignJson(campaign) }, { status: 201 });
  });
}
