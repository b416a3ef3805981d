import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** One error page for 403/404/500, in the user's language. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const kind = status === 403 ? "forbidden" : status === 404 ? "notFound" : "generic";
  // An AppError mapped for pages (app/utils/app-error.ts) names the message to show.
  const data: unknown = isRouteErrorResponse(error) ? error.data : null;
  const messageKey = typeof data === "object" && data && "messageKey" in data && typeof data.messageKey === "string" ? data.messageKey : `errors.${kind}`;
  if (status >= 500) console.error(error);
  return (
    <section className="error-page" role="alert">
      <p className="error-status">{status}</p>
      <h1>{t(`errors.${kind}Title`)}</h1>
      <p>{t(messageKey)}</p>
      <Link to="/" className="btn btn-primary">
        {t("errors.backHome")}
      </Link>
    </section>
  );
}
