import type { LoaderFunctionArgs } from "@remix-run/node";
import { OverviewRequestError, resolveOverview } from "~/features/overview/request.server";
import { getOverview } from "~/models/overview.server";
import { wardName } from "~/features/overview/labels";
import { ApiError, apiError, handleApi } from "~/utils/api.server";
import { requireApiUser } from "~/utils/permissions.server";

/**
 * GET /api/v1/overview?campaignId=<id>&level=&ward=&category=&criterion=&status=&sort=&dir=&limit=&offset=
 * The district overview as JSON (docs/api.md). District roles only; figures from the projection.
 * Totals cover every school the filters keep; the lines come a page at a time (500 by default,
 * limit=0 for the totals alone), so 50,000 schools are not one 17 MB answer (ADR 047).
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
    const overview = await getOverview(campaign, { filters: query.filters, today, sort: { key: query.sort, dir: query.dir, wardName } });
    const { limit, offset } = query.page;
    const total = overview.schools.length;
    return Response.json({
      campaign: { id: campaign.id, name: campaign.name, deadline: campaign.deadline, status: campaign.status },
      today,
      filters: query.filters,
      totals: overview.totals,
      page: { offset, limit, total, next: limit > 0 && offset + limit < total ? offset + limit : null },
      schools: overview.schools.slice(offset, offset + limit).map((s) => ({
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
