import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Pager } from "~/features/admin/components/pager";
import { requireDistrict } from "~/features/admin/guard.server";
import { formatDateTime } from "~/i18n/format";
import { listAudit } from "~/models/audit.server";

const ENTITIES = ["school", "person", "invitation", "import", "report", "evidence", "reminder", "campaign"] as const;
const querySchema = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
  entity: z.enum(ENTITIES).optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireDistrict(request, "view:audit");
  const query = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return { ...query, ...(await listAudit(query)) };
}

/** One line of what changed: "role: Giáo viên → Hiệu trưởng". Values are shown as stored, roles translated. */
function Changes({ changes }: { changes: unknown }) {
  const { t } = useTranslation();
  if (!changes || typeof changes !== "object") return null;
  const show = (field: string, v: unknown) => (v === null || v === undefined || v === "" ? "—" : field === "role" ? t(`roles.${v}`) : String(v));
  return (
    <ul className="changes small">
      {Object.entries(changes as Record<string, [unknown, unknown]>).map(([field, [from, to]]) => (
        <li key={field}>{`${t(`admin.audit.fields.${field}`, { defaultValue: field })}: ${show(field, from)} → ${show(field, to)}`}</li>
      ))}
    </ul>
  );
}

export default function AuditLog() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="stack">
      <Form method="get" className="filters">
        <select name="entity" defaultValue={data.entity ?? ""} aria-label={t("admin.audit.filter")}>
          <option value="">{t("admin.audit.all")}</option>
          {ENTITIES.map((e) => (
            <option key={e} value={e}>
              {t(`admin.audit.entities.${e}`)}
            </option>
          ))}
        </select>
        <button type="submit" className="btn btn-secondary">
          {t("admin.filters.apply")}
        </button>
      </Form>
      <p className="muted small">{t("admin.audit.count", { count: data.total })}</p>
      <ol className="admin-list audit-list" aria-label={t("admin.sections.audit")}>
        {data.entries.map((e) => {
          const d = e.detail as Record<string, unknown>;
          const subject = [d.name, d.email].filter(Boolean).join(" · ") || String(d.file ?? "");
          return (
            <li key={e.id} className="admin-row" data-testid="audit-entry">
              <div className="admin-row-main">
                <strong>{t(`admin.audit.actions.${e.action}`, { defaultValue: e.action })}</strong>
                <span className="small">{subject}</span>
                {d.role ? <span className="muted small">{t(`roles.${d.role}`)}{d.school ? ` · ${d.school}` : ""}</span> : null}
                <Changes changes={d.changes} />
                {d.schools && d.people ? (
                  <span className="muted small">{t("admin.audit.importSummary", { schools: d.schools, people: d.people })}</span>
                ) : null}
              </div>
              <div className="admin-row-meta small muted">
                <span>{formatDateTime(e.at)}</span>
                <span>{e.actor ? e.actor.name : t("admin.audit.system")}</span>
                {d.via === "import" ? <span className="badge">{t("admin.audit.viaImport")}</span> : null}
              </div>
            </li>
          );
        })}
      </ol>
      <Pager page={data.page} pages={data.pages} />
    </div>
  );
}
