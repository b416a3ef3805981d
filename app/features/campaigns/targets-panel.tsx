import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatPercent } from "~/i18n/format";
import type { CriterionProgress } from "~/models/campaign-progress.server";
import { FieldError, errorId } from "./field-error";

/** chỉ tiêu per criterion beside what the schools' boards measure, with the form that sets them. */
export function TargetsPanel({ criteria, errors }: { criteria: CriterionProgress[]; errors: Record<string, string> | null }) {
  const { t, i18n } = useTranslation();
  const busy = useNavigation().formData?.get("intent") === "targets";
  return (
    <section className="campaign-panel" aria-labelledby="targets-title">
      <h2 id="targets-title">{t("campaigns.targets.title")}</h2>
      <p className="muted small">{t("campaigns.targets.intro")}</p>
      <Form method="post" className="targets-form">
        <input type="hidden" name="intent" value="targets" />
        <table className="targets-table">
          <thead>
            <tr>
              <th scope="col">{t("campaigns.targets.criterion")}</th>
              <th scope="col">{t("campaigns.targets.target")}</th>
              <th scope="col">{t("campaigns.targets.measured")}</th>
              <th scope="col">{t("campaigns.targets.schoolsAtTarget")}</th>
            </tr>
          </thead>
          <tbody>
            {criteria.map((c) => {
              const reached = c.target !== null && c.percent !== null && c.percent >= c.target;
              const error = errors?.[c.criterion];
              return (
                <tr key={c.criterion} data-criterion={c.criterion}>
                  <th scope="row">
                    <span className={`criterion criterion-${c.criterion}`}>{t(`criteria.${c.criterion}`)}</span>
                  </th>
                  <td>
                    <input
                      className="target-input"
                      name={`target-${c.criterion}`}
                      inputMode="numeric"
                      defaultValue={c.target ?? ""}
                      placeholder="—"
                      title={t("campaigns.targets.noTarget")}
                      aria-label={`${t("campaigns.targets.target")} · ${t(`criteria.${c.criterion}`)}`}
                      aria-invalid={error ? true : undefined}
                      aria-describedby={error ? errorId(`target-${c.criterion}`) : undefined}
                    />
                    <FieldError id={errorId(`target-${c.criterion}`)} code={error} />
                  </td>
                  <td>
                    {c.percent === null ? (
                      <span className="muted">{t("campaigns.targets.noData")}</span>
                    ) : (
                      <div className="target-measure">
                        <div className="target-bar" aria-hidden="true">
                          <span className="target-fill" style={{ width: `${Math.min(100, c.percent)}%` }} />
                          {c.target !== null ? <span className="target-mark" style={{ left: `${c.target}%` }} /> : null}
                        </div>
                        <span className={c.target === null ? "" : reached ? "target-ok" : "target-below"}>
                          <strong>{formatPercent(c.percent, i18n.language)}</strong>
                          {c.target !== null ? <span className="visually-hidden"> · {t(reached ? "campaigns.targets.reached" : "campaigns.targets.below")}</span> : null}
                        </span>
                        <span className="muted small">{t("campaigns.targets.items", c)}</span>
                      </div>
                    )}
                  </td>
                  <td>{c.schoolsAtTarget === null ? "—" : t("campaigns.targets.schoolsValue", { count: c.schoolsAtTarget, total: c.schools })}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <button type="submit" className="btn btn-secondary" disabled={busy}>
          {t("campaigns.targets.save")}
        </button>
      </Form>
    </section>
  );
}
