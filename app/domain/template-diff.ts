import type { TemplateCard } from "./schema";
import type { TemplateContent } from "./template";

// What changed between two template versions, as the officer reviews it before publishing and
// as the default note schools read. Matching is by templateId, like the merge.

export type TemplateChange =
  | { kind: "card_added"; card: string }
  | { kind: "card_removed"; card: string }
  | { kind: "card_renamed"; card: string; from: string }
  | { kind: "card_redated"; card: string; from: string | null; to: string | null }
  | { kind: "card_edited"; card: string; fields: ("description" | "category" | "criteria" | "section")[] }
  | { kind: "item_added"; card: string; item: string }
  | { kind: "item_removed"; card: string; item: string }
  | { kind: "item_renamed"; card: string; item: string; from: string }
  | { kind: "item_evidence"; card: string; item: string; needsEvidence: boolean };

export function diffTemplates(prev: TemplateContent | null, next: TemplateContent): TemplateChange[] {
  const changes: TemplateChange[] = [];
  const before = new Map((prev?.cards ?? []).map((c) => [c.templateId, c]));
  const after = new Set(next.cards.map((c) => c.templateId));
  for (const card of next.cards) {
    const old = before.get(card.templateId);
    if (!old) {
      changes.push({ kind: "card_added", card: card.title });
      continue;
    }
    if (old.title.trim() !== card.title.trim()) changes.push({ kind: "card_renamed", card: card.title, from: old.title });
    if (old.dueDate !== card.dueDate) changes.push({ kind: "card_redated", card: card.title, from: old.dueDate, to: card.dueDate });
    const fields = editedFields(old, card);
    if (fields.length) changes.push({ kind: "card_edited", card: card.title, fields });
    changes.push(...diffItems(old, card));
  }
  for (const old of prev?.cards ?? []) {
    if (!after.has(old.templateId)) changes.push({ kind: "card_removed", card: old.title });
  }
  return changes;
}

function editedFields(a: TemplateCard, b: TemplateCard) {
  const fields: ("description" | "category" | "criteria" | "section")[] = [];
  if (a.description !== b.description) fields.push("description");
  if (a.category !== b.category) fields.push("category");
  if (a.criteria.join(",") !== b.criteria.join(",")) fields.push("criteria");
  if (a.section !== b.section) fields.push("section");
  return fields;
}

function diffItems(old: TemplateCard, card: TemplateCard): TemplateChange[] {
  const out: TemplateChange[] = [];
  const before = new Map(old.checklist.map((i) => [i.templateId, i]));
  const after = new Set(card.checklist.map((i) => i.templateId));
  for (const item of card.checklist) {
    const was = before.get(item.templateId);
    if (!was) out.push({ kind: "item_added", card: card.title, item: item.text });
    else {
      if (was.text.trim() !== item.text.trim()) out.push({ kind: "item_renamed", card: card.title, item: item.text, from: was.text });
      if (was.needsEvidence !== item.needsEvidence) out.push({ kind: "item_evidence", card: card.title, item: item.text, needsEvidence: item.needsEvidence });
    }
  }
  for (const was of old.checklist) {
    if (!after.has(was.templateId)) out.push({ kind: "item_removed", card: card.title, item: was.text });
  }
  return out;
}
