import { useState } from "react";
import { useTranslation } from "react-i18next";
import { registerMessages } from "~/i18n/i18n";
import { cardPages } from "~/i18n/pages";
import { ActivityList, useActivity } from "./card-activity";

// The open board feed (board-feed.tsx loads it), with the messages it shares with a card's dialog.
registerMessages(cardPages);

const GROUPS = ["card", "item", "comment", "template"] as const;

/** The feed's filters (person, kind) and its entries. */
export default function BoardFeedBody({ boardId, people }: { boardId: string; people: { id: string; name: string }[] }) {
  const { t } = useTranslation();
  const [actor, setActor] = useState("");
  const [kind, setKind] = useState("");
  return (
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
  );
}

function Feed({ boardId, actor, kind }: { boardId: string; actor: string; kind: string }) {
  const { entries, more } = useActivity(boardId, { actor: actor || undefined, kind: kind || undefined });
  return <ActivityList entries={entries} more={more} />;
}
