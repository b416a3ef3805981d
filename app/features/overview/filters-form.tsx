import { Form, Link, useSubmit } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CATEGORIES, CRITERIA, LEVELS, WARDS } from "~/domain";
import { overviewSearch, REPORT_FILTERS, SCHOOL_STATUSES, type OverviewQuery, type QueryProblem } from "./filters";

type Props = {
  query: OverviewQuery;
  campaigns: { id: string; name: string; status?: string }[];
  campaignId: string;
  problems: QueryProblem[];
};

/** A plain GET form: works without JavaScript, and every view is a link that can be shared. */
export function FiltersForm({ query, campaigns, campaignId, problems }: Props) {
  const { t } = useTranslation();
  const submit = useSubmit();
  const f = query.filters;
  const select = (name: string, value: string | undefined, options: { value: string; label: string }[]) => (
    <label className="ov-field">
      <span>{t(`overview.filters.${name}`)}</span>
      <select name={name} defaultValue={value ?? ""} key={`${name}-${value ?? ""}`}>
        <option value="">{t("overview.filters.all")}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <Form method="get" className="ov-filters" onChange={(e) => submit(e.currentTarget, { preventScrollReset: true })} aria-label={t("overview.filters.legend")}>
      {problems.length > 0 ? (
        <div className="notice notice-error ov-wide" role="alert" data-testid="filter-problems">
          <p>{t("overview.filters.invalid")}</p>
          <ul>
            {problems.map((p) => (
              <li key={`${p.param}-${p.value}`}>
                {p.kind === "unknown"
                  ? t("overview.filters.unknownParam", { param: p.param })
                  : p.kind === "repeated"
                    ? t("overview.filters.repeatedParam", { param: p.param })
                    : t("overview.filters.invalidValue", { param: p.param, value: p.value })}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {campaigns.length > 1 ? (
        <label className="ov-field ov-wide">
          <span>{t("overview.filters.campaign")}</span>
          <select name="campaignId" defaultValue={campaignId} key={campaignId}>
            {campaigns.map((c) => (
              <option key={c.id} value={c.id}>
                {c.status === "closed" ? `${c.name} — ${t("campaigns.status.closed")}` : c.name}
              </option>
            ))}
          </select>
        </label>
      ) : query.campaignId ? (
        <input type="hidden" name="campaignId" value={query.campaignId} />
      ) : null}
      {select("level", f.level, LEVELS.map((l) => ({ value: l, label: t(`levels.${l}`) })))}
      {select("ward", f.ward, WARDS.map((w) => ({ value: w.slug, label: w.name })))}
      {select("category", f.category, CATEGORIES.map((c) => ({ value: c, label: t(`categories.${c}`) })))}
      {select("criterion", f.criterion, CRITERIA.map((c) => ({ value: c, label: t(`criteria.${c}`) })))}
      {select("status", f.status, SCHOOL_STATUSES.map((s) => ({ value: s, label: t(`overview.statuses.${s}`) })))}
      {select("report", f.report, REPORT_FILTERS.map((s) => ({ value: s, label: t(`overview.reportFilter.${s}`) })))}
      {query.sort !== "ward" ? <input type="hidden" name="sort" value={query.sort} /> : null}
      {query.dir !== "asc" ? <input type="hidden" name="dir" value={query.dir} /> : null}
      <div className="ov-filter-actions">
        <button type="submit" className="btn btn-primary">
          {t("overview.filters.apply")}
        </button>
        <Link to={overviewSearch({ campaignId: query.campaignId })} className="btn ov-btn-light">
          {t("overview.filters.clear")}
        </Link>
      </div>
      {f.category || f.criterion ? <p className="muted small ov-wide">{t("overview.filters.cardFilterNote")}</p> : null}
    </Form>
  );
}

/** Downloads of the current view (same filters, same order). */
export function ExportLinks({ query }: { query: OverviewQuery }) {
  const { t } = useTranslation();
  const search = overviewSearch(query);
  const withView = (view: string) => `${search ? `${search}&` : "?"}view=${view}`;
  return (
    <nav className="ov-exports" aria-label={t("overview.export.title")}>
      <span className="muted small">{t("overview.export.title")}:</span>
      <a href={`/overview/export.xlsx${search}`} className="btn ov-btn-light" download>
        {t("overview.export.xlsx")}
      </a>
      <a href={`/overview/export.csv${withView("schools")}`} className="btn ov-btn-light" download>
        {t("overview.export.csv")}
      </a>
      <a href={`/overview/export.csv${withView("matrix")}`} className="btn ov-btn-light" download>
        {t("overview.export.csvMatrix")}
      </a>
    </nav>
  );
}
