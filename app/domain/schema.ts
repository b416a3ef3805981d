import { z } from "zod/mini";
import { en } from "zod/locales";
import { isCalendarDate } from "./dates";
import { isValidOrderKey } from "./order-keys";
import { CATEGORIES, CRITERIA, ORIGINS, STATUSES } from "./vocabulary";

// zod's mini API (the same core and the same issues as the classic one, each check a function):
// the board's schemas run in the browser too (decoding the replica, checking an edit before it is
// made), and the classic API's methods would bring the whole of zod with them (~20 KB gzip).
// The classic API sets zod's English messages when loaded; the browser loads only this, so it
// sets them here, and a refusal reads the same on both sides (describeZodError).
z.config(en());

export const SCHEMA_VERSION = 1;
export const LIMITS = {
  title: 200,
  description: 5000,
  itemText: 500,
  id: 200,
  section: 20,
  assignees: 100,
  itemsPerCard: 200,
  cardsPerBoard: 1000,
} as const;

const notBlank = (s: string) => s.trim().length > 0;
const unique = (xs: readonly unknown[]) => new Set(xs).size === xs.length;

export const idSchema = z.string().check(z.minLength(1), z.maxLength(LIMITS.id));
export const titleSchema = z.string().check(z.maxLength(LIMITS.title), z.refine(notBlank, "must not be blank"));
export const descriptionSchema = z.string().check(z.maxLength(LIMITS.description));
export const itemTextSchema = z.string().check(z.maxLength(LIMITS.itemText), z.refine(notBlank, "must not be blank"));
export const isoDateSchema = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD"), z.refine(isCalendarDate, "not a calendar date"));
export const dueDateSchema = z.nullable(isoDateSchema);
export const statusSchema = z.enum(STATUSES);
export const categorySchema = z.enum(CATEGORIES);
export const criteriaSchema = z.array(z.enum(CRITERIA)).check(z.refine(unique, "criteria repeat"));
export const orderKeySchema = z.string().check(z.refine(isValidOrderKey, "not a fractional-indexing key"));
const originSchema = z.enum(ORIGINS);
const sectionSchema = z.string().check(z.minLength(1), z.maxLength(LIMITS.section));
// As the classic `z.number().int().nonnegative()`: a number, then its checks.
const nonNegativeInt = z.number().check(z.int(), z.nonnegative());

type RefinementCtx = Parameters<Parameters<typeof z.superRefine>[0]>[1];
type Provenance = { origin: "template" | "school"; templateId: string | null; archived: boolean };

// Template things always name the template entry they came from; school things never do.
// A school card may be archived (its recycle bin); a school item never is (it is removed).
function checkProvenance(value: Provenance, ctx: RefinementCtx, kind: "card" | "item") {
  if (value.origin === "template" && value.templateId === null) {
    ctx.addIssue({ code: "custom", path: ["templateId"], message: "template origin needs a templateId" });
  }
  if (value.origin === "school" && value.templateId !== null) {
    ctx.addIssue({ code: "custom", path: ["templateId"], message: "school origin has no templateId" });
  }
  if (kind === "item" && value.origin === "school" && value.archived) {
    ctx.addIssue({ code: "custom", path: ["archived"], message: "only template items are archived" });
  }
}

export const checklistItemSchema = z
  .strictObject({
    id: idSchema,
    text: itemTextSchema,
    done: z.boolean(),
    doneBy: z.nullable(idSchema),
    doneAt: z.nullable(z.iso.datetime()),
    position: orderKeySchema,
    origin: originSchema,
    templateId: z.nullable(idSchema),
    needsEvidence: z.boolean(),
    archived: z.boolean(),
  })
  .check(
    z.superRefine((item, ctx) => {
      checkProvenance(item, ctx, "item");
      if (item.done !== (item.doneAt !== null)) {
        ctx.addIssue({ code: "custom", path: ["doneAt"], message: "doneAt is set exactly when done" });
      }
      if (!item.done && item.doneBy !== null) {
        ctx.addIssue({ code: "custom", path: ["doneBy"], message: "doneBy is null when not done" });
      }
    }),
  );

export const cardSchema = z
  .strictObject({
    id: idSchema,
    title: titleSchema,
    description: descriptionSchema,
    category: categorySchema,
    criteria: criteriaSchema,
    dueDate: dueDateSchema,
    assignees: z.array(idSchema).check(z.maxLength(LIMITS.assignees), z.refine(unique, "assignees repeat")),
    status: statusSchema,
    position: orderKeySchema,
    origin: originSchema,
    templateId: z.nullable(idSchema),
    section: z.nullable(sectionSchema),
    createdBy: z.nullable(idSchema),
    archived: z.boolean(),
    checklist: z.array(checklistItemSchema).check(z.maxLength(LIMITS.itemsPerCard)),
  })
  .check(
    z.superRefine((card, ctx) => {
      checkProvenance(card, ctx, "card");
      if (!unique(card.checklist.map((i) => i.id))) {
        ctx.addIssue({ code: "custom", path: ["checklist"], message: "checklist item ids repeat" });
      }
      const templateItems = card.checklist.filter((i) => i.origin === "template");
      if (card.origin === "school" && templateItems.length > 0) {
        ctx.addIssue({ code: "custom", path: ["checklist"], message: "a school card has no template items" });
      }
      if (!unique(templateItems.map((i) => i.templateId))) {
        ctx.addIssue({ code: "custom", path: ["checklist"], message: "template item ids repeat" });
      }
    }),
  );

export const boardSchema = z
  .strictObject({
    schemaVersion: z.literal(SCHEMA_VERSION),
    columns: z.tuple([z.literal("planned"), z.literal("in_progress"), z.literal("done")]),
    templateVersion: z.optional(nonNegativeInt),
    cards: z.array(cardSchema).check(z.maxLength(LIMITS.cardsPerBoard)),
  })
  .check(
    z.superRefine((board, ctx) => {
      for (const message of crossCardProblems(board.cards)) ctx.addIssue({ code: "custom", path: ["cards"], message });
    }),
  );

/** The rules of boardSchema that span cards (each card's own are cardSchema's). */
export function crossCardProblems(cards: readonly Pick<Card, "id" | "origin" | "templateId">[]): string[] {
  const problems: string[] = [];
  if (!unique(cards.map((c) => c.id))) problems.push("card ids repeat");
  if (!unique(cards.filter((c) => c.origin === "template").map((c) => c.templateId))) problems.push("template card ids repeat");
  return problems;
}

export type ChecklistItem = z.infer<typeof checklistItemSchema>;
export type Card = z.infer<typeof cardSchema>;
export type Board = z.infer<typeof boardSchema>;

/** A district requirement as it is written into every school's board. */
export const templateCardSchema = z.strictObject({
  templateId: idSchema,
  section: z.nullable(sectionSchema),
  category: categorySchema,
  criteria: criteriaSchema,
  title: titleSchema,
  description: descriptionSchema,
  dueDate: dueDateSchema,
  checklist: z.array(
    z.strictObject({ templateId: idSchema, text: itemTextSchema, needsEvidence: z.boolean() }),
  ),
});
export type TemplateCard = z.infer<typeof templateCardSchema>;
export const templateCardsSchema = z.array(templateCardSchema);

/** One line per problem, path first: short enough for a toast or a log line. */
export function describeZodError(error: { issues: readonly z.core.$ZodIssue[] }, max = 5): string {
  const lines = error.issues.slice(0, max).map((issue) => {
    const path = issue.path.map(String).join(".");
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  const more = error.issues.length - lines.length;
  return more > 0 ? `${lines.join("; ")}; and ${more} more` : lines.join("; ");
}
