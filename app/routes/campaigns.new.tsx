import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireCampaignManager } from "~/features/campaigns/access.server";
import { CampaignForm, type CampaignFormValues } from "~/features/campaigns/campaign-form";
import { campaignDetailsSchema, detailsFromForm, fieldErrors } from "~/features/campaigns/schemas";
import { createCampaign } from "~/models/campaign.server";
import { PLAN_2023 } from "~/domain/plan-2023";
import { LEVELS } from "~/domain/vocabulary";
import { readFormData } from "~/utils/form.server";
import { pageTitle } from "~/utils/page-title";
import { registerMessages } from "~/i18n/i18n";
import { campaignsPages } from "~/i18n/pages";

// This page's own messages (app/i18n/pages.ts).
registerMessages(campaignsPages);

export const meta: MetaFunction = (args) => [...pageTitle(args, "Tạo kế hoạch")];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCampaignManager(request);
  return null;
}

// The district office issues every plan; the officer fills in the rest.
const EMPTY: CampaignFormValues = { name: "", planNumber: "", planDate: "", startDate: "", issuer: PLAN_2023.issuer, parentPlan: "", deadline: "", levels: [...LEVELS] };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCampaignManager(request);
  const raw = detailsFromForm(await readFormData(request));
  const parsed = campaignDetailsSchema.safeParse(raw);
  if (!parsed.success) return { values: raw, errors: fieldErrors(parsed.error) };
  const campaign = await createCampaign(user.districtId, parsed.data, user.userId);
  throw redirect(`/campaigns/${campaign.id}?done=created`);
}

export default function NewCampaign() {
  const { t } = useTranslation();
  const result = useActionData<typeof action>();
  const values: CampaignFormValues = result?.values ?? EMPTY;
  return (
    <section className="stack campaigns-page campaign-narrow">
      <header>
        <h1>{t("campaigns.form.createTitle")}</h1>
        <p className="muted">{t("campaigns.form.createIntro")}</p>
      </header>
      <CampaignForm values={values} errors={result?.errors ?? null} submitLabel={t("campaigns.form.create")} cancelTo="/campaigns" />
    </section>
  );
}
