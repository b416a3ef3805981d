import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CountsLine, IssueList, PreviewTables } from "~/features/admin/components/import-preview";
import { UploadForm } from "~/features/admin/components/upload-form";
import { notFound, requireDistrict } from "~/features/admin/guard.server";
import type { ImportIssue } from "~/features/admin/import/issues";
import { formatDateTime } from "~/i18n/format";
import { applyImport, previewImport } from "~/models/import.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireDistrict(request);
  const preview = await previewImport(user, params.id ?? "");
  if (!preview) throw notFound();
  const { meta, plan } = preview;
  return { meta, plan };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireDistrict(request);
  const outcome = await applyImport(user, params.id ?? "");
  if (!outcome) throw notFound();
  if (outcome.ok) return redirect(`/admin/import/${params.id}`);
  return Response.json({ issues: outcome.issues, busy: !!outcome.busy }, { status: outcome.busy ? 409 : 422 });
}

export default function ImportPreview() {
  const { meta, plan } = useLoaderData<typeof loader>();
  const failed = useActionData<{ issues: ImportIssue[]; busy: boolean }>();
  const { t } = useTranslation();
  const navigation = useNavigation();
  const applying = navigation.state !== "idle" && navigation.formMethod === "POST" && navigation.formAction?.startsWith(`/admin/import/${meta.id}`);
  const issues = failed?.issues?.length ? failed.issues : plan.issues;
  const rows = plan.schools.length + plan.people.length;
  const applied = meta.applied;
  return (
    <div className="stack">
      <section className="panel stack">
        <h2 className="break">{meta.filename}</h2>
        <p className="muted small">{t("admin.import.uploaded", { date: formatDateTime(meta.uploadedAt), size: Math.ceil(meta.size / 1024) })}</p>

        {applied ? (
          <div className="notice notice-ok stack" role="status" data-testid="import-result">
            <strong>{t("admin.import.applied", { date: formatDateTime(applied.at) })}</strong>
            <p className="small">
              {t("admin.sections.schools")}: <CountsLine counts={applied.schools} />
              <br />
              {t("admin.sections.people")}: <CountsLine counts={applied.people} />
            </p>
            <p className="small">
              {applied.people.create ? (
                <>
                  <Link to="/admin/people">{t("admin.people.inviteImported")}</Link> ·{" "}
                </>
              ) : null}
              <Link to="/admin/audit">{t("admin.import.seeAudit")}</Link> · <Link to="/admin/import">{t("admin.import.another")}</Link>
            </p>
          </div>
        ) : issues.length ? (
          <div className="stack" role="alert">
            <p className="notice notice-error">
              <strong>{t("admin.import.problems", { count: issues.length })}</strong> {t("admin.import.nothingWritten")}
            </p>
            <IssueList issues={issues} />
            <UploadForm label={t("admin.import.uploadFixed")} />
          </div>
        ) : (
          <div className="stack">
            <p className="notice">
              {t("admin.sections.schools")}: <CountsLine counts={plan.counts.schools} />
              <br />
              {t("admin.sections.people")}: <CountsLine counts={plan.counts.people} />
            </p>
            {failed?.busy ? <p className="form-error">{t("admin.import.busy")}</p> : null}
            {applying ? (
              <div className="import-progress" role="status" aria-live="polite">
                <progress aria-label={t("admin.import.applying", { count: rows })} />
                <span>{t("admin.import.applying", { count: rows })}</span>
              </div>
            ) : (
              <Form method="post">
                <button type="submit" name="intent" value="apply" className="btn btn-primary">
                  {t("admin.import.confirm", { count: rows })}
                </button>
              </Form>
            )}
          </div>
        )}
      </section>
      {!applied ? <PreviewTables plan={plan} /> : null}
    </div>
  );
}
