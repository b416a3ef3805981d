import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { boardProgress, liveItems, STATUSES, type Board, type DomainError, type Status } from "~/domain";
import { BoardColumn, type AddDraft } from "./board-column";
import { BoardFilters, useBoardFilter } from "./board-filters";
import { filterColumns, fullIndex, isFiltering, matchesFilter } from "./board-filters-logic";
import { BoardToolbar } from "./board-toolbar";
import { cardIndex, columnIds, summarise, type Member } from "./board-view-model";
import { CardDialog } from "./card-dialog";
import { dndTriggers, restoreAfterSwap, useDnd } from "./dnd-loader";
import type { ColumnIds } from "./drag-logic";
import { createCardActions } from "./card-actions";
import { colorFor, editorsByCard } from "./presence-logic";
import { RecycleBin } from "./recycle-bin";
import { rejectionKey, type Rejection } from "./reject-message";
import { ToastRegion, useToasts } from "./toasts";
import { useBoardSession } from "./use-board-session";
import { RefusedEvidenceNotice } from "~/features/evidence/refused-notice";
import { EvidenceProvider } from "~/features/evidence/use-evidence";

export type BoardViewProps = {
  boardId: string;
  /** The document as the server had it when it rendered the page (Y.encodeStateAsUpdate, base64). */
  state: string;
  board: Board;
  readOnly: boolean;
  user: Member;
  members: Member[];
  today: string;
  /** May remove anyone's evidence (the principal). */
  manageEvidence?: boolean;
  /** May this person comment on cards. */
  canComment?: boolean;
  /** The district's words of the template version this board follows (template id → texts). */
  originals?: import("~/domain/original-words").Originals;
  /** A card to open at once (?card=<id>, e.g. from a notification). */
  initialCardId?: string | null;
  /** Called when the live document's template version changes (the district published a change). */
  onTemplateVersion?: (version: number) => void;
};

/** The live school board: toolbar, filters, columns of cards, the recycle bin and a card dialog. */
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
  const readOnly = props.readOnly || live.resetting || live.frozen;
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
  const binned = useMemo(() => live.board.cards.filter((c) => c.archived && c.origin === "school"), [live.board]);

  const [filter, setFilter] = useBoardFilter();
  const filtering = isFiltering(filter);
  const shownIds = useMemo(() => {
    if (!filtering) return summaries.ids;
    return filterColumns(summaries.ids, (id) => {
      const s = summaries.byId.get(id);
      return !!s && matchesFilter(s, filter, props.user.id);
    });
  }, [filtering, filter, summaries, props.user.id]);
  const count = (ids: typeof shownIds) => STATUSES.reduce((n, s) => n + ids[s].length, 0);

  const [openCardId, setOpenCardId] = useState<string | null>(props.initialCardId ?? null);
  // Following a notification's link (?card=<id>) while already on this board opens that card.
  useEffect(() => {
    if (props.initialCardId) setOpenCardId(props.initialCardId);
  }, [props.initialCardId]);
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

  /** A move from a drag, the keyboard or the dialog; into "Hoàn thành" with open items it offers to tick them. */
  const move = (cardId: string, status: Status, index?: number) => {
    const before = summaries.cards.get(cardId);
    if (!actions.move(cardId, status, index) || !before || before.status === status) return;
    const items = liveItems(before);
    const open = items.filter((i) => !i.done);
    if (status === "done" && open.length > 0) {
      push(t("board.movePrompt.openItems", { title: before.title, count: open.length, total: items.length }), "info", {
        lifetimeMs: 20_000,
        actions: [{ label: t("board.movePrompt.tickAll", { count: open.length }), run: () => open.forEach((i) => actions.tick(cardId, i.id, true)) }],
      });
    } else if (before.status === "done" && items.length > 0) {
      push(t("board.movePrompt.reopened", { title: before.title, column: t(`statuses.${status}`) }), "info", { lifetimeMs: 12_000 });
    }
  };

  // Drag and drop arrives at the first sign of use (dnd-loader.ts); then the columns render again.
  const dnd = useDnd();
  const [addDrafts, setAddDrafts] = useState<Partial<Record<Status, AddDraft>>>({});
  const onAddDraft = useCallback((status: Status, draft: AddDraft | undefined) => setAddDrafts((d) => ({ ...d, [status]: draft })), []);
  useLayoutEffect(() => {
    if (dnd) restoreAfterSwap();
  }, [dnd]);
  const columns = (ids: ColumnIds, target: Status | null, dragging: boolean) => (
    <div className={`board-columns${dragging ? " board-columns-dragging" : ""}`} role="group" aria-label={t("board.columnsLabel")}>
      {STATUSES.map((status) => (
        <BoardColumn
          key={status}
          status={status}
          cards={ids[status].flatMap((id) => summaries.byId.get(id) ?? [])}
          editorsByCard={editors}
          readOnly={readOnly}
          target={target === status}
          dnd={dnd}
          draft={addDrafts[status]}
          onDraft={onAddDraft}
          onOpen={setOpenCardId}
          onAdd={(s, title, category) => {
            const id = actions.add(s, title, category);
            if (id) push(t("board.add.added", { title }));
            return id !== null;
          }}
        />
      ))}
    </div>
  );

  return (
    <EvidenceProvider boardId={props.boardId} userId={props.user.id} isPrincipal={!!props.manageEvidence} readOnly={readOnly}>
    <div className="board" data-ready={live.ready ? "true" : "false"} data-dnd={dnd ? "ready" : undefined} {...(readOnly ? {} : dndTriggers)}>
      <BoardToolbar progress={progress} live={live} self={self} />
      <RefusedEvidenceNotice />
      {live.closed ? (
        <p className="notice notice-error" role="alert">
          {t([4401, 4403, 4429].includes(live.closed.code) ? `board.closed.${live.closed.code}` : "board.closed.other", { reason: live.closed.reason })}
        </p>
      ) : null}
      {live.resetting ? <p className="notice">{t("board.resetting")}</p> : null}
      {live.frozen ? (
        <p className="notice notice-closed" role="status" data-testid="campaign-closed-live">
          {t("board.closedCampaign.live")}
        </p>
      ) : null}
      <BoardFilters filter={filter} onChange={setFilter} shown={count(shownIds)} total={count(summaries.ids)} />
      {/* On a phone the columns scroll sideways: one tap brings a column into view (plain links, no script needed). */}
      <nav className="board-jump" aria-label={t("board.jumpTo")}>
        {STATUSES.map((status) => (
          <a key={status} href={`#board-col-${status}`}>
            {t(`statuses.${status}`)} ({shownIds[status].length})
          </a>
        ))}
      </nav>
      {dnd ? (
        <dnd.BoardDnd
          enabled={!readOnly}
          ids={shownIds}
          titleOf={(id) => summaries.cards.get(id)?.title ?? ""}
          summaryOf={(id) => summaries.byId.get(id)}
          onMove={(cardId, status, index) => move(cardId, status, filtering ? fullIndex(summaries.ids[status], shownIds[status], cardId, index) : index)}
        >
          {columns}
        </dnd.BoardDnd>
      ) : (
        columns(shownIds, null, false)
      )}
      {readOnly ? null : <RecycleBin cards={binned} actions={actions} onRestored={(card) => push(t("board.bin.restored", { title: card.title }))} />}
      <CardDialog
        card={openCard}
        members={props.members}
        editors={openCard ? (editors.get(openCard.id) ?? []) : []}
        readOnly={readOnly}
        actions={actions}
        onMove={(cardId, status) => move(cardId, status)}
        onClose={() => setOpenCardId(null)}
        onDeleted={(card) => {
          setOpenCardId(null);
          push(t("board.dialog.deleted", { title: card.title }), "info", {
            lifetimeMs: 10_000,
            actions: [{ label: t("board.dialog.undo"), run: () => actions.restore(card.id) }],
          });
        }}
        boardId={props.boardId}
        canComment={props.canComment}
        originals={props.originals}
      >
        {/* A modal dialog makes everything outside it inert and hidden behind its backdrop. */}
        <ToastRegion toasts={toasts} dismiss={dismiss} />
      </CardDialog>
      {openCard ? null : <ToastRegion toasts={toasts} dismiss={dismiss} />}
    </div>
    </EvidenceProvider>
  );
}
