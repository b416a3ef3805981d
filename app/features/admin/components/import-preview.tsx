import { useTranslation } from "react-i18next";
import { issueMessage, issueWhere } from "../import/format";
import type { ImportIssue } from "../import/issues";
import type { Plan, RowAction } from "../import/plan";
import { wardName } from "../text";

function ActionBadge({ action }: { action: RowAction }) {
  const { t } = useTranslation();
  return <span className={`badge row-${action}`}>{t(`admin.import.actions.${action}`)}</span>;
}

/** Every problem, grouped by sheet, each named by row and column. */
export function IssueList({ issues }: { issues: ImportIssue[] }) {
  const { t } = useTranslation();
  const groups = new Map<string, ImportIssue[]>();
  for (const issue of issues) {
    const key = issue.row === null && !issue.sheet ? "" : (issue.sheet ?? "");
    groups.set(key, [...(groups.get(key) ?? []), issue]);
  }
  return (
    <div className="issue-groups">
      {[...groups].map(([sheet, list]) => (
        <section key={sheet || "file"} className="stack">
          {sheet ? <h3>{t("admin.import.sheet", { sheet })}</h3> : null}
          <ul className="issue-list" data-testid="import-issues">
            {list.map((issue, i) => (
              <li key={i}>
                <strong>{issueWhere(t, issue)}</strong>
                {`: ${issueMessage(t, issue)}`}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

export function CountsLine({ counts }: { counts: { create: number; update: number; unchanged: number } }) {
  const { t } = useTranslation();
  return <span>{t("admin.import.counts", counts)}</span>;
}

/** The rows as they will be written, with what happens to each. */
export function PreviewTables({ plan }: { plan: Pick<Plan, "schools" | "people"> }) {
  const { t } = useTranslation();
  return (
    <>
      {plan.schools.length ? (
        <section className="stack">
          <h3>{t("admin.import.schoolRows", { count: plan.schools.length })}</h3>
          <div className="table-wrap">
            <table className="preview-table">
              <thead>
                <tr>
                  <th>{t("admin.import.row")}</th>
                  <th>{t("admin.schools.name")}</th>
                  <th>{t("admin.schools.level")}</th>
                  <th>{t("admin.schools.ward")}</th>
                  <th>{t("admin.schools.code")}</th>
                  <th>{t("admin.import.action")}</th>
                </tr>
              </thead>
              <tbody>
                {plan.schools.map((s) => (
                  <tr key={s.row}>
                    <td>{s.row}</td>
                    <td>{s.name}</td>
                    <td>{s.level}</td>
                    <td>{wardName(s.ward)}</td>
                    <td>{s.code}</td>
                    <td>
                      <ActionBadge action={s.action} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      {plan.people.length ? (
        <section className="stack">
          <h3>{t("admin.import.peopleRows", { count: plan.people.length })}</h3>
          <div className="table-wrap">
            <table className="preview-table">
              <thead>
                <tr>
                  <th>{t("admin.import.row")}</th>
                  <th>{t("admin.people.name")}</th>
                  <th>{t("admin.people.email")}</th>
                  <th>{t("admin.people.school")}</th>
                  <th>{t("admin.people.role")}</th>
                  <th>{t("admin.import.action")}</th>
                </tr>
              </thead>
              <tbody>
                {plan.people.map((p) => (
                  <tr key={p.row}>
                    <td>{p.row}</td>
                    <td>{p.name}</td>
                    <td className="break">{p.email}</td>
                    <td>{p.target?.name ?? "—"}</td>
                    <td>{t(`roles.${p.role}`)}</td>
                    <td>
                      <ActionBadge action={p.action} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </>
  );
}
