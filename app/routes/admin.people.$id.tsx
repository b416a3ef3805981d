import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { assignableRoles, canManagePerson } from "~/domain/permissions";
import { Field, RoleOptions, SchoolOptions } from "~/features/admin/components/form-bits";
import { forbidden, notFound, readForm, requireDistrict } from "~/features/admin/guard.server";
import { fieldErrors, personForm } from "~/features/admin/schemas";
import { getPerson, updatePerson } from "~/models/person.server";
import { isAppError, pageErrorResponse } from "~/utils/app-error";
import { listSchools } from "~/models/school.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireDistrict(request);
  const person = await getPerson(user.districtId, params.id ?? "");
  if (!person) throw notFound();
  if (!canManagePerson(user, { userId: person.id, districtId: person.districtId, role: person.role, schoolId: person.schoolId })) throw forbidden();
  const schools = await listSchools(user.districtId);
  return {
    person: { id: person.id, name: person.name, email: person.email, role: person.role, schoolId: person.schoolId ?? "" },
    roles: assignableRoles(user),
    schools: schools.map((s) => ({ id: s.id, name: s.name })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireDistrict(request);
  const person = await getPerson(user.districtId, params.id ?? "");
  if (!person) throw notFound();
  const { form } = await readForm(request);
  const parsed = personForm.safeParse(form);
  if (!parsed.success) return Response.json({ errors: fieldErrors(parsed.error) }, { status: 422 });
  try {
    await updatePerson(user, person, parsed.data);
  } catch (error) {
    if (isAppError(error)) throw pageErrorResponse(error);
    throw error;
  }
  return redirect("/admin/people");
}

export default function EditPerson() {
  const { person, roles, schools } = useLoaderData<typeof loader>();
  const data = useActionData<{ errors?: Record<string, string> }>();
  const { t } = useTranslation();
  return (
    <div className="panel stack">
      <h2>{t("admin.people.editTitle", { name: person.name })}</h2>
      <p className="muted small break">{person.email}</p>
      <Form method="post" className="form-grid">
        <Field label={t("admin.people.name")} error={data?.errors?.name}>
          <input name="name" required defaultValue={person.name} />
        </Field>
        <Field label={t("admin.people.role")} error={data?.errors?.role}>
          <select name="role" defaultValue={person.role}>
            <RoleOptions roles={roles} />
          </select>
        </Field>
        <Field label={t("admin.people.school")} error={data?.errors?.schoolId}>
          <select name="schoolId" defaultValue={person.schoolId}>
            <option value="">{t("admin.people.noSchool")}</option>
            <SchoolOptions schools={schools} />
          </select>
        </Field>
        <p className="muted small form-wide">{t("admin.people.roleHelp")}</p>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary">
            {t("admin.save")}
          </button>
          <Link to="/admin/people" className="btn btn-secondary">
            {t("admin.cancel")}
          </Link>
        </div>
      </Form>
    </div>
  );
}
