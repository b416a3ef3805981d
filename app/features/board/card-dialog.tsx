import { lazy, Suspense, useEffect, useRef } from "react";
import type { Card } from "~/domain";
import { useEvidence } from "~/features/evidence/use-evidence";
import type { CardDialogBodyProps } from "./card-dialog-body";

type DialogProps = Omit<CardDialogBodyProps, "card" | "canComment"> & {
  /** The card shown, or null when the dialog is closed. */
  card: Card | null;
  canComment?: boolean;
  /** The notifications, shown inside the dialog while it is open. */
  children?: React.ReactNode;
};

// The dialog's contents (fields, checklist, evidence, comments, activity) are a chunk of their
// own, fetched when a card is first opened or about to be (preloadCardDialog: a pointer on or
// focus in a card's open button), never by just showing the board.
let bodyModule: Promise<typeof import("./card-dialog-body")> | null = null;
export const preloadCardDialog = () => (bodyModule ??= import("./card-dialog-body"));
const CardDialogBody = lazy(preloadCardDialog);

/**
 * The card's details in a native modal <dialog>: the browser keeps focus inside it, makes the
 * board behind it inert, and closes it on Esc. On a phone it fills the screen.
 */
export function CardDialog({ card, members, editors, readOnly, actions, onMove, onClose, onDeleted, boardId, canComment = false, originals, children }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const open = card !== null;
  // Someone else may have attached photos since the page loaded: fetch the list as the card opens
  // (here, not in the lazily loaded contents: the list is on its way while they arrive).
  const refreshEvidence = useEvidence()?.refresh;
  useEffect(() => {
    if (card?.id) refreshEvidence?.();
  }, [card?.id, refreshEvidence]);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog ref={ref} className="board-dialog" aria-labelledby="board-dialog-title" onClose={onClose}>
      {card ? (
        <div className="board-dialog-body">
          <Suspense fallback={null}>
            <CardDialogBody
              card={card}
              members={members}
              editors={editors}
              readOnly={readOnly}
              actions={actions}
              onMove={onMove}
              onClose={onClose}
              onDeleted={onDeleted}
              boardId={boardId}
              canComment={canComment}
              originals={originals}
            />
          </Suspense>
          {children}
        </div>
      ) : null}
    </dialog>
  );
}
