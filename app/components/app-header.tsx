import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Locale } from "~/i18n/i18n";
import { NotificationBell } from "~/features/notifications/notification-bell";
import type { RootData } from "~/root";

export function AppHeader({ user, nav, locale }: { user: RootData["user"]; nav: RootData["nav"] | null; locale: Locale }) {
  const { t } = useTranslation();
  const location = useLocation();
  const other: Locale = locale === "vi" ? "en" : "vi";
  return (
    <header className="app-header">
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <Link to="/" className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <span>
          <strong>{t("app.name")}</strong>
          <small>{t("app.tagline")}</small>
        </span>
      </Link>
      {user && nav ? (
        <nav className="main-nav" aria-label={t("nav.mainMenu")}>
          {user.school ? <NavLink to={`/schools/${user.school.slug}`}>{t("nav.board")}</NavLink> : null}
          {nav.district ? <NavLink to="/district" end>{t("nav.district")}</NavLink> : null}
          {nav.overview ? <NavLink to="/overview">{t("overview.navLink")}</NavLink> : null}
          {nav.campaigns ? <NavLink to="/campaigns">{t("campaigns.navLink")}</NavLink> : null}
          {nav.team ? <NavLink to="/team">{t("team.navLink")}</NavLink> : null}
          {nav.admin ? <NavLink to="/admin">{t("admin.navLink")}</NavLink> : null}
        </nav>
      ) : null}
      <div className="header-actions">
        {user ? (
          <div className="whoami" data-testid="whoami">
            <span className="whoami-name">{user.name}</span>
            <span className="whoami-role">
              {t(`roles.${user.role}`)}
              {user.school ? ` · ${user.school.name}` : ""}
            </span>
          </div>
        ) : null}
        {user ? <NotificationBell /> : null}
        {/* A whole new page: the other language's messages load with it (entry.client.tsx). */}
        <Form method="post" action="/lang" className="inline-form" reloadDocument>
          <input type="hidden" name="locale" value={other} />
          <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
          {/* On a phone the button shows the language's code (EN/VI): the menu keeps its room. */}
          <button type="submit" className="btn btn-ghost" lang={other} aria-label={`${t("nav.language")}: ${t("nav.switchTo")}, ${other.toUpperCase()}`}>
            <span className="lang-long">{t("nav.switchTo")}</span>
            <span className="lang-short">{other.toUpperCase()}</span>
          </button>
        </Form>
        {user ? (
          <Form method="post" action="/logout" className="inline-form">
            <button type="submit" className="btn btn-ghost">
              {t("nav.signOut")}
            </button>
          </Form>
        ) : null}
      </div>
    </header>
  );
}
