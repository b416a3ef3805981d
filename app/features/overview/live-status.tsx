import { useTranslation } from "react-i18next";
import type { LiveState } from "./use-live-overview";

const timeFmt = new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Ho_Chi_Minh", hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false });

/** Says whether the page is following changes live; announced politely to screen readers. */
export function LiveStatus({ state, updatedAt }: { state: LiveState; updatedAt: Date | null }) {
  const { t } = useTranslation();
  return (
    <p className={`ov-live ov-live-${state}`} data-live={state} role="status" aria-live="polite">
      <span className="ov-live-dot" aria-hidden="true" />
      {t(`overview.live.${state}`)}
      {updatedAt ? <span className="muted small"> · {t("overview.live.updatedAt", { time: timeFmt.format(updatedAt) })}</span> : null}
    </p>
  );
}
