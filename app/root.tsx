import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { I18nextProvider } from "react-i18next";
import { AppHeader } from "~/components/app-header";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { createI18n, DEFAULT_LOCALE, type Locale } from "~/i18n/i18n";
import { isAppError, pageErrorResponse } from "~/utils/app-error";
import { getLocale } from "~/utils/locale.server";
import { can, getSessionUser } from "~/utils/permissions.server";
import { pageTitle } from "~/utils/page-title";
import { useNonce } from "~/utils/nonce";
import styles from "~/styles/app.css?url";
import activityStyles from "~/styles/activity.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "stylesheet", href: activityStyles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

// Pages without a title of their own, and an address no route knows (404), still get one.
export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, null);

export async function loader({ request }: LoaderFunctionArgs) {
  const [locale, user] = await Promise.all([
    getLocale(request),
    // The database unreachable: the error page says 503 (pageErrorResponse), not "signed out".
    getSessionUser(request.headers).catch((error: unknown) => {
      throw isAppError(error) ? pageErrorResponse(error) : error;
    }),
  ]);
  const district = user && ({ type: "district", districtId: user.districtId } as const);
  const ownSchool = user?.schoolId ? ({ type: "school", districtId: user.districtId, schoolId: user.schoolId } as const) : null;
  return {
    locale,
    user: user && { name: user.name, email: user.email, role: user.role, school: user.school && { name: user.school.name, slug: user.school.slug } },
    // Which sections the header links to: decided by the permissions module, like every access.
    nav: {
      district: !!district && can(user, "view:district", district),
      // District roles see every school; a principal sees their school's line beside the average.
      overview: (!!district && can(user, "view:overview", district)) || (!!ownSchool && can(user!, "view:school-overview", ownSchool)),
      campaigns: !!district && can(user, "manage:campaign", district),
      admin: !!district && can(user, "manage:people", district),
      team: !!ownSchool && can(user!, "manage:team", ownSchool),
    },
  };
}

export type RootData = Awaited<ReturnType<typeof loader>>;

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const locale: Locale = data?.locale ?? DEFAULT_LOCALE;
  const i18n = useMemo(() => createI18n(locale), [locale]);
  const nonce = useNonce();
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#0f6e3f" />
        <Meta />
        <Links />
      </head>
      <body>
        <I18nextProvider i18n={i18n}>
          <AppHeader user={data?.user ?? null} nav={data?.nav ?? null} locale={locale} />
          <main id="main" className="page">
            {children}
          </main>
        </I18nextProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
