import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/i18n/format";
import type { SchoolStatus } from "./filters";
import { shortSchoolName } from "./labels";
import type { CellState, Matrix } from "./matrix.server";

// Each state has a symbol and a word, not only a colour: the matrix must read in greyscale
// and to a screen reader.
const SYMBOL: Record<CellState, string> = { done: "✓", in_progress: "◐", not_started: "○", overdue: "!", missing: "–" };
const LEGEND: CellState[] = ["done", "in_progress", "not_started", "overdue"];

type Column = Matrix["columns"][number] & { level: string; status: SchoolStatus };

export function ComplianceMatrix({ matrix, columns }: { matrix: Matrix; columns: Column[] }) {
  const { t } = useTranslation();
  const word = (s: CellState) => t(`overview.matrix.states.${s}`);
  return (
    // Not a landmark itself: the scrolling table below is the one region named by this heading.
    <section className="ov-section">
      <h2 id="ov-matrix">{t("overview.matrix.title")}</h2>
      <p className="muted small">{t("overview.matrix.intro")}</p>
      <ul className="ov-legend" aria-label={t("overview.matrix.legend")}>
        {LEGEND.map((s) => (
          <li key={s}>
            <span className={`ov-cell ov-cell-${s}`} aria-hidden="true">
              {SYMBOL[s]}
            </span>{" "}
            {word(s)}
          </li>
        ))}
      </ul>
      {matrix.requirements.length === 0 || columns.length === 0 ? (
        <p className="notice">{t("overview.matrix.empty")}</p>
      ) : (
        // The wrapper scrolls sideways on a phone; it is focusable so a keyboard can scroll it too.
        <div className="ov-scroll" role="region" aria-labelledby="ov-matrix" tabIndex={0}>
          <table className="ov-matrix" data-testid="matrix">
            <thead>
              <tr>
                <th scope="col" className="ov-matrix-corner">
                  {t("overview.matrix.requirement")}
                </th>
                {columns.map((c) => (
                  <th key={c.boardId} scope="col" className={`ov-matrix-school ov-col-${c.status}`}>
                    <Link to={`/schools/${c.slug}`} title={c.name}>
                      {shortSchoolName(c.name, c.level)}
                    </Link>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {matrix.requirements.map((r, i) => (
                <tr key={r.templateId}>
                  <th scope="row" className="ov-matrix-req">
                    <span>{r.title}</span>
                    {r.dueDate ? <span className="muted small"> · {t("overview.matrix.due", { date: formatDate(r.dueDate) })}</span> : null}
                  </th>
                  {columns.map((c) => {
                    const state: CellState | "unreadable" = c.status === "unreadable" ? "unreadable" : c.cells[i]!;
                    const text = state === "unreadable" ? t("overview.statuses.unreadable") : word(state);
                    return (
                      <td key={c.boardId} className={`ov-cell ov-cell-${state}`} title={`${c.name} — ${r.title}: ${text}`}>
                        <span aria-hidden="true">{state === "unreadable" ? "?" : SYMBOL[state]}</span>
                        <span className="ov-sr">{text}</span>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
