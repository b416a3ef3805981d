import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { campaignForPage, requireCampaignManager } from "~/features/campaigns/access.server";
import { JobProgress } from "~/features/campaigns/job-progress";
import { LateJoiners } from "~/features/campaigns/late-joiners";
import { LaunchPanel, LifecyclePanel, PublishPanel } from "~/features/campaigns/release-panels";
import { closeCampaign, lateJoiners, leaveOut, reopenCampaign } from "~/models/campaign-lifecycle.server";
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
import { pageTitle } from "~/utils/page-title";
import { z } from "zod";
import { registerMessages } from "~/i18n/i18n";
import { campaignsPages } from "~/i18n/pages";

// This page's own messages (app/i18n/pages.ts).
registerMessages(campaignsPages);

export const meta: MetaFunction<typeof loader> = (args) => [...pageTitle(args, args.data?.campaign.name)];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireCampaignManager(request);
  const campaign = await campaignForPage(user, params.campaignId);
  const [editable, versions, job, criteria, schools, boards, joiners] = await Promise.all([
    editableTemplate(campaign),
    listVersions(campaign.id),
    latestJob(campaign.id),
    criterionProgress(campaign.id),
    countTargetSchools(campaign),
    getDb().board.count({ where: { campaignId: campaign.id } }),
    campaign.status === "active" ? lateJoiners(campaign) : Promise.resolve([]),
  ]);
  const { template, isDraft, draftVersion, changes } = editable;
  return {
    campaign: campaignJson(campaign),
    template: { cards: template.cards.length, items: template.cards.reduce((n, c) => n + c.checklist.length, 0) },
    draft: { exists: isDraft, version: draftVersion, changes },
    versions,
    job: job && (await jobJson(job)),
    criteria,
    schools,
    boards,
    lateJoiners: joiners,
  };
}

type LaunchIssue = { path: string; code: string; card: string | null; field: string };
type ActionResult = { error?: string; targetErrors?: Record<string, string>; issues?: LaunchIssue[] };

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
      case "close":
        await closeCampaign(campaign, user.userId);
        throw redirect(`${here}?done=closed`);
      case "reopen":
        await reopenCampaign(campaign, user.userId);
        throw redirect(`${here}?done=reopened`);
      case "leaveOut": {
        const schoolId = z.string().min(1).max(64).safeParse(form.get("schoolId"));
        if (!schoolId.success) return { error: "invalid" };
        await leaveOut(campaign, schoolId.data, user.userId);
        throw redirect(`${here}?done=leftOut`);
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
    if (!isCampaignError(error)) throw error;
    if (error.issues.length === 0) return { error: error.code };
    // Launching a template with problems lists every one, each named by its card.
    const { template } = await editableTemplate(campaign);
    const issues = error.issues.map((i) => {
      const [, index, field = "", ...rest] = i.path.split(".");
      const card = index === undefined ? null : (template.cards[Number(index)]?.title ?? null);
      return { path: i.path, code: i.code, card, field: rest.length ? `${field}.${rest.join(".")}` : field };
    });
    return { error: error.code, issues };
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
        <div className="form-error" role="alert" data-testid="campaign-error">
          <p>{result.issues?.length ? t("campaigns.page.launchIssues", { count: result.issues.length }) : t(`campaigns.errors.${result.error}`, { defaultValue: t("campaigns.errors.invalid") })}</p>
          {result.issues?.length ? (
            <ul className="launch-issues">
              {result.issues.map((i) => (
                <li key={`${i.path}-${i.code}`}>
                  {i.card ? <strong>{i.card}</strong> : null} {i.field ? `(${t(`campaigns.editor.${i.field.split(".")[0]}`, { defaultValue: i.field })})` : null}: {t(`campaigns.errors.${i.code}`, { defaultValue: t("campaigns.errors.invalid") })}
                </li>
              ))}
            </ul>
          ) : null}
          {result.issues?.length ? (
            <p>
              <Link to={`/campaigns/${campaign.id}/template`}>{t("campaigns.page.fixInEditor")}</Link>
            </p>
          ) : null}
        </div>
      ) : null}

      <div className="campaign-grid">
        <div className="stack">
          {campaign.status === "draft" ? (
            <LaunchPanel campaignId={campaign.id} schools={data.schools} template={data.template} />
          ) : (
            <PublishPanel campaignId={campaign.id} draft={data.draft} template={data.template} schools={data.schools} />
          )}
          <LifecyclePanel status={campaign.status} closedOn={campaign.closedOn} boards={data.boards} />
          {data.lateJoiners.length > 0 ? <LateJoiners joiners={data.lateJoiners} /> : null}
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
