import { NavLink } from "@remix-run/react";
import { useTranslation } from "react-i18next";

const SECTIONS = ["schools", "people", "import", "audit", "outbox", "webhooks"] as const;

export function AdminNav() {
  const { t } = useTranslation();
  return (
    <nav className="admin-tabs" aria-label={t("admin.title")}>
      {SECTIONS.map((s) => (
        <NavLink key={s} to={`/admin/${s}`} prefetch="intent">
          {t(`admin.sections.${s}`)}
        </NavLink>
      ))}
    </nav>
  );
}
