import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, LevelOptions, WardOptions } from "~/features/admin/components/form-bits";
import { notFound, readForm, requireDistrict } from "~/features/admin/guard.server";
import { fieldErrors, schoolForm } from "~/features/admin/schemas";
import { getSchool, SchoolConflict, updateSchool } from "~/models/school.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireDistrict(request, "manage:schools");
  const school = await getSchool(user.districtId, params.id ?? "");
  if (!school) throw notFound();
  return { school: { id: school.id, name: school.name, level: school.level, ward: school.ward, code: school.code ?? "", slug: school.slug, active: school.active } };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireDistrict(request, "manage:schools");
  const school = await getSchool(user.districtId, params.id ?? "");
  if (!school) throw notFound();
  const { form } = await readForm(request);
  const parsed = schoolForm.safeParse(form);
  if (!parsed.success) return Response.json({ errors: fieldErrors(parsed.error) }, { status: 422 });
  try {
    await updateSchool(user, school.id, parsed.data);
  } catch (error) {
    if (error instanceof SchoolConflict) return Response.json({ errors: { [error.field]: `admin.errors.${error.field}Taken` } }, { status: 409 });
    throw error;
  }
  return redirect("/admin/schools");
}

export default function EditSchool() {
  const { school } = useLoaderData<typeof loader>();
  const data = useActionData<{ errors?: Record<string, string> }>();
  const { t } = useTranslation();
  return (
    <div className="panel stack">
      <h2>{t("admin.schools.editTitle", { name: school.name })}</h2>
      <Form method="post" className="form-grid">
        <Field label={t("admin.schools.name")} error={data?.errors?.name}>
          <input name="name" required defaultValue={school.name} />
        </Field>
        <Field label={t("admin.schools.level")} error={data?.errors?.level}>
          <select name="level" defaultValue={school.level}>
            <LevelOptions />
          </select>
        </Field>
        <Field label={t("admin.schools.ward")} error={data?.errors?.ward}>
          <select name="ward" defaultValue={school.ward}>
            <WardOptions />
          </select>
        </Field>
        <Field label={t("admin.schools.code")} error={data?.errors?.code}>
          <input name="code" defaultValue={school.code} maxLength={32} />
        </Field>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary">
            {t("admin.save")}
          </button>
          <Link to="/admin/schools" className="btn btn-secondary">
            {t("admin.cancel")}
          </Link>
        </div>
      </Form>
    </div>
  );
}
