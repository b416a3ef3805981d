import { z } from "zod";
import { isCalendarDate } from "~/domain/dates";
import { CRITERIA, LEVELS } from "~/domain/vocabulary";

// Inputs of the campaign pages and API, shared by both so a form and a JSON call are refused
// for the same reasons with the same field names. Messages are i18n keys under campaigns.errors.

const text = (max: number) => z.string().trim().min(1, "required").max(max, "too_long");
const date = z.string().trim().refine(isCalendarDate, "bad_date");

export const campaignDetailsSchema = z
  .object({
    name: text(300),
    planNumber: text(60),
    planDate: date,
    issuer: text(200),
    parentPlan: z.string().trim().max(300, "too_long").default(""),
    /** The first day of the campaign; template due dates may count from it. Blank: the plan date. */
    startDate: z.union([z.literal(""), date]).optional().default(""),
    deadline: date,
    levels: z.array(z.enum(LEVELS, { error: "unknown_level" })).min(1, "no_levels"),
  })
  .transform((c) => ({ ...c, startDate: c.startDate || c.planDate }))
  .refine((c) => c.deadline >= c.planDate, { path: ["deadline"], message: "deadline_before_plan" })
  .refine((c) => c.deadline > c.startDate, { path: ["startDate"], message: "start_after_deadline" });
export type CampaignDetails = z.infer<typeof campaignDetailsSchema>;

/** chỉ tiêu: a whole percentage per criterion; a criterion left out has no target. */
export const targetsSchema = z.partialRecord(
  z.enum(CRITERIA, { error: "unknown_criterion" }),
  z.number({ error: "bad_target" }).int("bad_target").min(0, "bad_target").max(100, "bad_target"),
);
export type Targets = z.infer<typeof targetsSchema>;

export const publishSchema = z.object({ note: z.string().trim().max(2000, "too_long").optional() });

/** Form data → the shape campaignDetailsSchema reads (levels come as repeated checkboxes). */
export function detailsFromForm(form: FormData) {
  const field = (k: string) => String(form.get(k) ?? "");
  return {
    name: field("name"),
    planNumber: field("planNumber"),
    planDate: field("planDate"),
    startDate: field("startDate"),
    issuer: field("issuer"),
    parentPlan: field("parentPlan"),
    deadline: field("deadline"),
    levels: form.getAll("levels").map(String),
  };
}

/** Form data → targets: blank inputs mean "no target", anything else must be 0–100. */
export function targetsFromForm(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of CRITERIA) {
    const raw = String(form.get(`target-${c}`) ?? "").trim();
    if (raw !== "") out[c] = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  }
  return out;
}

/** Zod issues → { field: i18n key } for inline messages (first issue per field wins). */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.map(String).join(".") : "form";
    out[key] ??= issue.message;
  }
  return out;
}
