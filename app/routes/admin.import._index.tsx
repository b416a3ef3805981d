import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { HEADINGS, SHEET_NAMES } from "~/features/admin/import/columns";
import { receiveUpload, UploadRefused } from "~/features/admin/import/store.server";
import { MAX_UPLOAD_MB, UploadForm } from "~/features/admin/components/upload-form";
import { requireDistrict } from "~/features/admin/guard.server";
import { storeImport } from "~/models/import.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireDistrict(request);
  return null;
}

/** Stores the upload and shows its preview; nothing reaches the database until the officer confirms there. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireDistrict(request);
  try {
    const meta = await storeImport(user, await receiveUpload(request));
    return redirect(`/admin/import/${meta.id}`);
  } catch (error) {
    if (error instanceof UploadRefused) {
      return Response.json({ error: error.code }, { status: error.code === "tooLarge" ? 413 : 400, headers: { Connection: "close" } });
    }
    throw error;
  }
}

export default function ImportUpload() {
  const data = useActionData<{ error: string }>();
  const { t } = useTranslation();
  return (
    <div className="stack">
      <section className="panel stack">
        <h2>{t("admin.import.title")}</h2>
        <p>{t("admin.import.intro")}</p>
        <ul className="small">
          <li>
            <strong>{t("admin.import.sheet", { sheet: SHEET_NAMES.schools })}</strong>: {Object.values(HEADINGS.schools).join(", ")}
          </li>
          <li>
            <strong>{t("admin.import.sheet", { sheet: SHEET_NAMES.people })}</strong>: {Object.values(HEADINGS.people).join(", ")}
          </li>
        </ul>
        <p className="muted small">{t("admin.import.rules", { max: MAX_UPLOAD_MB })}</p>
        <p>
          <a href="/admin/import/template.xlsx" className="btn btn-secondary" download>
            {t("admin.import.template")}
          </a>
        </p>
        {data?.error ? (
          <p className="form-error" role="alert">
            {t(data.error === "tooLarge" ? "importIssues.codes.tooLarge" : `admin.import.errors.${data.error}`, { max: MAX_UPLOAD_MB })}
          </p>
        ) : null}
        <UploadForm />
      </section>
    </div>
  );
}
