import { Form, useRevalidator } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/i18n/format";
import type { JobJson } from "~/models/campaign-jobs.server";

const POLL_MS = 800;

/**
 * The latest launch/publish: polls its progress while it runs, then refreshes the page data
 * (versions, targets) once. A "running" job no process works on was interrupted: offer to resume.
 */
export function JobProgress({ campaignId, initial }: { campaignId: string; initial: JobJson }) {
  const { t } = useTranslation();
  const [job, setJob] = useState(initial);
  const revalidator = useRevalidator();
  useEffect(() => setJob(initial), [initial]);
  const polling = job.status === "running" && job.active;

  useEffect(() => {
    if (!polling) return;
    let stopped = false;
    const timer = setInterval(async () => {
      const res = await fetch(`/api/v1/campaigns/${campaignId}/job`, { headers: { accept: "application/json" } }).catch(() => null);
      if (!res?.ok || stopped) return;
      const next = ((await res.json()) as { job: JobJson | null }).job;
      if (!next || stopped) return;
      setJob(next);
      if (next.status !== "running" || !next.active) revalidator.revalidate();
    }, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
    // revalidator changes identity on every render; the poll depends on the job only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [polling, campaignId, job.id]);

  const interrupted = job.status === "running" && !job.active;
  const state = interrupted ? "interrupted" : job.status;
  return (
    <section className={`campaign-panel job-progress job-${state}`} aria-labelledby="job-title" data-testid="job-progress">
      <h2 id="job-title">{t(`campaigns.job.${job.kind === "publish" ? "publish" : "launch"}`, { version: job.version })}</h2>
      <div className="job-bar">
        <progress max={Math.max(job.total, 1)} value={job.done} aria-label={t("campaigns.job.progress", job)} />
        <span className="job-count" aria-live="polite">
          {t("campaigns.job.progress", job)}
        </span>
      </div>
      <p className="job-status" role="status">
        <strong>{interrupted ? t("campaigns.job.interrupted") : t(`campaigns.job.${job.status}`, { defaultValue: job.status })}</strong>
        {job.finishedAt ? <span className="muted"> · {t("campaigns.job.finishedAt", { time: formatDateTime(job.finishedAt) })}</span> : null}
      </p>
      {job.error ? <p className="form-error small">{job.error}</p> : null}
      {interrupted || job.status === "failed" ? (
        <Form method="post">
          <button type="submit" name="intent" value="resume" className="btn btn-primary">
            {interrupted ? t("campaigns.job.resume") : t("campaigns.job.retry")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
