import { useEffect, useRef, useState } from "react";
import type * as Y from "yjs";
import type { Board } from "~/domain";
import type { PresenceUser } from "./presence-logic";
import type { Rejection } from "./reject-message";
import type { BoardSession, SessionSnapshot } from "./board-session.client";
import { initialSyncState } from "./sync-state";

export type BoardSessionInput = {
  boardId: string;
  state: string;
  board: Board;
  readOnly: boolean;
  user: PresenceUser;
  onRejected: (rejection: Rejection) => void;
  onDenied: (reason: string) => void;
};

export type LiveBoard = SessionSnapshot & {
  /** False until the browser has its own replica (on the server and before hydration). */
  ready: boolean;
  mutate: (fn: (doc: Y.Doc) => void) => boolean;
  setEditing: (cardId: string | null) => void;
};

// The replica's code (Yjs providers, IndexedDB) is fetched as soon as this module runs in the
// browser, so it arrives while the page hydrates instead of after it; the server never loads it.
let sessionModule: Promise<typeof import("./board-session.client")> | null = null;
const loadSession = () => (sessionModule ??= import("./board-session.client"));
if (typeof document !== "undefined") void loadSession();

/**
 * The live board for a component: the server-rendered board first (identical
 * on server and client, so hydration matches), then the browser's own Y.Doc
 * once the effect has loaded the client-only session module.
 */
export function useBoardSession(input: BoardSessionInput): LiveBoard {
  const [snapshot, setSnapshot] = useState<SessionSnapshot>(() => ({
    board: input.board,
    sync: initialSyncState(),
    peers: [],
    resetting: false,
    closed: null,
    frozen: false,
  }));
  const sessionRef = useRef<BoardSession | null>(null);
  // Callbacks change identity on every render; the session must not be rebuilt for that.
  const callbacks = useRef(input);
  callbacks.current = input;
  const [ready, setReady] = useState(false);

  const { boardId, readOnly } = input;
  const userId = input.user.id;
  useEffect(() => {
    let cancelled = false;
    let session: BoardSession | null = null;
    void loadSession().then(({ BoardSession }) => {
      if (cancelled) return;
      const current = callbacks.current;
      session = new BoardSession({
        boardId: current.boardId,
        state: current.state,
        board: current.board,
        readOnly: current.readOnly,
        user: current.user,
        onRejected: (r) => callbacks.current.onRejected(r),
        onDenied: (reason) => callbacks.current.onDenied(reason),
      });
      sessionRef.current = session;
      session.subscribe(setSnapshot);
      setSnapshot(session.getSnapshot());
      setReady(true);
    });
    return () => {
      cancelled = true;
      session?.destroy();
      sessionRef.current = null;
      setReady(false);
    };
    // A new board or person means a new replica; a revalidated loader (newer state) does not.
  }, [boardId, readOnly, userId]);

  return {
    ...snapshot,
    ready,
    mutate: (fn) => sessionRef.current?.mutate(fn) ?? false,
    setEditing: (cardId) => sessionRef.current?.setEditing(cardId),
  };
}
