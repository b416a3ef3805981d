import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

export type Toast = { id: number; message: string; tone: "info" | "error" };

/** A short queue of messages; each goes away on its own after a while or when dismissed. */
export function useToasts(lifetimeMs = 8000) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());
  const dismiss = useCallback((id: number) => setToasts((list) => list.filter((t) => t.id !== id)), []);
  const push = useCallback(
    (message: string, tone: Toast["tone"] = "info") => {
      const id = next.current++;
      // The same message twice in a row (e.g. a burst of refusals) is shown once.
      setToasts((list) => (list.some((t) => t.message === message) ? list : [...list.slice(-3), { id, message, tone }]));
      const timer = setTimeout(() => {
        timers.current.delete(timer);
        dismiss(id);
      }, lifetimeMs);
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
          <span>{toast.message}</span>
          <button type="button" className="board-icon-btn" aria-label={t("board.toastClose")} onClick={() => dismiss(toast.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
