import { createContext, useContext, useState } from "react";
import { useEventSource } from "~/features/notifications/use-event-source";

type Live = { boardId: string; activity: number; comment: number };
const BoardLive = createContext<Live | null>(null);

/**
 * One event stream per board page (/boards/<id>/events) for the card dialog's comments and
 * activity and the board's feed: each bumps a counter, and whoever shows that data reloads it.
 */
export function BoardLiveProvider({ boardId, children }: { boardId: string; children: React.ReactNode }) {
  const [state, setState] = useState<Live>({ boardId, activity: 0, comment: 0 });
  useEventSource(`/boards/${boardId}/events`, ["activity", "comment"], (event) => {
    setState((s) => ({ ...s, activity: s.activity + 1, comment: event === "comment" || event === "ready" ? s.comment + 1 : s.comment }));
  });
  return <BoardLive.Provider value={state}>{children}</BoardLive.Provider>;
}

export function useBoardLive(): Live | null {
  return useContext(BoardLive);
}
