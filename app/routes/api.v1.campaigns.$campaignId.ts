import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { campaignApi, requireCampaignApiUser } from "~/features/campaigns/access.server";
import { campaignDetailsSchema, targetsSchema } from "~/features/campaigns/schemas";
import {
  campaignJson,
  criterionProgress,
  jobJson,
  latestJob,
  listVersions,
  requireCampaign,
  setTargets,
  updateDetails,
} from "~/models/campaign.server";
import { ApiError, readJson } from "~/utils/api.server";

/** GET /api/v1/campaigns/<id> — details, versions, the latest job and targets against results. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return campaignApi(async () => {
    const user = await requireCampaignApiUser(request);
    const campaign = await requireCampaign(user.districtId, params.campaignId ?? "");
    const [versions, job, progress] = await Promise.all([listVersions(campaign.id), latestJob(campaign.id), criterionProgress(campaign.id)]);
    return Response.json({ campaign: campaignJson(campaign), versions, job: job && (await jobJson(job)), criteria: progress });
  });
}

const patchSchema = z.strictObject({
  name: z.string().optional(),
  planNumber: z.string().optional(),
  planDate: z.string().optional(),
  startDate: z.string().optional(),
  issuer: z.string().optional(),
  parentPlan: z.string().optional(),
  deadline: z.string().optional(),
  levels: z.array(z.string()).optional(),
  targets: targetsSchema.optional(),
});

/** PATCH /api/v1/campaigns/<id> — any details (draft campaigns only) and/or `targets`. */
export async function action({ request, params }: ActionFunctionArgs) {
  return campaignApi(async () => {
    if (request.method !== "PATCH") throw new ApiError(405, "method_not_allowed", "Use PATCH");
    const user = await requireCampaignApiUser(request);
    let campaign = await requireCampaign(user.districtId, params.campaignId ?? "");
    const { targets, ...details } = await readJson(request, patchSchema);
    if (Object.keys(details).length > 0) {
      const parsed = campaignDetailsSchema.safeParse({ ...campaignJson(campaign), ...details });
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new ApiError(422, "validation_failed", `${issue.path.join(".") || "body"}: ${issue.message}`);
      }
      campaign = await updateDetails(campaign, parsed.data);
    }
    if (targets) campaign = await setTargets(campaign, targets);
    return Response.json({ campaign: campaignJson(campaign) });
  });
}
