import { useTranslation } from "react-i18next";
import { initialsOf, uniqueUsers, type Peer, type PresenceUser } from "./presence-logic";
import { badgeFor, type SyncState } from "./sync-state";

export function Avatar({ user, label, small = false }: { user: { name: string; color: string }; label?: string; small?: boolean }) {
  return (
    <span className={`board-avatar${small ? " board-avatar-sm" : ""}`} style={{ background: user.color }} title={label ?? user.name} aria-label={label ?? user.name} role="img">
      {initialsOf(user.name)}
    </span>
  );
}

const MAX_AVATARS = 5;

/** "X is editing this card" with their avatars, on a card and in its dialog. */
export function EditorsLine({ editors }: { editors: PresenceUser[] }) {
  const { t } = useTranslation();
  if (editors.length === 0) return null;
  return (
    <p className="board-card-editors">
      {editors.map((u) => (
        <Avatar key={u.id} user={u} small />
      ))}
      <span>{t("board.editingBy", { names: editors.map((u) => u.name).join(", ") })}</span>
    </p>
  );
}

/** Everyone who has the board open right now, oneself first. */
export function PresenceBar({ peers, self }: { peers: Peer[]; self: PresenceUser }) {
  const { t } = useTranslation();
  const others = uniqueUsers(peers).filter((u) => u.id !== self.id);
  const shown = others.slice(0, MAX_AVATARS - 1);
  const hidden = others.length - shown.length;
  return (
    <div className="board-presence">
      <ul className="board-avatars" aria-label={t("board.presence.label")}>
        <li>
          <Avatar user={self} label={t("board.presence.you", { name: self.name })} />
        </li>
        {shown.map((u) => (
          <li key={u.id}>
            <Avatar user={u} />
          </li>
        ))}
        {hidden > 0 ? (
          <li className="board-avatar board-avatar-more" title={others.slice(shown.length).map((u) => u.name).join(", ")}>
            {t("board.presence.more", { count: hidden })}
          </li>
        ) : null}
      </ul>
    </div>
  );
}

/**
 * Says only what is true: connected once synced, otherwise syncing, or offline with what is not
 * sent — board changes and, beside them, evidence photos waiting in IndexedDB for the connection.
 */
export function SyncBadge({ sync, photos = 0 }: { sync: SyncState; photos?: number }) {
  const { t } = useTranslation();
  const badge = badgeFor(sync);
  const text =
    badge.kind === "connected"
      ? t("board.sync.connected")
      : badge.kind === "syncing"
        ? t("board.sync.syncing")
        : badge.kind === "stalled"
          ? t("board.sync.stalled", { count: badge.pending })
          : t("board.sync.offline", { count: badge.pending });
  return (
    <p className={`board-sync board-sync-${badge.kind}`} role="status" title={t("board.sync.label")} data-testid="sync-badge" data-pending={sync.pending} data-photos={photos}>
      <span className="board-sync-dot" aria-hidden="true" />
      {photos > 0 ? `${text} · ${t("evidence.queued", { count: photos })}` : text}
    </p>
  );
}
