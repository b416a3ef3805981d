import http from "node:http";
import express from "express";
import { describe, expect, it } from "vitest";
import { parseEnv } from "../app/utils/env.server";
import { crossSiteVerdict, securityHeaders, type RequestFacts } from "./http-security";

const base = "https://bang.kienan.edu.vn";
const post = (over: Partial<RequestFacts>): RequestFacts => ({ method: "POST", path: "/api/v1/x", protocol: "https", host: "bang.kienan.edu.vn", hasBody: false, ...over });

describe("the cross-site rule", () => {
  it("lets reads through whatever their origin", () => {
    expect(crossSiteVerdict({ ...post({ origin: "https://evil.example" }), method: "GET" }, base).ok).toBe(true);
  });
  it("decides by Sec-Fetch-Site when the browser sends it", () => {
    expect(crossSiteVerdict(post({ site: "same-origin", origin: "https://evil.example" }), base).ok).toBe(true);
    expect(crossSiteVerdict(post({ site: "same-site" }), base).ok).toBe(false);
    expect(crossSiteVerdict(post({ site: "cross-site" }), base).ok).toBe(false);
  });
  it("else compares Origin with this server's origin or BASE_URL's", () => {
    expect(crossSiteVerdict(post({ origin: base }), base).ok).toBe(true);
    expect(crossSiteVerdict(post({ origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000", protocol: "http" }), base).ok).toBe(true);
    expect(crossSiteVerdict(post({ origin: "https://bang.kienan.edu.vn:8443" }), base).ok).toBe(false);
    expect(crossSiteVerdict(post({ origin: "null" }), base).ok).toBe(false);
  });
  it("takes JSON API bodies only as application/json or multipart", () => {
    expect(crossSiteVerdict(post({ hasBody: true, contentType: "text/plain;charset=UTF-8" }), base)).toMatchObject({ ok: false, status: 415 });
    expect(crossSiteVerdict(post({ hasBody: true, contentType: "application/x-www-form-urlencoded" }), base)).toMatchObject({ ok: false, status: 415 });
    expect(crossSiteVerdict(post({ hasBody: true, contentType: "application/json; charset=utf-8" }), base).ok).toBe(true);
    expect(crossSiteVerdict(post({ hasBody: true, contentType: "multipart/form-data; boundary=x" }), base).ok).toBe(true);
    // Pages take forms.
    expect(crossSiteVerdict(post({ path: "/login", hasBody: true, contentType: "application/x-www-form-urlencoded" }), base).ok).toBe(true);
  });
});

describe("HSTS", () => {
  async function headersFor(baseUrl: string) {
    const env = parseEnv({ BETTER_AUTH_SECRET: "x".repeat(40), BASE_URL: baseUrl, NODE_ENV: "production" });
    const app = express().use(securityHeaders(env)).get("/", (_req, res) => res.send("ok"));
    const server = http.createServer(app);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as import("node:net").AddressInfo).port}/`);
      return res.headers;
    } finally {
      await new Promise((r) => server.close(r));
    }
  }
  it("is sent when BASE_URL is https, and only then", async () => {
    expect((await headersFor("https://bang.kienan.edu.vn")).get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
    expect((await headersFor("http://localhost:3000")).get("strict-transport-security")).toBeNull();
  });
});
