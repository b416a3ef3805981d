import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/utils/db.server";
import type { StartedServer } from "../../server/index";
import { signIn, startTestServer } from "../support/server";

// Findings 4 (same-site CSRF on the JSON API; Remix's origin check answered 500), 5 (open
// redirect) and the missing headers of finding 8.
let server: StartedServer;
let base: string;
let admin: string;
const evil = () => `http://127.0.0.1:${server.port + 1}`;

beforeAll(async () => {
  server = await startTestServer();
  base = server.url;
  admin = await signIn(base, "phong.gddt@kienan.demo");
});
afterAll(async () => {
  await server?.close();
});

const invite = (headers: Record<string, string>, body: string) =>
  fetch(`${base}/api/v1/admin/invitations`, { method: "POST", headers: { cookie: admin, ...headers }, body });
const invitationBody = (email: string) => JSON.stringify({ name: "Kẻ Giả Mạo", email, role: "district_admin" });
const invitations = (email: string) => getDb().invitation.count({ where: { email } });

describe("cross-site requests", () => {
  it("refuses an API POST from another origin on the same host with 403 in the error shape", async () => {
    const res = await invite({ origin: evil(), "content-type": "application/json" }, invitationBody("csrf1@evil.example"));
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: { code: "cross_site_request", message: expect.any(String) } });
    expect(await invitations("csrf1@evil.example")).toBe(0);
  });

  it("refuses what the browser marks same-site (another port) even without Origin", async () => {
    const res = await invite({ "sec-fetch-site": "same-site", "content-type": "application/json" }, invitationBody("csrf2@evil.example"));
    expect(res.status).toBe(403);
    expect(await invitations("csrf2@evil.example")).toBe(0);
  });

  it("refuses a JSON body sent as text/plain (what a cross-site form or simple fetch can send) with 415", async () => {
    const res = await invite({ "content-type": "text/plain;charset=UTF-8" }, invitationBody("csrf3@evil.example"));
    expect(res.status).toBe(415);
    expect((await res.json()).error.code).toBe("unsupported_media_type");
    expect(await invitations("csrf3@evil.example")).toBe(0);
  });

  it("accepts the same request from this origin", async () => {
    const res = await invite({ origin: base, "sec-fetch-site": "same-origin", "content-type": "application/json" }, invitationBody("ok-csrf@kienan.edu.vn"));
    expect(res.status).toBe(201);
  });

  it("answers a page action from another origin with 403, not 500", async () => {
    for (const path of ["/lang", "/login", "/admin/import"]) {
      const res = await fetch(`${base}${path}`, {
        method: "POST",
        headers: { cookie: admin, origin: evil(), "content-type": "application/x-www-form-urlencoded" },
        body: "locale=en&redirectTo=/",
        redirect: "manual",
      });
      expect(res.status, path).toBe(403);
      expect(await res.text(), path).toContain("Yêu cầu bị từ chối");
    }
    // Remix's single-fetch data requests too, in the JSON shape.
    const data = await fetch(`${base}/lang.data`, { method: "POST", headers: { cookie: admin, origin: evil() }, body: new URLSearchParams({ locale: "en" }) });
    expect(data.status).toBe(403);
    expect((await data.json()).error.code).toBe("cross_site_request");
  });

  it("a forged Origin paired with a forged X-Forwarded-Host does not get through", async () => {
    const res = await invite({ origin: evil(), "x-forwarded-host": new URL(evil()).host, "content-type": "application/json" }, invitationBody("csrf4@evil.example"));
    expect(res.status).toBe(403);
  });
});

describe("redirects after sign-in and language switch", () => {
  const attempts = ["/\\evil.example", "//evil.example", "%2F%5Cevil.example", "/%5Cevil.example", "/\t/evil.example", "https://evil.example/"];

  it("never leave the site from /login", async () => {
    for (const redirectTo of attempts) {
      const res = await fetch(`${base}/login`, {
        method: "POST",
        body: new URLSearchParams({ email: "so.gddt@kienan.demo", password: "kienan-2023", redirectTo }),
        redirect: "manual",
      });
      expect(res.status, redirectTo).toBe(302);
      expect(res.headers.get("location"), redirectTo).toBe("/");
    }
  });

  it("never leave the site from /lang, and keep a real path", async () => {
    for (const redirectTo of attempts) {
      const res = await fetch(`${base}/lang`, { method: "POST", body: new URLSearchParams({ locale: "vi", redirectTo }), redirect: "manual" });
      expect(res.headers.get("location"), redirectTo).toBe("/");
    }
    const ok = await fetch(`${base}/lang`, { method: "POST", body: new URLSearchParams({ locale: "vi", redirectTo: "/overview?x=1" }), redirect: "manual" });
    expect(ok.headers.get("location")).toBe("/overview?x=1");
  });
});

describe("response headers", () => {
  it("a page carries a nonce CSP that matches its inline scripts, and cannot be framed", async () => {
    const res = await fetch(`${base}/login`);
    const csp = res.headers.get("content-security-policy")!;
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("'unsafe-inline' 'nonce"); // scripts: no unsafe-inline
    expect(/script-src[^;]*unsafe-inline/.test(csp)).toBe(false);
    const html = await res.text();
    const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)];
    expect(inline.length).toBeGreaterThan(0);
    for (const [, attrs] of inline) expect(attrs).toContain(`nonce="${nonce}"`);
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("same-origin");
    expect(res.headers.get("permissions-policy")).toContain("camera=(self)");
    // BASE_URL is http here: no HSTS (it would pin a plain-http site).
    expect(res.headers.get("strict-transport-security")).toBeNull();
  });

  it("each response gets its own nonce", async () => {
    const [a, b] = await Promise.all([fetch(`${base}/login`), fetch(`${base}/login`)]);
    expect(a.headers.get("content-security-policy")).not.toBe(b.headers.get("content-security-policy"));
  });

  it("API answers carry the same headers", async () => {
    const res = await fetch(`${base}/api/v1/overview`);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
  });
});
