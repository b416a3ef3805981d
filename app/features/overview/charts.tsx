import { lazy, Suspense, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

export type ChartRow = { label: string; [series: string]: string | number };
export type ChartProps = { rows: ChartRow[]; series: { key: string; name: string }[]; axisLabel: string; labelWidth?: number };

// recharts measures the DOM, so the charts render in the browser only (a .client module,
// loaded lazily so its weight stays off the first paint). The server renders the same figures
// as a table, which stays on the page for screen readers and for printing.
const PercentBarChart = lazy(() => import("./bar-chart.client"));

function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

export type ChartTableRow = { label: string; cells: (string | number)[] };

export function ChartPanel({ title, chart, table, wide }: { title: string; chart: ChartProps; table: { headers: string[]; rows: ChartTableRow[] }; wide?: boolean }) {
  const { t } = useTranslation();
  const hydrated = useHydrated();
  const id = `chart-${title.replace(/\W+/g, "-")}`;
  const dataTable = (
    <table className="ov-data-table">
      <thead>
        <tr>
          {table.headers.map((h) => (
            <th key={h} scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.map((r) => (
          <tr key={r.label}>
            <th scope="row">{r.label}</th>
            {r.cells.map((c, i) => (
              <td key={i} className="ov-num">
                {c}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <figure className={`ov-chart${wide ? " ov-chart-wide" : ""}`} aria-labelledby={id}>
      <figcaption id={id}>{title}</figcaption>
      {hydrated ? (
        <>
          <div aria-hidden="true" className="ov-chart-canvas">
            <Suspense fallback={dataTable}>
              <PercentBarChart {...chart} />
            </Suspense>
          </div>
          <details className="ov-chart-data">
            <summary>{t("overview.charts.data")}</summary>
            {dataTable}
          </details>
        </>
      ) : (
        dataTable
      )}
    </figure>
  );
}
