import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { assignableRoles, canManagePerson } from "~/domain/permissions";
import { ROLES } from "~/domain/vocabulary";
import { Flash, RoleOptions, SchoolOptions } from "~/features/admin/components/form-bits";
import { InviteForm } from "~/features/admin/components/invite-form";
import { Pager } from "~/features/admin/components/pager";
import { InviteEveryone } from "~/features/admin/components/invite-everyone";
import { PendingInvitations, PersonList } from "~/features/admin/components/person-list";
import { readForm, requireDistrict } from "~/features/admin/guard.server";
import { peopleAction } from "~/features/admin/people-actions.server";
import type { PeopleActionData } from "~/features/admin/types";
import { latestInvitationRun, listPendingInvitations, listUninvited } from "~/models/invitation.server";
import { listPeople } from "~/models/person.server";
import { listSchools } from "~/models/school.server";

const filtersSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  role: z.enum(ROLES).optional().catch(undefined),
  schoolId: z.string().max(40).optional().catch(undefined),
  status: z.enum(["active", "inactive", "all"]).default("active").catch("active"),
  page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireDistrict(request);
  const filters = filtersSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [result, schools, invitations, uninvited, run] = await Promise.all([
    listPeople(user.districtId, { ...filters, schoolId: filters.schoolId || undefined }),
    listSchools(user.districtId),
    listPendingInvitations(user.districtId, null),
    listUninvited(user),
    latestInvitationRun(user),
  ]);
  return {
    filters,
    ...result,
    people: result.people.map((p) => ({ ...p, manageable: canManagePerson(user, { userId: p.id, districtId: user.districtId, role: p.role, schoolId: p.school?.id ?? null }) })),
    schools: schools.map((s) => ({ id: s.id, name: s.name })),
    roles: assignableRoles(user),
    invitations,
    uninvited: uninvited.length,
    run,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireDistrict(request);
  const { intent, form } = await readForm(request);
  return peopleAction(user, intent, form);
}

export default function AdminPeople() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<PeopleActionData>();
  const { t } = useTranslation();
  return (
    <div className="stack">
      <Flash ok={result?.ok} error={result?.error} />
      <details className="panel" open={!!result?.errors}>
        <summary>{t("admin.people.inviteTitle")}</summary>
        <p className="muted small">{t("admin.people.inviteHelp")}</p>
        <InviteForm data={result} roles={data.roles} schools={data.schools} />
      </details>

      <InviteEveryone uninvited={data.uninvited} run={data.run} />

      <Form method="get" className="filters" role="search">
        <input type="search" name="q" defaultValue={data.filters.q} placeholder={t("admin.people.search")} aria-label={t("admin.people.search")} />
        <select name="role" defaultValue={data.filters.role ?? ""} aria-label={t("admin.people.role")}>
          <option value="">{t("admin.filters.allRoles")}</option>
          <RoleOptions />
        </select>
        <select name="schoolId" defaultValue={data.filters.schoolId ?? ""} aria-label={t("admin.people.school")}>
          <option value="">{t("admin.filters.allSchools")}</option>
          <SchoolOptions schools={data.schools} />
        </select>
        <select name="status" defaultValue={data.filters.status} aria-label={t("admin.filters.status")}>
          <option value="active">{t("admin.filters.active")}</option>
          <option value="inactive">{t("admin.filters.inactive")}</option>
          <option value="all">{t("admin.filters.all")}</option>
        </select>
        <button type="submit" className="btn btn-secondary">
          {t("admin.filters.apply")}
        </button>
      </Form>

      <p className="muted small">{t("admin.people.count", { count: data.total })}</p>
      <PersonList people={data.people} editable label={t("admin.sections.people")} />
      <Pager page={data.page} pages={data.pages} />
      <PendingInvitations invitations={data.invitations} />
    </div>
  );
}
