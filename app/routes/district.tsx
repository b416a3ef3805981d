import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { LEVELS, WARDS } from "~/domain";
import { formatDate } from "~/i18n/format";
import { CampaignPicker } from "~/components/campaign-picker";
import { deadlineDate, visibleCampaigns } from "~/models/board.server";
import { progressFromStat } from "~/models/projection.server";
import { getDb } from "~/utils/db.server";
import { requirePermission } from "~/utils/permissions.server";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction = (args) => [...pageTitle(args, "Các trường")];

const filtersSchema = z.object({
  level: z.enum(LEVELS).optional().catch(undefined),
  campaign: z.string().max(100).optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "view:district", (u) => ({ type: "district", districtId: u.districtId }));
  const filters = filtersSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const db = getDb();
  const [district, campaigns, schools] = await Promise.all([
    db.district.findUniqueOrThrow({ where: { id: user.districtId } }),
    visibleCampaigns(user.districtId),
    db.school.findMany({
      where: { districtId: user.districtId, active: true, ...(filters.level ? { level: filters.level } : {}) },
      orderBy: [{ ward: "asc" }, { level: "asc" }],
      include: { boards: { select: { id: true, campaignId: true, stat: { select: { itemsDone: true, itemsTotal: true, error: true } } } } },
    }),
  ]);
  // ?campaign=<slug> picks one; otherwise the most urgent open campaign (app/domain/campaign).
  const campaign = filters.campaign ? campaigns.find((c) => c.slug === filters.campaign) : campaigns[0];
  if (filters.campaign && !campaign) throw new Response("Not found", { status: 404 });
  const levels = campaign ? campaign.levels.split(",") : [];
  return {
    district: { name: district.name },
    campaign: campaign && { id: campaign.id, slug: campaign.slug, name: campaign.name, deadline: deadlineDate(campaign.deadline), status: campaign.status },
    campaigns: campaigns.map((c) => ({ id: c.id, slug: c.slug, name: c.name, deadline: deadlineDate(c.deadline), status: c.status })),
    level: filters.level ?? null,
    // The schools the campaign covers (its levels); a school of such a level without a board shows "—".
    schools: schools.filter((s) => !campaign || levels.includes(s.level)).map((s) => {
      const board = s.boards.find((b) => b.campaignId === campaign?.id);
      return {
        slug: s.slug,
        href: board && campaign ? `/schools/${s.slug}/${campaign.slug}` : `/schools/${s.slug}`,
        name: s.name,
        level: s.level,
        ward: WARDS.find((w) => w.slug === s.ward)?.name ?? s.ward,
        progress: progressFromStat(board?.stat),
        unreadable: Boolean(board && (!board.stat || board.stat.error)),
      };
    }),
  };
}

export default function District() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const [params] = useSearchParams();
  return (
    <section className="stack">
      <header className="page-header">
        <div>
          <p className="eyebrow">{data.district.name}</p>
          <h1>{t("district.title")}</h1>
          {data.campaign ? (
            <p className="muted">
              {data.campaign.name} · {t("board.deadline")}: <strong>{formatDate(data.campaign.deadline)}</strong>
            </p>
          ) : null}
        </div>
        <p className="demo-badge">{t("app.demoNotice")}</p>
      </header>
      <CampaignPicker
        campaigns={data.campaigns}
        currentId={data.campaign?.id ?? null}
        hrefFor={(c) => {
          const next = new URLSearchParams(params);
          next.set("campaign", c.slug);
          return `?${next}`;
        }}
        label={t("district.campaignPicker")}
      />
      {data.campaign?.status === "closed" ? <p className="notice notice-closed">{t("district.closedCampaign")}</p> : null}
      {data.campaign ? (
        <p>
          <Link to={`/overview?campaignId=${data.campaign.id}`} className="btn btn-primary">
            {t("overview.openFromDistrict")}
          </Link>
        </p>
      ) : null}
      <nav className="chips" aria-label={t("district.filterLevel")}>
        {[null, ...LEVELS].map((level) => {
          const next = new URLSearchParams(params);
          if (level) next.set("level", level);
          else next.delete("level");
          const active = (data.level ?? null) === level;
          return (
            <Link key={level ?? "all"} to={`?${next}`} className={`chip${active ? " chip-active" : ""}`} aria-current={active ? "page" : undefined}>
              {level ? t(`levels.${level}`) : t("district.all")}
            </Link>
          );
        })}
      </nav>
      <p className="muted">{t("district.count", { count: data.schools.length })}</p>
      <ul className="school-list">
        {data.schools.map((s) => (
          <li key={s.slug} className="school-row">
            <Link to={s.href} className="school-name">
              {s.name}
            </Link>
            <span className={`level-tag level-${s.level}`}>{t(`levels.${s.level}`)}</span>
            <span className="muted">{s.ward}</span>
            {s.progress ? (
              <span className="progress-inline" aria-label={t("board.progressValue", s.progress)}>
                <progress max={s.progress.total} value={s.progress.done} />
                <span>
                  {s.progress.done}/{s.progress.total}
                </span>
              </span>
            ) : s.unreadable ? (
              <span className="ov-unreadable">{t("overview.statuses.unreadable")}</span>
            ) : (
              <span className="muted">—</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
