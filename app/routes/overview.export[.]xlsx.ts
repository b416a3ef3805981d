import type { LoaderFunctionArgs } from "@remix-run/node";
import { attachment, exportFileName, loadExport, overviewWorkbook } from "~/features/overview/export.server";

/** GET /overview/export.xlsx?<overview filters> — every view of the overview, one sheet each. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { overview, matrix, targets, filters } = await loadExport(request);
  const file = await overviewWorkbook(overview, matrix, targets, filters);
  return attachment(file, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", exportFileName(overview, "xlsx"));
}
