import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { validateTemplate, type TemplateIssue } from "~/domain/template";
import { campaignSpan } from "~/models/campaign-common.server";
import { campaignForPage, requireCampaignManager } from "~/features/campaigns/access.server";
import { TemplateEditor } from "~/features/campaigns/template-editor";
import { formatDate } from "~/i18n/format";
import { campaignJson, editableTemplate, isCampaignError, saveDraft } from "~/models/campaign.server";
import { readFormData } from "~/utils/form.server";
import { pageTitle } from "~/utils/page-title";
import { registerMessages } from "~/i18n/i18n";
import { campaignsPages } from "~/i18n/pages";

// This page's own messages (app/i18n/pages.ts).
registerMessages(campaignsPages);

export const meta: MetaFunction<typeof loader> = (args) => [...pageTitle(args, `Mẫu công việc · ${args.data?.campaign.name ?? ""}`)];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireCampaignManager(request);
  const campaign = await campaignForPage(user, params.campaignId);
  const { template, isDraft, draftVersion } = await editableTemplate(campaign);
  const span = campaignSpan(campaign);
  // Every problem is shown as soon as the editor opens (a copied plan may not fit its new dates).
  const checked = validateTemplate(template, span);
  return { campaign: campaignJson(campaign), template, isDraft, draftVersion, span, openIssues: checked.ok ? [] : checked.issues };
}

export async function action({ request, params }: ActionFunctionArgs): Promise<{ issues: TemplateIssue[]; error?: string }> {
  const user = await requireCampaignManager(request);
  const campaign = await campaignForPage(user, params.campaignId);
  let content: unknown;
  try {
    content = JSON.parse(String((await readFormData(request)).get("content") ?? ""));
  } catch {
    return { issues: [{ path: "cards", code: "invalid", message: "not JSON" }] };
  }
  try {
    await saveDraft(campaign, content, user.userId);
  } catch (error) {
    if (isCampaignError(error)) return { issues: error.issues, error: error.issues.length ? undefined : error.code };
    throw error;
  }
  throw redirect(`/campaigns/${campaign.id}?done=saved`);
}

export default function TemplatePage() {
  const { campaign, template, isDraft, draftVersion, span, openIssues } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <section className="stack campaigns-page">
      <header className="page-header">
        <div>
          <p className="eyebrow">
            <Link to={`/campaigns/${campaign.id}`}>{campaign.name}</Link>
          </p>
          <h1>{t("campaigns.editor.title")}</h1>
          <p className="muted">{t("campaigns.editor.intro", { deadline: formatDate(campaign.deadline) })}</p>
          <p className="small">
            {isDraft || campaign.publishedVersion === 0
              ? t("campaigns.editor.draftOf", { version: draftVersion })
              : t("campaigns.editor.basedOnPublished", { version: campaign.publishedVersion })}
          </p>
        </div>
      </header>
      {result?.error ? (
        <p className="form-error" role="alert">
          {t(`campaigns.errors.${result.error}`, { defaultValue: t("campaigns.errors.invalid") })}
        </p>
      ) : null}
      <TemplateEditor initial={template} span={span} campaignId={campaign.id} issues={result?.issues ?? openIssues} />
    </section>
  );
}
