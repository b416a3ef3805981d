import { Link, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** Previous/next links that keep the other search parameters. */
export function Pager({ page, pages }: { page: number; pages: number }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  if (pages <= 1) return null;
  const to = (p: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(p));
    return `?${next}`;
  };
  return (
    <nav className="pager" aria-label={t("admin.pager.label")}>
      {page > 1 ? <Link to={to(page - 1)}>{t("admin.pager.prev")}</Link> : <span />}
      <span className="muted small">{t("admin.pager.status", { page, pages })}</span>
      {page < pages ? <Link to={to(page + 1)}>{t("admin.pager.next")}</Link> : <span />}
    </nav>
  );
}
