import { redirect } from "@remix-run/node";
import { can, type Actor, type ActorRole, type Permission, type Resource } from "~/domain/permissions";
import { ApiError } from "./api.server";
import { getAuth } from "./auth.server";
import { getDb } from "./db.server";

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

async function lookUpSessionUser(headers: Headers): Promise<SessionUser | null> {
  const session = await getAuth().api.getSession({ headers }).catch(() => null);
  if (!session) return null;
  const user = await getDb().user.findUnique({
    where: { id: session.user.id },
    include: { memberships: { include: { school: true }, take: 1, orderBy: { createdAt: "asc" } } },
  });
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

/** Pages: signed out → /login?redirectTo=…; returns the person otherwise. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getSessionUser(request.headers);
  if (!user) {
    const url = new URL(request.url);
    const redirectTo = url.pathname + url.search;
    throw redirect(`/login?redirectTo=${encodeURIComponent(redirectTo)}`);
  }
  return user;
}

/** Pages: 403 (rendered by the error boundary) when the rule refuses. */
export async function requirePermission(request: Request, permission: Permission, resource: (u: SessionUser) => Resource) {
  const user = await requireUser(request);
  if (!can(user, permission, resource(user))) {
    throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
  }
  return user;
}

/** JSON API: 401 when signed out. */
export async function requireApiUser(request: Request): Promise<SessionUser> {
  const user = await getSessionUser(request.headers);
  if (!user) throw new ApiError(401, "unauthenticated", "Sign in first (POST /api/auth/sign-in/email)");
  return user;
}

/** JSON API: 403 when the rule refuses. */
export function assertCan(user: SessionUser, permission: Permission, resource: Resource) {
  if (!can(user, permission, resource)) {
    throw new ApiError(403, "forbidden", `Not allowed: ${permission}`);
  }
}

export { can };
