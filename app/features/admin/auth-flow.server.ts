import { getAuth } from "~/utils/auth.server";
import { getEnv } from "~/utils/env.server";

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

/** Signs in with email + password; the session cookies to pass on, or null. */
export async function signInHeaders(request: Request, email: string, password: string): Promise<Headers | null> {
  const response = await callAuth(request, "/sign-in/email", { email, password });
  if (!response.ok) return null;
  const headers = new Headers();
  for (const cookie of response.headers.getSetCookie()) headers.append("Set-Cookie", cookie);
  return headers;
}
