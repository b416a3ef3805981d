import type { Campaign, PrismaClient } from "@prisma/client";
import { PLAN_2023, PLAN_2023_TEMPLATE } from "~/domain/plan-2023";

/** The span the 2023 plan's dates were written for: from its issue to its report deadline. */
const PLAN_2023_SPAN = { start: PLAN_2023.planDate, deadline: PLAN_2023.deadline };
import { diffTemplates, type TemplateChange } from "~/domain/template-diff";
import { parseStoredTemplate, shiftDateYears, validateTemplate, type TemplateContent } from "~/domain/template";
import { moveDueDates } from "~/domain/template-dates";
import type { CampaignDetails, Targets } from "~/features/campaigns/schemas";
import { getDb } from "~/utils/db.server";
import { deadlineDate } from "./board.server";
import { hcmMidnight } from "~/domain/dates";
import { campaignSpan, CampaignError, isCampaignError, parseTargets, versionRow } from "./campaign-common.server";

export { CampaignError, isCampaignError, parseTargets };

// Campaigns and their template versions. A campaign has at most one draft version (the one
// after publishedVersion, publishedAt null); published versions never change. Launch and
// publish live in campaign-jobs.server.ts, per-criterion progress in campaign-progress.server.ts.

export { criterionProgress, type CriterionProgress } from "./campaign-progress.server";
export {
  countTargetSchools,
  ensureBoardsForCampaign,
  ensureBoardsForSchool,
  jobJson,
  latestJob,
  launchCampaign,
  publishCampaign,
  resumeCampaignJobs,
  runCampaignJob,
  stopCampaignJobs,
  type JobJson,
} from "./campaign-jobs.server";

export function campaignJson(c: Campaign) {
  return {
    id: c.id,
    slug: c.slug,
    name: c.name,
    planNumber: c.planNumber,
    planDate: deadlineDate(c.planDate),
    issuer: c.issuer,
    parentPlan: c.parentPlan ?? "",
    deadline: deadlineDate(c.deadline),
    levels: c.levels.split(",").filter(Boolean),
    status: c.status,
    startDate: deadlineDate(c.startDate ?? c.planDate),
    closedOn: c.closedAt ? deadlineDate(c.closedAt) : null,
    targets: parseTargets(c.targets),
    publishedVersion: c.publishedVersion,
    copiedFromId: c.copiedFromId,
  };
}
export type CampaignJson = ReturnType<typeof campaignJson>;

/** Current and past campaigns of a district, newest deadline first, with their board counts. */
export async function listCampaigns(districtId: string, db: PrismaClient = getDb()) {
  const campaigns = await db.campaign.findMany({
    where: { districtId },
    orderBy: [{ deadline: "desc" }, { createdAt: "desc" }],
    include: { _count: { select: { boards: true } } },
  });
  return campaigns.map((c) => ({ ...campaignJson(c), boards: c._count.boards }));
}

/** A campaign of the caller's district, or 404 (another district's ids are not ours to confirm). */
export async function requireCampaign(districtId: string, id: string, db: PrismaClient = getDb()): Promise<Campaign> {
  const campaign = await db.campaign.findFirst({ where: { id, districtId } });
  if (!campaign) throw new CampaignError(404, "campaign_not_found", `No campaign ${id}`);
  return campaign;
}

export async function listVersions(campaignId: string, db: PrismaClient = getDb()) {
  const rows = await db.templateVersion.findMany({ where: { campaignId }, orderBy: { version: "desc" } });
  return rows.map((v) => ({ version: v.version, note: v.note, publishedAt: v.publishedAt?.toISOString() ?? null, createdAt: v.createdAt.toISOString() }));
}

export async function publishedTemplate(campaign: Campaign, db: PrismaClient = getDb()): Promise<TemplateContent | null> {
  const row = await versionRow(campaign.id, campaign.publishedVersion, db);
  return row ? parseStoredTemplate(row.content) : null;
}

/**
 * What the editor works on: the draft if there is one, else a copy of the published version
 * (saving it makes the draft). `changes` compares it with what schools have now.
 */
export async function editableTemplate(campaign: Campaign, db: PrismaClient = getDb()) {
  const draft = await versionRow(campaign.id, campaign.publishedVersion + 1, db);
  const published = await publishedTemplate(campaign, db);
  const template = draft ? parseStoredTemplate(draft.content) : (published ?? { cards: structuredClone(PLAN_2023_TEMPLATE) });
  const changes: TemplateChange[] = published ? diffTemplates(published, template) : [];
  return { template, isDraft: !!draft, draftVersion: campaign.publishedVersion + 1, published, changes };
}

/**
 * Validates and stores the draft (version publishedVersion + 1). A version published meanwhile
 * is never overwritten: the write only matches an unpublished row.
 */
export async function saveDraft(campaign: Campaign, input: unknown, userId: string, db: PrismaClient = getDb()): Promise<TemplateContent> {
  const checked = validateTemplate(input, campaignSpan(campaign));
  if (!checked.ok) throw new CampaignError(422, "invalid_template", "The template has errors", checked.issues);
  const version = campaign.publishedVersion + 1;
  const content = JSON.stringify(checked.template);
  const updated = await db.templateVersion.updateMany({
    where: { campaignId: campaign.id, version, publishedAt: null },
    data: { content, createdById: userId },
  });
  if (updated.count === 0) {
    try {
      await db.templateVersion.create({ data: { campaignId: campaign.id, version, content, createdById: userId } });
    } catch {
      throw new CampaignError(409, "version_published", `Version ${version} was published meanwhile; reload and edit again`);
    }
  }
  return checked.template;
}

/** Drops the draft: the editor goes back to what schools have. */
export async function discardDraft(campaign: Campaign, db: PrismaClient = getDb()) {
  await db.templateVersion.deleteMany({ where: { campaignId: campaign.id, version: campaign.publishedVersion + 1, publishedAt: null } });
}

const slugBase = (name: string) =>
  name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48)
    .replace(/-+$/, "") || "ke-hoach";

async function uniqueSlug(base: string, db: PrismaClient): Promise<string> {
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    if (!(await db.campaign.findUnique({ where: { slug }, select: { id: true } }))) return slug;
  }
}

function detailsData(d: CampaignDetails) {
  return {
    name: d.name,
    planNumber: d.planNumber,
    planDate: hcmMidnight(d.planDate),
    startDate: hcmMidnight(d.startDate),
    issuer: d.issuer,
    parentPlan: d.parentPlan || null,
    deadline: hcmMidnight(d.deadline),
    levels: d.levels.join(","),
  };
}

/**
 * A new draft campaign whose first template version is the 2023 plan, each due date kept where it
 * sits in the plan — so many days from its start, or before its deadline — and so inside the new
 * campaign, however long it runs (template-dates.ts).
 */
export async function createCampaign(districtId: string, details: CampaignDetails, userId: string, db: PrismaClient = getDb()) {
  const template = { cards: moveDueDates(PLAN_2023_TEMPLATE, PLAN_2023_SPAN, { start: details.startDate, deadline: details.deadline }) };
  const slug = await uniqueSlug(`${slugBase(details.name)}-${details.deadline.slice(0, 4)}`, db);
  return db.campaign.create({
    data: { districtId, slug, ...detailsData(details), templates: { create: { version: 1, content: JSON.stringify(template), createdById: userId } } },
  });
}

/** Details can change until launch; after it, schools plan against them. */
export async function updateDetails(campaign: Campaign, details: CampaignDetails, db: PrismaClient = getDb()) {
  if (campaign.status !== "draft") throw new CampaignError(409, "campaign_launched", "A launched campaign's details cannot change");
  return db.campaign.update({ where: { id: campaign.id }, data: detailsData(details) });
}

export async function setTargets(campaign: Campaign, targets: Targets, db: PrismaClient = getDb()) {
  return db.campaign.update({ where: { id: campaign.id }, data: { targets: JSON.stringify(targets) } });
}

/**
 * "Sao chép": next year's draft from this campaign — dates one year on, the latest template
 * (published, or the draft of a campaign never launched) with its due dates moved too, the
 * same levels and targets. Template ids stay, so the years can be compared card by card.
 */
export async function copyCampaign(source: Campaign, userId: string, db: PrismaClient = getDb()) {
  const latest = (await versionRow(source.id, source.publishedVersion, db)) ?? (await versionRow(source.id, source.publishedVersion + 1, db));
  const year = (d: Date) => shiftDateYears(deadlineDate(d), 1);
  const deadline = year(source.deadline);
  const span = campaignSpan(source);
  const next = { start: shiftDateYears(span.start, 1), deadline };
  // Rules carry over; fixed dates become rules against the source campaign, then land in the next.
  const cards = latest ? parseStoredTemplate(latest.content).cards : PLAN_2023_TEMPLATE;
  const template = { cards: moveDueDates(cards, latest ? span : PLAN_2023_SPAN, next) };
  const oldYear = deadlineDate(source.deadline).slice(0, 4);
  const newYear = deadline.slice(0, 4);
  const name = source.name.includes(oldYear) ? source.name.replaceAll(oldYear, newYear) : `${source.name} (${newYear})`;
  const base = source.slug.includes(oldYear) ? source.slug.replaceAll(oldYear, newYear) : `${source.slug}-${newYear}`;
  return db.campaign.create({
    data: {
      districtId: source.districtId,
      slug: await uniqueSlug(base, db),
      name,
      planNumber: source.planNumber,
      planDate: hcmMidnight(year(source.planDate)),
      startDate: hcmMidnight(next.start),
      issuer: source.issuer,
      parentPlan: source.parentPlan,
      deadline: hcmMidnight(deadline),
      levels: source.levels,
      targets: source.targets,
      copiedFromId: source.id,
      templates: { create: { version: 1, content: JSON.stringify(template), createdById: userId } },
    },
  });
}

/**
 * The note of the latest template change a board has received (versions after the launch),
 * for the school board page: `{ version, note, publishedAt }` or null.
 */
export async function boardTemplateNote(boardId: string, db: PrismaClient = getDb()) {
  const board = await db.board.findUnique({ where: { id: boardId }, select: { campaignId: true, templateVersion: true } });
  if (!board || board.templateVersion < 2) return null;
  const row = await db.templateVersion.findFirst({
    where: { campaignId: board.campaignId, version: { gte: 2, lte: board.templateVersion }, publishedAt: { not: null }, note: { not: null } },
    orderBy: { version: "desc" },
  });
  return row?.note ? { version: row.version, note: row.note, publishedAt: row.publishedAt!.toISOString() } : null;
}
