import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ChartPanel } from "~/features/overview/charts";
import { ComplianceMatrix } from "~/features/overview/compliance-matrix";
import { ExportLinks, FiltersForm } from "~/features/overview/filters-form";
import { LiveStatus } from "~/features/overview/live-status";
import { districtPageData, schoolPageData } from "~/features/overview/page-data.server";
import { OverviewRequestError, resolveOverview } from "~/features/overview/request.server";
import { SchoolTable } from "~/features/overview/school-table";
import { SchoolOverview } from "~/features/overview/school-view";
import { DeadlineStat, OverviewSummary } from "~/features/overview/summary";
import { TargetsTable } from "~/features/overview/targets-table";
import { useLiveOverview } from "~/features/overview/use-live-overview";
import { formatDate } from "~/i18n/format";
import { t as translate, registerMessages } from "~/i18n/i18n";
import { ReminderPanel, type ReminderResult } from "~/features/overview/reminder-panel";
import { REMINDER_INTENT } from "~/features/overview/reminder-intent";
import { remindSchools, REMINDER_MAX } from "~/models/school-reminder.server";
import { getLocale } from "~/utils/locale.server";
import { can, requireUser } from "~/utils/permissions.server";
import { pageTitle } from "~/utils/page-title";
import { readFormData } from "~/utils/form.server";
import { overviewPages } from "~/i18n/pages";

// This page's own messages (app/i18n/pages.ts).
registerMessages(overviewPages);

export const meta: MetaFunction<typeof loader> = (args) => [...pageTitle(args, args.data?.title)];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = await getLocale(request);
  let resolved;
  try {
    resolved = await resolveOverview(user, new URL(request.url).searchParams, { strict: false });
  } catch (error) {
    if (error instanceof OverviewRequestError) throw new Response(error.message, { status: error.status });
    throw error;
  }
  const title = translate(locale, resolved.scope === "district" ? "overview.title" : "overview.titleSchool");
  const { campaign } = resolved;
  if (!campaign) return { title, scope: resolved.scope, view: null };
  const view =
    resolved.scope === "district"
      ? await districtPageData(user, { ...resolved, campaign }, locale)
      : await schoolPageData(user, { ...resolved, campaign }, locale);
  const canRemind = can(user, "remind:schools", { type: "district", districtId: user.districtId });
  // A link with a bad filter still shows the page (with the bad part named), but says 400.
  return data({ title, scope: resolved.scope, view, canRemind }, { status: resolved.problems.length > 0 ? 400 : 200 });
}

/**
 * The district office reminds the schools of the current filter. The filter comes from the
 * page's URL and is resolved again here: the schools are the server's answer, never a list the
 * browser sent.
 */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  if (!can(user, "remind:schools", { type: "district", districtId: user.districtId })) throw new Response("Forbidden", { status: 403 });
  const form = await readFormData(request);
  if (form.get("intent") !== REMINDER_INTENT) throw new Response("Unknown intent", { status: 400 });
  const raw = form.get("message");
  const message = typeof raw === "string" ? raw.replace(/\r\n?/g, "\n").trim() : "";
  if (!message) return data<ReminderResult>({ ok: false, error: "reminders.errors.empty" }, { status: 422 });
  if (message.length > REMINDER_MAX) return data<ReminderResult>({ ok: false, error: "reminders.errors.tooLong" }, { status: 422 });
  let resolved;
  try {
    resolved = await resolveOverview(user, new URL(request.url).searchParams, { strict: true });
  } catch (error) {
    if (error instanceof OverviewRequestError) throw new Response(error.message, { status: error.status });
    throw error;
  }
  if (!resolved.campaign || resolved.scope !== "district") throw new Response("No campaign", { status: 404 });
  const view = await districtPageData(user, { ...resolved, campaign: resolved.campaign }, await getLocale(request));
  const sent = await remindSchools(user, view.schools.map((l) => l.school), message);
  return data<ReminderResult>({ ok: true, ...sent });
}

export default function Overview() {
  const loaderData = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const view = loaderData.view;
  const live = useLiveOverview(view?.campaign.id ?? null);
  if (!view) {
    return (
      <section className="stack">
        <h1>{loaderData.title}</h1>
        <p className="notice">{t("overview.noCampaign")}</p>
      </section>
    );
  }
  return (
    <section className="stack ov-page">
      <header className="page-header">
        <div>
          <p className="eyebrow">{view.scope === "school" && view.line ? view.line.school.name : t("app.demoNotice")}</p>
          <h1>{loaderData.title}</h1>
          <p className="muted">
            {view.campaign.name} · {t("overview.deadline")}: <strong>{formatDate(view.campaign.deadline)}</strong>
          </p>
        </div>
        <LiveStatus state={live.state} updatedAt={live.updatedAt} />
      </header>
      {view.campaign.status === "closed" ? (
        <p className="notice notice-closed" data-testid="overview-closed">
          <strong>{t("overview.closed.title")}</strong> · {t("overview.closed.asOf", { date: view.campaign.closedOn ? formatDate(view.campaign.closedOn) : "—" })}
        </p>
      ) : null}
      {view.scope === "district" ? (
        <>
          <OverviewSummary data={view} query={view.query} />
          <p className="muted small">{t("overview.summary.behindRule")}</p>
          <FiltersForm query={view.query} campaigns={view.campaigns} campaignId={view.campaign.id} problems={view.problems} />
          <ExportLinks query={{ ...view.query, campaignId: view.campaign.id }} />
          {loaderData.canRemind ? <ReminderPanel count={view.schools.length} /> : null}
          <SchoolTable lines={view.schools} query={view.query} />
          <section className="ov-section" aria-labelledby="ov-charts">
            <h2 id="ov-charts">{t("overview.charts.title")}</h2>
            <div className="ov-charts">
              {view.charts.map((c) => (
                <ChartPanel key={c.title} {...c} />
              ))}
            </div>
          </section>
          <TargetsTable targets={view.targets} campaignSlug={view.campaign.slug} />
          <ComplianceMatrix matrix={view.matrix} columns={view.matrix.columns} />
        </>
      ) : (
        <>
          <div className="ov-summary">
            <DeadlineStat data={view} />
          </div>
          <SchoolOverview data={view} />
        </>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
