import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Icon, CloseIcon } from "~/components/icons";

export type ToastAction = { label: string; run: () => void };
export type Toast = { id: number; message: string; tone: "info" | "error"; actions: ToastAction[] };
export type PushToast = (message: string, tone?: Toast["tone"], options?: { actions?: ToastAction[]; lifetimeMs?: number }) => void;

/** A short queue of messages; each goes away on its own after a while or when dismissed. */
export function useToasts(lifetimeMs = 8000) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());
  const dismiss = useCallback((id: number) => setToasts((list) => list.filter((t) => t.id !== id)), []);
  const push = useCallback<PushToast>(
    (message, tone = "info", options = {}) => {
      const id = next.current++;
      const toast = { id, message, tone, actions: options.actions ?? [] };
      // The same message twice in a row (e.g. a burst of refusals) is shown once.
      setToasts((list) => (list.some((t) => t.message === message) ? list : [...list.slice(-3), toast]));
      const timer = setTimeout(() => {
        timers.current.delete(timer);
        dismiss(id);
      }, options.lifetimeMs ?? lifetimeMs);
      timers.current.add(timer);
    },
    [dismiss, lifetimeMs],
  );
  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach(clearTimeout);
  }, []);
  return { toasts, push, dismiss };
}

/** Rendered from the first paint so that screen readers already watch the live region. */
export function ToastRegion({ toasts, dismiss }: { toasts: Toast[]; dismiss: (id: number) => void }) {
  const { t } = useTranslation();
  return (
    <div className="board-toasts" role="status" aria-live="polite" aria-label={t("board.notifications")}>
      {toasts.map((toast) => (
        <div key={toast.id} className={`board-toast board-toast-${toast.tone}`}>
          <span className="board-toast-text">{toast.message}</span>
          {toast.actions.map((action) => (
            <button
              key={action.label}
              type="button"
              className="btn board-toast-action"
              onClick={() => {
                dismiss(toast.id);
                action.run();
              }}
            >
              {action.label}
            </button>
          ))}
          <button type="button" className="board-icon-btn" aria-label={t("board.toastClose")} onClick={() => dismiss(toast.id)}>
            <Icon of={CloseIcon} />
          </button>
        </div>
      ))}
    </div>
  );
}
