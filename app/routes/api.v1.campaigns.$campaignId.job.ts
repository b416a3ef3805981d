import type { LoaderFunctionArgs } from "@remix-run/node";
import { campaignApi, requireCampaignApiUser } from "~/features/campaigns/access.server";
import { jobJson, latestJob, requireCampaign } from "~/models/campaign.server";

/** GET /api/v1/campaigns/<id>/job — the latest launch/publish job, polled by the progress display. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return campaignApi(async () => {
    const user = await requireCampaignApiUser(request);
    const campaign = await requireCampaign(user.districtId, params.campaignId ?? "");
    const job = await latestJob(campaign.id);
    return Response.json({ job: job && (await jobJson(job)) }, { headers: { "cache-control": "no-store" } });
  });
}
