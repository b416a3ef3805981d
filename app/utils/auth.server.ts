import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { getDb } from "./db.server";
import { getEnv } from "./env.server";
import { resetMail } from "~/features/admin/mail-templates.server";
import { DEFAULT_LOCALE, isLocale } from "~/i18n/i18n";
import { sendMail } from "~/models/mail.server";
import { peekCollab } from "~/models/collab.server";

/** How long a password-reset link works. */
export const RESET_TOKEN_SECONDS = 60 * 60;

function createAuth() {
  const env = getEnv();
  return betterAuth({
    database: prismaAdapter(getDb(), { provider: "sqlite" }),
    secret: env.BETTER_AUTH_SECRET,
    baseURL: env.BASE_URL,
    trustedOrigins: [env.BASE_URL, "http://localhost:*", "http://127.0.0.1:*"],
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
        "/sign-in/email": { window: 60, max: env.LOGIN_RATE_LIMIT },
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

/**
 * Calls one of better-auth's endpoints through its HTTP handler, as the browser would, so its
 * rate limits apply to our pages too. Returns better-auth's response.
 */
export function callAuth(request: Request, path: string, body: unknown): Promise<Response> {
  const { BASE_URL } = getEnv();
  return getAuth().handler(
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
