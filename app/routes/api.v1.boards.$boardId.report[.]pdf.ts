import type { LoaderFunctionArgs } from "@remix-run/node";
import { reportDownload } from "~/features/report/download.server";
import { handleApi } from "~/utils/api.server";

/** GET /api/v1/boards/<id>/report.pdf[?version=N] — see reportDownload. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return handleApi(() => reportDownload(request, params.boardId, "pdf"));
}
