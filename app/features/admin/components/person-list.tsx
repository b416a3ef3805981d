import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ConfirmButton } from "~/components/ui/confirm-button";
import { formatDate, formatDateTime } from "~/i18n/format";
import type { PersonAccess } from "~/models/person.server";

export interface PersonItem {
  id: string;
  name: string;
  email: string;
  role: string;
  active: boolean;
  hasPassword: boolean;
  access: PersonAccess;
  school: { name: string } | null;
  /** Decided by the permissions module in the loader. */
  manageable: boolean;
}

export function PersonList({ people, editable, label }: { people: PersonItem[]; editable: boolean; label: string }) {
  const { t } = useTranslation();
  if (people.length === 0) return <p className="muted">{t("admin.people.none")}</p>;
  return (
    <ul className="admin-list" aria-label={label}>
      {people.map((p) => (
        <li key={p.id} className={p.active ? "admin-row" : "admin-row admin-row-inactive"} data-testid="person-row">
          <div className="admin-row-main">
            <strong>{p.name}</strong>
            <span className="muted small break">{p.email}</span>
          </div>
          <div className="admin-row-meta small">
            <span>{t(`roles.${p.role}`)}</span>
            {p.school ? <span className="muted">{p.school.name}</span> : null}
            {!p.active ? <span className="badge">{t("admin.status.inactive")}</span> : null}
            {p.active ? <AccessBadge access={p.access} /> : null}
          </div>
          {p.manageable ? (
            <div className="admin-row-actions">
              {editable ? (
                <Link to={`/admin/people/${p.id}`} className="btn btn-secondary btn-small">
                  {t("admin.edit")}
                </Link>
              ) : null}
              <Form method="post">
                <input type="hidden" name="id" value={p.id} />
                {p.active ? (
                  <button type="submit" name="intent" value="sendReset" className="btn btn-secondary btn-small">
                    {t("admin.people.sendReset")}
                  </button>
                ) : null}
                {p.active ? (
                  <ConfirmButton
                    value="deactivate"
                    className="btn btn-danger btn-small"
                    ariaLabel={`${t(editable ? "admin.deactivate" : "team.remove")}: ${p.name}`}
                    title={t(editable ? "confirm.deactivate.title" : "confirm.removeFromTeam.title", { name: p.name })}
                    body={<p>{t(editable ? "confirm.deactivate.body" : "confirm.removeFromTeam.body", { name: p.name })}</p>}
                    confirmLabel={t(editable ? "admin.deactivate" : "team.remove")}
                    danger
                  >
                    {t(editable ? "admin.deactivate" : "team.remove")}
                  </ConfirmButton>
                ) : (
                  <button type="submit" name="intent" value="reactivate" className="btn btn-secondary btn-small" aria-label={`${t("admin.reactivate")}: ${p.name}`}>
                    {t("admin.reactivate")}
                  </button>
                )}
              </Form>
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export type PendingItem = { id: string; name: string; email: string; role: string; school: string | null; expiresAt: string; expired: boolean };

/** Invitations not yet accepted: each can be sent again (a new link) or withdrawn. */
export function PendingInvitations({ invitations }: { invitations: PendingItem[] }) {
  const { t } = useTranslation();
  if (invitations.length === 0) return null;
  return (
    <section className="stack">
      <h2>{t("admin.people.pending", { count: invitations.length })}</h2>
      <ul className="admin-list" aria-label={t("admin.people.pending", { count: invitations.length })}>
        {invitations.map((i) => (
          <li key={i.id} className="admin-row" data-testid="invitation-row">
            <div className="admin-row-main">
              <strong>{i.name}</strong>
              <span className="muted small break">{i.email}</span>
            </div>
            <div className="admin-row-meta small">
              <span>{t(`roles.${i.role}`)}</span>
              {i.school ? <span className="muted">{i.school}</span> : null}
              <span className={i.expired ? "warn-text" : "muted"}>{t(i.expired ? "admin.people.expired" : "admin.people.expires", { date: formatDateTime(i.expiresAt) })}</span>
            </div>
            <Form method="post" className="admin-row-actions">
              <input type="hidden" name="id" value={i.id} />
              <button type="submit" name="intent" value="resendInvitation" className="btn btn-secondary btn-small" aria-label={`${t("admin.people.resend")}: ${i.name}`}>
                {t("admin.people.resend")}
              </button>
              <ConfirmButton
                value="revokeInvitation"
                className="btn btn-ghost btn-small"
                title={t("admin.people.revokeConfirm", { name: i.name })}
                body={<p>{t("admin.people.revokeBody")}</p>}
                confirmLabel={t("admin.people.revoke")}
                danger
                ariaLabel={`${t("admin.people.revoke")}: ${i.name}`}
              >
                {t("admin.people.revoke")}
              </ConfirmButton>
            </Form>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** An imported account cannot sign in until its invitation is accepted: say where it stands. */
function AccessBadge({ access }: { access: PersonAccess }) {
  const { t } = useTranslation();
  switch (access.state) {
    case "password":
      return null;
    case "invited":
      return <span className="badge">{t("admin.people.access.invited", { date: formatDate(access.until) })}</span>;
    case "expired":
      return <span className="badge badge-warn">{t("admin.people.access.expired")}</span>;
    case "notInvited":
      return <span className="badge badge-warn">{t("admin.people.access.notInvited")}</span>;
  }
}
