import { afterAll, beforeAll } from "vitest";
import type { StartedServer } from "../../server/index";
import { boardIdOf } from "./boards";
import { signIn, startTestServer } from "./server";

/** Trường Tiểu học Bắc Sơn's people, another school's principal and the district's: who the evidence and report tests act as. */
export const PEOPLE = {
  principal: "hieutruong.th-bac-son@kienan.demo",
  teacher: "giaovien.th-bac-son@kienan.demo",
  otherPrincipal: "hieutruong.mn-lam-ha@kienan.demo",
  admin: "phong.gddt@kienan.demo",
  observer: "so.gddt@kienan.demo",
};

export type SchoolCast = { server: StartedServer; base: string; boardId: string; cookies: Record<string, string> };

/**
 * A real server for the file (started before its tests, closed after), everyone in PEOPLE signed
 * in, and Bắc Sơn's board in the open campaign. Read the fields inside tests, not at import time.
 */
export function startSchoolCast(): SchoolCast {
  const cast = { cookies: {} } as SchoolCast;
  beforeAll(async () => {
    cast.server = await startTestServer();
    cast.base = cast.server.url;
    for (const [k, email] of Object.entries(PEOPLE)) cast.cookies[k] = await signIn(cast.base, email);
    cast.boardId = await boardIdOf("th-bac-son");
  });
  afterAll(async () => {
    await cast.server?.close();
  });
  return cast;
}
