/**
 * bench/scale/launch — a campaign launched to 50,000 schools' boards over two instances (real child
 * processes, one PostgreSQL, one Redis), the instance running the job killed with kill -9 part-way,
 * the other taking it over (the job's lease) and finishing it. Baseline in the same run, on the
 * same instances: a launch to BENCH_BASELINE (1,000) schools with no kill.
 *   npm run bench:launch-scale   (BENCH_SCHOOLS=50000, BENCH_BASELINE=1000, BENCH_KILL_AT=0.4,
 *   BENCH_SAMPLE=500 boards decoded; TEST_DATABASE_URL / TEST_REDIS_URL, else private servers)
 * Reports: total time, boards/s before and after the kill, the takeover delay (kill → first board
 * made by the other instance; the lease is CAMPAIGN_JOB_LEASE_MS, 30 s by default), and checks that
 * exactly one valid board exists per school (counts over all, decode of a sample).
 */
import crypto from "node:crypto";
import { execFileSync, type ChildProcess } from "node:child_process";
import os from "node:os";
import { hashPassword } from "better-auth/crypto";
import pg from "pg";
import { createDatabase, databaseUrl, dropDatabases, testDbPrefix } from "../../tests/setup/pg";
import { testServices } from "../../scripts/test-services.mjs";
import { ensureBuild } from "../../scripts/ensure-build.mjs";
import { startBenchInstance } from "../support/instance";

const SCHOOLS = Number(process.env.BENCH_SCHOOLS ?? 50_000);
const BASELINE = Number(process.env.BENCH_BASELINE ?? 1_000);
const KILL_AT = Number(process.env.BENCH_KILL_AT ?? 0.4);
const SAMPLE = Number(process.env.BENCH_SAMPLE ?? 500);
const LEASE_MS = process.env.CAMPAIGN_JOB_LEASE_MS ?? "30000";
const PASSWORD = "bench-launch-2023";

ensureBuild();
const services = await testServices();
const prefix = `${testDbPrefix()}bench_launch_${process.pid}_`;
const dbUrl = databaseUrl(services.databaseUrl, `${prefix}db`);
await createDatabase(services.databaseUrl, `${prefix}db`);
const { BASE_URL: _b, ...inherited } = process.env;
execFileSync("node", ["scripts/migrate.mjs"], { env: { ...inherited, DATABASE_URL: dbUrl }, stdio: "ignore" });
Object.assign(process.env, { DATABASE_URL: dbUrl, LOG_LEVEL: "error" });
const children: ChildProcess[] = [];
const client = new pg.Client({ connectionString: dbUrl });
// Dropping the database at the end closes this connection from the server's side.
client.on("error", () => undefined);
await client.connect();
const load = () => os.loadavg().map((l) => l.toFixed(1)).join(" / ");
const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

try {
  const { getDb, disconnectDb } = await import("../../app/utils/db.server");
  const { createCampaign } = await import("../../app/models/campaign.server");
  const { loadBoardDoc } = await import("../../app/models/board.server");
  const { LEVELS, WARDS, readBoard, PLAN_2023_TEMPLATE } = await import("../../app/domain");
  const { signIn } = await import("../../tests/support/server");
  const db = getDb();

  /** A district of `n` schools (MN/TH/THCS over the ten wards, bulk-inserted), its officer, a draft campaign with the 2023 plan. */
  async function district(slug: string, n: number) {
    const d = await db.district.create({ data: { slug, name: `Thử tải ${n} trường` } });
    for (let from = 0; from < n; from += 5000) {
      const count = Math.min(5000, n - from);
      const idx = Array.from({ length: count }, (_, k) => from + k);
      await client.query(
        `INSERT INTO "School" ("id", "districtId", "slug", "name", "level", "ward", "active", "createdAt", "updatedAt")
         SELECT u.id, $6, u.slug, u.name, u.level, u.ward, true, now(), now() FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS u(id, slug, name, level, ward)`,
        [
          idx.map(() => crypto.randomUUID()),
          idx.map((i) => `${slug}-${String(i).padStart(5, "0")}`),
          idx.map((i) => `Trường thử số ${i}`),
          idx.map((i) => LEVELS[i % LEVELS.length]!),
          idx.map((i) => WARDS[Math.floor(i / LEVELS.length) % WARDS.length]!.slug),
          d.id,
        ],
      );
    }
    const userId = crypto.randomUUID();
    const email = `phong@${slug}.bench`;
    await db.user.create({
      data: {
        id: userId,
        email,
        name: "Phòng GD&ĐT (thử)",
        emailVerified: true,
        accounts: { create: { id: crypto.randomUUID(), accountId: userId, providerId: "credential", password: await hashPassword(PASSWORD) } },
        memberships: { create: { role: "district_admin", districtId: d.id } },
      },
    });
    const campaign = await createCampaign(
      d.id,
      { name: "Phong trào thử tải", planNumber: "1/KH", planDate: "2023-04-10", startDate: "2023-04-10", issuer: "Phòng thử", parentPlan: "", deadline: "2023-12-05", levels: [...LEVELS] },
      userId,
    );
    return { campaignId: campaign.id, email, schools: n };
  }

  const appName = (name: string) => `bench-launch-${process.pid}-${name}`;
  async function instance(name: string) {
    const url = new URL(dbUrl);
    url.searchParams.set("application_name", appName(name));
    const inst = await startBenchInstance(name, {
      DATABASE_URL: url.toString(),
      REDIS_URL: services.redisUrl,
      REDIS_PREFIX: `cbbench-launch:${process.pid}:`,
      INSTANCES: "2",
      INSTANCE_ID: name,
      CAMPAIGN_JOB_LEASE_MS: LEASE_MS,
      BETTER_AUTH_SECRET: "bench-secret-bench-secret-bench-secret-01",
    });
    children.push(inst.child);
    const exited = new Promise<void>((r) => (inst.child.exitCode !== null ? r() : inst.child.once("exit", () => r())));
    return { name, base: inst.url, child: inst.child, exited };
  }

  const boardsOf = async (campaignId: string) => Number((await client.query(`SELECT count(*) AS n FROM "Board" WHERE "campaignId" = $1`, [campaignId])).rows[0].n);
  const jobOf = async (campaignId: string) => (await client.query(`SELECT id, status, done, total FROM "CampaignJob" WHERE "campaignId" = $1`, [campaignId])).rows[0];
  const holderOf = async (jobId: string) => (await client.query(`SELECT holder FROM "SchedulerLease" WHERE name = $1`, [`campaign-job:${jobId}`])).rows[0]?.holder as string | undefined;

  /** POST launch on `on`, then follow the boards count every 250 ms until the job ends; `kill` decides when to crash `on`. */
  async function launch(target: Awaited<ReturnType<typeof district>>, on: Awaited<ReturnType<typeof instance>>, kill?: { at: number; other: Awaited<ReturnType<typeof instance>> }) {
    const cookie = await signIn(on.base, target.email, PASSWORD);
    const t0 = performance.now();
    const res = await fetch(`${on.base}/api/v1/campaigns/${target.campaignId}/launch`, { method: "POST", headers: { cookie, origin: on.base } });
    if (res.status !== 202) throw new Error(`launch: ${res.status} ${await res.text()}`);
    const jobId = ((await res.json()) as { job: { id: string } }).job.id;
    const timeline: { t: number; n: number }[] = [];
    let killedAt: { t: number; n: number; holder?: string } | null = null;
    let takeover: { t: number; n: number; holder?: string } | null = null;
    for (;;) {
      const n = await boardsOf(target.campaignId);
      const t = performance.now() - t0;
      timeline.push({ t, n });
      if (kill && !killedAt && n >= kill.at * target.schools) {
        const holder = await holderOf(jobId);
        on.child.kill("SIGKILL");
        await on.exited;
        killedAt = { t: performance.now() - t0, n: await boardsOf(target.campaignId), holder };
      }
      if (killedAt && !takeover && n > killedAt.n) takeover = { t, n, holder: await holderOf(jobId) };
      const job = await jobOf(target.campaignId);
      if (job.status !== "running") return { jobId, job, ms: performance.now() - t0, timeline, killedAt, takeover };
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  /** Exactly one board per target school, each with its document and projection; a sample decoded and checked against the plan. */
  async function check(campaignId: string, schools: number) {
    const q = async (sql: string) => Number((await client.query(sql, [campaignId])).rows[0].n);
    const boards = await q(`SELECT count(*) AS n FROM "Board" WHERE "campaignId" = $1`);
    const distinct = await q(`SELECT count(DISTINCT "schoolId") AS n FROM "Board" WHERE "campaignId" = $1`);
    const complete = await q(
      `SELECT count(*) AS n FROM "Board" b JOIN "BoardDocument" d ON d."boardId" = b.id JOIN "BoardStat" s ON s."boardId" = b.id WHERE b."campaignId" = $1 AND b."templateVersion" = 1 AND s.error IS NULL AND s."itemsTotal" > 0`,
    );
    const cardRows = await q(`SELECT count(*) AS n FROM "CardRow" WHERE "campaignId" = $1`);
    const sample = (await client.query(`SELECT id FROM "Board" WHERE "campaignId" = $1 ORDER BY random() LIMIT ${SAMPLE}`, [campaignId])).rows.map((r) => r.id as string);
    let valid = 0;
    for (const id of sample) {
      const doc = await loadBoardDoc(id, db);
      const read = readBoard(doc);
      doc.destroy();
      if (read.ok && read.board.cards.length === PLAN_2023_TEMPLATE.length && read.board.cards.every((c) => c.status === "planned" && c.origin === "template")) valid++;
    }
    const ok = boards === schools && distinct === schools && complete === schools && cardRows === schools * PLAN_2023_TEMPLATE.length && valid === sample.length;
    return { ok, text: `${boards} boards, ${distinct} schools with one, ${complete} with document + projection at version 1, ${cardRows} card rows (${PLAN_2023_TEMPLATE.length} per board), ${valid}/${sample.length} sampled documents decode and match the plan` };
  }

  const t0 = performance.now();
  const small = await district("bench-launch-small", BASELINE);
  const big = await district("bench-launch-big", SCHOOLS);
  console.log(`made ${BASELINE} + ${SCHOOLS} schools in ${sec(performance.now() - t0)}`);
  const [a, b] = await Promise.all([instance("A"), instance("B")]);
  const loadBefore = load();

  // Baseline: the same launch path, no kill, at BASELINE boards (on A; B watches).
  const base = await launch(small, a);
  const baseCheck = await check(small.campaignId, BASELINE);

  const run = await launch(big, a, { at: KILL_AT, other: b });
  const bigCheck = await check(big.campaignId, SCHOOLS);
  if (!run.killedAt || !run.takeover) {
    throw new Error(`the launch ended (${run.job.status} ${run.job.done}/${run.job.total}) before A was killed at ${KILL_AT * 100} % and B took over: raise BENCH_SCHOOLS or lower BENCH_KILL_AT`);
  }
  const k = run.killedAt;
  const to = run.takeover;
  const first = run.timeline.find((x) => x.n > 0)!;
  const rate = (n: number, ms: number) => `${(n / (ms / 1000)).toFixed(0)} boards/s`;

  console.log(`\n| launch | boards | total time | boards/s | job | check |\n|---|---|---|---|---|---|`);
  console.log(`| baseline: ${BASELINE.toLocaleString("en")} schools, no kill (instance A) | ${BASELINE.toLocaleString("en")} | ${sec(base.ms)} | ${rate(BASELINE, base.ms)} | ${base.job.status} ${base.job.done}/${base.job.total} | ${baseCheck.ok ? "ok" : "FAILED"}: ${baseCheck.text} |`);
  console.log(`| ${SCHOOLS.toLocaleString("en")} schools, A killed at ${k.n.toLocaleString("en")} boards, B finishes | ${SCHOOLS.toLocaleString("en")} | ${sec(run.ms)} | ${rate(SCHOOLS, run.ms)} over all | ${run.job.status} ${run.job.done}/${run.job.total} | ${bigCheck.ok ? "ok" : "FAILED"}: ${bigCheck.text} |`);
  console.log(`\n| ${SCHOOLS.toLocaleString("en")}-board launch, phase | time | boards | boards/s |\n|---|---|---|---|`);
  console.log(`| before the kill, on A (${k.holder}) | ${sec(first.t)} → ${sec(k.t)} | ${k.n.toLocaleString("en")} | ${rate(k.n, k.t)} (from the POST) |`);
  console.log(`| takeover: kill -9 of A → B's first board (lease ${Number(LEASE_MS) / 1000} s, watch every ${Number(LEASE_MS) / 2000} s) | ${sec(to.t - k.t)} | 0 | — |`);
  console.log(`| after, on B (${to.holder}) | ${sec(to.t)} → ${sec(run.ms)} | ${(SCHOOLS - k.n).toLocaleString("en")} | ${rate(SCHOOLS - to.n, run.ms - to.t)} |`);
  console.log(`\n(${new Date().toISOString()}; ${os.cpus().length} cores, load average ${loadBefore} before → ${load()} after)`);
  if (!baseCheck.ok || !bigCheck.ok) process.exitCode = 1;
  await disconnectDb();
} finally {
  await client.end().catch(() => undefined);
  // SIGTERM, and kill -9 after 30 s: a bench must not hang on an instance's shutdown.
  const alive = children.filter((c) => c.exitCode === null && c.signalCode === null);
  for (const c of alive) c.kill("SIGTERM");
  await Promise.all(alive.map((c) => new Promise((r) => {
    const hard = setTimeout(() => c.kill("SIGKILL"), 30_000);
    c.once("exit", () => (clearTimeout(hard), r(null)));
  })));
  if (process.env.BENCH_KEEP === "1") console.log(`kept ${dbUrl}`);
  else await dropDatabases(services.databaseUrl, prefix);
  await services.stop();
}
process.exit(process.exitCode ?? 0);
