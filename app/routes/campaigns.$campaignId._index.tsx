import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { campaignForPage, requireCampaignManager } from "~/features/campaigns/access.server";
import { JobProgress } from "~/features/campaigns/job-progress";
import { LaunchPanel, PublishPanel } from "~/features/campaigns/release-panels";
import { fieldErrors, publishSchema, targetsFromForm, targetsSchema } from "~/features/campaigns/schemas";
import { StatusBadge } from "~/features/campaigns/status-badge";
import { TargetsPanel } from "~/features/campaigns/targets-panel";
import { VersionsList } from "~/features/campaigns/versions-list";
import { formatDate } from "~/i18n/format";
import {
  campaignJson,
  copyCampaign,
  countTargetSchools,
  criterionProgress,
  discardDraft,
  editableTemplate,
  isCampaignError,
  jobJson,
  latestJob,
  launchCampaign,
  listVersions,
  publishCampaign,
  setTargets,
} from "~/models/campaign.server";
import { getDb } from "~/utils/db.server";
import { readFormData } from "~/utils/form.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.campaign.name ?? ""} · Campaign Board` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireCampaignManager(request);
  const campaign = await campaignForPage(user, params.campaignId);
  const [editable, versions, job, criteria, schools, boards] = await Promise.all([
    editableTemplate(campaign),
    listVersions(campaign.id),
    latestJob(campaign.id),
    criterionProgress(campaign.id),
    countTargetSchools(campaign),
    getDb().board.count({ where: { campaignId: campaign.id } }),
  ]);
  const { template, isDraft, draftVersion, changes } = editable;
  return {
    campaign: campaignJson(campaign),
    template: { cards: template.cards.length, items: template.cards.reduce((n, c) => n + c.checklist.length, 0) },
    draft: { exists: isDraft, version: draftVersion, changes },
    versions,
    job: job && jobJson(job),
    criteria,
    schools,
    boards,
  };
}

type ActionResult = { error?: string; targetErrors?: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs): Promise<ActionResult> {
  const user = await requireCampaignManager(request);
  const campaign = await campaignForPage(user, params.campaignId);
  const form = await readFormData(request);
  const here = `/campaigns/${campaign.id}`;
  try {
    switch (form.get("intent")) {
      case "launch":
      case "resume":
        await launchCampaign(campaign, user.userId);
        throw redirect(here);
      case "publish": {
        const parsed = publishSchema.safeParse({ note: String(form.get("note") ?? "") });
        if (!parsed.success) return { error: "too_long" };
        const { started } = await publishCampaign(campaign, user.userId, parsed.data.note);
        throw redirect(started ? here : `${here}?done=nothing`);
      }
      case "discard":
        await discardDraft(campaign);
        throw redirect(here);
      case "copy": {
        const copy = await copyCampaign(campaign, user.userId);
        throw redirect(`/campaigns/${copy.id}?done=copied`);
      }
      case "targets": {
        const parsed = targetsSchema.safeParse(targetsFromForm(form));
        if (!parsed.success) return { targetErrors: fieldErrors(parsed.error) };
        await setTargets(campaign, parsed.data);
        throw redirect(`${here}?done=targets`);
      }
      default:
        throw new Response("Unknown intent", { status: 400 });
    }
  } catch (error) {
    if (isCampaignError(error)) return { error: error.code };
    throw error;
  }
}

export default function CampaignPage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const { campaign } = data;
  const done = params.get("done");
  const flash = done === "targets" ? "campaigns.targets.saved" : done ? `campaigns.page.${done === "nothing" ? "nothingToPublish" : done}` : null;
  return (
    <section className="stack campaigns-page">
      <header className="page-header">
        <div>
          <p className="eyebrow">
            <Link to="/campaigns">{t("campaigns.title")}</Link>
          </p>
          <h1>{campaign.name}</h1>
          <p className="campaign-meta">
            <StatusBadge status={campaign.status} />
            <span>
              {t("board.deadline")}: <strong>{formatDate(campaign.deadline)}</strong>
            </span>
            <span className="muted">{campaign.publishedVersion > 0 ? t("campaigns.version", { version: campaign.publishedVersion }) : t("campaigns.noVersion")}</span>
          </p>
        </div>
      </header>
      {flash ? (
        <p className="notice" role="status">
          {t(flash)}
        </p>
      ) : null}
      {result?.error ? (
        <p className="form-error" role="alert">
          {t(`campaigns.errors.${result.error}`, { defaultValue: t("campaigns.errors.invalid") })}
        </p>
      ) : null}

      <div className="campaign-grid">
        <div className="stack">
          {campaign.status === "draft" ? (
            <LaunchPanel campaignId={campaign.id} schools={data.schools} template={data.template} />
          ) : (
            <PublishPanel campaignId={campaign.id} draft={data.draft} template={data.template} />
          )}
          {data.job ? <JobProgress campaignId={campaign.id} initial={data.job} /> : null}
          {campaign.status !== "draft" ? <TargetsPanel criteria={data.criteria} errors={result?.targetErrors ?? null} /> : null}
        </div>
        <div className="stack">
          <CampaignDetails campaign={campaign} boards={data.boards} />
          {campaign.status === "draft" ? <TargetsPanel criteria={data.criteria} errors={result?.targetErrors ?? null} /> : null}
          <VersionsList versions={data.versions} />
        </div>
      </div>
    </section>
  );
}

function CampaignDetails({ campaign, boards }: { campaign: ReturnType<typeof campaignJson>; boards: number }) {
  const { t } = useTranslation();
  const row = (label: string, value: React.ReactNode) => (
    <div className="detail-row">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
  return (
    <section className="campaign-panel" aria-labelledby="details-title">
      <h2 id="details-title">{t("campaigns.page.details")}</h2>
      <dl className="details-list">
        {row(t("campaigns.fields.planNumber"), `${campaign.planNumber} · ${formatDate(campaign.planDate)}`)}
        {row(t("campaigns.fields.issuer"), campaign.issuer)}
        {campaign.parentPlan ? row(t("campaigns.fields.parentPlan"), campaign.parentPlan) : null}
        {row(t("campaigns.fields.levels"), campaign.levels.map((l) => t(`levels.${l}`)).join(", "))}
        {row(t("campaigns.page.schoolBoards"), t("campaigns.boardsCount", { count: boards }))}
      </dl>
      {campaign.copiedFromId ? <p className="muted small">{t("campaigns.copiedFrom")}</p> : null}
      <div className="campaign-actions">
        {campaign.status === "draft" ? (
          <Link to={`/campaigns/${campaign.id}/edit`} className="btn btn-secondary">
            {t("campaigns.page.editDetails")}
          </Link>
        ) : null}
        <Form method="post" className="inline-form">
          <button type="submit" name="intent" value="copy" className="btn btn-secondary" title={t("campaigns.page.copyHint")}>
            {t("campaigns.page.copy")}
          </button>
        </Form>
      </div>
    </section>
  );
}
