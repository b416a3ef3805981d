import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";

// The feed's filters and entries (with their messages) are a chunk of their own, fetched when the
// feed is first opened: most visits never open it (docs/decisions/046-page-weight.md).
const FeedBody = lazy(() => import("./board-feed-body"));

/** The board's activity feed, filtered by person and kind (the district reads a school's this way). */
export function BoardFeed({ boardId, people }: { boardId: string; people: { id: string; name: string }[] }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <details className="board-feed" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)} data-testid="board-feed">
      <summary>{t("activity.boardFeed")}</summary>
      {open ? (
        <Suspense fallback={null}>
          <FeedBody boardId={boardId} people={people} />
        </Suspense>
      ) : null}
    </details>
  );
}
