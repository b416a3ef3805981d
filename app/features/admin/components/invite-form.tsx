import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, RoleOptions, SchoolOptions } from "./form-bits";
import type { PeopleActionData } from "../types";

/**
 * Invite someone by email. The district office picks role and school; a principal's form has
 * neither (the server fills in teacher and their school, and refuses anything else).
 */
export function InviteForm({ data, roles, schools }: { data?: PeopleActionData; roles?: readonly string[]; schools?: { id: string; name: string }[] }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "invite";
  const values = data?.errors ? data.values : undefined;
  return (
    <Form method="post" className="form-grid" key={data?.ok ?? "invite"}>
      <input type="hidden" name="intent" value="invite" />
      <Field label={t("admin.people.name")} error={data?.errors?.name}>
        <input name="name" required defaultValue={values?.name} autoComplete="off" />
      </Field>
      <Field label={t("admin.people.email")} error={data?.errors?.email}>
        <input name="email" type="email" required defaultValue={values?.email} inputMode="email" autoComplete="off" />
      </Field>
      {roles ? (
        <Field label={t("admin.people.role")} error={data?.errors?.role}>
          <select name="role" defaultValue={values?.role ?? "teacher"}>
            <RoleOptions roles={roles} />
          </select>
        </Field>
      ) : null}
      {schools ? (
        <Field label={t("admin.people.school")} error={data?.errors?.schoolId}>
          <select name="schoolId" defaultValue={values?.schoolId ?? ""}>
            <option value="">{t("admin.people.noSchool")}</option>
            <SchoolOptions schools={schools} />
          </select>
        </Field>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t("admin.people.inviting") : t("admin.people.invite")}
        </button>
      </div>
    </Form>
  );
}
