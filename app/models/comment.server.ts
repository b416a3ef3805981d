import type { PrismaClient } from "@prisma/client";
import { readBoard } from "~/domain";
import { findMentions } from "~/domain/mentions";
import { can, type ActorRole } from "~/domain/permissions";
import { ApiError } from "~/utils/api.server";
import { getDb } from "~/utils/db.server";
import type { SessionUser } from "~/utils/permissions.server";
import { cardLink } from "./activity.server";
import { getCollab } from "./collab.server";
import { emitBoardActivity } from "./live-events.server";
import { announce, notify } from "./notification.server";

type Board = { id: string; school: { id: string; slug: string; name: string; districtId: string } };

/** The card must exist on the board now (comments never dangle on a card id someone made up). */
async function requireCard(boardId: string, cardId: string) {
  const doc = await (await getCollab()).readDoc(boardId);
  const decoded = readBoard(doc);
  doc.destroy();
  const card = decoded.ok ? decoded.board.cards.find((c) => c.id === cardId && !c.archived) : undefined;
  if (!card) throw new ApiError(404, "card_not_found", `No card ${cardId} on this board`);
  return card;
}

/**
 * Who a comment on this board may mention: everyone active in the district (so that naming a
 * person of another school is recognised — and refused, not silently ignored), each with whether
 * they may see the board.
 */
async function mentionable(board: Board, db: PrismaClient) {
  const members = await db.membership.findMany({
    where: { districtId: board.school.districtId, user: { active: true } },
    select: { role: true, schoolId: true, districtId: true, user: { select: { id: true, name: true, email: true } } },
  });
  const resource = { type: "board" as const, districtId: board.school.districtId, schoolId: board.school.id };
  return members.map((m) => ({
    ...m.user,
    canSee: can({ userId: m.user.id, role: m.role as ActorRole, districtId: m.districtId, schoolId: m.schoolId }, "view:board", resource),
    sameSchool: m.schoolId === board.school.id,
    role: m.role,
  }));
}

/** For the comment box's @ suggestions: the school's people, then the district's. */
export async function mentionSuggestions(board: Board, db: PrismaClient = getDb()) {
  const people = await mentionable(board, db);
  return people
    .filter((p) => p.sameSchool || (p.canSee && p.role === "district_admin"))
    .sort((a, b) => Number(b.sameSchool) - Number(a.sameSchool) || a.name.localeCompare(b.name, "vi"))
    .map((p) => ({ id: p.id, name: p.name }));
}

type Row = { id: string; cardId: string; authorId: string; text: string; mentions: string; createdAt: Date; editedAt: Date | null; deletedAt: Date | null };

async function toJson(rows: Row[], viewerId: string, db: PrismaClient) {
  const ids = new Set<string>();
  for (const r of rows) {
    ids.add(r.authorId);
    for (const m of JSON.parse(r.mentions) as string[]) ids.add(m);
  }
  const people = await db.user.findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true } });
  const names = new Map(people.map((p) => [p.id, p.name]));
  return rows.map((r) => ({
    id: r.id,
    cardId: r.cardId,
    author: { id: r.authorId, name: names.get(r.authorId) ?? r.authorId },
    text: r.deletedAt ? "" : r.text,
    deleted: r.deletedAt !== null,
    mentions: (JSON.parse(r.mentions) as string[]).map((id) => ({ id, name: names.get(id) ?? id })),
    at: r.createdAt.toISOString(),
    editedAt: r.editedAt?.toISOString() ?? null,
    mine: r.authorId === viewerId,
  }));
}

export async function listComments(board: Board, cardId: string, viewer: SessionUser, db: PrismaClient = getDb()) {
  const rows = await db.comment.findMany({ where: { boardId: board.id, cardId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: 500 });
  return toJson(rows, viewer.userId, db);
}

/**
 * Adds a comment; mentioned people who may see the board are told (in the bell, live), the others
 * are named back in `notDelivered` so the writer knows. The comment joins the card's activity.
 */
export async function addComment(board: Board, cardId: string, author: SessionUser, text: string, db: PrismaClient = getDb()) {
  const card = await requireCard(board.id, cardId);
  const people = await mentionable(board, db);
  const mentioned = findMentions(text, people).filter((p) => p.id !== author.userId);
  const byId = new Map(people.map((p) => [p.id, p]));
  const delivered = mentioned.filter((p) => byId.get(p.id)?.canSee);
  const notDelivered = mentioned.filter((p) => !byId.get(p.id)?.canSee);
  const row = await db.$transaction(async (tx) => {
    const saved = await tx.comment.create({ data: { boardId: board.id, cardId, authorId: author.userId, text, mentions: JSON.stringify(delivered.map((p) => p.id)) } });
    await tx.activity.create({ data: { boardId: board.id, actorId: author.userId, kind: "comment.added", cardId, detail: JSON.stringify({ card: card.title }), createdAt: saved.createdAt } });
    await notify(
      delivered.map((p) => p.id),
      { kind: "mentioned", detail: { actor: author.name, card: card.title, school: board.school.name, excerpt: excerpt(text) }, link: cardLink(board.school.slug, cardId) },
      { db: tx },
    );
    return saved;
  });
  announce(delivered.map((p) => p.id));
  emitBoardActivity({ boardId: board.id, cardId, what: "comment" });
  const [json] = await toJson([row], author.userId, db);
  return { comment: json, notDelivered: notDelivered.map((p) => ({ id: p.id, name: p.name })) };
}

function excerpt(text: string) {
  const one = text.replace(/\s+/g, " ");
  return one.length > 120 ? `${one.slice(0, 119)}…` : one;
}

async function ownComment(board: Board, cardId: string, commentId: string, userId: string, db: PrismaClient) {
  const row = await db.comment.findFirst({ where: { id: commentId, boardId: board.id, cardId } });
  if (!row || row.deletedAt) throw new ApiError(404, "comment_not_found", `No comment ${commentId}`);
  if (row.authorId !== userId) throw new ApiError(403, "not_your_comment", "Only its author may change or delete a comment");
  return row;
}

export async function editComment(board: Board, cardId: string, commentId: string, author: SessionUser, text: string, db: PrismaClient = getDb()) {
  await ownComment(board, cardId, commentId, author.userId, db);
  const row = await db.comment.update({ where: { id: commentId }, data: { text, editedAt: new Date() } });
  emitBoardActivity({ boardId: board.id, cardId, what: "comment" });
  return (await toJson([row], author.userId, db))[0];
}

/** Soft delete: the thread keeps its place ("this comment was deleted"), the words are gone. */
export async function deleteComment(board: Board, cardId: string, commentId: string, author: SessionUser, db: PrismaClient = getDb()) {
  await ownComment(board, cardId, commentId, author.userId, db);
  await db.comment.update({ where: { id: commentId }, data: { text: "", deletedAt: new Date() } });
  emitBoardActivity({ boardId: board.id, cardId, what: "comment" });
}
