import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/i18n/format";

export interface PersonItem {
  id: string;
  name: string;
  email: string;
  role: string;
  active: boolean;
  hasPassword: boolean;
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
            {p.active && !p.hasPassword ? <span className="badge badge-warn">{t("admin.people.noPassword")}</span> : null}
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
                <button
                  type="submit"
                  name="intent"
                  value={p.active ? "deactivate" : "reactivate"}
                  className={p.active ? "btn btn-danger btn-small" : "btn btn-secondary btn-small"}
                  aria-label={`${t(p.active ? (editable ? "admin.deactivate" : "team.remove") : "admin.reactivate")}: ${p.name}`}
                >
                  {t(p.active ? (editable ? "admin.deactivate" : "team.remove") : "admin.reactivate")}
                </button>
              </Form>
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export function PendingInvitations({ invitations }: { invitations: { id: string; name: string; email: string; role: string; school: string | null; expiresAt: string }[] }) {
  const { t } = useTranslation();
  if (invitations.length === 0) return null;
  return (
    <section className="stack">
      <h2>{t("admin.people.pending", { count: invitations.length })}</h2>
      <ul className="admin-list">
        {invitations.map((i) => (
          <li key={i.id} className="admin-row">
            <div className="admin-row-main">
              <strong>{i.name}</strong>
              <span className="muted small break">{i.email}</span>
            </div>
            <div className="admin-row-meta small">
              <span>{t(`roles.${i.role}`)}</span>
              {i.school ? <span className="muted">{i.school}</span> : null}
              <span className="muted">{t("admin.people.expires", { date: formatDateTime(i.expiresAt) })}</span>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
