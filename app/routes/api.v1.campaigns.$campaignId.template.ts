import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { campaignApi, requireCampaignApiUser } from "~/features/campaigns/access.server";
import { editableTemplate, requireCampaign, saveDraft } from "~/models/campaign.server";
import { ApiError, readJson } from "~/utils/api.server";

/** GET /api/v1/campaigns/<id>/template — the draft (or the published version), with its changes. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return campaignApi(async () => {
    const user = await requireCampaignApiUser(request);
    const campaign = await requireCampaign(user.districtId, params.campaignId ?? "");
    const { template, isDraft, draftVersion, changes } = await editableTemplate(campaign);
    return Response.json({ version: draftVersion, isDraft, template, changes });
  });
}

/** PUT /api/v1/campaigns/<id>/template — saves `{"cards":[…]}` as the draft; 422 names the field. */
export async function action({ request, params }: ActionFunctionArgs) {
  return campaignApi(async () => {
    if (request.method !== "PUT") throw new ApiError(405, "method_not_allowed", "Use PUT");
    const user = await requireCampaignApiUser(request);
    const campaign = await requireCampaign(user.districtId, params.campaignId ?? "");
    await saveDraft(campaign, await readJson(request, z.unknown()), user.userId);
    const { template, draftVersion, changes } = await editableTemplate(campaign);
    return Response.json({ version: draftVersion, isDraft: true, template, changes });
  });
}
