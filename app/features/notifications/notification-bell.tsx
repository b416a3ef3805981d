import { useNavigate } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/i18n/format";
import { useEventSource } from "./use-event-source";

type Item = { id: string; kind: string; text: string; link: string | null; at: string; read: boolean };
type Page = { unread: number; notifications: Item[]; digestMail: boolean };

async function post(path: string, body: unknown) {
  const res = await fetch(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(String(res.status));
  return res.json();
}

/** The bell: unread count, live (SSE); a panel with the list, mark as read, and the digest switch. */
export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [page, setPage] = useState<Page | null>(null);
  const [open, setOpen] = useState(false);
  const panel = useRef<HTMLDivElement>(null);
  const load = useCallback(async () => {
    // Offline (a board reloaded from the service worker): no list yet, the events stream retries.
    const res = await fetch("/api/v1/notifications", { headers: { accept: "application/json" } }).catch(() => null);
    if (res?.ok) setPage((await res.json()) as Page);
  }, []);
  useEventSource("/notifications/events", ["changed"], () => void load());
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent | KeyboardEvent) => {
      if (e instanceof KeyboardEvent ? e.key === "Escape" : !panel.current?.parentElement?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", close);
    };
  }, [open]);

  const unread = page?.unread ?? 0;
  // The badge and the button's name say the same figure (axe: label-content-name-mismatch).
  const shown = unread > 99 ? "99+" : String(unread);
  const openItem = async (n: Item) => {
    if (!n.read) await post("/api/v1/notifications/read", { ids: [n.id] }).catch(() => undefined);
    setOpen(false);
    void load();
    if (n.link) navigate(n.link);
  };
  return (
    <div className="bell">
      <button
        type="button"
        className="btn btn-ghost bell-button"
        aria-expanded={open}
        aria-controls="bell-panel"
        aria-label={unread ? t("notifications.bellCount", { count: unread, shown }) : t("notifications.bell")}
        data-testid="bell"
        onClick={() => setOpen((o) => !o)}
      >
        <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2">
          <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9M13.7 21a2 2 0 0 1-3.4 0" />
        </svg>
        {unread ? (
          <span className="bell-count" data-testid="bell-count">
            {shown}
          </span>
        ) : null}
      </button>
      {open ? (
        <div className="bell-panel" id="bell-panel" ref={panel} role="region" aria-label={t("notifications.title")}>
          <div className="bell-panel-header">
            <strong>{t("notifications.title")}</strong>
            {unread ? (
              <button type="button" className="link-button" onClick={() => void post("/api/v1/notifications/read", { all: true }).then(load)}>
                {t("notifications.markAll")}
              </button>
            ) : null}
          </div>
          {page && page.notifications.length === 0 ? <p className="muted small">{t("notifications.empty")}</p> : null}
          <ul className="bell-list">
            {page?.notifications.map((n) => (
              <li key={n.id} className={n.read ? "bell-item" : "bell-item unread"} data-testid="notification">
                <button type="button" className="bell-item-button" onClick={() => void openItem(n)}>
                  {n.read ? null : <span className="visually-hidden">{t("notifications.unread")}: </span>}
                  <span className="bell-text">{n.text}</span>
                  <span className="muted small">{formatDateTime(n.at)}</span>
                </button>
              </li>
            ))}
          </ul>
          {page ? (
            <label className="bell-digest small">
              <input
                type="checkbox"
                checked={page.digestMail}
                onChange={(e) => void post("/api/v1/notifications/settings", { digestMail: e.target.checked }).then(load)}
              />
              {t("notifications.digestLabel")}
            </label>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
