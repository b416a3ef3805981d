import { callAuth } from "~/utils/auth.server";

/** Signs in with email + password; the session cookies to pass on, or null. */
export async function signInHeaders(request: Request, email: string, password: string): Promise<Headers | null> {
  const response = await callAuth(request, "/sign-in/email", { email, password });
  if (!response.ok) return null;
  const headers = new Headers();
  for (const cookie of response.headers.getSetCookie()) headers.append("Set-Cookie", cookie);
  return headers;
}
