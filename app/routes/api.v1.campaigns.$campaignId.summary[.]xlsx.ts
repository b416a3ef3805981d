import type { LoaderFunctionArgs } from "@remix-run/node";
import { summaryDownload } from "~/features/report/summary-download.server";
import { handleApi } from "~/utils/api.server";

/** GET /api/v1/campaigns/<id>/summary.xlsx — the district's summary upward (district roles). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return handleApi(() => summaryDownload(request, params.campaignId, "xlsx"));
}
