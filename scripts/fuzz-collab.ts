/**
 * npm run fuzz:collab — the long fuzz run of the collaboration server (tests/security/collab-fuzz.ts)
 * against a real server on its own SQLite database. Prints the report, RSS before and after, and
 * whether the server and the stored boards are still sound. Needs a build (npm run build).
 *   FUZZ_FRAMES=200000 FUZZ_SEED=9 npm run fuzz:collab
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { freePort } from "./test-services.mjs";

const FRAMES = Number(process.env.FUZZ_FRAMES ?? 200_000);
const SEED = Number(process.env.FUZZ_SEED ?? 9);
const dir = path.resolve("bench/.tmp/fuzz");
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });
process.env.DATABASE_URL = `file:${dir}/fuzz.db`;
process.env.LOG_LEVEL = "fatal";
process.env.DEMO_DATA = "off";
process.env.NODE_ENV = "production";
process.env.LOGIN_RATE_LIMIT = "100000";
process.env.BETTER_AUTH_SECRET ??= "fuzz-secret-fuzz-secret-fuzz-secret-0123";
// In production only BASE_URL's origin may sign in, so the port is chosen before the server starts.
const port: number = await freePort();
process.env.BASE_URL = `http://127.0.0.1:${port}`;
execFileSync("npx", ["prisma", "migrate", "deploy"], { stdio: "ignore", env: { ...process.env, NODE_OPTIONS: "-r ./scripts/unref-long-timers.cjs" } });

const { startServer } = await import("../server/index");
const { seedIfEmpty } = await import("../prisma/seed-data");
const { getDb } = await import("../app/utils/db.server");
const { readBoard } = await import("../app/domain");
const { loadBoardDoc } = await import("../app/models/board.server");
const { signIn } = await import("../tests/support/server");
const { fuzzCollab } = await import("../tests/security/collab-fuzz");

await seedIfEmpty(getDb());
const server = await startServer({ port, collab: { limits: { messageBurst: 1e9, messagesPerSecond: 1e9 } } });
const targets = [];
for (const [slug, email] of [
  ["th-bac-son", "giaovien.th-bac-son@kienan.demo"],
  ["th-bac-son", "hieutruong.th-bac-son@kienan.demo"],
  ["th-bac-son", "so.gddt@kienan.demo"],
  ["mn-phu-lien", "giaovien.mn-phu-lien@kienan.demo"],
]) {
  const board = await getDb().board.findFirstOrThrow({ where: { school: { slug } } });
  const user = await getDb().user.findUniqueOrThrow({ where: { email } });
  targets.push({ boardId: board.id, userId: user.id, cookie: await signIn(server.url, email) });
}
const mb = (n: number) => Math.round(n / 2 ** 20);
const rssBefore = process.memoryUsage().rss;
const cpu0 = process.cpuUsage();
const report = await fuzzCollab({ baseUrl: server.url, targets, count: FRAMES, seed: SEED });
const cpu = process.cpuUsage(cpu0);
const rssAfter = process.memoryUsage().rss;
const alive = (await fetch(`${server.url}/healthz`)).status === 200;
const boards: Record<string, string> = {};
for (const t of targets) {
  const read = readBoard(await loadBoardDoc(t.boardId));
  boards[t.boardId] = read.ok ? "valid" : read.error;
}
console.log(
  JSON.stringify(
    { frames: report.sent, seconds: report.ms / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6, alive, boards, connections: report.connections, stalled: report.stalled, closes: report.closes, rssBeforeMB: mb(rssBefore), rssAfterMB: mb(rssAfter), byKind: report.byKind },
    null,
    2,
  ),
);
await server.close();
process.exit(alive && report.stalled === 0 && Object.values(boards).every((b) => b === "valid") ? 0 : 1);
