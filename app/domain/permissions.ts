/**
 * Who may do what: pure rules, no I/O. Every route, API call and WebSocket upgrade asks these
 * through app/utils/permissions.server.ts; nothing else checks roles.
 */
export type ActorRole = "district_admin" | "observer" | "principal" | "teacher";

export interface Actor {
  userId: string;
  role: ActorRole;
  districtId: string;
  /** Set for principals and teachers: the one school they belong to. */
  schoolId: string | null;
}

export type Resource =
  | { type: "district"; districtId: string }
  | { type: "school"; districtId: string; schoolId: string }
  | { type: "board"; districtId: string; schoolId: string }
  | { type: "campaign"; districtId: string };

/** Permission strings, `action:entity`; the scope (own school, whole district) is decided below. */
export const PERMISSIONS = [
  "view:board",
  "edit:board",
  "view:district",
  "view:overview",
  "view:school-overview",
  "manage:campaign",
  "manage:schools",
  "manage:people",
  "manage:team",
  "submit:report",
  "review:report",
  "manage:evidence",
  "view:audit",
  "comment:board",
  "remind:schools",
  "manage:webhooks",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * What each permission is about: `can` refuses a permission asked of the wrong kind of resource
 * (e.g. "edit:board" on a school), so a guard passing the wrong object fails closed.
 */
export const RESOURCE_TYPES: Record<Permission, readonly Resource["type"][]> = {
  "view:board": ["board"],
  "edit:board": ["board"],
  "submit:report": ["board"],
  "review:report": ["board"],
  "manage:evidence": ["board"],
  "view:district": ["district"],
  "view:overview": ["district"],
  "view:school-overview": ["school"],
  "manage:campaign": ["district", "campaign"],
  "manage:schools": ["district"],
  "manage:people": ["district"],
  "manage:team": ["school"],
  "view:audit": ["district"],
  "comment:board": ["board"],
  "remind:schools": ["district"],
  "manage:webhooks": ["district"],
};

const DISTRICT_WIDE: readonly Permission[] = ["view:board", "view:district", "view:overview", "view:school-overview"];
// The district office writes to schools (comments, reminders) on any board it may see, and reviews reports.
const ADMIN_ONLY: readonly Permission[] = ["manage:campaign", "manage:schools", "manage:people", "manage:team", "review:report", "view:audit", "comment:board", "remind:schools", "manage:webhooks"];
// manage:evidence: remove anyone's evidence on the board (an uploader removes their own with edit:board).
const PRINCIPAL_OWN_SCHOOL: readonly Permission[] = ["view:board", "edit:board", "view:school-overview", "manage:team", "submit:report", "manage:evidence", "comment:board"];
const TEACHER_OWN_SCHOOL: readonly Permission[] = ["view:board", "edit:board", "comment:board"];

export function can(actor: Actor, permission: Permission, resource: Resource): boolean {
  if (!RESOURCE_TYPES[permission]?.includes(resource.type)) return false;
  if (actor.districtId !== resource.districtId) return false;
  const ownSchool = "schoolId" in resource && actor.schoolId !== null && actor.schoolId === resource.schoolId;

  switch (actor.role) {
    case "district_admin":
      return DISTRICT_WIDE.includes(permission) || ADMIN_ONLY.includes(permission);
    case "observer":
      // Sở GD&ĐT sees everything in the district and changes nothing.
      return DISTRICT_WIDE.includes(permission);
    case "principal":
      return ownSchool && PRINCIPAL_OWN_SCHOOL.includes(permission);
    case "teacher":
      return ownSchool && TEACHER_OWN_SCHOOL.includes(permission);
  }
}

/** Read-only or read-write access to a board's live document, for the collaboration server. */
export function boardAccess(actor: Actor, board: { districtId: string; schoolId: string }): "none" | "read" | "write" {
  const resource = { type: "board" as const, ...board };
  if (can(actor, "edit:board", resource)) return "write";
  if (can(actor, "view:board", resource)) return "read";
  return "none";
}

/** Where each role works: used by `/` to send a signed-in user to their page. */
export function homeFor(actor: Actor): "school" | "district" {
  return actor.role === "principal" || actor.role === "teacher" ? "school" : "district";
}

/** School roles belong to one school; district roles to none. */
export const SCHOOL_ROLES: readonly ActorRole[] = ["principal", "teacher"];
export const isSchoolRole = (role: ActorRole) => SCHOOL_ROLES.includes(role);

/** The roles an actor may give someone (invite, edit, import): a principal only ever adds teachers. */
export function assignableRoles(actor: Actor): ActorRole[] {
  switch (actor.role) {
    case "district_admin":
      return ["district_admin", "observer", "principal", "teacher"];
    case "principal":
      return ["teacher"];
    default:
      return [];
  }
}

/** A person's place in the district, as invitations, memberships and import rows describe it. */
export interface Placement {
  districtId: string;
  role: ActorRole;
  schoolId: string | null;
}

/**
 * May the actor put someone in this place (invite, or change a person to it)?
 * Only roles the actor can assign, and only in a school whose team (or a district whose people) it manages.
 */
export function canAssign(actor: Actor, place: Placement): boolean {
  if (!assignableRoles(actor).includes(place.role)) return false;
  return place.schoolId
    ? can(actor, "manage:team", { type: "school", districtId: place.districtId, schoolId: place.schoolId })
    : can(actor, "manage:people", { type: "district", districtId: place.districtId });
}

/** May the actor change or deactivate this person? Never themselves (nobody locks themselves out). */
export function canManagePerson(actor: Actor, person: Placement & { userId: string }): boolean {
  return person.userId !== actor.userId && canAssign(actor, person);
}
