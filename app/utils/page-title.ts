import { isRouteErrorResponse } from "@remix-run/react";
import { DEFAULT_LOCALE, isLocale, t, type Locale } from "~/i18n/i18n";

// Every page's <title>: "<page> · Bảng phong trào" (the product's name in the person's language),
// and for a page that failed, the error's own title ("Không có quyền truy cập", "Không tìm thấy").

type TitleArgs = { error?: unknown; matches: ReadonlyArray<{ id: string; data?: unknown } | undefined> };

function localeOf(args: TitleArgs): Locale {
  const root = args.matches.find((m) => m?.id === "root")?.data as { locale?: unknown } | undefined;
  return isLocale(root?.locale) ? root.locale : DEFAULT_LOCALE;
}

export function errorTitleKey(error: unknown): string {
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return status === 403 ? "errors.forbiddenTitle" : status === 404 ? "errors.notFoundTitle" : "errors.genericTitle";
}

/** For a route's `meta`: `meta = (args) => pageTitle(args, args.data?.school.name)`; a key is translated. */
export function pageTitle(args: TitleArgs, title?: string | { key: string } | null) {
  const locale = localeOf(args);
  const app = t(locale, "app.name");
  const own = args.error ? t(locale, errorTitleKey(args.error)) : typeof title === "object" && title ? t(locale, title.key) : title;
  return [{ title: own ? `${own} · ${app}` : app }];
}
