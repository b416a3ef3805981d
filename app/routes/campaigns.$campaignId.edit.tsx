import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { campaignForPage, requireCampaignManager } from "~/features/campaigns/access.server";
import { CampaignForm } from "~/features/campaigns/campaign-form";
import { campaignDetailsSchema, detailsFromForm, fieldErrors } from "~/features/campaigns/schemas";
import { campaignJson, updateDetails } from "~/models/campaign.server";
import { readFormData } from "~/utils/form.server";
import { pageTitle } from "~/utils/page-title";
import { registerMessages } from "~/i18n/i18n";
import { campaignsPages } from "~/i18n/pages";

// This page's own messages (app/i18n/pages.ts).
registerMessages(campaignsPages);

export const meta: MetaFunction = (args) => [...pageTitle(args, "Sửa kế hoạch")];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireCampaignManager(request);
  const campaign = await campaignForPage(user, params.campaignId);
  // Schools plan against a launched campaign's details: they are fixed from then on.
  if (campaign.status !== "draft") throw redirect(`/campaigns/${campaign.id}`);
  return { campaign: campaignJson(campaign) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireCampaignManager(request);
  const campaign = await campaignForPage(user, params.campaignId);
  const raw = detailsFromForm(await readFormData(request));
  const parsed = campaignDetailsSchema.safeParse(raw);
  if (!parsed.success) return { values: raw, errors: fieldErrors(parsed.error) };
  await updateDetails(campaign, parsed.data);
  throw redirect(`/campaigns/${campaign.id}`);
}

export default function EditCampaign() {
  const { campaign } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <section className="stack campaigns-page campaign-narrow">
      <header>
        <p className="eyebrow">{campaign.name}</p>
        <h1>{t("campaigns.form.editTitle")}</h1>
      </header>
      <CampaignForm values={result?.values ?? campaign} errors={result?.errors ?? null} submitLabel={t("campaigns.form.save")} cancelTo={`/campaigns/${campaign.id}`} />
    </section>
  );
}
