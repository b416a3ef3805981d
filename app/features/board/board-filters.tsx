import { useSearchParams } from "@remix-run/react";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Icon, SearchIcon } from "~/components/icons";
import { CRITERIA, type Criterion } from "~/domain";
import { isFiltering, readFilter, writeFilter, type BoardFilter } from "./board-filters-logic";

/** The filter as the URL says it, and a setter that replaces the URL (no new history entry per key). */
export function useBoardFilter(): [BoardFilter, (patch: Partial<BoardFilter>) => void] {
  const [params, setParams] = useSearchParams();
  const filter = readFilter(params);
  const set = (patch: Partial<BoardFilter>) => setParams((p) => writeFilter(p, patch), { replace: true, preventScrollReset: true });
  return [filter, set];
}

/** Search and filters above the columns; "n of m cards shown" says what is hidden. */
export function BoardFilters({ filter, onChange, shown, total }: { filter: BoardFilter; onChange: (patch: Partial<BoardFilter>) => void; shown: number; total: number }) {
  const { t } = useTranslation();
  const id = useId();
  // On a phone the filters other than the search fold behind one button, to keep the cards high up.
  const [open, setOpen] = useState(false);
  const active = [filter.mine, filter.overdue, filter.criterion !== null].filter(Boolean).length;
  return (
    <search className={`board-filters${open ? " board-filters-open" : ""}`} aria-label={t("board.filter.label")}>
      <div className="board-filter-search">
        <label htmlFor={`${id}-q`} className="board-sr-only">
          {t("board.filter.search")}
        </label>
        <Icon of={SearchIcon} />
        <input
          id={`${id}-q`}
          type="search"
          value={filter.q}
          placeholder={t("board.filter.search")}
          maxLength={100}
          onChange={(e) => onChange({ q: e.target.value })}
        />
      </div>
      <button type="button" className="btn board-btn-secondary board-filter-more-toggle" aria-expanded={open} aria-controls={`${id}-more`} onClick={() => setOpen((o) => !o)}>
        {active > 0 ? t("board.filter.moreActive", { count: active }) : t("board.filter.more")}
      </button>
      <div id={`${id}-more`} className="board-filter-more">
      <label className="board-toggle">
        <input type="checkbox" checked={filter.mine} onChange={(e) => onChange({ mine: e.target.checked })} />
        {t("board.filter.mine")}
      </label>
      <label className="board-toggle">
        <input type="checkbox" checked={filter.overdue} onChange={(e) => onChange({ overdue: e.target.checked })} />
        {t("board.filter.overdue")}
      </label>
      <label className="board-filter-select">
        <span className="board-sr-only">{t("board.filter.criterion")}</span>
        <select value={filter.criterion ?? ""} onChange={(e) => onChange({ criterion: (e.target.value || null) as Criterion | null })}>
          <option value="">{t("board.filter.anyCriterion")}</option>
          {CRITERIA.map((c) => (
            <option key={c} value={c}>
              {t(`criteria.${c}`)}
            </option>
          ))}
        </select>
      </label>
      </div>
      {isFiltering(filter) ? (
        <p className="board-filter-count" role="status">
          {t("board.filter.shown", { shown, total })}{" "}
          <button type="button" className="board-link-btn" onClick={() => onChange({ mine: false, criterion: null, overdue: false, q: "" })}>
            {t("board.filter.clear")}
          </button>
        </p>
      ) : null}
    </search>
  );
}
