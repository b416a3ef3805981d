import { assignableRoles, boardAccess, can, canAssign, canManagePerson, type Actor, type Permission, type Resource } from "~/domain/permissions";

/**
 * What each route asks of the permissions module, per method: the authorisation matrix test
 * (authorization-matrix.test.ts) enumerates app/routes, looks each file up here (a route missing
 * from this table fails the test), and computes the expected answer for every role with the
 * permissions module itself.
 */
export interface World {
  districtId: string;
  own: { schoolId: string; slug: string; boardId: string };
  other: { schoolId: string; slug: string; boardId: string };
  campaignId: string;
  ownTeacherId: string;
  unique: () => string;
}

/** Who may: computed from the permissions module for an actor (null = signed out). */
export type Decide = (actor: Actor | null, w: World) => boolean;
export interface Cell {
  path: (w: World) => string;
  decide: Decide;
  body?: (w: World) => { type: "json" | "form"; value: Record<string, unknown> };
}
export type RouteRule = Partial<Record<"GET" | "POST" | "PATCH" | "PUT" | "DELETE", Cell>> & {
  /** Streams (SSE): read the status, then cancel. */
  stream?: boolean;
};

const district = (w: World): Resource => ({ type: "district", districtId: w.districtId });
const board = (which: "own" | "other") => (w: World): Resource => ({ type: "board", districtId: w.districtId, schoolId: w[which].schoolId });
const ownSchool = (w: World): Resource => ({ type: "school", districtId: w.districtId, schoolId: w.own.schoolId });

const anyone: Decide = () => true;
const signedIn: Decide = (a) => a !== null;
const allowed =
  (permission: Permission, resource: (w: World) => Resource): Decide =>
  (a, w) =>
    a !== null && can(a, permission, resource(w));
/** The overview: the whole district, or a principal's own school beside the average. */
const overview: Decide = (a, w) => a !== null && (can(a, "view:overview", district(w)) || can(a, "view:school-overview", ownSchool(w)));
const districtOverview: Decide = (a, w) => a !== null && can(a, "view:overview", district(w));
const people = allowed("manage:people", district);
const campaigns = allowed("manage:campaign", district);
const FAKE = "does-not-exist-00000000";
/** The office, or a principal (for their own school's teachers): whoever may invite anybody. */
const inviter: Decide = (a) => a !== null && assignableRoles(a).length > 0;

const same = (decide: Decide, path: (w: World) => string, methods: ("GET" | "POST")[] = ["GET", "POST"]): RouteRule =>
  Object.fromEntries(methods.map((m) => [m, { path, decide }]));

export const ROUTE_RULES: Record<string, RouteRule> = {
  "_index.tsx": { GET: { path: () => "/", decide: signedIn } },
  // Only redirects to /admin/people, which decides.
  "admin._index.tsx": { GET: { path: () => "/admin", decide: anyone } },
  "admin.tsx": { GET: { path: () => "/admin/people", decide: people } },
  "admin.audit.tsx": { GET: { path: () => "/admin/audit", decide: allowed("view:audit", district) } },
  "admin.import.$id.tsx": same(people, () => `/admin/import/${FAKE}`),
  "admin.import._index.tsx": same(people, () => "/admin/import"),
  "admin.import.template[.]xlsx.ts": { GET: { path: () => "/admin/import/template.xlsx", decide: people } },
  "admin.outbox.tsx": { GET: { path: () => "/admin/outbox", decide: people } },
  "admin.people.$id.tsx": same(people, (w) => `/admin/people/${w.ownTeacherId}`),
  "admin.people._index.tsx": same(people, () => "/admin/people"),
  "admin.schools.$id.tsx": same(allowed("manage:schools", district), (w) => `/admin/schools/${w.own.schoolId}`),
  "admin.schools._index.tsx": same(allowed("manage:schools", district), () => "/admin/schools"),
  "api.$.ts": same(anyone, () => "/api/no-such-endpoint"),
  "api.auth.$.ts": {
    GET: { path: () => "/api/auth/get-session", decide: anyone },
    POST: { path: () => "/api/auth/sign-in/email", decide: anyone, body: () => ({ type: "json", value: {} }) },
  },
  "api.v1.admin.imports.$id.apply.ts": { POST: { path: () => `/api/v1/admin/imports/${FAKE}/apply`, decide: people } },
  "api.v1.admin.imports.$id.ts": { GET: { path: () => `/api/v1/admin/imports/${FAKE}`, decide: people } },
  "api.v1.admin.imports.ts": { POST: { path: () => "/api/v1/admin/imports", decide: people } },
  "api.v1.admin.invitations.ts": {
    POST: {
      path: () => "/api/v1/admin/invitations",
      decide: (a, w) => a !== null && canAssign(a, { districtId: w.districtId, role: "teacher", schoolId: w.own.schoolId }),
      body: (w) => ({ type: "json", value: { name: "Giáo viên Mới", email: `moi.${w.unique()}@kienan.edu.vn`, role: "teacher", schoolId: w.own.schoolId } }),
    },
  },
  "api.v1.admin.invitations.$invitationId.resend.ts": { POST: { path: () => `/api/v1/admin/invitations/${FAKE}/resend`, decide: inviter } },
  "api.v1.admin.invitations.$invitationId.ts": { DELETE: { path: () => `/api/v1/admin/invitations/${FAKE}`, decide: inviter } },
  "api.v1.admin.invitations.runs.$runId.ts": { GET: { path: () => `/api/v1/admin/invitations/runs/${FAKE}`, decide: inviter } },
  "api.v1.admin.invitations.runs.ts": { POST: { path: () => "/api/v1/admin/invitations/runs", decide: inviter } },
  "api.v1.admin.people.$id.ts": {
    PATCH: {
      path: (w) => `/api/v1/admin/people/${w.ownTeacherId}`,
      decide: (a, w) => {
        const person = { userId: w.ownTeacherId, districtId: w.districtId, role: "teacher" as const, schoolId: w.own.schoolId };
        return a !== null && canManagePerson(a, person) && canAssign(a, person);
      },
      body: (w) => ({ type: "json", value: { role: "teacher", schoolId: w.own.schoolId } }),
    },
  },
  "api.v1.boards.$boardId.cards.$cardId.checklist.$itemId.ts": {
    PATCH: { path: (w) => `/api/v1/boards/${w.other.boardId}/cards/${FAKE}/checklist/${FAKE}`, decide: allowed("edit:board", board("other")), body: () => ({ type: "json", value: { done: true } }) },
  },
  "api.v1.boards.$boardId.cards.$cardId.ts": {
    PATCH: { path: (w) => `/api/v1/boards/${w.own.boardId}/cards/${FAKE}`, decide: allowed("edit:board", board("own")), body: () => ({ type: "json", value: { status: "done" } }) },
  },
  "api.v1.boards.$boardId.report.ts": {
    GET: { path: (w) => `/api/v1/boards/${w.other.boardId}/report`, decide: allowed("view:board", board("other")) },
    POST: { path: (w) => `/api/v1/boards/${w.own.boardId}/report`, decide: allowed("submit:report", board("own")), body: () => ({ type: "json", value: { note: "" } }) },
  },
  "api.v1.boards.$boardId.evidence.ts": {
    GET: { path: (w) => `/api/v1/boards/${w.other.boardId}/evidence`, decide: allowed("view:board", board("other")) },
    POST: { path: (w) => `/api/v1/boards/${w.own.boardId}/evidence`, decide: allowed("edit:board", board("own")), body: () => ({ type: "json", value: {} }) },
  },
  "api.v1.boards.$boardId.evidence.$evidenceId.ts": {
    GET: { path: (w) => `/api/v1/boards/${w.other.boardId}/evidence/${FAKE}`, decide: allowed("view:board", board("other")) },
    DELETE: { path: (w) => `/api/v1/boards/${w.own.boardId}/evidence/${FAKE}`, decide: allowed("edit:board", board("own")) },
  },
  "api.v1.boards.$boardId.report.draft.ts": {
    GET: { path: (w) => `/api/v1/boards/${w.own.boardId}/report/draft`, decide: allowed("submit:report", board("own")) },
    PUT: { path: (w) => `/api/v1/boards/${w.own.boardId}/report/draft`, decide: allowed("submit:report", board("own")), body: () => ({ type: "json", value: { bogus: true } }) },
  },
  "api.v1.boards.$boardId.report.review.ts": {
    POST: { path: (w) => `/api/v1/boards/${w.other.boardId}/report/review`, decide: allowed("review:report", board("other")), body: () => ({ type: "json", value: { bogus: true } }) },
  },
  "api.v1.boards.$boardId.report.versions.ts": { GET: { path: (w) => `/api/v1/boards/${w.other.boardId}/report/versions`, decide: allowed("view:board", board("other")) } },
  "api.v1.boards.$boardId.report[.]docx.ts": { GET: { path: (w) => `/api/v1/boards/${w.other.boardId}/report.docx`, decide: allowed("view:board", board("other")) } },
  "api.v1.boards.$boardId.report[.]pdf.ts": { GET: { path: (w) => `/api/v1/boards/${w.other.boardId}/report.pdf`, decide: allowed("view:board", board("other")) } },
  "api.v1.campaigns.$campaignId.summary[.]docx.ts": { GET: { path: (w) => `/api/v1/campaigns/${w.campaignId}/summary.docx`, decide: districtOverview } },
  "api.v1.campaigns.$campaignId.summary[.]pdf.ts": { GET: { path: (w) => `/api/v1/campaigns/${w.campaignId}/summary.pdf`, decide: districtOverview } },
  "api.v1.campaigns.$campaignId.summary[.]xlsx.ts": { GET: { path: (w) => `/api/v1/campaigns/${w.campaignId}/summary.xlsx`, decide: districtOverview } },
  "api.v1.boards.$boardId.ts": { GET: { path: (w) => `/api/v1/boards/${w.own.boardId}`, decide: allowed("view:board", board("own")) } },
  "api.v1.boards.ts": { GET: { path: () => "/api/v1/boards", decide: signedIn } },
  "api.v1.campaigns.$campaignId.copy.ts": { POST: { path: () => `/api/v1/campaigns/${FAKE}/copy`, decide: campaigns } },
  "api.v1.campaigns.$campaignId.job.ts": { GET: { path: (w) => `/api/v1/campaigns/${w.campaignId}/job`, decide: campaigns } },
  "api.v1.campaigns.$campaignId.launch.ts": { POST: { path: () => `/api/v1/campaigns/${FAKE}/launch`, decide: campaigns } },
  "api.v1.campaigns.$campaignId.publish.ts": { POST: { path: () => `/api/v1/campaigns/${FAKE}/publish`, decide: campaigns } },
  "api.v1.campaigns.$campaignId.template.ts": {
    GET: { path: (w) => `/api/v1/campaigns/${w.campaignId}/template`, decide: campaigns },
    PUT: { path: () => `/api/v1/campaigns/${FAKE}/template`, decide: campaigns, body: () => ({ type: "json", value: {} }) },
  },
  "api.v1.campaigns.$campaignId.ts": {
    GET: { path: (w) => `/api/v1/campaigns/${w.campaignId}`, decide: campaigns },
    PATCH: { path: () => `/api/v1/campaigns/${FAKE}`, decide: campaigns, body: () => ({ type: "json", value: {} }) },
  },
  "api.v1.campaigns.ts": {
    GET: { path: () => "/api/v1/campaigns", decide: campaigns },
    POST: { path: () => "/api/v1/campaigns", decide: campaigns, body: () => ({ type: "json", value: {} }) },
  },
  "api.v1.overview.ts": { GET: { path: (w) => `/api/v1/overview?campaignId=${w.campaignId}`, decide: districtOverview } },
  "campaigns.$campaignId._index.tsx": same(campaigns, (w) => `/campaigns/${w.campaignId}`),
  "campaigns.$campaignId.edit.tsx": same(campaigns, (w) => `/campaigns/${w.campaignId}/edit`),
  "campaigns.$campaignId.template.tsx": same(campaigns, (w) => `/campaigns/${w.campaignId}/template`),
  "campaigns._index.tsx": { GET: { path: () => "/campaigns", decide: campaigns } },
  "campaigns.new.tsx": same(campaigns, () => "/campaigns/new"),
  "district.tsx": { GET: { path: () => "/district", decide: allowed("view:district", district) } },
  "forgot-password.tsx": { GET: { path: () => "/forgot-password", decide: anyone } },
  "invite.$token.tsx": same(anyone, () => `/invite/${FAKE}`),
  "lang.tsx": same(anyone, () => "/lang"),
  "login.tsx": { GET: { path: () => "/login", decide: anyone } },
  "logout.tsx": { GET: { path: () => "/logout", decide: anyone } },
  "overview.events.ts": { GET: { path: () => "/overview/events", decide: overview }, stream: true },
  "overview.export[.]csv.ts": { GET: { path: (w) => `/overview/export.csv?campaignId=${w.campaignId}`, decide: districtOverview } },
  "overview.export[.]xlsx.ts": { GET: { path: (w) => `/overview/export.xlsx?campaignId=${w.campaignId}`, decide: districtOverview } },
  "overview.tsx": { GET: { path: () => "/overview", decide: overview } },
  "reset-password.tsx": { GET: { path: () => "/reset-password", decide: anyone } },
  "schools.$slug.($campaign).tsx": {
    GET: { path: (w) => `/schools/${w.other.slug}`, decide: allowed("view:board", board("other")) },
    POST: { path: (w) => `/schools/${w.own.slug}`, decide: allowed("submit:report", board("own")), body: () => ({ type: "form", value: { intent: "submit-report", note: "" } }) },
  },
  "admin.webhooks.tsx": same(allowed("manage:webhooks", district), () => "/admin/webhooks"),
  "api.v1.boards.$boardId.activity.ts": { GET: { path: (w) => `/api/v1/boards/${w.other.boardId}/activity`, decide: allowed("view:board", board("other")) } },
  "api.v1.boards.$boardId.cards.$cardId.comments.$commentId.ts": {
    PATCH: { path: (w) => `/api/v1/boards/${w.own.boardId}/cards/${FAKE}/comments/${FAKE}`, decide: allowed("comment:board", board("own")), body: () => ({ type: "json", value: { text: "x" } }) },
    DELETE: { path: (w) => `/api/v1/boards/${w.own.boardId}/cards/${FAKE}/comments/${FAKE}`, decide: allowed("comment:board", board("own")) },
  },
  "api.v1.boards.$boardId.cards.$cardId.comments.ts": {
    GET: { path: (w) => `/api/v1/boards/${w.other.boardId}/cards/${FAKE}/comments`, decide: allowed("view:board", board("other")) },
    POST: { path: (w) => `/api/v1/boards/${w.own.boardId}/cards/${FAKE}/comments`, decide: allowed("comment:board", board("own")), body: () => ({ type: "json", value: { text: "x" } }) },
  },
  "api.v1.campaigns.$campaignId.close.ts": { POST: { path: () => `/api/v1/campaigns/${FAKE}/close`, decide: campaigns } },
  "api.v1.campaigns.$campaignId.reopen.ts": { POST: { path: () => `/api/v1/campaigns/${FAKE}/reopen`, decide: campaigns } },
  "api.v1.notifications.read.ts": { POST: { path: () => "/api/v1/notifications/read", decide: signedIn, body: () => ({ type: "json", value: { all: true } }) } },
  "api.v1.notifications.settings.ts": { POST: { path: () => "/api/v1/notifications/settings", decide: signedIn, body: () => ({ type: "json", value: {} }) } },
  "api.v1.notifications.ts": { GET: { path: () => "/api/v1/notifications", decide: signedIn } },
  "api.v1.webhooks.$webhookId.ts": { DELETE: { path: () => `/api/v1/webhooks/${FAKE}`, decide: allowed("manage:webhooks", district) } },
  "api.v1.webhooks.ts": { GET: { path: () => "/api/v1/webhooks", decide: allowed("manage:webhooks", district) } },
  "boards.$boardId.events.ts": { GET: { path: (w) => `/boards/${w.other.boardId}/events`, decide: allowed("view:board", board("other")) }, stream: true },
  "notifications.events.ts": { GET: { path: () => "/notifications/events", decide: signedIn }, stream: true },
  "schools.$slug.report.tsx": { GET: { path: (w) => `/schools/${w.other.slug}/report`, decide: allowed("view:board", board("other")) } },
  // The team of the actor's own school: district roles have none.
  "team.tsx": same((a, w) => a !== null && a.schoolId !== null && can(a, "manage:team", { type: "school", districtId: w.districtId, schoolId: a.schoolId }), () => "/team"),
};

/** The WebSocket upgrade: open for read or write access, refused otherwise. */
export const socketDecide = (a: Actor | null, w: World, which: "own" | "other") =>
  a !== null && boardAccess(a, { districtId: w.districtId, schoolId: w[which].schoolId }) !== "none";
