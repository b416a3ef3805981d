import { redirect } from "@remix-run/node";
import { can, type Actor, type ActorRole, type Permission, type Resource } from "~/domain/permissions";
import { AppError, forbidden, isAppError, pageErrorResponse, unauthenticated } from "./app-error";
import { getAuth } from "./auth.server";
import { getDb, pingDb } from "./db.server";

export interface SessionUser extends Actor {
  /** The better-auth session this request carries (its sign-out closes that session's sockets). */
  sessionId: string;
  name: string;
  email: string;
  locale: string | null;
  school: { id: string; slug: string; name: string; level: string; ward: string } | null;
}

// The root loader and the route's loader both ask for the same request's person: look it up once.
const byHeaders = new WeakMap<Headers, Promise<SessionUser | null>>();

/** Resolves the signed-in person from the session cookie (HTTP request or WebSocket upgrade headers). */
export function getSessionUser(headers: Headers): Promise<SessionUser | null> {
  let found = byHeaders.get(headers);
  if (!found) {
    found = lookUpSessionUser(headers);
    byHeaders.set(headers, found);
  }
  return found;
}

/**
 * The database did not answer while the session was looked up: 503, never "signed out" — a 401
 * would send people to the sign-in page, and the socket re-check would close every socket.
 */
export const databaseUnavailable = () => new AppError(503, "database_unavailable", "The database is unreachable; try again shortly", { messageKey: "errors.unavailable" });

/** A lookup failed: 503 when the database is down; otherwise `otherwise()` says what it means. */
async function unlessDbDown<T>(otherwise: () => T): Promise<T> {
  if (!(await pingDb())) throw databaseUnavailable();
  return otherwise();
}

async function lookUpSessionUser(headers: Headers): Promise<SessionUser | null> {
  // A session better-auth cannot read (while the database answers) is no session, as before.
  const session = await getAuth()
    .api.getSession({ headers })
    .catch(() => unlessDbDown(() => null));
  if (!session) return null;
  const user = await getDb()
    .user.findUnique({
      where: { id: session.user.id },
      include: { memberships: { include: { school: true }, take: 1, orderBy: { createdAt: "asc" } } },
    })
    .catch((error: unknown) =>
      unlessDbDown(() => {
        throw error;
      }),
    );
  const membership = user?.memberships[0];
  if (!user || !user.active || !membership) return null;
  const school = membership.school;
  return {
    sessionId: session.session.id,
    userId: user.id,
    name: user.name,
    email: user.email,
    locale: user.locale,
    role: membership.role as ActorRole,
    districtId: membership.districtId,
    schoolId: membership.schoolId,
    school: school ? { id: school.id, slug: school.slug, name: school.name, level: school.level, ward: school.ward } : null,
  };
}

// One guard per transport, over one decision (`authorize`):
//   pages  — requireUser / requirePermission: signed out → /login; refused → the 403 page;
//   API    — requireApiUser / requireApiPermission / assertCan: refused → AppError (401/403),
//            which handleApi answers in the JSON error shape;
//   socket — the collaboration server calls `authorize` at upgrade and maps the AppError's status
//            to its refusal (401/403 before the upgrade, a close code after).

type ResourceOf = Resource | ((u: SessionUser) => Resource);
const resolve = (resource: ResourceOf, user: SessionUser) => (typeof resource === "function" ? resource(user) : resource);

/** The one decision every transport asks: null when allowed, else the AppError to answer with. */
export function authorize(user: SessionUser | null, permission: Permission, resource: ResourceOf): AppError | null {
  if (!user) return unauthenticated();
  return can(user, permission, resolve(resource, user)) ? null : forbidden(`Not allowed: ${permission}`);
}

/** Pages: signed out → /login?redirectTo=…; returns the person otherwise. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getSessionUser(request.headers).catch((error: unknown) => {
    throw isAppError(error) ? pageErrorResponse(error) : error;
  });
  if (!user) {
    const url = new URL(request.url);
    const redirectTo = url.pathname + url.search;
    throw redirect(`/login?redirectTo=${encodeURIComponent(redirectTo)}`);
  }
  return user;
}

/** Pages: the 403 page (rendered by the error boundary) when the rule refuses. */
export async function requirePermission(request: Request, permission: Permission, resource: ResourceOf): Promise<SessionUser> {
  const user = await requireUser(request);
  const refusal = authorize(user, permission, resource);
  if (refusal) throw pageErrorResponse(refusal);
  return user;
}

/** Pages, for a resource found after sign-in: the 403 page when the rule refuses. */
export function assertPageCan(user: SessionUser, permission: Permission, resource: ResourceOf) {
  const refusal = authorize(user, permission, resource);
  if (refusal) throw pageErrorResponse(refusal);
}

/** JSON API: 401 when signed out. */
export async function requireApiUser(request: Request): Promise<SessionUser> {
  const user = await getSessionUser(request.headers);
  if (!user) throw unauthenticated();
  return user;
}

/** JSON API: 401 when signed out, 403 when the rule refuses. */
export async function requireApiPermission(request: Request, permission: Permission, resource: ResourceOf): Promise<SessionUser> {
  const user = await requireApiUser(request);
  assertCan(user, permission, resource);
  return user;
}

/** JSON API (and models acting for an API call): 403 when the rule refuses. */
export function assertCan(user: SessionUser, permission: Permission, resource: ResourceOf) {
  const refusal = authorize(user, permission, resource);
  if (refusal) throw refusal;
}

export { can };
