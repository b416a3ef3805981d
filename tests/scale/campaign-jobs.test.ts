import crypto from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { jobLeaseName } from "~/models/campaign-jobs.server";
import { getDb } from "~/utils/db.server";
import { DEMO_PASSWORD } from "../../prisma/seed-data";
import { eventually } from "../support/collab-client";
import { signIn } from "../support/server";
import { prefixFor, startInstance, type Instance } from "./instances";

// A launch across two instances: one runner (the job's lease), and when that instance is killed
// with kill -9 mid-job, the other takes the job over and finishes it, with one board per school.
//
// The job is held half-way without timing: this test locks one school's row (SELECT … FOR UPDATE),
// so the runner's INSERT of the batch holding that school's board waits on the lock (its
// foreign-key check) while the other batches of schools get theirs (BATCH boards per transaction).
// The campaign is in a district of this file's own: other files' boards
// and overview are untouched.
const SCHOOLS = 12;
const LOCKED = 4; // the 5th school by slug, in the second batch: the runner's other three workers carry on
const BATCH = 3;
const run = crypto.randomBytes(3).toString("hex");
const leaseMs = "3000";
let a: Instance;
let b: Instance;
let locker: pg.Client;

/** The suite's database, under a name of the instance's own in pg_stat_activity. */
const named = (name: string) => {
  const url = new URL(inject("scale").databaseUrl);
  url.searchParams.set("application_name", name);
  return url.toString();
};

beforeAll(async () => {
  const prefix = prefixFor("campaign-jobs");
  const env = (name: string) => ({ DATABASE_URL: named(`jobs-${run}-${name}`), CAMPAIGN_JOB_LEASE_MS: leaseMs, CAMPAIGN_JOB_BATCH: String(BATCH), SCHEDULER: "off" });
  [a, b] = await Promise.all([startInstance(`jobs-A`, { prefix, env: env("A") }), startInstance(`jobs-B`, { prefix, env: env("B") })]);
  locker = new pg.Client({ connectionString: inject("scale").databaseUrl });
  await locker.connect();
});
afterAll(async () => {
  await locker?.query("ROLLBACK").catch(() => undefined);
  await locker?.end();
  await Promise.all([a?.stop(), b?.stop()]);
});

/** A district of 12 primary schools, its officer, and a draft campaign (the demo one's dates and template). */
async function draftCampaign() {
  const db = getDb();
  const district = await db.district.create({ data: { slug: `jobs-${run}`, name: `Phòng GD&ĐT thử ${run}` } });
  const schools = [];
  for (let i = 1; i <= SCHOOLS; i++) {
    const n = String(i).padStart(2, "0");
    schools.push(await db.school.create({ data: { districtId: district.id, slug: `jobs-${run}-${n}`, name: `Trường Tiểu học Thử ${n}`, level: "TH", ward: "thu" } }));
  }
  const email = `phong.${run}@jobs.test`;
  const id = crypto.randomUUID();
  await db.user.create({
    data: {
      id,
      email,
      name: "Cán bộ phòng thử",
      emailVerified: true,
      accounts: { create: { id: crypto.randomUUID(), accountId: id, providerId: "credential", password: await hashPassword(DEMO_PASSWORD) } },
      memberships: { create: { role: "district_admin", districtId: district.id } },
    },
  });
  const demo = await db.campaign.findFirstOrThrow({ where: { status: "active" }, include: { templates: { where: { version: 1 } } } });
  const campaign = await db.campaign.create({
    data: {
      districtId: district.id,
      slug: `jobs-${run}`,
      name: `Kế hoạch thử ${run}`,
      planNumber: demo.planNumber,
      planDate: demo.planDate,
      issuer: demo.issuer,
      startDate: demo.startDate,
      deadline: demo.deadline,
      levels: "TH",
      targets: demo.targets,
      templates: { create: { version: 1, content: demo.templates[0]!.content } },
    },
  });
  return { campaign, schools, email };
}

const api = (base: string, cookie: string) => async (path: string, method = "GET") => {
  const res = await fetch(`${base}${path}`, { method, headers: { cookie, origin: base } });
  return { status: res.status, json: await res.json() };
};

describe("campaign jobs over two instances", () => {
  it("one runner; kill -9 of it mid-launch, and the other instance finishes the job with one board per school", async () => {
    const { campaign, schools, email } = await draftCampaign();
    const onA = api(a.url, await signIn(a.url, email));
    const onB = api(b.url, await signIn(b.url, email));
    const db = getDb();
    const withStat = () => db.board.count({ where: { campaignId: campaign.id, stat: { isNot: null } } });

    await locker.query("BEGIN");
    await locker.query(`SELECT 1 FROM "School" WHERE id = $1 FOR UPDATE`, [schools[LOCKED]!.id]);
    const launched = await onA(`/api/v1/campaigns/${campaign.id}/launch`, "POST");
    expect(launched.status).toBe(202);
    const jobId: string = launched.json.job.id;

    // A runs it: every board but those of the locked school's batch is made and projected (that
    // batch's transaction waits, uncommitted: none of its boards exists), A holds the lease.
    await eventually(async () => expect(await withStat()).toBe(SCHOOLS - BATCH), 60_000);
    expect(await db.board.count({ where: { campaignId: campaign.id } })).toBe(SCHOOLS - BATCH);
    const lease = await db.schedulerLease.findUniqueOrThrow({ where: { name: jobLeaseName(jobId) } });
    expect(lease.holder.startsWith("jobs-A/")).toBe(true);

    // B sees the job as running somewhere (not "interrupted"), and will not start a second run.
    const seen = await onB(`/api/v1/campaigns/${campaign.id}/job`);
    expect(seen.json.job).toMatchObject({ id: jobId, status: "running", active: true, total: SCHOOLS });
    const again = await onB(`/api/v1/campaigns/${campaign.id}/launch`, "POST");
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe("already_launched");
    expect((await db.schedulerLease.findUniqueOrThrow({ where: { name: jobLeaseName(jobId) } })).holder).toBe(lease.holder);

    // kill -9 of A. Its connections die with it (PostgreSQL would notice in time; the test does not wait).
    await a.crash();
    await locker.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1", [`jobs-${run}-A`]);
    await locker.query("COMMIT");

    // B takes the job over once A's lease lapses, and finishes it.
    const finished = await eventually(async () => {
      const { json } = await onB(`/api/v1/campaigns/${campaign.id}/job`);
      expect(json.job.status).not.toBe("running");
      return json.job;
    }, 90_000);
    expect(finished).toMatchObject({ id: jobId, status: "done", done: SCHOOLS, total: SCHOOLS, active: false });

    const boards = await db.board.findMany({ where: { campaignId: campaign.id }, include: { stat: true, document: { select: { boardId: true } } } });
    expect(boards.map((x) => x.schoolId).sort()).toEqual(schools.map((s) => s.id).sort());
    expect(boards.every((x) => x.stat !== null && x.document !== null && x.templateVersion === 1)).toBe(true);
    expect(await db.campaignJob.count({ where: { campaignId: campaign.id } })).toBe(1);
    // The runner let its lease go when it finished.
    expect(await db.schedulerLease.findUnique({ where: { name: jobLeaseName(jobId) } })).toBeNull();
  });
});
