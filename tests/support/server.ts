import { getDb } from "~/utils/db.server";
import { startServer, type StartedServer, type StartOptions } from "../../server/index";
import { seedIfEmpty } from "../../prisma/seed-data";

/** Starts the real server (Express + Remix build + upgrade handler) on a free port, seeded with the demo district. */
export async function startTestServer(options: StartOptions = {}): Promise<StartedServer> {
  process.env.DEMO_DATA = "off";
  await seedIfEmpty(getDb());
  // No background scheduler unless a test asks for one: reminders are driven by the tests' own clock.
  return startServer({ port: 0, scheduler: false, ...options });
}

/** Signs in through better-auth's HTTP endpoint and returns the session cookie. */
export async function signIn(baseUrl: string, email: string, password = "kienan-2023"): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`sign-in ${email} failed: ${res.status} ${await res.text()}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}
