import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireDistrict } from "~/features/admin/guard.server";
import { buildTemplate } from "~/features/admin/import/template.server";

/** GET /admin/import/template.xlsx — the empty import file with Vietnamese headings. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireDistrict(request);
  const body = await buildTemplate();
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="mau-nhap-truong-nhan-su.xlsx"`,
      "Cache-Control": "no-store",
    },
  });
}
