import { afterAll, beforeAll, expect, it } from "vitest";
import type { StartedServer } from "../../server/index";
import { startTestServer } from "../support/server";

// This file's worker has its own environment: a low limit, so the test stays short.
process.env.LOGIN_RATE_LIMIT = "3";

let server: StartedServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

it("slows down repeated failed sign-ins with 429 and a retry time", async () => {
  const attempt = () =>
    fetch(`${server.url}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: server.url },
      body: JSON.stringify({ email: "hieutruong.mn-bac-son@kienan.demo", password: "guess" }),
    });
  const statuses: number[] = [];
  for (let i = 0; i < 5; i++) statuses.push((await attempt()).status);
  expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
  expect(statuses.slice(3)).toEqual([429, 429]);
  const blocked = await attempt();
  expect(Number(blocked.headers.get("x-retry-after"))).toBeGreaterThan(0);
});

it("the sign-in form tells the person in Vietnamese to wait", async () => {
  const res = await fetch(`${server.url}/login`, {
    method: "POST",
    body: new URLSearchParams({ email: "hieutruong.mn-bac-son@kienan.demo", password: "guess" }),
    headers: { accept: "text/html" },
  });
  expect(res.status).toBe(429);
  expect(await res.text()).toContain("Bạn đã thử quá nhiều lần");
});
