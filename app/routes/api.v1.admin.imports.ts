import type { ActionFunctionArgs } from "@remix-run/node";
import { assertDistrict } from "~/features/admin/api.server";
import { importJson } from "~/features/admin/import/json.server";
import { MAX_UPLOAD_BYTES, receiveUpload, UploadRefused } from "~/features/admin/import/store.server";
import { previewImport, storeImport } from "~/models/import.server";
import { ApiError, handleApi } from "~/utils/api.server";
import { requireApiUser } from "~/utils/permissions.server";

const REFUSED = {
  tooLarge: [413, "payload_too_large", `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`],
  noFile: [400, "no_file", "Send the spreadsheet as the multipart field 'file'"],
  notMultipart: [415, "unsupported_media_type", "Send multipart/form-data with a 'file' field"],
} as const;

/**
 * POST /api/v1/admin/imports (multipart, field "file": XLSX or CSV) — stores the file and answers
 * its preview: what every row will do and every problem, by row and column. Nothing is written
 * until POST /api/v1/admin/imports/:id/apply.
 */
export async function action({ request }: ActionFunctionArgs) {
  return handleApi(async () => {
    if (request.method !== "POST") throw new ApiError(405, "method_not_allowed", "Use POST");
    const user = await requireApiUser(request);
    assertDistrict(user, "manage:people");
    try {
      const meta = await storeImport(user, await receiveUpload(request));
      const preview = (await previewImport(user, meta.id))!;
      return Response.json(await importJson(request, preview.meta, preview.plan), { status: 201 });
    } catch (error) {
      if (error instanceof UploadRefused) {
        const [status, code, message] = REFUSED[error.code];
        return Response.json({ error: { code, message } }, { status, headers: { Connection: "close" } });
      }
      throw error;
    }
  });
}

export const loader = () => Response.json({ error: { code: "method_not_allowed", message: "Use POST" } }, { status: 405 });
