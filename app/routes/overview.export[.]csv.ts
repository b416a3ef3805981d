import type { LoaderFunctionArgs } from "@remix-run/node";
import { attachment, exportFileName, exportTables, loadExport, overviewCsv } from "~/features/overview/export.server";

/** GET /overview/export.csv?view=schools|matrix|targets|criteria|categories|levels&<overview filters> */
export async function loader({ request }: LoaderFunctionArgs) {
  const { overview, matrix, targets, view } = await loadExport(request);
  const csv = overviewCsv(exportTables(overview, matrix, targets)[view]);
  return attachment(csv, "text/csv; charset=utf-8", exportFileName(overview, "csv", view));
}
