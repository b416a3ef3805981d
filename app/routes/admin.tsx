import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { AdminNav } from "~/features/admin/components/admin-nav";
import { requireDistrict } from "~/features/admin/guard.server";
import { pageTitle } from "~/utils/page-title";
import { registerMessages } from "~/i18n/i18n";
import { accountPages, adminPages } from "~/i18n/pages";

// This page's own messages (app/i18n/pages.ts).
registerMessages(adminPages);
registerMessages(accountPages);

export const meta: MetaFunction = (args) => [...pageTitle(args, "Quản trị")];

// Guards the pages; every child action checks again, because Remix runs an action without its parent's loader.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireDistrict(request);
  return null;
}

export default function AdminLayout() {
  const { t } = useTranslation();
  return (
    <section className="stack admin">
      <header className="page-header">
        <div>
          <p className="eyebrow">{t("admin.eyebrow")}</p>
          <h1>{t("admin.title")}</h1>
        </div>
      </header>
      <AdminNav />
      <Outlet />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
