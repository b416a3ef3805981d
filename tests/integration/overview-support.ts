import { expect } from "vitest";
import { boardProgress, isOverdue, readBoard, type Board } from "~/domain";
import { onBoardChanged, type BoardChangedEvent } from "~/models/board-events.server";
import { getCollab } from "~/models/collab.server";
import { getDb } from "~/utils/db.server";

// Helpers shared by the overview's integration tests: expected figures are computed from the
// live documents with app/domain, independently of the SQL the overview runs.

/** Resolves when the board's change has been projected into SQL (the collab server emits after). */
export function projected(boardId: string): Promise<BoardChangedEvent> {
  return new Promise((resolve) => {
    const off = onBoardChanged((event) => {
      if (event.boardId === boardId) {
        off();
        resolve(event);
      }
    });
  });
}

export async function liveBoard(boardId: string): Promise<Board> {
  const doc = await (await getCollab()).readDoc(boardId);
  const decoded = readBoard(doc);
  doc.destroy();
  if (!decoded.ok) throw new Error(decoded.error);
  return decoded.board;
}

/** The demo's open campaign (the current school year's): the one whose boards take edits. */
export async function campaignId(): Promise<string> {
  return (await getDb().campaign.findFirstOrThrow({ where: { status: "active" } })).id;
}

export async function userId(email: string): Promise<string> {
  return (await getDb().user.findUniqueOrThrow({ where: { email } })).id;
}

/** Progress, cards per column and overdue cards of a decoded board, optionally over some cards only. */
export function figures(board: Board, today: string, keep: (c: Board["cards"][number]) => boolean = () => true) {
  const cards = board.cards.filter((c) => !c.archived && keep(c));
  const progress = boardProgress({ ...board, cards });
  return {
    progress,
    cards: {
      planned: cards.filter((c) => c.status === "planned").length,
      in_progress: cards.filter((c) => c.status === "in_progress").length,
      done: cards.filter((c) => c.status === "done").length,
    },
    overdue: cards.filter((c) => isOverdue(c, today)).length,
  };
}

export async function getJson(base: string, path: string, cookie?: string) {
  const res = await fetch(`${base}${path}`, { headers: cookie ? { cookie } : {}, redirect: "manual" });
  const type = res.headers.get("content-type") ?? "";
  return { status: res.status, body: type.includes("json") ? await res.json() : await res.text(), res };
}

export type OverviewJson = {
  campaign: { id: string; name: string; deadline: string };
  today: string;
  totals: {
    schools: number;
    cards: { planned: number; in_progress: number; done: number };
    checklist: { done: number; total: number };
    overdue: number;
    unreadable: number;
    statuses: Record<string, number>;
  };
  page: { offset: number; limit: number; total: number; next: number | null };
  schools: {
    school: { id: string; slug: string; name: string; level: string; ward: string };
    progress: { done: number; total: number } | null;
    cards: { planned: number; in_progress: number; done: number } | null;
    overdue: number | null;
    lastActivityAt: string | null;
    status: string;
    error: string | null;
  }[];
};

export async function overviewJson(base: string, cookie: string, query = ""): Promise<OverviewJson> {
  const { status, body } = await getJson(base, `/api/v1/overview?campaignId=${await campaignId()}${query}`, cookie);
  expect(status, JSON.stringify(body)).toBe(200);
  return body as OverviewJson;
}

export function lineOf(overview: OverviewJson, slug: string) {
  const line = overview.schools.find((s) => s.school.slug === slug);
  if (!line) throw new Error(`no line for ${slug}`);
  return line;
}
