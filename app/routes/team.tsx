import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { canManagePerson } from "~/domain/permissions";
import { Flash } from "~/features/admin/components/form-bits";
import { InviteForm } from "~/features/admin/components/invite-form";
import { InviteEveryone } from "~/features/admin/components/invite-everyone";
import { PendingInvitations, PersonList } from "~/features/admin/components/person-list";
import { forbidden, readForm } from "~/features/admin/guard.server";
import { peopleAction } from "~/features/admin/people-actions.server";
import type { PeopleActionData } from "~/features/admin/types";
import { latestInvitationRun, listPendingInvitations, listUninvited } from "~/models/invitation.server";
import { listPeople } from "~/models/person.server";
import { can, requireUser } from "~/utils/permissions.server";
import { pageTitle } from "~/utils/page-title";
import { registerMessages } from "~/i18n/i18n";
import { accountPages, adminPages } from "~/i18n/pages";

// This page's own messages (app/i18n/pages.ts).
registerMessages(adminPages);
registerMessages(accountPages);

export const meta: MetaFunction = (args) => [...pageTitle(args, "Đội ngũ")];

/** A principal's own school team; anyone else gets 403 (the district office uses /admin/people). */
async function requireTeam(request: Request) {
  const user = await requireUser(request);
  if (!user.schoolId || !user.school || !can(user, "manage:team", { type: "school", districtId: user.districtId, schoolId: user.schoolId })) throw forbidden();
  return { ...user, schoolId: user.schoolId, school: user.school };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireTeam(request);
  const [result, invitations, uninvited, run] = await Promise.all([
    listPeople(user.districtId, { schoolId: user.schoolId, status: "all" }),
    listPendingInvitations(user.districtId, user.schoolId),
    listUninvited(user),
    latestInvitationRun(user),
  ]);
  return {
    school: user.school.name,
    people: result.people.map((p) => ({ ...p, manageable: canManagePerson(user, { userId: p.id, districtId: user.districtId, role: p.role, schoolId: p.school?.id ?? null }) })),
    invitations,
    uninvited: uninvited.length,
    run,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireTeam(request);
  const { intent, form } = await readForm(request);
  // The form sends neither role nor school: a principal invites teachers into their own school.
  // Whatever a crafted post says instead goes to the permissions module, which refuses it (403).
  const filled = intent === "invite" ? { ...form, role: form.role || "teacher", schoolId: form.schoolId || user.schoolId } : form;
  return peopleAction(user, intent, filled);
}

export default function Team() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<PeopleActionData>();
  const { t } = useTranslation();
  return (
    <section className="stack admin">
      <header className="page-header">
        <div>
          <p className="eyebrow">{data.school}</p>
          <h1>{t("team.title")}</h1>
          <p className="muted">{t("team.intro")}</p>
        </div>
      </header>
      <Flash ok={result?.ok} error={result?.error} />
      <InviteEveryone uninvited={data.uninvited} run={data.run} />
      <section className="panel stack">
        <h2>{t("team.inviteTitle")}</h2>
        <InviteForm data={result} />
      </section>
      <h2>{t("team.members", { count: data.people.filter((p) => p.active).length })}</h2>
      <PersonList people={data.people} editable={false} label={t("team.title")} />
      <PendingInvitations invitations={data.invitations} />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
