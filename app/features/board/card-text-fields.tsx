import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { Card } from "~/domain";
import type { CardActions } from "./card-actions";
import { useLiveText } from "./live-text";

// The card's texts, bound live to their Y.Text: what one person types reaches the others as they
// type, and two people typing into one description both keep their words (live-text.ts).

export function TitleField({ card, actions }: { card: Card; actions: CardActions }) {
  const { t } = useTranslation();
  const id = useId();
  const title = useLiveText(card.title, (base, next) => actions.type(card.id, "title", base, next));
  const error = title.refused ? t("board.dialog.titleRequired") : null;
  return (
    <div className="field board-title-field">
      <label htmlFor={id}>{t("board.dialog.title")}</label>
      <input
        id={id}
        {...title.bind}
        maxLength={200}
        enterKeyHint="done"
        aria-invalid={!!error}
        aria-describedby={error ? `${id}-error` : undefined}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            title.settle(title.value.trim());
          }
        }}
        // A blank title is never stored: leaving the field brings the stored one back; spaces at the ends go.
        onBlur={() => title.settle(title.value.trim() || title.stored)}
      />
      {error ? (
        <p id={`${id}-error`} className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function DescriptionField({ card, actions }: { card: Card; actions: CardActions }) {
  const { t } = useTranslation();
  const id = useId();
  const text = useLiveText(card.description, (base, next) => actions.type(card.id, "description", base, next));
  return (
    <div className="field">
      <label htmlFor={id}>{t("board.dialog.description")}</label>
      <textarea id={id} rows={3} maxLength={5000} {...text.bind} />
    </div>
  );
}
