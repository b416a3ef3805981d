import crypto from "node:crypto";
import type Database from "better-sqlite3";
import * as Y from "yjs";
import {
  CATEGORIES,
  CRITERIA,
  LEVELS,
  WARDS,
  cardProgress,
  boardProgress,
  decodeBoard,
  initBoardDoc,
  moveCard,
  readBoard,
  setChecklistItemDone,
  type TemplateCard,
} from "../../app/domain";

// Test data for bench/overview, written straight into SQLite: documents are built with the
// domain (as the server would build them), projection rows are derived from those documents and
// inserted in bulk — generating 1,000 boards through the live projection would take minutes and
// measure nothing the bench is about.

export const CARDS = 40;
export const ITEMS = 5;
export const TODAY = "2023-09-15";

export function template(): TemplateCard[] {
  const start = Date.parse("2023-05-01T00:00:00Z");
  const span = Date.parse("2023-12-04T00:00:00Z") - start;
  return Array.from({ length: CARDS }, (_, i) => ({
    templateId: `tpl-bench-${i + 1}`,
    section: `II.${(i % 3) + 1}`,
    category: CATEGORIES[i % CATEGORIES.length]!,
    criteria: CRITERIA.filter((_, c) => (i + c) % 3 === 0),
    title: `Yêu cầu số ${i + 1} của kế hoạch`,
    description: "",
    dueDate: new Date(start + Math.round((span * i) / (CARDS - 1) / 86_400_000) * 86_400_000).toISOString().slice(0, 10),
    checklist: Array.from({ length: ITEMS }, (_, j) => ({ templateId: `tpl-bench-${i + 1}-${j + 1}`, text: `Việc ${j + 1}`, needsEvidence: j === 0 })),
  }));
}

export function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const iso = (d: Date) => d.toISOString().replace("Z", "+00:00");
const id = () => crypto.randomUUID().replace(/-/g, "").slice(0, 25);

export function generate(db: Database.Database, schools: number): { campaignId: string; today: string } {
  const now = iso(new Date());
  const districtId = id();
  const campaignId = id();
  const userId = "bench-teacher";
  db.prepare(`INSERT INTO District (id, slug, name, createdAt) VALUES (?, ?, ?, ?)`).run(districtId, "bench", "Quận thử tải", now);
  db.prepare(
    `INSERT INTO Campaign (id, districtId, slug, name, planNumber, planDate, issuer, deadline, levels, status, targets, publishedVersion, createdAt, updatedAt)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', '{}', 1, ?, ?)`,
  ).run(campaignId, districtId, "bench-2023", "Phong trào thử tải", "1/KH", iso(new Date("2023-04-10T00:00:00+07:00")), "Phòng thử", iso(new Date("2023-12-05T00:00:00+07:00")), LEVELS.join(","), now, now);

  const tpl = template();
  db.prepare(`INSERT INTO TemplateVersion (id, campaignId, version, content, publishedAt, createdAt) VALUES (?, ?, 1, ?, ?, ?)`).run(
    id(), campaignId, JSON.stringify({ cards: tpl }), now, now,
  );

  const insSchool = db.prepare(`INSERT INTO School (id, districtId, slug, name, level, ward, active, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)`);
  const insBoard = db.prepare(`INSERT INTO Board (id, campaignId, schoolId, templateVersion, createdAt, updatedAt) VALUES (?, ?, ?, 1, ?, ?)`);
  const insDoc = db.prepare(`INSERT INTO BoardDocument (boardId, state, upToId, updatedAt) VALUES (?, ?, 0, ?)`);
  const insStat = db.prepare(
    `INSERT INTO BoardStat (boardId, campaignId, schoolId, itemsDone, itemsTotal, cardsPlanned, cardsInProgress, cardsDone, lastActivityAt, error, updatedAt)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)`,
  );
  const insCard = db.prepare(
    `INSERT INTO CardRow (boardId, cardId, campaignId, schoolId, templateId, title, category, criteria, status, dueDate, origin, itemsDone, itemsTotal)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insItem = db.prepare(
    `INSERT INTO ChecklistRow (boardId, itemId, cardId, campaignId, schoolId, templateId, text, done, doneBy, doneAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  const write = db.transaction((i: number) => {
    const level = LEVELS[i % LEVELS.length]!;
    const ward = WARDS[Math.floor(i / LEVELS.length) % WARDS.length]!;
    const schoolId = id();
    const boardId = id();
    insSchool.run(schoolId, districtId, `bench-${i}`, `Trường thử ${level} số ${i}`, level, ward.slug, now, now);
    insBoard.run(boardId, campaignId, schoolId, now, now);

    const doc = new Y.Doc();
    initBoardDoc(doc, tpl, { templateVersion: 1 });
    const random = rng(i + 1);
    const share = i % 10 === 0 ? 0 : random();
    const cards = [...decodeBoard(doc).cards].sort((a, b) => (a.dueDate ?? "").localeCompare(b.dueDate ?? ""));
    const items = cards.flatMap((c) => c.checklist.map((it) => ({ card: c, item: it })));
    let last: Date | null = null;
    items.slice(0, Math.round(items.length * share)).forEach(({ card, item }) => {
      last = new Date(Date.parse(`${card.dueDate}T03:00:00Z`) - Math.floor(random() * 10) * 86_400_000);
      setChecklistItemDone(doc, card.id, item.id, true, { userId, at: last });
    });
    for (const card of decodeBoard(doc).cards) {
      const done = card.checklist.filter((it) => it.done).length;
      if (done === card.checklist.length) moveCard(doc, card.id, "done");
      else if (done > 0) moveCard(doc, card.id, "in_progress");
    }
    insDoc.run(boardId, Buffer.from(Y.encodeStateAsUpdate(doc)), now);

    const decoded = readBoard(doc);
    if (!decoded.ok) throw new Error(decoded.error);
    const board = decoded.board;
    const p = boardProgress(board);
    const count = (s: string) => board.cards.filter((c) => c.status === s).length;
    insStat.run(boardId, campaignId, schoolId, p.done, p.total, count("planned"), count("in_progress"), count("done"), iso(last ?? new Date("2023-05-01T00:00:00Z")), now);
    for (const c of board.cards) {
      const cp = cardProgress(c);
      insCard.run(boardId, c.id, campaignId, schoolId, c.templateId, c.title, c.category, c.criteria.join(","), c.status, c.dueDate, c.origin, cp.done, cp.total);
      for (const it of c.checklist) {
        insItem.run(boardId, it.id, c.id, campaignId, schoolId, it.templateId, it.text, it.done ? 1 : 0, it.doneBy, it.doneAt ? iso(new Date(it.doneAt)) : null);
      }
    }
    doc.destroy();
  });
  for (let i = 0; i < schools; i++) write(i);
  return { campaignId, today: TODAY };
}
