import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor, ActorRole } from "~/domain/permissions";
import { getDb } from "~/utils/db.server";
import type { StartedServer } from "../../server/index";
import { upgradeStatus } from "../support/collab-client";
import { signIn, startTestServer } from "../support/server";
import { ROUTE_RULES, socketDecide, type Cell, type World } from "./route-rules";

// The authorisation matrix, generated: every file in app/routes × every method it answers ×
// every role (and nobody signed in), plus the WebSocket upgrade to an own and another school's
// board. The expected answer comes from the permissions module; the real server must agree.

const ROLES: { role: ActorRole | "anonymous"; email?: string }[] = [
  { role: "anonymous" },
  { role: "district_admin", email: "phong.gddt@kienan.demo" },
  { role: "observer", email: "so.gddt@kienan.demo" },
  { role: "principal", email: "hieutruong.th-bac-son@kienan.demo" },
  { role: "teacher", email: "giaovien.th-bac-son@kienan.demo" },
];
const METHODS = ["GET", "POST", "PATCH", "PUT", "DELETE"] as const;

let server: StartedServer;
let world: World;
const sessions = new Map<string, { actor: Actor | null; cookie: string }>();

beforeAll(async () => {
  server = await startTestServer();
  const db = getDb();
  const school = async (slug: string) => {
    const s = await db.school.findUniqueOrThrow({ where: { slug }, include: { boards: { take: 1 } } });
    return { schoolId: s.id, slug, boardId: s.boards[0]!.id };
  };
  const own = await school("th-bac-son");
  let n = 0;
  world = {
    districtId: (await db.school.findUniqueOrThrow({ where: { slug: "th-bac-son" } })).districtId,
    own,
    other: await school("thcs-lam-ha"),
    campaignId: (await db.campaign.findFirstOrThrow()).id,
    ownTeacherId: (await db.user.findUniqueOrThrow({ where: { email: "giaovien.th-bac-son@kienan.demo" } })).id,
    unique: () => `${process.pid}-${++n}`,
  };
  for (const { role, email } of ROLES) {
    if (!email) {
      sessions.set(role, { actor: null, cookie: "" });
      continue;
    }
    const user = await db.user.findUniqueOrThrow({ where: { email }, include: { memberships: true } });
    const m = user.memberships[0]!;
    sessions.set(role, { actor: { userId: user.id, role: m.role as ActorRole, districtId: m.districtId, schoolId: m.schoolId }, cookie: await signIn(server.url, email) });
  }
}, 120_000);
afterAll(async () => {
  await server?.close();
});

type Outcome = "allowed" | "denied";

/** Denied: 401/403, or (a page, signed out) the way to /login. Anything else reached the route's work. */
async function call(method: string, cell: Cell, cookie: string, stream: boolean): Promise<{ outcome: Outcome; status: number }> {
  const body = cell.body?.(world);
  const headers: Record<string, string> = { origin: server.url };
  if (cookie) headers.cookie = cookie;
  let payload: string | undefined;
  if (body?.type === "json") {
    headers["content-type"] = "application/json";
    payload = JSON.stringify(body.value);
  } else if (body?.type === "form") {
    headers["content-type"] = "application/x-www-form-urlencoded";
    payload = new URLSearchParams(body.value as Record<string, string>).toString();
  }
  const controller = new AbortController();
  const res = await fetch(`${server.url}${cell.path(world)}`, { method, headers, body: payload, redirect: "manual", signal: controller.signal });
  if (stream) controller.abort();
  else await res.arrayBuffer();
  const toLogin = res.status >= 300 && res.status < 400 && (res.headers.get("location") ?? "").startsWith("/login");
  return { outcome: res.status === 401 || res.status === 403 || toLogin ? "denied" : "allowed", status: res.status };
}

const routeFiles = fs.readdirSync("app/routes").sort();

describe("the route table covers every route file", () => {
  it("has a rule for each file in app/routes (a new route must say who may use it)", () => {
    expect(routeFiles.filter((f) => !(f in ROUTE_RULES))).toEqual([]);
    expect(Object.keys(ROUTE_RULES).filter((f) => !routeFiles.includes(f))).toEqual([]);
  });
});

describe("every route × method × role answers as the permissions module says", () => {
  for (const file of routeFiles) {
    const rule = ROUTE_RULES[file];
    if (!rule) continue;
    it(file, async () => {
      const mismatches: string[] = [];
      let cells = 0;
      for (const { role } of ROLES) {
        const { actor, cookie } = sessions.get(role)!;
        for (const method of METHODS) {
          const cell = rule[method];
          if (cell) {
            const expected: Outcome = cell.decide(actor, world) ? "allowed" : "denied";
            const got = await call(method, cell, cookie, !!rule.stream);
            cells++;
            if (got.outcome !== expected) mismatches.push(`${role} ${method} ${cell.path(world)}: expected ${expected}, got ${got.status}`);
            // Whatever the body (often none), a request is answered, never crashed on.
            if (got.status >= 500) mismatches.push(`${role} ${method} ${cell.path(world)}: ${got.status}`);
          } else if (file.startsWith("api.")) {
            // A method the API route does not answer: never a success, whoever asks.
            const any = Object.values(rule).find((c): c is Cell => typeof c === "object")!;
            const got = await call(method, { ...any, body: undefined }, cookie, false);
            cells++;
            if (got.status >= 200 && got.status < 300) mismatches.push(`${role} ${method} ${any.path(world)}: unanswered method got ${got.status}`);
          }
        }
      }
      expect(cells).toBeGreaterThan(0);
      expect(mismatches).toEqual([]);
    });
  }
});

describe("the WebSocket upgrade", () => {
  it("opens for exactly the roles the permissions module gives a board to", async () => {
    const mismatches: string[] = [];
    for (const { role } of ROLES) {
      const { actor, cookie } = sessions.get(role)!;
      for (const which of ["own", "other"] as const) {
        const expected = socketDecide(actor, world, which);
        const got = await upgradeStatus(`${server.url.replace(/^http/, "ws")}/collab/${world[which].boardId}`, cookie ? { cookie } : {});
        if ((got === "open") !== expected) mismatches.push(`${role} → ${which} board: expected ${expected ? "open" : "refused"}, got ${got}`);
        if (got !== "open" && ![401, 403].includes(got)) mismatches.push(`${role} → ${which} board: refused with ${got}, not 401/403`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
