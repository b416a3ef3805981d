import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useBoardLive } from "./board-live";

export type ActivityEntry = { id: number; at: string; actor: { id: string; name: string } | null; kind: string; cardId: string | null; summary: string };

/** Loads a board's activity (one card's, or filtered), reloading live; "show more" follows the cursor. */
export function useActivity(boardId: string, query: Record<string, string | undefined>) {
  const live = useBoardLive();
  const [entries, setEntries] = useState<ActivityEntry[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const qs = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => !!e[1])).toString();
  useEffect(() => {
    let stale = false;
    void fetch(`/api/v1/boards/${boardId}/activity?${qs}`).then(async (res) => {
      if (!res.ok || stale) return;
      const page = (await res.json()) as { activity: ActivityEntry[]; next: string | null };
      setEntries(page.activity);
      setNext(page.next);
    }).catch(() => undefined); // offline: keep what is shown
    return () => {
      stale = true;
    };
  }, [boardId, qs, live?.activity]);
  const more = async () => {
    if (!next) return;
    const res = await fetch(`/api/v1/boards/${boardId}/activity?${qs}${qs ? "&" : ""}cursor=${next}`);
    if (!res.ok) return;
    const page = (await res.json()) as { activity: ActivityEntry[]; next: string | null };
    setEntries((e) => [...(e ?? []), ...page.activity]);
    setNext(page.next);
  };
  return { entries, more: next ? more : null };
}

export function ActivityList({ entries, more }: { entries: ActivityEntry[] | null; more: (() => void) | null }) {
  const { t } = useTranslation();
  if (!entries) return null;
  return (
    <>
      {entries.length === 0 ? <p className="muted small">{t("activity.empty")}</p> : null}
      <ul className="activity-list" data-testid="activity-list">
        {entries.map((a) => (
          <li key={a.id} data-kind={a.kind}>
            {a.summary}
          </li>
        ))}
      </ul>
      {more ? (
        <button type="button" className="link-button" onClick={more}>
          {t("activity.more")}
        </button>
      ) : null}
    </>
  );
}

/** The card dialog's history: who did what to this card, and when. */
export function CardActivity({ boardId, cardId }: { boardId: string; cardId: string }) {
  const { t } = useTranslation();
  const { entries, more } = useActivity(boardId, { cardId });
  return (
    <section className="card-section" aria-labelledby={`activity-${cardId}`}>
      <h3 id={`activity-${cardId}`}>{t("activity.title")}</h3>
      <ActivityList entries={entries} more={more} />
    </section>
  );
}
