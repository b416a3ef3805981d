import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { boardProgress, STATUSES, type Board, type DomainError } from "~/domain";
import { BoardColumn } from "./board-column";
import { BoardDnd } from "./board-dnd";
import { cardIndex, columnIds, summarise, type Member } from "./board-view-model";
import { CardDialog } from "./card-dialog";
import { createCardActions } from "./card-actions";
import { colorFor, editorsByCard } from "./presence-logic";
import { PresenceBar, SyncBadge } from "./presence";
import { rejectionKey, type Rejection } from "./reject-message";
import { ToastRegion, useToasts } from "./toasts";
import { useBoardSession } from "./use-board-session";

export type BoardViewProps = {
  boardId: string;
  /** The document as the server had it when it rendered the page (Y.encodeStateAsUpdate, base64). */
  state: string;
  board: Board;
  readOnly: boolean;
  user: Member;
  members: Member[];
  today: string;
  /** Called when the live document's template version changes (the district published a change). */
  onTemplateVersion?: (version: number) => void;
};

/** The live school board: columns of cards, a card dialog, presence and the sync badge. */
export function BoardView(props: BoardViewProps) {
  const { t } = useTranslation();
  const { toasts, push, dismiss } = useToasts();
  const self = useMemo(() => ({ ...props.user, color: colorFor(props.user.id) }), [props.user]);

  const onRejected = useCallback(
    (r: Rejection) => {
      const reason = t(rejectionKey(r.code), { message: r.message || r.code });
      push(`${t("board.rejected.toast", { reason })} ${t("board.rejected.reloaded")}`, "error");
    },
    [push, t],
  );
  const onDenied = useCallback((reason: string) => push(t("board.denied", { reason }), "error"), [push, t]);
  const live = useBoardSession({ ...props, user: self, onRejected, onDenied });
  const readOnly = props.readOnly || live.resetting;
  const templateVersion = live.board.templateVersion ?? 0;
  const { onTemplateVersion } = props;
  useEffect(() => {
    onTemplateVersion?.(templateVersion);
  }, [templateVersion, onTemplateVersion]);

  const onRefused = useCallback(
    (error: DomainError | { code: "notReady"; message: string }) =>
      push(t(`board.errors.${error.code}`, { message: error.message }), "error"),
    [push, t],
  );
  const mutateRef = useRef(live.mutate);
  mutateRef.current = live.mutate;
  const actions = useMemo(
    () => createCardActions({ userId: props.user.id, mutate: (fn) => mutateRef.current(fn), onRefused }),
    [props.user.id, onRefused],
  );

  const summaries = useMemo(() => {
    const cards = cardIndex(live.board);
    return { cards, ids: columnIds(live.board), byId: new Map([...cards].map(([id, c]) => [id, summarise(c, props.today, props.members, t("board.unknownPerson"))])) };
  }, [live.board, props.today, props.members, t]);
  const progress = useMemo(() => boardProgress(live.board), [live.board]);
  const editors = useMemo(() => editorsByCard(live.peers, props.user.id), [live.peers, props.user.id]);

  const [openCardId, setOpenCardId] = useState<string | null>(null);
  const openCard = openCardId ? (summaries.cards.get(openCardId) ?? null) : null;
  const { setEditing } = live;
  useEffect(() => {
    setEditing(openCard ? openCard.id : null);
  }, [openCard?.id, live.ready]); // eslint-disable-line react-hooks/exhaustive-deps
  // Someone else deleted (or the district archived) the card this person has open.
  useEffect(() => {
    if (openCardId && !summaries.cards.has(openCardId)) {
      setOpenCardId(null);
      push(t("board.dialog.goneRemotely"), "info");
    }
  }, [openCardId, summaries.cards, push, t]);

  return (
    <div className="board" data-ready={live.ready ? "true" : "false"}>
      <div className="board-toolbar">
        <div className="board-progress">
          <span>{t("board.progress")}</span>
          <progress max={progress.total} value={progress.done} aria-label={t("board.progress")} />
          <strong>{t("board.progressValue", progress)}</strong>
        </div>
        {live.ready ? <SyncBadge sync={live.sync} /> : null}
        {live.ready ? <PresenceBar peers={live.peers} self={self} /> : null}
      </div>
      {live.closed ? (
        <p className="notice notice-error" role="alert">
          {t([4401, 4403, 4429].includes(live.closed.code) ? `board.closed.${live.closed.code}` : "board.closed.other", { reason: live.closed.reason })}
        </p>
      ) : null}
      {live.resetting ? <p className="notice">{t("board.resetting")}</p> : null}
      {/* On a phone the columns scroll sideways: one tap brings a column into view (plain links, no script needed). */}
      <nav className="board-jump" aria-label={t("board.jumpTo")}>
        {STATUSES.map((status) => (
          <a key={status} href={`#board-col-${status}`}>
            {t(`statuses.${status}`)} ({summaries.ids[status].length})
          </a>
        ))}
      </nav>
      <BoardDnd
        enabled={!readOnly}
        ids={summaries.ids}
        titleOf={(id) => summaries.cards.get(id)?.title ?? ""}
        summaryOf={(id) => summaries.byId.get(id)}
        onMove={(cardId, status, index) => actions.move(cardId, status, index)}
      >
        {(ids) => (
          <div className="board-columns" role="group" aria-label={t("board.columnsLabel")}>
            {STATUSES.map((status) => (
              <BoardColumn
                key={status}
                status={status}
                cards={ids[status].flatMap((id) => summaries.byId.get(id) ?? [])}
                editorsByCard={editors}
                readOnly={readOnly}
                onOpen={setOpenCardId}
                onAdd={(s, title, category) => {
                  const id = actions.add(s, title, category);
                  if (id) push(t("board.add.added", { title }));
                  return id !== null;
                }}
              />
            ))}
          </div>
        )}
      </BoardDnd>
      <CardDialog
        card={openCard}
        members={props.members}
        editors={openCard ? (editors.get(openCard.id) ?? []) : []}
        readOnly={readOnly}
        actions={actions}
        onClose={() => setOpenCardId(null)}
        onDeleted={(title) => push(t("board.dialog.deleted", { title }))}
      >
        {/* A modal dialog makes everything outside it inert and hidden behind its backdrop. */}
        <ToastRegion toasts={toasts} dismiss={dismiss} />
      </CardDialog>
      {openCard ? null : <ToastRegion toasts={toasts} dismiss={dismiss} />}
    </div>
  );
}
