import type { Campaign, PrismaClient, TemplateVersion } from "@prisma/client";
import { todayInHcm } from "~/domain/dates";
import type { CampaignSpan } from "~/domain/template-dates";
import type { TemplateIssue } from "~/domain/template";
import type { Targets } from "~/features/campaigns/schemas";

// Pieces shared by the campaign models (kept apart so they import no one another).

/** A refusal with an HTTP status and a code; `issues` names template fields. */
export class CampaignError extends Error {
  constructor(
    public status: 404 | 409 | 422,
    public code: string,
    message: string,
    public issues: TemplateIssue[] = [],
  ) {
    super(message);
    this.name = "CampaignError";
  }
}

/** The campaign's span for its template's due dates (a campaign made before startDate existed starts on its plan date). */
export function campaignSpan(c: Pick<Campaign, "startDate" | "planDate" | "deadline">): CampaignSpan {
  return { start: todayInHcm(c.startDate ?? c.planDate), deadline: todayInHcm(c.deadline) };
}

export function parseTargets(json: string): Targets {
  try {
    const value = JSON.parse(json) as Record<string, unknown>;
    return Object.fromEntries(Object.entries(value).filter(([, v]) => typeof v === "number")) as Targets;
  } catch {
    return {};
  }
}

/** One template version row (null for version 0: "nothing yet"). */
export async function versionRow(campaignId: string, version: number, db: PrismaClient): Promise<TemplateVersion | null> {
  return version > 0 ? db.templateVersion.findUnique({ where: { campaignId_version: { campaignId, version } } }) : null;
}

/** By name, not instanceof: the Remix build and the server each load their own copy of this module. */
export function isCampaignError(error: unknown): error is CampaignError {
  return error instanceof Error && error.name === "CampaignError" && typeof (error as CampaignError).status === "number";
}
