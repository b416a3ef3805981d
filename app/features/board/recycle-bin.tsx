import { useTranslation } from "react-i18next";
import { Icon, RestoreIcon } from "~/components/icons";
import type { Card } from "~/domain";
import type { CardActions } from "./card-actions";

/**
 * The school's deleted cards (only its own: the district's requirements cannot be deleted). A
 * card comes back to its column as it was; "Xóa hẳn" removes it for good.
 */
export function RecycleBin({ cards, actions, onRestored }: { cards: Card[]; actions: CardActions; onRestored: (card: Card) => void }) {
  const { t } = useTranslation();
  if (cards.length === 0) return null;
  return (
    <details className="board-bin">
      <summary>{t("board.bin.summary", { count: cards.length })}</summary>
      <ul>
        {cards.map((card) => (
          <li key={card.id}>
            <span className="board-bin-title">{card.title}</span>
            <span className="board-bin-actions">
              <button
                type="button"
                className="btn board-btn-secondary"
                onClick={() => {
                  if (actions.restore(card.id)) onRestored(card);
                }}
              >
                <Icon of={RestoreIcon} />
                {t("board.bin.restore")}
                <span className="board-sr-only">«{card.title}»</span>
              </button>
              <button type="button" className="btn board-btn-danger-outline" onClick={() => actions.purge(card.id)}>
                {t("board.bin.purge")}
                <span className="board-sr-only">«{card.title}»</span>
              </button>
            </span>
          </li>
        ))}
      </ul>
    </details>
  );
}
