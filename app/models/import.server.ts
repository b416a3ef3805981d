import type { Prisma, PrismaClient } from "@prisma/client";
import type { Actor } from "~/domain/permissions";
import { planImport, type Plan, type Snapshot } from "~/features/admin/import/plan";
import { readGrids, type ReadResult } from "~/features/admin/import/read.server";
import { readFile } from "~/features/admin/import/rows";
import type { ImportIssue } from "~/features/admin/import/issues";
import { loadUpload, markApplied, saveUpload, type ImportResult, type UploadMeta } from "~/features/admin/import/store.server";
import { Abort, writePlan } from "~/features/admin/import/write.server";
import { getDb } from "~/utils/db.server";
import { getLogger } from "~/utils/logger.server";
import { disconnectLive } from "./person.server";
import { ensureBoards } from "./school.server";

type Db = PrismaClient | Prisma.TransactionClient;

async function snapshot(db: Db, actor: Actor, emails: string[]): Promise<Snapshot> {
  const schools = await db.school.findMany({ where: { districtId: actor.districtId }, select: { id: true, name: true, code: true, level: true, ward: true, active: true } });
  const people: Snapshot["people"] = [];
  for (let i = 0; i < emails.length; i += 500) {
    const users = await db.user.findMany({ where: { email: { in: emails.slice(i, i + 500) } }, include: { memberships: { take: 1, orderBy: { createdAt: "asc" } } } });
    for (const u of users) {
      const m = u.memberships[0];
      people.push({ userId: u.id, email: u.email, name: u.name, membership: m ? { districtId: m.districtId, role: m.role, schoolId: m.schoolId } : null });
    }
  }
  return { districtId: actor.districtId, actorId: actor.userId, schools, people };
}

/** The stored grids into checked rows; problems with the file itself come first. */
function rowsOf({ grids, issues }: ReadResult) {
  // A file that could not be read has that one problem, not a second "it is empty".
  if (issues.length) return { schools: null, people: null, rejectedSchools: [], issues };
  const file = readFile(grids);
  file.issues = [...issues, ...file.issues];
  return file;
}

async function planFor(db: Db, actor: Actor, read: ReadResult): Promise<Plan> {
  const file = rowsOf(read);
  const emails = (file.people?.rows ?? []).map((r) => r.email);
  return planImport(file, await snapshot(db, actor, emails));
}

/** Parses an upload (bounded, off the main thread: read.server.ts) and keeps file and grids. */
export async function storeImport(actor: Actor, upload: { bytes: Uint8Array; filename: string }): Promise<UploadMeta> {
  return saveUpload(actor, upload, await readGrids(upload.bytes, upload.filename));
}

/** What the import would do with an uploaded file, without writing anything (the plan is made against the database as it is now). */
export async function previewImport(actor: Actor, id: string) {
  const upload = await loadUpload(actor.districtId, id);
  if (!upload) return null;
  return { meta: upload.meta, plan: await planFor(getDb(), actor, upload.read) };
}


export type ApplyOutcome =
  | { ok: true; result: ImportResult; already: boolean }
  | { ok: false; issues: ImportIssue[]; busy?: boolean };

const applying = new Set<string>();

/**
 * Applies an upload in ONE transaction: the plan is made again inside it (the database may have
 * changed since the preview), then every row is written; any problem, planned or met while
 * writing, rolls everything back. Only Prisma calls are awaited inside the transaction.
 */
export async function applyImport(actor: Actor, id: string, db: PrismaClient = getDb()): Promise<ApplyOutcome | null> {
  const upload = await loadUpload(actor.districtId, id);
  if (!upload) return null;
  if (upload.meta.applied) return { ok: true, result: upload.meta.applied, already: true };
  if (applying.has(id)) return { ok: false, issues: [], busy: true };
  applying.add(id);
  try {
    const { read, meta } = upload;
    const file = rowsOf(read);
    const sheets = { schools: file.schools?.name ?? null, people: file.people?.name ?? null };
    const emails = (file.people?.rows ?? []).map((r) => r.email);
    const changedPeople: string[] = [];
    const started = performance.now();
    const result = await db.$transaction(
      async (tx) => {
        const plan = planImport(file, await snapshot(tx, actor, emails));
        if (plan.issues.length) throw new Abort(plan.issues);
        changedPeople.push(...(await writePlan(tx, actor, meta, plan, sheets)));
        return { at: new Date().toISOString(), by: actor.userId, schools: plan.counts.schools, people: plan.counts.people } satisfies ImportResult;
      },
      { timeout: 120_000, maxWait: 30_000 },
    );
    getLogger().info({ importId: id, ms: Math.round(performance.now() - started), ...result }, "import applied");
    await markApplied(meta, result);
    for (const userId of changedPeople) await disconnectLive(userId, "role-changed");
    if (result.schools.create > 0) await ensureBoards(actor.districtId, db);
    return { ok: true, result, already: false };
  } catch (error) {
    if (error instanceof Abort) return { ok: false, issues: error.issues };
    throw error;
  } finally {
    applying.delete(id);
  }
}
