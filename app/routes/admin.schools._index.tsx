import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { LEVELS } from "~/domain/vocabulary";
import { Field, Flash, LevelOptions, WardOptions } from "~/features/admin/components/form-bits";
import { readForm, requireDistrict } from "~/features/admin/guard.server";
import { fieldErrors, schoolForm } from "~/features/admin/schemas";
import { wardName } from "~/features/admin/text";
import { createSchool, getSchool, listSchools, SchoolConflict, setSchoolActive } from "~/models/school.server";

const filtersSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  level: z.enum(LEVELS).optional().catch(undefined),
  status: z.enum(["active", "inactive", "all"]).default("active").catch("active"),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireDistrict(request, "manage:schools");
  const filters = filtersSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const schools = await listSchools(user.districtId, filters);
  return { filters, schools: schools.map((s) => ({ ...s, wardName: wardName(s.ward) })) };
}

type ActionData = { ok?: string; error?: string; errors?: Record<string, string>; values?: Record<string, string> };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireDistrict(request, "manage:schools");
  const { intent, form } = await readForm(request);
  if (intent === "create") {
    const parsed = schoolForm.safeParse(form);
    if (!parsed.success) return Response.json({ errors: fieldErrors(parsed.error), values: form } satisfies ActionData, { status: 422 });
    try {
      await createSchool(user, parsed.data);
    } catch (error) {
      if (error instanceof SchoolConflict) return Response.json({ errors: { [error.field]: `admin.errors.${error.field}Taken` }, values: form } satisfies ActionData, { status: 409 });
      throw error;
    }
    return { ok: "admin.schools.created" } satisfies ActionData;
  }
  if (intent === "deactivate" || intent === "reactivate") {
    const school = await getSchool(user.districtId, form.id ?? "");
    if (!school) return Response.json({ error: "admin.errors.notFound" } satisfies ActionData, { status: 404 });
    await setSchoolActive(user, school.id, intent === "reactivate");
    return { ok: `admin.schools.${intent}d` } satisfies ActionData;
  }
  return Response.json({ error: "admin.errors.badRequest" } satisfies ActionData, { status: 400 });
}

export default function AdminSchools() {
  const { filters, schools } = useLoaderData<typeof loader>();
  const data = useActionData<ActionData>();
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const created = data?.ok === "admin.schools.created";
  return (
    <div className="stack">
      <Flash ok={data?.ok} error={data?.error} />
      <details className="panel" open={!!data?.errors}>
        <summary>{t("admin.schools.add")}</summary>
        <Form method="post" className="form-grid" key={created ? "reset" : "form"}>
          <input type="hidden" name="intent" value="create" />
          <Field label={t("admin.schools.name")} error={data?.errors?.name}>
            <input name="name" required defaultValue={data?.values?.name} placeholder={t("admin.schools.namePlaceholder")} />
          </Field>
          <Field label={t("admin.schools.level")} error={data?.errors?.level}>
            <select name="level" defaultValue={data?.values?.level}>
              <LevelOptions />
            </select>
          </Field>
          <Field label={t("admin.schools.ward")} error={data?.errors?.ward}>
            <select name="ward" defaultValue={data?.values?.ward}>
              <WardOptions />
            </select>
          </Field>
          <Field label={t("admin.schools.code")} error={data?.errors?.code}>
            <input name="code" defaultValue={data?.values?.code} maxLength={32} />
          </Field>
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {t("admin.schools.create")}
            </button>
          </div>
        </Form>
      </details>

      <Form method="get" className="filters" role="search">
        <input type="search" name="q" defaultValue={filters.q} placeholder={t("admin.schools.search")} aria-label={t("admin.schools.search")} />
        <select name="level" defaultValue={filters.level ?? ""} aria-label={t("admin.schools.level")}>
          <option value="">{t("admin.filters.allLevels")}</option>
          <LevelOptions />
        </select>
        <select name="status" defaultValue={filters.status} aria-label={t("admin.filters.status")}>
          <option value="active">{t("admin.filters.active")}</option>
          <option value="inactive">{t("admin.filters.inactive")}</option>
          <option value="all">{t("admin.filters.all")}</option>
        </select>
        <button type="submit" className="btn btn-secondary">
          {t("admin.filters.apply")}
        </button>
      </Form>

      <p className="muted small">{t("admin.schools.count", { count: schools.length })}</p>
      <ul className="admin-list" aria-label={t("admin.sections.schools")}>
        {schools.map((s) => (
          <li key={s.id} className={s.active ? "admin-row" : "admin-row admin-row-inactive"}>
            <div className="admin-row-main">
              <strong>{s.name}</strong>
              <span className="muted small">
                <span className={`level-tag level-${s.level}`}>{t(`levels.${s.level}`)}</span> · {s.wardName}
                {s.code ? ` · ${t("admin.schools.codeShort")} ${s.code}` : ""}
              </span>
            </div>
            <div className="admin-row-meta small">
              <span>{t("admin.schools.people", { count: s.people })}</span>
              {!s.hasBoard ? <span className="badge badge-warn">{t("admin.schools.noBoard")}</span> : null}
              {!s.active ? <span className="badge">{t("admin.status.inactive")}</span> : null}
            </div>
            <div className="admin-row-actions">
              <Link to={`/admin/schools/${s.id}`} className="btn btn-secondary btn-small">
                {t("admin.edit")}
              </Link>
              <Form method="post">
                <input type="hidden" name="id" value={s.id} />
                <button type="submit" name="intent" value={s.active ? "deactivate" : "reactivate"} className="btn btn-secondary btn-small">
                  {t(s.active ? "admin.deactivate" : "admin.reactivate")}
                </button>
              </Form>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
