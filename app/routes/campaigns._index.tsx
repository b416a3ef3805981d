import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireCampaignManager } from "~/features/campaigns/access.server";
import { StatusBadge } from "~/features/campaigns/status-badge";
import { formatDate } from "~/i18n/format";
import { byUrgency } from "~/domain";
import { listCampaigns } from "~/models/campaign.server";
import { pageTitle } from "~/utils/page-title";
import { registerMessages } from "~/i18n/i18n";
import { campaignsPages } from "~/i18n/pages";

// This page's own messages (app/i18n/pages.ts).
registerMessages(campaignsPages);

export const meta: MetaFunction = (args) => [...pageTitle(args, "Kế hoạch")];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCampaignManager(request);
  const campaigns = byUrgency(await listCampaigns(user.districtId));
  // Several campaigns can run at once: every active one is current, closed ones are past.
  const group = (c: (typeof campaigns)[number]) => (c.status === "active" ? "current" : c.status === "draft" ? "draft" : "past");
  return {
    groups: (["current", "draft", "past"] as const)
      .map((key) => ({ key, campaigns: campaigns.filter((c) => group(c) === key) }))
      .filter((g) => g.campaigns.length > 0),
  };
}

export default function Campaigns() {
  const { groups } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section className="stack campaigns-page">
      <header className="page-header">
        <div>
          <h1>{t("campaigns.title")}</h1>
          <p className="muted">{t("campaigns.intro")}</p>
        </div>
        <Link to="/campaigns/new" className="btn btn-primary">
          {t("campaigns.create")}
        </Link>
      </header>
      {groups.length === 0 ? <p className="notice">{t("campaigns.empty")}</p> : null}
      {groups.map((g) => (
        <section key={g.key} aria-labelledby={`group-${g.key}`} className="stack">
          <h2 id={`group-${g.key}`}>{t(`campaigns.groups.${g.key}`)}</h2>
          <ul className="campaign-list">
            {g.campaigns.map((c) => (
              <li key={c.id} className="campaign-row">
                <Link to={`/campaigns/${c.id}`} className="campaign-row-name">
                  {c.name}
                </Link>
                <StatusBadge status={c.status} />
                <span className="muted small">
                  {c.planNumber} · {formatDate(c.planDate)}
                </span>
                <span className="small">
                  {t("board.deadline")}: <strong>{formatDate(c.deadline)}</strong>
                </span>
                <span className="muted small">
                  {c.levels.map((l) => t(`levels.${l}`)).join(", ")} · {t("campaigns.boardsCount", { count: c.boards })} ·{" "}
                  {c.publishedVersion > 0 ? t("campaigns.version", { version: c.publishedVersion }) : t("campaigns.noVersion")}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}
