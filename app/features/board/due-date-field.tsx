import { lazy, Suspense, useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Icon, CalendarIcon } from "~/components/icons";
import { formatDate, parseDate } from "~/i18n/format";

// The calendar (react-day-picker with its Vietnamese locale) loads only when someone opens it:
// typing dd/mm/yyyy needs no library, and the board page stays light.
const Calendar = lazy(() => import("./due-date-calendar.client"));

/**
 * A due date shown and typed as dd/mm/yyyy (never the browser's own mm/dd/yyyy date input), with a
 * calendar to pick from. Saved when the field is left or on Enter; a date that does not exist is
 * explained in Vietnamese, not stored.
 */
export function DueDateField({ value, onChange }: { value: string | null; onChange: (date: string | null) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState(formatDate(value));
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (!editing) setText(formatDate(value));
  }, [value, editing]);

  const commit = (typed: string) => {
    const parsed = parseDate(typed);
    if (parsed === "invalid") return setError(t("board.dialog.dateInvalid"));
    setError(null);
    setText(formatDate(parsed));
    if (parsed !== value) onChange(parsed);
  };
  return (
    <div className="field board-date-field">
      <label htmlFor={id}>{t("board.dialog.dueDate")}</label>
      <div className="board-date-row">
        <input
          id={id}
          inputMode="numeric"
          placeholder="dd/mm/yyyy"
          autoComplete="off"
          value={text}
          aria-invalid={!!error}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
          onFocus={() => setEditing(true)}
          onChange={(e) => setText(e.target.value)}
          onBlur={() => {
            setEditing(false);
            commit(text);
          }}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              commit(text);
            }
          }}
        />
        <button
          type="button"
          className="btn board-btn-secondary board-icon-square"
          aria-expanded={open}
          aria-controls={`${id}-calendar`}
          aria-label={t("board.dialog.pickDate")}
          onClick={() => setOpen((o) => !o)}
        >
          <Icon of={CalendarIcon} />
        </button>
      </div>
      <span id={`${id}-hint`} className="board-hint">
        {t("board.dialog.dateHint")}
      </span>
      {error ? (
        <p id={`${id}-error`} className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {open ? (
        <div id={`${id}-calendar`} className="board-calendar">
          <Suspense fallback={<p className="muted">{t("board.dialog.loadingCalendar")}</p>}>
            <Calendar
              value={value}
              onPick={(date) => {
                setOpen(false);
                setError(null);
                setText(formatDate(date));
                if (date !== value) onChange(date);
              }}
            />
          </Suspense>
        </div>
      ) : null}
    </div>
  );
}
