import { Form, Link, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LEVELS } from "~/domain/vocabulary";
import { FieldError, errorId } from "./field-error";

export type CampaignFormValues = {
  name: string;
  planNumber: string;
  planDate: string;
  startDate: string;
  issuer: string;
  parentPlan: string;
  deadline: string;
  levels: string[];
};

/** Name, plan number and date, issuer, parent plan, deadline and levels: create and edit alike. */
export function CampaignForm({
  values,
  errors,
  submitLabel,
  cancelTo,
}: {
  values: CampaignFormValues;
  errors: Record<string, string> | null;
  submitLabel: string;
  cancelTo: string;
}) {
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const text = (name: keyof CampaignFormValues, type = "text", hint?: string) => (
    <label className="field">
      <span>{t(`campaigns.fields.${name}`)}</span>
      <input
        name={name}
        type={type}
        defaultValue={values[name] as string}
        aria-invalid={errors?.[name] ? true : undefined}
        aria-describedby={errors?.[name] ? errorId(name) : undefined}
        required={name !== "parentPlan"}
      />
      {hint ? <small className="muted">{hint}</small> : null}
      <FieldError id={errorId(name)} code={errors?.[name]} />
    </label>
  );
  return (
    <Form method="post" className="campaign-form stack" noValidate>
      {errors ? (
        <p className="form-error" role="alert">
          {t("campaigns.form.hasErrors")}
        </p>
      ) : null}
      {text("name")}
      <div className="campaign-form-row">
        {text("planNumber")}
        {text("planDate", "date")}
        {text("startDate", "date", t("campaigns.fields.startDateHint"))}
      </div>
      {text("issuer")}
      {text("parentPlan", "text", t("campaigns.fields.parentPlanHint"))}
      {text("deadline", "date", t("campaigns.fields.deadlineHint"))}
      <fieldset className="field campaign-levels" aria-describedby={errors?.levels ? errorId("levels") : undefined}>
        <legend>{t("campaigns.fields.levels")}</legend>
        <div className="chips">
          {LEVELS.map((level) => (
            <label key={level} className="chip chip-check">
              <input type="checkbox" name="levels" value={level} defaultChecked={values.levels.includes(level)} />
              {t(`levels.${level}`)}
            </label>
          ))}
        </div>
        <FieldError id={errorId("levels")} code={errors?.levels} />
      </fieldset>
      <div className="campaign-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {submitLabel}
        </button>
        <Link to={cancelTo} className="btn btn-secondary">
          {t("campaigns.form.cancel")}
        </Link>
      </div>
    </Form>
  );
}
