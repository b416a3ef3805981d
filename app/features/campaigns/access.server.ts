import type { Campaign } from "@prisma/client";
import { describeTemplateIssues } from "~/domain/template";
import { isCampaignError, requireCampaign } from "~/models/campaign.server";
import { handleApi } from "~/utils/api.server";
import { notFound, pageErrorResponse } from "~/utils/app-error";
import { requireApiPermission, requirePermission, type SessionUser } from "~/utils/permissions.server";

// Every campaign page and API call goes through here: "manage:campaign" on the caller's district
// (the district office only), then the campaign looked up inside that district.

const district = (u: SessionUser) => ({ type: "district" as const, districtId: u.districtId });

export function requireCampaignManager(request: Request): Promise<SessionUser> {
  return requirePermission(request, "manage:campaign", district);
}

export function requireCampaignApiUser(request: Request): Promise<SessionUser> {
  return requireApiPermission(request, "manage:campaign", district);
}

/** Pages: the campaign, or a 404 page. */
export async function campaignForPage(user: SessionUser, id: string | undefined): Promise<Campaign> {
  try {
    return await requireCampaign(user.districtId, id ?? "");
  } catch (error) {
    if (isCampaignError(error)) throw pageErrorResponse(notFound());
    throw error;
  }
}

/** JSON API: like handleApi, plus campaign refusals as {"error":{code,message,issues?}}. */
export function campaignApi(fn: () => Promise<Response>): Promise<Response> {
  return handleApi(async () => {
    try {
      return await fn();
    } catch (error) {
      if (!isCampaignError(error)) throw error;
      const message = error.issues.length ? describeTemplateIssues(error.issues) : error.message;
      const issues = error.issues.length ? { issues: error.issues } : {};
      return Response.json({ error: { code: error.code, message, ...issues } }, { status: error.status });
    }
  });
}
