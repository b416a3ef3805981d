import { afterAll, beforeAll, expect, it } from "vitest";
import type { StartedServer } from "../../server/index";
import { signIn, startTestServer } from "../support/server";

let server: StartedServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

// Vietnamese pages are full of multi-byte letters; React 18's streaming renderer used to leave NUL
// bytes inside words at its 2 KB buffer edges (app/utils/strip-nul.server.ts). Every page must be
// clean UTF-8 text: no NUL, no replacement character.
it("every page comes out as clean UTF-8, whatever lands on a streaming buffer's edge", async () => {
  const admin = await signIn(server.url, "phong.gddt@kienan.demo");
  const principal = await signIn(server.url, "hieutruong.thcs-dong-hoa@kienan.demo");
  const pages: [string, string][] = [
    ["/login", ""],
    ["/district", admin],
    ["/overview", admin],
    ["/campaigns", admin],
    ["/admin/people", admin],
    ["/schools/thcs-dong-hoa", principal],
    ["/team", principal],
  ];
  const dirty: string[] = [];
  let bytes = 0;
  for (const [path, cookie] of pages) {
    const body = Buffer.from(await (await fetch(server.url + path, { headers: cookie ? { cookie } : {} })).arrayBuffer());
    bytes += body.length;
    const text = body.toString("utf8");
    if (body.includes(0) || text.includes("\ufffd")) dirty.push(path);
  }
  expect(bytes).toBeGreaterThan(100_000);
  expect(dirty).toEqual([]);
});
