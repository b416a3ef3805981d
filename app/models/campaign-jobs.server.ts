import crypto from "node:crypto";
import os from "node:os";
import type { Campaign, CampaignJob, PrismaClient, School } from "@prisma/client";
import * as Y from "yjs";
import { initBoardDoc } from "~/domain/board-doc";
import { isFrozen, TRANSITIONS } from "~/domain/campaign";
import { diffTemplates } from "~/domain/template-diff";
import { mergeTemplate } from "~/domain/template-merge";
import { boardCards, parseStoredTemplate, validateTemplate, type TemplateContent } from "~/domain/template";
import { readBoard } from "~/domain";
import { summariseChanges } from "~/features/campaigns/change-summary";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { getLogger } from "~/utils/logger.server";
import { audit } from "./audit.server";
import { emitBoardChanged } from "./board-events.server";
import { campaignSpan, CampaignError, versionRow } from "./campaign-common.server";
import { getCollab } from "./collab.server";
import { acquireLease, releaseLease } from "./lease.server";
import { newBoardsProjection, projectBoard } from "./projection.server";
import { SQL, sqlDate } from "./sql.server";

// Launch and publish: one job brings every target school's board to a template version.
// A school without a board gets one (its first snapshot written with the Board row); a board
// on an older version gets the merge, applied through its collaboration room like any edit.
// Progress is derived from Board.templateVersion, so a job that stopped half-way (crash,
// shutdown) finishes when run again and never makes a second board or card. See docs/campaigns.md.
//
// Across instances (docs/decisions/031): a job runs where its lease ("campaign-job:<id>", a
// SchedulerLease row) is held. The runner renews it while it works and lets it go when it stops;
// every instance looks for "running" jobs whose lease has lapsed (watchCampaignJobs) and takes
// them over, so a launch survives the loss of the instance that started it, with one runner.

export type RunOptions = {
  signal?: AbortSignal;
  /** After each board the job changed: (boards at the version, total). */
  onBoard?: (done: number, total: number) => void;
  concurrency?: number;
  /** New boards per transaction (default CAMPAIGN_JOB_BATCH). */
  batch?: number;
};
/** "elsewhere": another instance holds the job's lease and runs it. */
type Outcome = { status: "done" | "failed" | "stopped" | "elsewhere"; done: number; total: number };
type Running = { controller: AbortController; finished: Promise<Outcome> };

// On globalThis: the Remix build and the server process share one registry of running jobs,
// and one runner name (the lease holder).
const g = globalThis as unknown as { __campaignJobs?: Map<string, Running>; __campaignJobRunner?: string };
const registry = () => (g.__campaignJobs ??= new Map());
const log = () => getLogger().child({ component: "campaign-jobs" });

/** The job's lease row. */
export const jobLeaseName = (jobId: string) => `campaign-job:${jobId}`;

/**
 * This process's name as a job runner: the instance's name (INSTANCE_ID) plus the process, so a
 * restarted instance never mistakes the dead process's lease for its own.
 */
export function jobRunnerId(): string {
  return (g.__campaignJobRunner ??= `${getEnv().INSTANCE_ID ?? os.hostname()}/${process.pid}-${crypto.randomBytes(3).toString("hex")}`);
}

/** Whether a process (this one or another instance) is working on the job now: its lease is held. */
export async function jobActive(jobId: string, db: PrismaClient = getDb()): Promise<boolean> {
  if (registry().has(jobId)) return true;
  const lease = await db.schedulerLease.findUnique({ where: { name: jobLeaseName(jobId) } });
  return !!lease && lease.expiresAt > new Date();
}

export async function jobJson(job: CampaignJob, db: PrismaClient = getDb()) {
  return {
    id: job.id,
    kind: job.kind,
    version: job.version,
    total: job.total,
    done: job.done,
    status: job.status,
    error: job.error,
    startedAt: job.startedAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
    /** False for a "running" job no process (on any instance) is working on: it was interrupted; run it again. */
    active: job.status === "running" && (await jobActive(job.id, db)),
  };
}
export type JobJson = Awaited<ReturnType<typeof jobJson>>;

export async function latestJob(campaignId: string, db: PrismaClient = getDb()) {
  return db.campaignJob.findFirst({ where: { campaignId }, orderBy: { startedAt: "desc" } });
}

/** Every active school of the campaign's district and levels, but those the district left out. */
async function targetSchools(campaign: Campaign, db: PrismaClient) {
  const levels = campaign.levels.split(",").filter(Boolean);
  const excluded = (await db.campaignExclusion.findMany({ where: { campaignId: campaign.id }, select: { schoolId: true } })).map((e) => e.schoolId);
  return db.school.findMany({ where: { districtId: campaign.districtId, active: true, level: { in: levels }, id: { notIn: excluded } }, orderBy: { slug: "asc" } });
}

/** How many schools a launch or publish of this campaign reaches now. */
export async function countTargetSchools(campaign: Campaign, db: PrismaClient = getDb()): Promise<number> {
  return (await targetSchools(campaign, db)).length;
}

async function createBoard(campaign: Campaign, school: School, template: TemplateContent, version: number, db: PrismaClient): Promise<boolean> {
  const doc = new Y.Doc();
  initBoardDoc(doc, boardCards(template), { templateVersion: version });
  let board;
  try {
    // Nobody can be connected to a board that does not exist yet: its first snapshot is written
    // with the row, in one transaction, instead of through a room.
    board = await withRetry(() =>
      db.board.create({
        data: { campaignId: campaign.id, schoolId: school.id, templateVersion: version, document: { create: { state: Buffer.from(Y.encodeStateAsUpdate(doc)) } } },
      }),
    );
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") return false; // made meanwhile by another run
    throw error;
  }
  const key = { id: board.id, campaignId: campaign.id, schoolId: school.id };
  // A new board has seen no activity of its school yet.
  await withRetry(() => projectBoard(key, doc, { db, at: null }));
  emitBoardChanged({ boardId: board.id, campaignId: campaign.id, schoolId: school.id, at: new Date().toISOString() });
  return true;
}

/** No connection or transaction in time (P2028: pool exhausted, database or process overloaded): worth another try. */
const transient = (error: unknown) => (error as { code?: string }).code === "P2028";

/**
 * Runs `fn` again after a transient failure, waiting 1, 2, 4, 8 s: on a loaded machine, four
 * batches in flight can wait more than Prisma's 2 s for a connection, and one such wait should not
 * fail a launch of 50,000 boards (bench/scale/launch.ts).
 */
async function withRetry<T>(fn: () => Promise<T>, tries = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (!transient(error) || attempt >= tries) throw error;
      log().warn({ err: error, attempt }, "campaign job: no database transaction in time; trying again");
      await new Promise((r) => setTimeout(r, 1000 * 2 ** (attempt - 1)));
    }
  }
}

/**
 * Makes the boards of many schools at once (a launch to thousands of schools): each board's
 * document is built as createBoard builds it, and the Board rows, their first snapshots and
 * their projection go in as multi-row INSERTs in one transaction — all of a batch, or none of
 * it. If any school of the batch got a board meanwhile (another runner), the batch rolls back
 * and its schools are made one by one, which skips those. Returns how many boards it made.
 */
async function createBoards(campaign: Campaign, schools: School[], template: TemplateContent, version: number, db: PrismaClient): Promise<number> {
  if (schools.length === 1) return (await createBoard(campaign, schools[0]!, template, version, db)) ? 1 : 0;
  const now = sqlDate(new Date());
  const made = schools.map((school) => {
    const doc = new Y.Doc();
    initBoardDoc(doc, boardCards(template), { templateVersion: version });
    const decoded = readBoard(doc);
    if (!decoded.ok) throw new Error(`a new board of template version ${version} does not validate: ${decoded.error}`);
    const id = crypto.randomUUID().replace(/-/g, "");
    const state = Buffer.from(Y.encodeStateAsUpdate(doc));
    doc.destroy();
    return { key: { id, campaignId: campaign.id, schoolId: school.id }, board: decoded.board, state };
  });
  try {
    await withRetry(() => db.$transaction([
      db.$executeRaw`INSERT INTO "Board" ("id", "campaignId", "schoolId", "templateVersion", "createdAt", "updatedAt")
        VALUES ${SQL.join(made.map((m) => SQL.sql`(${m.key.id}, ${campaign.id}, ${m.key.schoolId}, ${version}, ${now}, ${now})`))}`,
      db.$executeRaw`INSERT INTO "BoardDocument" ("boardId", "state", "upToId", "updatedAt")
        VALUES ${SQL.join(made.map((m) => SQL.sql`(${m.key.id}, ${m.state}, 0, ${now})`))}`,
      ...newBoardsProjection(db, made),
    ]));
  } catch (error) {
    if (transient(error)) throw error;
    log().info({ err: error, campaignId: campaign.id, schools: schools.length }, "batch of new boards refused; making them one by one");
    let created = 0;
    for (const school of schools) if (await createBoard(campaign, school, template, version, db)) created++;
    return created;
  }
  const at = new Date().toISOString();
  for (const m of made) emitBoardChanged({ boardId: m.key.id, campaignId: campaign.id, schoolId: m.key.schoolId, at });
  return made.length;
}

/** Runs `fn` over `items`, at most `limit` at a time, stopping early when `stop()` says so. */
async function pool<T>(items: T[], limit: number, stop: () => boolean, fn: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !stop()) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

async function runJob(jobId: string, signal: AbortSignal, opts: RunOptions, db: PrismaClient): Promise<Outcome> {
  const job = await db.campaignJob.findUniqueOrThrow({ where: { id: jobId }, include: { campaign: true } });
  const { campaign, version } = job;
  const templates = new Map<number, Promise<TemplateContent | null>>();
  const templateOf = (v: number) => {
    if (!templates.has(v)) templates.set(v, versionRow(campaign.id, v, db).then((row) => (row ? parseStoredTemplate(row.content) : null)));
    return templates.get(v)!;
  };
  const template = await templateOf(version);
  if (!template) throw new Error(`campaign ${campaign.id} has no template version ${version}`);
  const actor = (await versionRow(campaign.id, version, db))?.createdById ?? null;
  const collab = await getCollab();

  const schools = await targetSchools(campaign, db);
  const boards = await db.board.findMany({
    where: { campaignId: campaign.id },
    select: { id: true, schoolId: true, templateVersion: true, stat: { select: { boardId: true } } },
  });
  const bySchool = new Map(boards.map((b) => [b.schoolId, b]));
  const total = schools.length;
  let done = schools.filter((s) => (bySchool.get(s.id)?.templateVersion ?? -1) >= version && bySchool.get(s.id)?.stat).length;
  const failures: string[] = [];
  let lastWrite = 0;
  const writeProgress = async (force = false) => {
    if (!force && Date.now() - lastWrite < 300) return;
    lastWrite = Date.now();
    await db.campaignJob.update({ where: { id: jobId }, data: { done, total } });
  };
  await writeProgress(true);

  // Schools without a board: made in batches (CAMPAIGN_JOB_BATCH boards per transaction).
  const batch = opts.batch ?? getEnv().CAMPAIGN_JOB_BATCH;
  const missing = schools.filter((s) => !bySchool.has(s.id));
  const batches = Array.from({ length: Math.ceil(missing.length / batch) }, (_, i) => missing.slice(i * batch, (i + 1) * batch));
  await pool(batches, opts.concurrency ?? 4, () => signal.aborted, async (group) => {
    // A board made meanwhile by another runner (a takeover while the old one was still
    // finishing) is not counted here: that one projects it; the next run checks.
    const created = await createBoards(campaign, group, template, version, db);
    if (created === 0) return;
    done += created;
    opts.onBoard?.(done, total);
    await writeProgress();
  });

  await pool(schools, opts.concurrency ?? 4, () => signal.aborted, async (school) => {
    const board = bySchool.get(school.id);
    if (!board) {
      return; // made above
    } else if (board.templateVersion < version) {
      const previous = await templateOf(board.templateVersion);
      const result = await collab.change(board.id, (doc) => void mergeTemplate(doc, template, version, { previous }), { userId: actor, trusted: true });
      if (!result.ok) {
        failures.push(`${school.slug}: ${result.code} ${result.message}`);
        log().error({ jobId, boardId: board.id, code: result.code, message: result.message }, "template merge refused");
        return;
      }
      // Never back: a newer publish may have brought the board further meanwhile.
      await db.board.updateMany({ where: { id: board.id, templateVersion: { lt: version } }, data: { templateVersion: version } });
      // Rooms loaded only for this merge would otherwise stay in memory until idle.
      await collab.release(board.id);
    } else if (!board.stat) {
      // Made by a run that stopped before projecting it.
      const doc = await collab.readDoc(board.id);
      await projectBoard({ id: board.id, campaignId: campaign.id, schoolId: school.id }, doc, { db, at: null });
      doc.destroy();
    } else return;
    done++;
    opts.onBoard?.(done, total);
    await writeProgress();
  });

  if (signal.aborted) {
    await writeProgress(true);
    return { status: "stopped", done, total };
  }
  const status = failures.length ? "failed" : "done";
  const error = failures.length ? `${failures.length} board(s) refused the change: ${failures.slice(0, 3).join("; ")}` : null;
  await db.campaignJob.update({ where: { id: jobId }, data: { done, total, status, error, finishedAt: new Date() } });
  return { status, done, total };
}

/**
 * Starts (or joins) the run of a job in this process, if no other instance runs it: the job's
 * lease decides. While it runs, the lease is renewed every third of CAMPAIGN_JOB_LEASE_MS; a
 * renewal that fails (the lease was taken over) or finds the job no longer "running" (a newer
 * publish superseded it) stops the run between boards. The lease is let go when the run ends.
 */
export function runCampaignJob(jobId: string, opts: RunOptions = {}, db: PrismaClient = getDb()): Promise<Outcome> {
  const running = registry().get(jobId);
  if (running) return running.finished;
  const controller = new AbortController();
  opts.signal?.addEventListener("abort", () => controller.abort(), { once: true });
  const lease = jobLeaseName(jobId);
  const holder = jobRunnerId();
  const ttlMs = getEnv().CAMPAIGN_JOB_LEASE_MS;
  const run = async (): Promise<Outcome> => {
    if (!(await acquireLease(lease, holder, ttlMs, new Date(), db))) return { status: "elsewhere", done: 0, total: 0 };
    log().info({ jobId, runner: holder }, "campaign job runs here");
    const renew = async () => {
      const still = await acquireLease(lease, holder, ttlMs, new Date(), db);
      const job = still ? await db.campaignJob.findUnique({ where: { id: jobId }, select: { status: true } }) : null;
      if (!still || job?.status !== "running") {
        log().warn({ jobId, holder, leaseLost: !still, status: job?.status }, "campaign job stops: taken over or superseded");
        controller.abort();
      }
    };
    const heartbeat = setInterval(() => void renew().catch((err) => log().warn({ err, jobId }, "campaign job lease renewal failed")), Math.max(100, Math.floor(ttlMs / 3)));
    heartbeat.unref();
    try {
      return await runJob(jobId, controller.signal, opts, db);
    } finally {
      clearInterval(heartbeat);
      await releaseLease(lease, holder, db).catch(() => undefined);
    }
  };
  const finished = run()
    .catch(async (error: unknown) => {
      log().error({ err: error, jobId }, "campaign job failed");
      const message = error instanceof Error ? error.message : String(error);
      await db.campaignJob.update({ where: { id: jobId }, data: { status: "failed", error: message.slice(0, 500), finishedAt: new Date() } }).catch(() => undefined);
      return { status: "failed" as const, done: 0, total: 0 };
    })
    .finally(() => registry().delete(jobId));
  registry().set(jobId, { controller, finished });
  return finished;
}

type StartOptions = RunOptions & { wait?: boolean };

async function start(jobId: string, opts: StartOptions, db: PrismaClient) {
  const finished = runCampaignJob(jobId, opts, db);
  if (opts.wait) await finished;
  return db.campaignJob.findUniqueOrThrow({ where: { id: jobId } });
}

function requireValid(content: string, campaign: Campaign): TemplateContent {
  const checked = validateTemplate(JSON.parse(content), campaignSpan(campaign));
  if (!checked.ok) throw new CampaignError(422, "invalid_template", "The template has errors", checked.issues);
  return checked.template;
}

/**
 * "Triển khai": publishes the first version and gives every target school its board. On a
 * launched campaign it resumes an unfinished job (202); otherwise it answers 409
 * already_launched, so of two officers launching at once one wins and the other is told.
 */
export async function launchCampaign(campaign: Campaign, userId: string, opts: StartOptions = {}, db: PrismaClient = getDb()) {
  if (isFrozen(campaign.status)) throw new CampaignError(409, "campaign_closed", "This campaign is closed; reopen it first");
  if (campaign.status === "draft") {
    const version = campaign.publishedVersion + 1;
    const draft = await versionRow(campaign.id, version, db);
    if (!draft) throw new CampaignError(409, "no_template", "Write the template before launching");
    requireValid(draft.content, campaign);
    const total = (await targetSchools(campaign, db)).length;
    const job = await db.$transaction(async (tx) => {
      const { from, to } = TRANSITIONS.launch;
      const claimed = await tx.campaign.updateMany({ where: { id: campaign.id, status: from }, data: { status: to, publishedVersion: version } });
      if (claimed.count === 0) return null;
      await tx.templateVersion.update({ where: { id: draft.id }, data: { publishedAt: new Date(), createdById: userId } });
      await audit(tx, { actorId: userId, action: "campaign.launched", entityId: campaign.id, detail: { name: campaign.name, schools: total } });
      return tx.campaignJob.create({ data: { campaignId: campaign.id, kind: "launch", version, total } });
    });
    // Launched by a concurrent request: one officer wins, the other is told so.
    if (!job) throw new CampaignError(409, "already_launched", "This campaign was launched meanwhile");
    return { job: await start(job.id, opts, db), started: true, created: 0 };
  }
  const latest = await latestJob(campaign.id, db);
  // An interrupted or failed job is resumed ("Chạy tiếp"); one another request is running right
  // now, or a launch already done, is not a launch to make again: of two officers, one wins.
  const resumable = latest && ((latest.status === "running" && !(await jobActive(latest.id, db))) || latest.status === "failed");
  if (!resumable) throw new CampaignError(409, "already_launched", "This campaign is already launched");
  if (latest) {
    if (latest.status === "failed") await db.campaignJob.update({ where: { id: latest.id }, data: { status: "running", error: null, finishedAt: null } });
    return { job: await start(latest.id, opts, db), started: true, created: 0 };
  }
  throw new CampaignError(409, "already_launched", "This campaign is already launched");
}

/**
 * "Xuất bản thay đổi": publishes the draft as the next version with its note and merges it into
 * every board. Publishing with no draft, or a draft equal to what schools have, does nothing.
 */
export async function publishCampaign(campaign: Campaign, userId: string, note: string | undefined, opts: StartOptions = {}, db: PrismaClient = getDb()) {
  if (campaign.status === "draft") throw new CampaignError(409, "not_launched", "Launch the campaign first");
  if (isFrozen(campaign.status)) throw new CampaignError(409, "campaign_closed", "This campaign is closed; reopen it first");
  const latest = await latestJob(campaign.id, db);
  if (latest && latest.status === "running" && (await jobActive(latest.id, db))) throw new CampaignError(409, "job_running", "A launch or publish is still running");
  const version = campaign.publishedVersion + 1;
  const [draft, published] = await Promise.all([versionRow(campaign.id, version, db), versionRow(campaign.id, campaign.publishedVersion, db)]);
  if (!draft) return { job: latest, started: false };
  const template = requireValid(draft.content, campaign);
  const changes = diffTemplates(published ? parseStoredTemplate(published.content) : null, template);
  if (changes.length === 0) return { job: latest, started: false };
  const total = (await targetSchools(campaign, db)).length;
  const job = await db.$transaction(async (tx) => {
    const claimed = await tx.campaign.updateMany({ where: { id: campaign.id, publishedVersion: campaign.publishedVersion }, data: { publishedVersion: version } });
    if (claimed.count === 0) return null; // published by a concurrent request
    // The new job brings every board to the new version, so an interrupted older job is moot.
    await tx.campaignJob.updateMany({ where: { campaignId: campaign.id, status: { in: ["running", "failed"] } }, data: { status: "superseded", finishedAt: new Date() } });
    await tx.templateVersion.update({
      where: { id: draft.id },
      data: { publishedAt: new Date(), createdById: userId, note: note?.trim() || summariseChanges(changes) },
    });
    return tx.campaignJob.create({ data: { campaignId: campaign.id, kind: "publish", version, total } });
  });
  if (!job) return { job: await latestJob(campaign.id, db), started: false };
  return { job: await start(job.id, opts, db), started: true };
}

/**
 * Gives every target school of a launched campaign that has no board yet its board, at the
 * published version (a school added or reactivated after the launch). Returns how many it made.
 */
export async function ensureBoardsForCampaign(campaignId: string, db: PrismaClient = getDb()): Promise<number> {
  const campaign = await db.campaign.findUnique({ where: { id: campaignId } });
  if (!campaign || campaign.status !== "active" || campaign.publishedVersion === 0) return 0;
  const row = await versionRow(campaign.id, campaign.publishedVersion, db);
  if (!row) return 0;
  const template = parseStoredTemplate(row.content);
  const have = new Set((await db.board.findMany({ where: { campaignId }, select: { schoolId: true } })).map((b) => b.schoolId));
  let created = 0;
  for (const school of await targetSchools(campaign, db)) {
    if (!have.has(school.id) && (await createBoard(campaign, school, template, campaign.publishedVersion, db))) created++;
  }
  return created;
}

/** For the school administration: a new (or reactivated) school gets the boards of its district's launched campaigns. */
export async function ensureBoardsForSchool(schoolId: string, db: PrismaClient = getDb()): Promise<number> {
  const school = await db.school.findUnique({ where: { id: schoolId } });
  if (!school || !school.active) return 0;
  const campaigns = await db.campaign.findMany({ where: { districtId: school.districtId, status: "active" } });
  let created = 0;
  for (const c of campaigns) if (c.levels.split(",").includes(school.level)) created += await ensureBoardsForCampaign(c.id, db);
  return created;
}

/**
 * On boot, and then regularly (watchCampaignJobs): picks up every "running" job nobody works on —
 * left by a process that stopped, or by an instance that died (its lease lapsed). A job another
 * instance is running is left to it. Returns the jobs this process took up.
 */
export async function resumeCampaignJobs(opts: StartOptions = {}, db: PrismaClient = getDb()): Promise<string[]> {
  const stale = await db.campaignJob.findMany({ where: { status: "running" }, orderBy: { startedAt: "asc" } });
  const ids: string[] = [];
  for (const job of stale) if (!(await jobActive(job.id, db))) ids.push(job.id);
  // The lease decides between instances that saw the same job free at the same moment.
  const runs = ids.map((id) => runCampaignJob(id, opts, db).then((outcome) => ({ id, outcome })));
  const outcomes = await (opts.wait ? Promise.all(runs) : Promise.resolve(null));
  return outcomes ? outcomes.filter((o) => o.outcome.status !== "elsewhere").map((o) => o.id) : ids;
}

/**
 * Every instance checks, every half lease, for jobs whose runner is gone, and takes them over
 * (resumeCampaignJobs). Returns the function that stops watching.
 */
export function watchCampaignJobs(db: PrismaClient = getDb()): () => void {
  const everyMs = Math.max(250, Math.floor(getEnv().CAMPAIGN_JOB_LEASE_MS / 2));
  let pass: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (pass) return;
    pass = resumeCampaignJobs({}, db)
      .catch((err) => log().warn({ err }, "looking for campaign jobs to take over failed"))
      .finally(() => (pass = null));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** On shutdown: stops running jobs between boards (they stay "running" and resume on boot). */
export async function stopCampaignJobs(): Promise<void> {
  const running = [...registry().values()];
  for (const r of running) r.controller.abort();
  await Promise.all(running.map((r) => r.finished));
}
