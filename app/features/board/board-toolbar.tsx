import { useTranslation } from "react-i18next";
import type { Progress } from "~/domain";
import type { PresenceUser } from "./presence-logic";
import { useEvidence } from "~/features/evidence/use-evidence";
import { PresenceBar, SyncBadge } from "./presence";
import type { LiveBoard } from "./use-board-session";

/** Progress, the sync badge and who is here: one line that stays in view on a phone (sticky). */
export function BoardToolbar({ progress, live, self }: { progress: Progress; live: LiveBoard; self: PresenceUser }) {
  const { t } = useTranslation();
  const photos = useEvidence()?.queued.length ?? 0;
  return (
    <div className="board-toolbar">
      <div className="board-progress">
        <span className="board-progress-label">{t("board.progress")}</span>
        <progress max={progress.total} value={progress.done} aria-label={t("board.progress")} />
        <strong>{t("board.progressValue", progress)}</strong>
      </div>
      {live.ready ? <SyncBadge sync={live.sync} photos={photos} /> : null}
      {live.ready ? <PresenceBar peers={live.peers} self={self} /> : null}
    </div>
  );
}
