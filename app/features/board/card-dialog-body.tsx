import { useTranslation } from "react-i18next";
import { Icon, CloseIcon } from "~/components/icons";
import type { Card, Status } from "~/domain";
import { rewordedFrom, type Originals } from "~/domain/original-words";
import { CardActivity } from "~/features/comments/card-activity";
import { CardComments } from "~/features/comments/card-comments";
import type { Member } from "./board-view-model";
import type { CardActions } from "./card-actions";
import { DeleteCard } from "./card-delete";
import { AssigneeField, ChoiceFields, ReadOnlyFields } from "./card-fields";
import { DescriptionField, TitleField } from "./card-text-fields";
import { ChecklistEditor } from "./checklist-editor";
import { EvidenceStrip } from "~/features/evidence/evidence-strip";
import type { PresenceUser } from "./presence-logic";
import { EditorsLine } from "./presence";
import { registerMessages } from "~/i18n/i18n";
import { cardPages } from "~/i18n/pages";

// What an open card dialog shows (card-dialog.tsx loads it when a card is first opened: none of
// it is needed to show or drag the board, docs/benchmarks.md), with its own messages.
registerMessages(cardPages);

export type CardDialogBodyProps = {
  card: Card;
  members: Member[];
  editors: PresenceUser[];
  readOnly: boolean;
  actions: CardActions;
  /** A move from the dialog's column choice (the board may offer to tick open items). */
  onMove: (cardId: string, status: Status) => void;
  onClose: () => void;
  onDeleted: (card: Card) => void;
  boardId?: string;
  /** May this person comment (the district office and the school's people; not the observer). */
  canComment: boolean;
  /** The district's template words, to show beside a reworded requirement. */
  originals?: Originals;
};

/**
 * Its parts, top to bottom: header (kind, title, close) · who else has it open · title · the
 * checklist (first: it is what people come to tick) · details (texts, choices, people) · sections
 * added beside the card's own (evidence, activity) · delete or the district's note. Each part is
 * its own component, so a new section slots in without touching the others.
 */
export default function CardDialogBody({ card, members, editors, readOnly, actions, onMove, onClose, onDeleted, boardId, canComment, originals }: CardDialogBodyProps) {
  return (
    <>
      <CardDialogHeader card={card} onClose={onClose} />
      <EditorsLine editors={editors} />
      {originals ? <OriginalWordsBox card={card} originals={originals} /> : null}
      {readOnly ? null : <TitleField key={`title-${card.id}`} card={card} actions={actions} />}
      <ChecklistEditor card={card} readOnly={readOnly} actions={actions} />
      <CardDetails card={card} members={members} readOnly={readOnly} actions={actions} onMove={(status) => onMove(card.id, status)} />
      <CardEvidence card={card} readOnly={readOnly} />
      <CardDialogFooter card={card} readOnly={readOnly} actions={actions} onDeleted={() => onDeleted(card)} />
      {boardId ? <CardComments key={`c-${card.id}`} boardId={boardId} cardId={card.id} canComment={canComment} /> : null}
      {boardId ? <CardActivity key={`a-${card.id}`} boardId={boardId} cardId={card.id} /> : null}
    </>
  );
}

function CardDialogHeader({ card, onClose }: { card: Card; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <header className="board-dialog-header">
      <div>
        <p className="eyebrow">{card.origin === "template" ? t("board.template") : t("board.schoolCard")}</p>
        <h2 id="board-dialog-title">{card.title}</h2>
      </div>
      <button type="button" className="board-icon-btn board-dialog-close" aria-label={t("board.dialog.close")} onClick={onClose}>
        <Icon of={CloseIcon} size={22} />
      </button>
    </header>
  );
}

function CardDetails({ card, members, readOnly, actions, onMove }: { card: Card; members: Member[]; readOnly: boolean; actions: CardActions; onMove: (status: Status) => void }) {
  const { t } = useTranslation();
  if (readOnly) return <ReadOnlyFields card={card} members={members} />;
  return (
    <section className="board-dialog-details" aria-label={t("board.dialog.details")}>
      <DescriptionField key={`desc-${card.id}`} card={card} actions={actions} />
      <ChoiceFields card={card} actions={actions} onMove={onMove} />
      <AssigneeField card={card} members={members} actions={actions} />
    </section>
  );
}

/** Photos for the card as a whole (an item's own photos sit under the item). */
function CardEvidence({ card, readOnly }: { card: Card; readOnly: boolean }) {
  const { t } = useTranslation();
  return (
    <section className="board-card-evidence" aria-label={t("evidence.cardHeading")}>
      <h3 className="board-checklist-heading">{t("evidence.cardHeading")}</h3>
      <EvidenceStrip cardId={card.id} itemId={null} label={card.title} readOnly={readOnly} />
    </section>
  );
}

function CardDialogFooter({ card, readOnly, actions, onDeleted }: { card: Card; readOnly: boolean; actions: CardActions; onDeleted: () => void }) {
  const { t } = useTranslation();
  if (readOnly) return null;
  if (card.origin === "school") return <DeleteCard key={card.id} card={card} actions={actions} onDeleted={onDeleted} />;
  return <p className="muted small">{t("board.dialog.templateNote", { section: card.section ?? "—" })}</p>;
}

/** "The district's words stay visible": the original requirement beside the school's rewording. */
function OriginalWordsBox({ card, originals }: { card: Card; originals: Originals }) {
  const { t } = useTranslation();
  const words = rewordedFrom(card, originals);
  if (!words) return null;
  return (
    <aside className="original-words" aria-label={t("original.label")} data-testid="original-words">
      <strong>{t("original.label")}</strong>
      {words.title ? <p>«{words.title}»</p> : null}
      {words.items.length ? (
        <ul>
          {words.items.map((i) => (
            <li key={i.id}>
              «{i.original}» <span className="muted small">({t("original.reworded")}: «{i.now}»)</span>
            </li>
          ))}
        </ul>
      ) : null}
    </aside>
  );
}
