import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StartedServer } from "../../server/index";
import { signIn, startTestServer } from "../support/server";

let server: StartedServer;
let base: string;

beforeAll(async () => {
  server = await startTestServer();
  base = server.url;
});
afterAll(async () => {
  await server?.close();
});

const getJson = async (path: string, cookie?: string) => {
  const res = await fetch(`${base}${path}`, { headers: cookie ? { cookie } : {}, redirect: "manual" });
  return { status: res.status, body: res.headers.get("content-type")?.includes("json") ? await res.json() : await res.text(), res };
};

describe("health and errors", () => {
  it("GET /healthz answers 200 ok", async () => {
    const { status, body } = await getJson("/healthz");
    expect(status).toBe(200);
    expect(body).toEqual({ status: "ok" });
  });

  it("an unknown API path is a JSON 404 in the error shape", async () => {
    const { status, body } = await getJson("/api/v1/nothing-here");
    expect(status).toBe(404);
    expect(body).toEqual({ error: { code: "not_found", message: expect.any(String) } });
  });

  it("a malformed JSON body is a 400 in the error shape", async () => {
    const res = await fetch(`${base}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: base },
      body: '{"email": "phong.gddt@kienan.demo", "password": ',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: "invalid_json", message: expect.any(String) } });
  });
});

describe("sign-in", () => {
  it("a wrong password and an unknown email get the same answer", async () => {
    const attempt = (email: string) =>
      fetch(`${base}/api/auth/sign-in/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: base },
        body: JSON.stringify({ email, password: "not-the-password" }),
      });
    const wrong = await attempt("giaovien.th-bac-son@kienan.demo");
    const unknown = await attempt("nobody@kienan.demo");
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(wrong.status);
    expect(await unknown.json()).toEqual(await wrong.json());
  });

  it("the sign-in form shows a Vietnamese message for a wrong password", async () => {
    const res = await fetch(`${base}/login`, {
      method: "POST",
      body: new URLSearchParams({ email: "giaovien.th-bac-son@kienan.demo", password: "sai-mat-khau" }),
      redirect: "manual",
    });
    expect(res.status).toBe(401);
    expect(await res.text()).toContain("Email hoặc mật khẩu không đúng.");
  });
});

describe("GET /api/v1/boards lists exactly the boards the caller may see", () => {
  it("refuses a signed-out caller with 401", async () => {
    const { status, body } = await getJson("/api/v1/boards");
    expect(status).toBe(401);
    expect(body.error.code).toBe("unauthenticated");
  });

  it("gives a teacher their own school's board only", async () => {
    const cookie = await signIn(base, "giaovien.th-bac-son@kienan.demo");
    const { status, body } = await getJson("/api/v1/boards", cookie);
    expect(status).toBe(200);
    // One board per campaign the school takes part in: this school year's, then 2023's (closed).
    expect(body.boards).toHaveLength(2);
    expect(body.boards[0].school).toMatchObject({ slug: "th-bac-son", name: "Trường Tiểu học Bắc Sơn", level: "TH", ward: "bac-son" });
    expect(body.boards[0].campaign).toMatchObject({ status: "active" });
    expect(body.boards[1].campaign).toMatchObject({ deadline: "2023-12-05", status: "closed" });
    expect(body.boards[0].campaign.name).toContain("Sáng - Xanh - Sạch - Đẹp - An toàn - Văn minh");
  });

  it("gives the district office and the observer every school's board", async () => {
    for (const email of ["phong.gddt@kienan.demo", "so.gddt@kienan.demo"]) {
      const { body } = await getJson("/api/v1/boards", await signIn(base, email));
      // 30 schools, each in two campaigns.
      expect(body.boards).toHaveLength(60);
      expect(new Set(body.boards.map((b: { school: { slug: string } }) => b.school.slug)).size).toBe(30);
    }
  });
});

describe("pages are authorised", () => {
  it("signed out, every page sends you to sign-in", async () => {
    for (const path of ["/", "/district", "/schools/th-bac-son"]) {
      const { status, res } = await getJson(path);
      expect(status).toBe(302);
      expect(res.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
    }
  });

  it("a teacher asking for another school's board gets 403", async () => {
    const cookie = await signIn(base, "giaovien.th-bac-son@kienan.demo");
    expect((await getJson("/schools/thcs-lam-ha", cookie)).status).toBe(403);
    expect((await getJson("/schools/th-bac-son", cookie)).status).toBe(200);
    expect((await getJson("/district", cookie)).status).toBe(403);
  });

  it("home sends each role where it works", async () => {
    const cases: [string, string][] = [
      ["giaovien.mn-van-dau@kienan.demo", "/schools/mn-van-dau"],
      ["hieutruong.thcs-quan-tru@kienan.demo", "/schools/thcs-quan-tru"],
      ["phong.gddt@kienan.demo", "/district"],
      ["so.gddt@kienan.demo", "/district"],
    ];
    for (const [email, where] of cases) {
      const { status, res } = await getJson("/", await signIn(base, email));
      expect(status).toBe(302);
      expect(res.headers.get("location")).toBe(where);
    }
  });
});
