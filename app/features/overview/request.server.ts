import { measuredOn, todayInHcm } from "~/domain";
import { currentCampaign } from "~/models/board.server";
import { findCampaign, type OverviewCampaign } from "~/models/overview.server";
import { can, type SessionUser } from "~/utils/permissions.server";
import { parseOverviewQuery, type OverviewQuery, type QueryProblem } from "./filters";

// One resolution of an overview request for the page, the JSON API, the exports and the
// live stream: who is asking, which campaign, which filters. Callers turn the failures into
// their own kind of answer (an HTML page or the JSON error shape).

export type OverviewScope = "district" | "school";

export class OverviewRequestError extends Error {
  constructor(
    public status: 400 | 403 | 404,
    public code: string,
    message: string,
    public param?: string,
  ) {
    super(message);
  }
}

/** District roles see the whole district; a principal sees their own school beside the average. */
export function overviewScope(user: SessionUser): OverviewScope | null {
  if (can(user, "view:overview", { type: "district", districtId: user.districtId })) return "district";
  if (user.schoolId && can(user, "view:school-overview", { type: "school", districtId: user.districtId, schoolId: user.schoolId })) return "school";
  return null;
}

export type ResolvedOverview = {
  scope: OverviewScope;
  campaign: OverviewCampaign | null;
  query: OverviewQuery;
  problems: QueryProblem[];
  /** The day the figures are measured on: today, or the closing day of a closed campaign. */
  today: string;
};

/**
 * `strict` (API, exports) refuses any bad parameter; otherwise (the page) bad parameters are
 * dropped and reported in `problems`. `campaignRequired` is the API's rule: no default campaign.
 */
export async function resolveOverview(
  user: SessionUser,
  params: URLSearchParams,
  opts: { strict: boolean; campaignRequired?: boolean; scopes?: OverviewScope[] },
): Promise<ResolvedOverview> {
  const scope = overviewScope(user);
  if (!scope || !(opts.scopes ?? ["district", "school"]).includes(scope)) {
    throw new OverviewRequestError(403, "forbidden", "Not allowed: view:overview");
  }
  const { query, problems } = parseOverviewQuery(params);
  if (opts.strict && problems.length > 0) {
    const first = problems[0]!;
    throw new OverviewRequestError(400, "invalid_parameter", first.message, first.param);
  }
  if (opts.campaignRequired && !query.campaignId && !problems.some((p) => p.param === "campaignId")) {
    throw new OverviewRequestError(400, "invalid_parameter", `"campaignId" is required`, "campaignId");
  }
  let campaign: OverviewCampaign | null;
  if (query.campaignId) {
    campaign = await findCampaign(query.campaignId);
    // Another district's campaign is answered like a missing one: ids are not proof of access.
    if (!campaign || campaign.districtId !== user.districtId) {
      throw new OverviewRequestError(404, "campaign_not_found", `No campaign ${query.campaignId}`, "campaignId");
    }
  } else {
    const current = await currentCampaign(user.districtId);
    campaign = current && (await findCampaign(current.id));
  }
  // A closed campaign is measured on the day it closed: its figures stay as they were sent upward.
  const today = todayInHcm(new Date());
  return { scope, campaign, query, problems, today: campaign ? measuredOn(campaign, today) : today };
}
