import { z } from "zod";
import { isCalendarDate } from "./dates";
import { LIMITS, templateCardsSchema, type TemplateCard } from "./schema";
import { CATEGORIES, CRITERIA, normaliseCriteria } from "./vocabulary";
import { DUE_ANCHORS, resolveDue, type CampaignSpan, type DueAnchor, type DueRule } from "./template-dates";

// A campaign's template as the district edits it: the cards (with checklists, criteria, due
// dates, evidence flags and plan sections) every school board starts from. The campaign's own
// fields (name, plan, deadline, levels) live on the Campaign row; validation takes the deadline
// as context. Issues carry a stable code and the path of the field, so the API can name the
// field in English and the editor can put a translated message beside it.

export const TEMPLATE_LIMITS = { cards: 200, itemsPerCard: 50 } as const;

export const TEMPLATE_ISSUE_CODES = [
  "required",
  "too_long",
  "too_many",
  "bad_date",
  "after_deadline",
  "before_start",
  "unknown_criterion",
  "unknown_category",
  "repeated_criterion",
  "duplicate_id",
  "bad_id",
  "no_cards",
  "unknown_field",
  "invalid",
] as const;
export type TemplateIssueCode = (typeof TEMPLATE_ISSUE_CODES)[number];

export type TemplateIssue = { path: string; code: TemplateIssueCode; message: string };

const MESSAGES: Record<TemplateIssueCode, string> = {
  required: "must not be blank",
  too_long: "is too long",
  too_many: "has too many entries",
  bad_date: "is not a YYYY-MM-DD calendar date",
  after_deadline: "is after the campaign deadline",
  before_start: "is before the campaign starts",
  unknown_criterion: `is not a criterion (expected one of ${CRITERIA.join(", ")})`,
  unknown_category: `is not a category (expected one of ${CATEGORIES.join(", ")})`,
  repeated_criterion: "names a criterion twice",
  duplicate_id: "repeats a template id used elsewhere in the template",
  bad_id: "is not a valid template id (letters, digits and dashes, up to 60)",
  no_cards: "must hold at least one card",
  unknown_field: "holds an unknown field",
  invalid: "has the wrong type",
};

const text = (max: number) =>
  z
    .string({ error: "invalid" })
    .transform((s) => s.trim())
    .pipe(z.string().min(1, "required").max(max, "too_long"));

const templateIdSchema = z.string({ error: "invalid" }).regex(/^[a-z0-9][a-z0-9-]{0,59}$/, "bad_id");
const dateSchema = z.string({ error: "invalid" }).refine(isCalendarDate, "bad_date");

const itemSchema = z.strictObject(
  {
    templateId: templateIdSchema,
    text: text(LIMITS.itemText),
    needsEvidence: z.boolean({ error: "invalid" }).default(false),
  },
  { error: (issue) => (issue.code === "unrecognized_keys" ? "unknown_field" : "invalid") },
);

const cardSchema = z.strictObject(
  {
    templateId: templateIdSchema,
    section: z
      .string({ error: "invalid" })
      .nullable()
      .default(null)
      .transform((s) => (s === null || s.trim() === "" ? null : s.trim()))
      .pipe(z.string().max(LIMITS.section, "too_long").nullable()),
    category: z.enum(CATEGORIES, { error: "unknown_category" }),
    criteria: z
      .array(z.enum(CRITERIA, { error: "unknown_criterion" }), { error: "invalid" })
      .refine((cs) => new Set(cs).size === cs.length, "repeated_criterion")
      .transform(normaliseCriteria),
    title: text(LIMITS.title),
    description: z.string({ error: "invalid" }).max(LIMITS.description, "too_long").default(""),
    dueDate: dateSchema.nullable().default(null),
    // Kept relative to the campaign (template-dates.ts); when set, it decides dueDate.
    due: z
      .strictObject({ from: z.enum(DUE_ANCHORS, { error: "invalid" }), days: z.number({ error: "invalid" }).int("invalid").min(-1000, "invalid").max(1000, "invalid") }, { error: "invalid" })
      .nullable()
      .default(null),
    checklist: z.array(itemSchema, { error: "invalid" }).max(TEMPLATE_LIMITS.itemsPerCard, "too_many").default([]),
  },
  { error: (issue) => (issue.code === "unrecognized_keys" ? "unknown_field" : "invalid") },
);

export const templateContentSchema = z.strictObject(
  { cards: z.array(cardSchema, { error: "invalid" }).min(1, "no_cards").max(TEMPLATE_LIMITS.cards, "too_many") },
  { error: (issue) => (issue.code === "unrecognized_keys" ? "unknown_field" : "invalid") },
);

/** A template card as the district plans it: a board's template card plus, optionally, its due-date rule. */
export type TemplatePlanCard = TemplateCard & { due?: DueRule | null };

/** What TemplateVersion.content holds (as JSON). */
export type TemplateContent = { cards: TemplatePlanCard[] };

/** The cards as boards take them: resolved dates only, no rules. */
export function boardCards(template: TemplateContent): TemplateCard[] {
  return template.cards.map(({ due: _due, ...card }) => card);
}

export type TemplateValidation = { ok: true; template: TemplateContent } | { ok: false; issues: TemplateIssue[] };

function issue(path: (string | number | symbol)[], code: TemplateIssueCode, detail?: string): TemplateIssue {
  const base = MESSAGES[code];
  return { path: path.map(String).join("."), code, message: detail ? `${base} (${detail})` : base };
}

function codeOf(raw: z.core.$ZodIssue): TemplateIssueCode {
  if ((TEMPLATE_ISSUE_CODES as readonly string[]).includes(raw.message)) return raw.message as TemplateIssueCode;
  if (raw.code === "unrecognized_keys") return "unknown_field";
  return "invalid";
}

/**
 * Parses and checks a template: its shape, and what the shape cannot say — template ids unique
 * across the whole template (cards and items), and every due date inside the campaign: not before
 * `start`, not after `deadline` (YYYY-MM-DD; the report is due before it, so the deadline day
 * itself is the last allowed). A card's due-date rule is resolved against the campaign first.
 */
export function validateTemplate(input: unknown, context: CampaignSpan): TemplateValidation {
  const resolved = withResolvedRules(input, context);
  const parsed = templateContentSchema.safeParse(resolved);
  // Ids and dates are checked on the raw input too, so one check reports every problem at once.
  const cross = crossChecks(resolved, context);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((raw) => {
      const code = codeOf(raw);
      const detail = raw.code === "unrecognized_keys" ? raw.keys.join(", ") : undefined;
      return issue(raw.path, code, detail);
    });
    return { ok: false, issues: dedupe([...issues, ...cross]) };
  }
  if (cross.length > 0) return { ok: false, issues: cross };
  const template: TemplateContent = { cards: parsed.data.cards };
  // The board model must accept every card we would write: a belt-and-braces check that the
  // editor's schema never drifts looser than the document's.
  const board = templateCardsSchema.safeParse(boardCards(template));
  if (!board.success) return { ok: false, issues: [issue(board.error.issues[0]?.path ?? [], "invalid")] };
  return { ok: true, template };
}

/** Rules turned into dates on a copy of the raw input (a malformed rule is left to the schema to name). */
function withResolvedRules(input: unknown, span: CampaignSpan): unknown {
  const cards = (input as { cards?: unknown } | null)?.cards;
  if (!Array.isArray(cards)) return input;
  return {
    ...(input as object),
    cards: cards.map((card: Record<string, unknown> | null) => {
      const due = card && typeof card === "object" ? (card.due as Partial<DueRule> | null | undefined) : null;
      const valid = due && DUE_ANCHORS.includes(due.from as DueAnchor) && Number.isInteger(due.days) && Math.abs(due.days!) <= 1000;
      return valid ? { ...card, dueDate: resolveDue(due as DueRule, span) } : card;
    }),
  };
}

/** Template ids unique across cards and items; every due date inside the campaign. */
function crossChecks(input: unknown, { start, deadline }: CampaignSpan): TemplateIssue[] {
  const cards = (input as { cards?: unknown } | null)?.cards;
  if (!Array.isArray(cards)) return [];
  const issues: TemplateIssue[] = [];
  const seen = new Set<string>();
  const claim = (id: unknown, path: (string | number)[]) => {
    if (typeof id !== "string") return;
    if (seen.has(id)) issues.push(issue(path, "duplicate_id", id));
    seen.add(id);
  };
  cards.forEach((card: Record<string, unknown> | null, i) => {
    if (!card || typeof card !== "object") return;
    claim(card.templateId, ["cards", i, "templateId"]);
    if (Array.isArray(card.checklist)) card.checklist.forEach((item: { templateId?: unknown } | null, j) => claim(item?.templateId, ["cards", i, "checklist", j, "templateId"]));
    const due = card.dueDate;
    if (typeof due === "string" && isCalendarDate(due) && due > deadline) {
      issues.push(issue(["cards", i, "dueDate"], "after_deadline", `${due} > ${deadline}`));
    }
    if (typeof due === "string" && isCalendarDate(due) && due < start) {
      issues.push(issue(["cards", i, "dueDate"], "before_start", `${due} < ${start}`));
    }
  });
  return issues;
}

function dedupe(issues: TemplateIssue[]): TemplateIssue[] {
  const keys = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.path}|${i.code}`;
    if (keys.has(key)) return false;
    keys.add(key);
    return true;
  });
}

/** "cards.2.title: must not be blank; …" — for API errors and logs. */
export function describeTemplateIssues(issues: readonly TemplateIssue[], max = 5): string {
  const lines = issues.slice(0, max).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
  const more = issues.length - lines.length;
  return more > 0 ? `${lines.join("; ")}; and ${more} more` : lines.join("; ");
}

/**
 * Reads a stored TemplateVersion.content. Stored content was validated when saved; a row that
 * no longer parses is a bug or a hand edit, and must stop a launch rather than reach boards.
 */
export function parseStoredTemplate(json: string): TemplateContent {
  const parsed = templateContentSchema.safeParse(JSON.parse(json));
  if (!parsed.success) throw new Error(`stored template is invalid: ${parsed.error.issues[0]?.message ?? "unknown"}`);
  return { cards: parsed.data.cards };
}

/** Shifts every due date by whole years (next year's copy); 29 February becomes the 28th. */
export function shiftTemplateYears(template: TemplateContent, years: number): TemplateContent {
  return {
    cards: template.cards.map((card) => ({
      ...card,
      checklist: card.checklist.map((i) => ({ ...i })),
      criteria: [...card.criteria],
      dueDate: card.dueDate === null ? null : shiftDateYears(card.dueDate, years),
    })),
  };
}

export function shiftDateYears(date: string, years: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const year = y + years;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const day = m === 2 && d === 29 && !leap ? 28 : d;
  return `${String(year).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}
