import { useTranslation } from "react-i18next";
import { LEVELS, ROLES, WARDS } from "~/domain/vocabulary";

/** A labelled input with its error (an i18n key) underneath. */
export function Field({ label, error, children }: { label: string; error?: string; children: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <label className="field">
      <span>{label}</span>
      {children}
      {error ? (
        <span className="field-error" role="alert">
          {t(error)}
        </span>
      ) : null}
    </label>
  );
}

export function LevelOptions() {
  const { t } = useTranslation();
  return (
    <>
      {LEVELS.map((l) => (
        <option key={l} value={l}>
          {t(`levels.${l}`)}
        </option>
      ))}
    </>
  );
}

export function WardOptions() {
  return (
    <>
      {WARDS.map((w) => (
        <option key={w.slug} value={w.slug}>
          {w.name}
        </option>
      ))}
    </>
  );
}

export function RoleOptions({ roles = ROLES }: { roles?: readonly string[] }) {
  const { t } = useTranslation();
  return (
    <>
      {roles.map((r) => (
        <option key={r} value={r}>
          {t(`roles.${r}`)}
        </option>
      ))}
    </>
  );
}

export function SchoolOptions({ schools }: { schools: { id: string; name: string }[] }) {
  return (
    <>
      {schools.map((s) => (
        <option key={s.id} value={s.id}>
          {s.name}
        </option>
      ))}
    </>
  );
}

/** Success or failure of the last form post, announced to screen readers. */
export function Flash({ ok, error }: { ok?: string | null; error?: string | null }) {
  const { t } = useTranslation();
  if (error) return <p className="form-error" role="alert">{t(error)}</p>;
  if (ok) return <p className="notice notice-ok" role="status">{t(ok)}</p>;
  return null;
}
