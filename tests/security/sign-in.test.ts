import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/utils/db.server";
import { parseEnv } from "~/utils/env.server";
import { trustedOrigins } from "~/utils/auth.server";
import type { StartedServer } from "../../server/index";
import { startTestServer } from "../support/server";

// Finding 6: the limit was per address only and counted successes (one insider locked out a
// school behind one NAT); with TRUST_PROXY=true a rotated X-Forwarded-For passed 100 of 100;
// no per-account limit; a deactivated account answered differently to a right and wrong password.

// This file's worker has its own environment: small limits keep the test short, and the server
// sits "behind one proxy" so X-Forwarded-For is read — the way an attacker would try it.
process.env.LOGIN_RATE_LIMIT = "8";
process.env.LOGIN_ACCOUNT_FAILURES = "3";
process.env.TRUST_PROXY = "1";

let server: StartedServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const attempt = (email: string, password: string, forwardedFor = "203.0.113.7") =>
  fetch(`${server.url}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: server.url, "x-forwarded-for": forwardedFor },
    body: JSON.stringify({ email, password }),
  });

describe("per account", () => {
  it("locks an account after a few failures, from any address, even for the right password", async () => {
    const email = "giaovien.th-bac-son@kienan.demo";
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await attempt(email, "wrong", `198.51.100.${i}`)).status);
    expect(statuses).toEqual([401, 401, 401]);
    const locked = await attempt(email, "kienan-2023", "198.51.100.99");
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThanOrEqual(29);
    expect((await locked.json()).error.code).toBe("too_many_attempts");
    // Other people are not affected.
    expect((await attempt("giaovien.th-lam-ha@kienan.demo", "kienan-2023", "198.51.100.99")).status).toBe(200);
  });
});

describe("per address", () => {
  it("counts failures only: a whole school signing in from one NAT address is never refused", async () => {
    const nat = "192.0.2.50";
    // Schools no other test here signs in to.
    const schools = await getDb().school.findMany({ where: { slug: { notIn: ["th-bac-son", "th-lam-ha", "mn-bac-son"] } }, take: 12, orderBy: { slug: "asc" } });
    for (const s of schools) {
      for (const who of ["giaovien", "hieutruong"]) expect((await attempt(`${who}.${s.slug}@kienan.demo`, "kienan-2023", nat)).status, s.slug).toBe(200);
    }
  });

  it("a rotated left-most X-Forwarded-For does not escape the limit (the proxy's hop is what counts)", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await attempt(`nobody${i}@kienan.demo`, "guess", `10.9.${i}.1, 192.0.2.77`)).status);
    expect(statuses.slice(0, 8)).toEqual(Array(8).fill(401));
    expect(statuses.slice(8)).toEqual(Array(4).fill(429));
  });
});

describe("a deactivated account", () => {
  it("gets exactly the answer of a wrong password, whatever the password", async () => {
    const email = "giaovien.mn-bac-son@kienan.demo";
    await getDb().user.update({ where: { email }, data: { active: false } });
    try {
      const right = await attempt(email, "kienan-2023", "192.0.2.201");
      const wrong = await attempt(email, "not-it", "192.0.2.202");
      const active = await attempt("hieutruong.th-lam-ha@kienan.demo", "not-it", "192.0.2.203");
      const answers = await Promise.all([right, wrong, active].map(async (r) => ({ status: r.status, type: r.headers.get("content-type"), body: await r.text(), cookie: r.headers.get("set-cookie") })));
      expect(answers[0]).toEqual(answers[2]);
      expect(answers[1]).toEqual(answers[2]);
      expect(answers[0].status).toBe(401);
    } finally {
      await getDb().user.update({ where: { email }, data: { active: true } });
    }
  });
});

describe("configuration", () => {
  const secret = { BETTER_AUTH_SECRET: "x".repeat(40) };
  it("refuses TRUST_PROXY=true and takes a hop count or proxy addresses", () => {
    expect(() => parseEnv({ ...secret, TRUST_PROXY: "true" })).toThrowError(/TRUST_PROXY/);
    expect(() => parseEnv({ ...secret, TRUST_PROXY: "everyone" })).toThrowError(/TRUST_PROXY/);
    expect(parseEnv({ ...secret, TRUST_PROXY: "2" }).TRUST_PROXY).toBe("2");
    expect(parseEnv({ ...secret, TRUST_PROXY: "127.0.0.1, 10.0.0.0/8, ::1" }).TRUST_PROXY).toBe("127.0.0.1, 10.0.0.0/8, ::1");
  });
  it("trusts BASE_URL's origin only in production", () => {
    expect(trustedOrigins({ BASE_URL: "https://bang.kienan.edu.vn/app", NODE_ENV: "production" })).toEqual(["https://bang.kienan.edu.vn"]);
    expect(trustedOrigins({ BASE_URL: "http://localhost:3000", NODE_ENV: "development" })).toContain("http://localhost:*");
  });
});
