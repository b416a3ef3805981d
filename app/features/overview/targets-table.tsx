import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { CriterionProgress } from "~/models/campaign-progress.server";

/**
 * Chỉ tiêu per criterion: the district's target, what the schools' boards measure, and which
 * schools reach it on their own board (each a link to that board in this campaign).
 */
export function TargetsTable({ targets, campaignSlug }: { targets: CriterionProgress[]; campaignSlug: string }) {
  const { t } = useTranslation();
  const anyTarget = targets.some((c) => c.target !== null);
  return (
    <section className="ov-section" aria-labelledby="ov-targets">
      <h2 id="ov-targets">{t("overview.targets.title")}</h2>
      <p className="muted small">{t("overview.targets.rule")}</p>
      {anyTarget ? null : <p className="notice">{t("overview.targets.none")}</p>}
      <div className="ov-scroll">
        <table className="ov-table ov-targets" data-testid="targets-table">
          <thead>
            <tr>
              <th scope="col">{t("overview.targets.criterion")}</th>
              <th scope="col">{t("overview.targets.target")}</th>
              <th scope="col">{t("overview.targets.measured")}</th>
              <th scope="col">{t("overview.targets.reached")}</th>
            </tr>
          </thead>
          <tbody>
            {targets.map((c) => {
              const met = c.target !== null && c.percent !== null && c.percent >= c.target;
              return (
                <tr key={c.criterion} data-criterion={c.criterion}>
                  <th scope="row">
                    <span className={`criterion criterion-${c.criterion}`}>{t(`criteria.${c.criterion}`)}</span>
                  </th>
                  <td>{c.target === null ? "—" : `${c.target}%`}</td>
                  <td className={c.target === null ? undefined : met ? "ov-met" : "ov-unmet"}>
                    {c.percent === null ? "—" : `${c.percent}%`}
                    {c.target !== null && c.percent !== null ? <span className="board-sr-only"> ({t(met ? "overview.targets.met" : "overview.targets.unmet")})</span> : null}
                  </td>
                  <td>
                    {c.target === null ? (
                      <span className="muted">—</span>
                    ) : (
                      <details className="ov-reached">
                        <summary>{t("overview.targets.reachedCount", { reached: c.schoolsAtTarget ?? 0, total: c.schools })}</summary>
                        {c.reached.length ? (
                          <ul>
                            {c.reached.map((s) => (
                              <li key={s.id}>
                                <Link to={`/schools/${s.slug}/${campaignSlug}`}>{s.name}</Link>
                              </li>
                            ))}
                          </ul>
                        ) : (
                          <p className="muted small">{t("overview.targets.noneReached")}</p>
                        )}
                      </details>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
