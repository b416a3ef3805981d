import { Form, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";

export const MAX_UPLOAD_MB = 10;

/**
 * Upload of an XLSX/CSV file. Too-large files are stopped here before a byte is sent; the server
 * checks again (and cuts the stream off) for anyone who skips this page.
 */
export function UploadForm({ label }: { label?: string }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formAction === "/admin/import";
  const [tooLarge, setTooLarge] = useState(false);
  return (
    <Form
      method="post"
      action="/admin/import"
      encType="multipart/form-data"
      className="upload-form"
      onSubmit={(e) => {
        const input = e.currentTarget.elements.namedItem("file") as HTMLInputElement | null;
        const file = input?.files?.[0];
        if (file && file.size > MAX_UPLOAD_MB * 1024 * 1024) {
          e.preventDefault();
          setTooLarge(true);
        }
      }}
    >
      <label className="field">
        <span>{label ?? t("admin.import.chooseFile")}</span>
        <input type="file" name="file" required accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv" onChange={() => setTooLarge(false)} />
      </label>
      {tooLarge ? (
        <p className="form-error" role="alert">
          {t("importIssues.codes.tooLarge", { max: MAX_UPLOAD_MB })}
        </p>
      ) : null}
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {busy ? t("admin.import.uploading") : t("admin.import.upload")}
      </button>
    </Form>
  );
}
