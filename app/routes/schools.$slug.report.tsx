import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { composeSchoolReport } from "~/features/report/compose";
import { ReportComposer } from "~/features/report/composer";
import { DocumentView } from "~/features/report/document-view";
import { ReviewForm, ReviewNotes } from "~/features/report/review-form";
import { ReportStatusBadge } from "~/features/report/status-badge";
import { formatDateTime } from "~/i18n/format";
import { registerMessages } from "~/i18n/i18n";
import { reportPages } from "~/i18n/pages";
import { findSchoolBoard } from "~/models/board.server";
import { listEvidence } from "~/models/evidence.server";
import { getDraft, reportInput } from "~/models/report-draft.server";
import { findVersion, getReport, listVersions, versionInput } from "~/models/report.server";
import { can, requireUser } from "~/utils/permissions.server";

// This page's own messages (app/i18n/pages.ts).
registerMessages(reportPages);

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Báo cáo · ${data?.school.name ?? ""}` }];

/** The school's results report as a page: the principal composes and submits; the district reads and reviews. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // ?campaign=<slug> picks the campaign's board; without it, the school's most urgent open campaign.
  const found = await findSchoolBoard(params.slug ?? "", new URL(request.url).searchParams.get("campaign") ?? undefined);
  if (!found?.board) throw new Response("Not found", { status: 404 });
  const { board, school } = found;
  const resource = { type: "board" as const, districtId: school.districtId, schoolId: school.id };
  if (!can(user, "view:board", resource)) throw new Response("Forbidden", { status: 403 });
  const canCompose = can(user, "submit:report", resource);
  const canReview = can(user, "review:report", resource);
  const [report, versions, evidence] = await Promise.all([getReport(board), listVersions(board), listEvidence(board.id)]);
  const ownBoard = { ...board, school: { ...board.school, districtId: school.districtId } };
  let draft = null;
  let doc = null;
  if (canCompose && report?.status !== "accepted") {
    draft = await getDraft(ownBoard);
    doc = composeSchoolReport((await reportInput(ownBoard, draft.draft)).input);
  } else if (report) {
    // Everyone else reads the latest version as it was submitted.
    const row = await findVersion(board.id, report.version);
    if (row) doc = composeSchoolReport(versionInput(row).input);
  }
  return { school: { name: school.name, slug: school.slug }, boardId: board.id, report, versions, evidence, draft, doc, canCompose, canReview };
}

export default function ReportPage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const revalidator = useRevalidator();
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const saveDraft = useRef<(() => Promise<boolean>) | null>(null);
  const latest = data.versions[0];
  const api = `/api/v1/boards/${data.boardId}`;
  const submit = async () => {
    setBusy(true);
    setSubmitError(null);
    // What was typed just now goes into the draft before the draft becomes the submitted version.
    if (saveDraft.current && !(await saveDraft.current())) {
      setBusy(false);
      setSubmitError(t("reportPage.draftNotSaved"));
      return;
    }
    const res = await fetch(`${api}/report`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }).catch(() => null);
    const body = res ? await res.json().catch(() => null) : null;
    setBusy(false);
    if (res?.status === 201) revalidator.revalidate();
    else if (body?.error?.code === "evidence_missing") setSubmitError(t("report.evidenceMissing", { items: body.error.items.map((i: { text: string }) => i.text).join("; ") }));
    else setSubmitError(body?.error?.message ?? t("reportPage.offline"));
  };
  return (
    <section className="stack report-page">
      <header className="page-header no-print">
        <div>
          <p className="eyebrow">
            <Link to={`/schools/${data.school.slug}`}>{data.school.name}</Link>
          </p>
          <h1>{t("report.title")}</h1>
          <p data-testid="report-page-status">
            <ReportStatusBadge report={data.report} />
            {data.report ? <span className="muted small"> · {t("reportPage.version", { version: data.report.version, at: formatDateTime(data.report.submittedAt) })}</span> : null}
          </p>
        </div>
      </header>
      {latest?.status === "returned" && latest.review ? <ReviewNotes review={latest.review} /> : null}
      {data.canCompose && data.draft ? (
        <>
          <ReportComposer boardId={data.boardId} initial={data.draft.draft} savedAt={data.draft.savedAt} evidence={data.evidence} onSaved={() => revalidator.revalidate()} saveRef={saveDraft} />
          <div className="report-actions no-print">
            <a className="btn board-btn-secondary" href={`${api}/report.pdf?draft&inline`} target="_blank" rel="noreferrer">
              {t("reportPage.previewPdf")}
            </a>
            <a className="btn board-btn-secondary" href={`${api}/report.docx?draft`}>
              {t("reportPage.previewDocx")}
            </a>
            <button type="button" className="btn btn-primary" onClick={submit} disabled={busy}>
              {data.report && data.report.status !== "accepted" ? t("reportPage.resubmit") : t("report.submit")}
            </button>
          </div>
          {submitError ? (
            <p className="field-error" role="alert">
              {submitError}
            </p>
          ) : null}
        </>
      ) : null}
      {data.canReview && latest?.status === "submitted" ? <ReviewForm boardId={data.boardId} onDone={() => revalidator.revalidate()} /> : null}
      {data.doc ? (
        <>
          <h2 className="no-print">{data.canCompose && data.draft ? t("reportPage.preview") : t("reportPage.submittedDoc")}</h2>
          <DocumentView doc={data.doc} photoUrl={(id) => `${api}/evidence/${id}`} />
        </>
      ) : (
        <p className="notice">{t("report.notSubmitted")}</p>
      )}
      {data.versions.length ? (
        <section className="no-print" aria-labelledby="versions-title">
          <h2 id="versions-title">{t("reportPage.versions")}</h2>
          <ol className="report-versions" data-testid="report-versions">
            {data.versions.map((v) => (
              <li key={v.version}>
                {t("reportPage.versionLine", { version: v.version, at: formatDateTime(v.submittedAt), by: v.submittedBy.name })} · {t(`reportPage.state.${v.status}`)}
                {v.late ? ` · ${t("report.late")}` : ""} · <a href={v.pdfUrl}>PDF</a> · <a href={v.docxUrl}>DOCX</a>
                {v.review?.comment ? <p className="small muted">{t("reportPage.reviewComment", { comment: v.review.comment })}</p> : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </section>
  );
}
