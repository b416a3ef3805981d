// Shared by the domain's tests only: real Y.Docs, replicated the way providers do.
import * as Y from "yjs";
import { expect } from "vitest";
import { DomainError } from "./errors";
import { initBoardDoc } from "./board-doc";
import { decodeBoard } from "./decode-board";
import { cardsByColumn } from "./ordering";
import type { Board, Card, TemplateCard } from "./schema";

export const SMALL_TEMPLATE: TemplateCard[] = [
  {
    templateId: "tpl-a",
    section: "I.2",
    category: "action_plan",
    criteria: ["sang", "xanh"],
    title: "Kế hoạch",
    description: "Xây dựng kế hoạch hành động chi tiết",
    dueDate: "2023-05-05",
    checklist: [
      { templateId: "tpl-a-1", text: "Dự thảo", needsEvidence: false },
      { templateId: "tpl-a-2", text: "Ban hành", needsEvidence: true },
    ],
  },
  {
    templateId: "tpl-b",
    section: "III.2",
    category: "review_report",
    criteria: [],
    title: "Báo cáo",
    description: "",
    dueDate: "2023-12-04",
    checklist: [],
  },
];

export function newBoard(template: TemplateCard[] = SMALL_TEMPLATE): Y.Doc {
  const doc = new Y.Doc();
  initBoardDoc(doc, template);
  return doc;
}

/** A second replica of `doc`, as a client gets it from the server. */
export function replicate(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

/** Exchanges what each replica lacks, both ways. */
export function sync(a: Y.Doc, b: Y.Doc): void {
  const toB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
  const toA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
  Y.applyUpdate(b, toB);
  Y.applyUpdate(a, toA);
}

export function cardByTemplate(board: Board, templateId: string): Card {
  const card = board.cards.find((c) => c.templateId === templateId);
  if (!card) throw new Error(`no card for ${templateId}`);
  return card;
}

export function cardById(doc: Y.Doc, id: string): Card {
  const card = decodeBoard(doc).cards.find((c) => c.id === id);
  if (!card) throw new Error(`no card ${id}`);
  return card;
}

export function columnTitles(doc: Y.Doc, status: Card["status"]): string[] {
  return cardsByColumn(decodeBoard(doc))[status].map((c) => c.title);
}

export function expectDomainError(fn: () => unknown, code: string): void {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(code);
    return;
  }
  throw new Error(`expected DomainError ${code}`);
}
