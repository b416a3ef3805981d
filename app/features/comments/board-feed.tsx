import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ActivityList, useActivity } from "./card-activity";

const GROUPS = ["card", "item", "comment", "template"] as const;

/** The board's activity feed, filtered by person and kind (the district reads a school's this way). */
export function BoardFeed({ boardId, people }: { boardId: string; people: { id: string; name: string }[] }) {
  const { t } = useTranslation();
  const [actor, setActor] = useState("");
  const [kind, setKind] = useState("");
  const [open, setOpen] = useState(false);
  return (
    <details className="board-feed" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)} data-testid="board-feed">
      <summary>{t("activity.boardFeed")}</summary>
      {open ? (
        <>
          <div className="activity-filters">
            <label className="field">
              <span>{t("activity.filterPerson")}</span>
              <select value={actor} onChange={(e) => setActor(e.target.value)}>
                <option value="">{t("activity.allPeople")}</option>
                {people.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>{t("activity.filterKind")}</span>
              <select value={kind} onChange={(e) => setKind(e.target.value)}>
                <option value="">{t("activity.allKinds")}</option>
                {GROUPS.map((g) => (
                  <option key={g} value={g}>
                    {t(`activity.kindGroups.${g}`)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <Feed boardId={boardId} actor={actor} kind={kind} />
        </>
      ) : null}
    </details>
  );
}

function Feed({ boardId, actor, kind }: { boardId: string; actor: string; kind: string }) {
  const { entries, more } = useActivity(boardId, { actor: actor || undefined, kind: kind || undefined });
  return <ActivityList entries={entries} more={more} />;
}
