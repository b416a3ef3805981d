import type { ActionFunctionArgs } from "@remix-run/node";
import { campaignApi, requireCampaignApiUser } from "~/features/campaigns/access.server";
import { jobJson, launchCampaign, requireCampaign } from "~/models/campaign.server";
import { ApiError } from "~/utils/api.server";

/**
 * POST /api/v1/campaigns/<id>/launch — 202 with the job that gives every school its board.
 * Again on a launched campaign: resumes an interrupted job (202), else 409 already_launched (of two
 * officers launching at once, one wins); never a second board.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  return campaignApi(async () => {
    if (request.method !== "POST") throw new ApiError(405, "method_not_allowed", "Use POST");
    const user = await requireCampaignApiUser(request);
    const campaign = await requireCampaign(user.districtId, params.campaignId ?? "");
    const { job, started, created } = await launchCampaign(campaign, user.userId);
    return Response.json({ job: job && (await jobJson(job)), started, created }, { status: started ? 202 : 200 });
  });
}
