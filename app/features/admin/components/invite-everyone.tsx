import { useFetcher, useRevalidator } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { RunView } from "~/models/invitation.server";
import type { PeopleActionData } from "../types";

/**
 * "Invite everyone not yet invited" (after an import): one click starts a background run on the
 * server; its progress is read every second until it is done, then the lists refresh. Without
 * JavaScript the form posts and the page shows the run's progress on each reload.
 */
export function InviteEveryone({ uninvited, run: initial }: { uninvited: number; run: RunView | null }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<PeopleActionData>();
  const revalidator = useRevalidator();
  const [run, setRun] = useState<RunView | null>(initial);
  const started = fetcher.data?.run;
  useEffect(() => {
    if (started) setRun(started);
  }, [started]);
  useEffect(() => setRun(initial), [initial]);

  const runningId = run?.status === "running" ? run.id : null;
  useEffect(() => {
    if (!runningId) return;
    let stop = false;
    const tick = async () => {
      const res = await fetch(`/api/v1/admin/invitations/runs/${runningId}`, { headers: { accept: "application/json" } }).catch(() => null);
      const body = res?.ok ? ((await res.json()) as { run: RunView }) : null;
      if (stop) return;
      if (body) setRun(body.run);
      if (body?.run.status === "done") revalidator.revalidate();
      else timer = setTimeout(tick, 1000);
    };
    let timer = setTimeout(tick, 500);
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [runningId]); // eslint-disable-line react-hooks/exhaustive-deps

  const busy = fetcher.state !== "idle" || run?.status === "running";
  if (uninvited === 0 && !run) return null;
  return (
    <section className="panel stack" aria-labelledby="invite-everyone-title" data-testid="invite-everyone">
      <h2 id="invite-everyone-title">{uninvited > 0 || !run ? t("admin.people.uninvited", { count: uninvited }) : t("admin.people.runDone", run)}</h2>
      {uninvited > 0 ? <p className="muted small">{t("admin.people.uninvitedHelp")}</p> : null}
      {run && (uninvited > 0 || run.status === "running" || run.failed) ? (
        <div className="import-progress" role="status" aria-live="polite">
          <progress max={Math.max(run.total, 1)} value={run.sent + run.failed} aria-label={t("admin.people.runProgress", run)} />
          <span>{t(run.status === "done" ? "admin.people.runDone" : "admin.people.runProgress", run)}</span>
          {run.failed ? <span className="form-error">{t("admin.people.runFailed", { count: run.failed })}</span> : null}
        </div>
      ) : null}
      {uninvited > 0 ? (
        <fetcher.Form method="post">
          <button type="submit" name="intent" value="inviteAll" className="btn btn-primary" disabled={busy}>
            {t("admin.people.inviteAll", { count: uninvited })}
          </button>
        </fetcher.Form>
      ) : null}
    </section>
  );
}
