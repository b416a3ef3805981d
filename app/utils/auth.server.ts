import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { getDb } from "./db.server";
import { getEnv, type Env } from "./env.server";
import { DEFAULT_LIMITS, SignInLimiter } from "./sign-in-limits.server";
import { resetMail } from "~/features/admin/mail-templates.server";
import { DEFAULT_LOCALE, isLocale } from "~/i18n/i18n";
import { sendMail } from "~/models/mail.server";
import { peekCollab } from "~/models/collab.server";

/** How long a password-reset link works. */
export const RESET_TOKEN_SECONDS = 60 * 60;

/**
 * Origins better-auth accepts: BASE_URL's only. The localhost wildcards are for development and
 * tests, where the port is not known in advance; a deployment never trusts them.
 */
export function trustedOrigins(env: Pick<Env, "BASE_URL" | "NODE_ENV">): string[] {
  const own = new URL(env.BASE_URL).origin;
  return env.NODE_ENV === "production" ? [own] : [own, "http://localhost:*", "http://127.0.0.1:*"];
}

function createAuth() {
  const env = getEnv();
  return betterAuth({
    database: prismaAdapter(getDb(), { provider: "sqlite" }),
    secret: env.BETTER_AUTH_SECRET,
    baseURL: env.BASE_URL,
    trustedOrigins: trustedOrigins(env),
    emailAndPassword: {
      enabled: true,
      // Accounts are created by the district office (seed, import, invitations), never by sign-up.
      disableSignUp: true,
      minPasswordLength: 8,
      resetPasswordTokenExpiresIn: RESET_TOKEN_SECONDS,
      revokeSessionsOnPasswordReset: true,
      // The link points at our own page (/reset-password?token=), not better-auth's redirect endpoint.
      // A deactivated person gets no mail; the answer to the request is the same either way.
      async sendResetPassword({ user, token }) {
        const row = await getDb().user.findUnique({ where: { id: user.id }, select: { active: true, locale: true } });
        if (!row?.active) return;
        const locale = isLocale(row.locale) ? row.locale : DEFAULT_LOCALE;
        const link = `${env.BASE_URL}/reset-password?token=${encodeURIComponent(token)}`;
        await sendMail(resetMail(locale, { to: user.email, name: user.name, link, minutes: RESET_TOKEN_SECONDS / 60 }));
      },
    },
    user: {
      additionalFields: {
        active: { type: "boolean", defaultValue: true, input: false },
        locale: { type: "string", required: false, input: false },
      },
    },
    session: { expiresIn: 60 * 60 * 24 * 14, updateAge: 60 * 60 * 24 },
    databaseHooks: {
      session: {
        delete: {
          // Signing out (or any revocation) closes that session's open board sockets at once.
          async after(session) {
            peekCollab()?.closeSession(session.id);
          },
        },
        create: {
          // A deactivated person cannot open a new session.
          async before(session) {
            const user = await getDb().user.findUnique({ where: { id: session.userId }, select: { active: true } });
            return user?.active ? undefined : false;
          },
        },
      },
    },
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 300,
      customRules: {
        // Counted by signInGate (failures only, per account and per address) instead.
        "/sign-in/email": false,
        "/request-password-reset": { window: 60, max: 5 },
      },
    },
    advanced: {
      ipAddress: { ipAddressHeaders: ["x-forwarded-for"] },
    },
    telemetry: { enabled: false },
  });
}

export type Auth = ReturnType<typeof createAuth>;
const g = globalThis as unknown as { __auth?: Auth };

/** One better-auth instance per process, shared by Express (/api/auth/*), Remix and the collab upgrade. */
export function getAuth(): Auth {
  g.__auth ??= createAuth();
  return g.__auth;
}

const limits = globalThis as unknown as { __signInLimiter?: SignInLimiter };
function limiter(): SignInLimiter {
  const env = getEnv();
  limits.__signInLimiter ??= new SignInLimiter({ ...DEFAULT_LIMITS, accountFreeFailures: env.LOGIN_ACCOUNT_FAILURES, addressFailures: env.LOGIN_RATE_LIMIT });
  return limits.__signInLimiter;
}

/** Exactly what better-auth answers for a wrong password: also the answer for a deactivated account. */
const invalidCredentials = () => Response.json({ message: "Invalid email or password", code: "INVALID_EMAIL_OR_PASSWORD" }, { status: 401 });

/**
 * Every sign-in (the API's POST /api/auth/sign-in/email and the login and invitation pages) comes
 * through here: refused with 429 while its account or address is locked, failures counted, and a
 * deactivated account answered like a wrong password whether or not the password was right.
 */
async function signInGate(request: Request): Promise<Response> {
  const body = (await request
    .clone()
    .json()
    .catch(() => null)) as { email?: unknown } | null;
  const email = typeof body?.email === "string" ? body.email.trim().toLowerCase().slice(0, 320) : "";
  // Express has already replaced this header with the address it trusts (server/index.ts).
  const address = request.headers.get("x-forwarded-for") ?? "unknown";
  const wait = limiter().retryAfter(email, address);
  if (wait > 0) {
    const headers = { "Retry-After": String(wait), "X-Retry-After": String(wait) };
    return Response.json({ error: { code: "too_many_attempts", message: `Too many failed sign-ins: try again in ${wait} s` } }, { status: 429, headers });
  }
  // The password is always checked (same work, same time), and only then is the account's state looked at.
  const response = await getAuth().handler(request);
  const active = email ? (await getDb().user.findUnique({ where: { email }, select: { active: true } }))?.active : undefined;
  if (response.ok && active !== false) {
    limiter().succeeded(email);
    return response;
  }
  if (active === false || response.status === 401) limiter().failed(email, address);
  return active === false ? invalidCredentials() : response;
}

/** better-auth's HTTP handler, with sign-ins going through the gate above. */
export function authHandler(request: Request): Promise<Response> {
  if (request.method === "POST" && new URL(request.url).pathname === "/api/auth/sign-in/email") return signInGate(request);
  return getAuth().handler(request);
}

/**
 * Calls one of better-auth's endpoints through its HTTP handler, as the browser would, so the
 * sign-in limits apply to our pages too. Returns better-auth's response.
 */
export function callAuth(request: Request, path: string, body: unknown): Promise<Response> {
  const { BASE_URL } = getEnv();
  return authHandler(
    new Request(new URL(`/api/auth${path}`, BASE_URL), {
      method: "POST",
      headers: {
        "content-type": "application/json",
        origin: BASE_URL,
        "x-forwarded-for": request.headers.get("x-forwarded-for") ?? "unknown",
        "user-agent": request.headers.get("user-agent") ?? "",
      },
      body: JSON.stringify(body),
    }),
  );
}
