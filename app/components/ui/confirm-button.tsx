import { useId, useRef } from "react";
import { useTranslation } from "react-i18next";

type Props = {
  /** The submit button's name and value (e.g. intent=launch): what the form sends once confirmed. */
  name?: string;
  value: string;
  /** The button's label. */
  children: React.ReactNode;
  className?: string;
  disabled?: boolean;
  /** The question, its consequences, and the words on the confirming button. */
  title: string;
  body: React.ReactNode;
  confirmLabel: string;
  /** Irreversible or destructive: the confirming button is styled as a warning. */
  danger?: boolean;
  testId?: string;
  /** When the visible label needs its object spelt out ("Ngừng hoạt động: Cô Lan"). */
  ariaLabel?: string;
};

/**
 * A submit button that asks first. Clicking opens a native modal <dialog> (focus stays inside,
 * Esc cancels, the page behind is inert) labelled by its question; "Hủy" has the focus, so a
 * stray Enter does nothing. Confirming submits the enclosing form with this button as the
 * submitter, so the server receives exactly what a plain click would have sent. Without
 * JavaScript the button submits directly (the server checks everything again anyway).
 */
export function ConfirmButton({ name = "intent", value, children, className = "btn btn-primary", disabled, title, body, confirmLabel, danger, testId, ariaLabel }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const trigger = useRef<HTMLButtonElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const confirm = () => {
    dialog.current?.close();
    const button = trigger.current;
    button?.form?.requestSubmit(button);
  };
  return (
    <>
      <button
        ref={trigger}
        type="submit"
        name={name}
        value={value}
        className={className}
        disabled={disabled}
        data-testid={testId}
        aria-label={ariaLabel}
        aria-haspopup="dialog"
        onClick={(event) => {
          if (!dialog.current?.showModal) return;
          event.preventDefault();
          dialog.current.showModal();
        }}
      >
        {children}
      </button>
      <dialog ref={dialog} className="confirm-dialog" role="alertdialog" aria-modal="true" aria-labelledby={`${id}-title`} aria-describedby={`${id}-body`}>
        <h2 id={`${id}-title`}>{title}</h2>
        <div id={`${id}-body`} className="confirm-dialog-body">
          {body}
        </div>
        <div className="confirm-dialog-actions">
          <button type="button" className="btn btn-secondary" autoFocus onClick={() => dialog.current?.close()}>
            {t("confirm.cancel")}
          </button>
          <button type="button" className={danger ? "btn btn-danger" : "btn btn-primary"} onClick={confirm}>
            {confirmLabel}
          </button>
        </div>
      </dialog>
    </>
  );
}
