import type { LoaderFunctionArgs } from "@remix-run/node";
import { OverviewRequestError, resolveOverview } from "~/features/overview/request.server";
import { getOverview, sortLines } from "~/models/overview.server";
import { wardName } from "~/features/overview/labels";
import { ApiError, apiError, handleApi } from "~/utils/api.server";
import { requireApiUser } from "~/utils/permissions.server";

/**
 * GET /api/v1/overview?campaignId=<id>&level=&ward=&category=&criterion=&status=
 * The district overview as JSON (docs/api.md). District roles only; figures from the projection.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  return handleApi(async () => {
    const user = await requireApiUser(request);
    const resolved = await resolveOverview(user, new URL(request.url).searchParams, {
      strict: true,
      campaignRequired: true,
      scopes: ["district"],
    }).catch((error) => {
      if (error instanceof OverviewRequestError) throw new ApiError(error.status, error.code, error.message);
      throw error;
    });
    const campaign = resolved.campaign!;
    const { query, today } = resolved;
    const overview = await getOverview(campaign, { filters: query.filters, today });
    sortLines(overview.schools, query.sort, query.dir, wardName);
    return Response.json({
      campaign: { id: campaign.id, name: campaign.name, deadline: campaign.deadline, status: campaign.status },
      today,
      filters: query.filters,
      totals: overview.totals,
      schools: overview.schools.map((s) => ({
        school: s.school,
        progress: s.progress,
        cards: s.cards,
        overdue: s.overdue,
        lastActivityAt: s.lastActivityAt,
        status: s.status,
        expected: s.expected,
        error: s.error,
        report: s.report,
      })),
    });
  });
}

export const action = () => apiError(405, "method_not_allowed", "Use GET");
