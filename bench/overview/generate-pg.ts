import crypto from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { hashPassword } from "better-auth/crypto";
import type pg from "pg";
import { LEVELS, WARDS } from "../../app/domain";
import { CARDS, ITEMS, rng, template } from "./generate";

// Test data for bench/overview on PostgreSQL: the same schools, plan (40 cards × 5 items) and
// progress as generate.ts, but the projection rows (BoardStat, CardRow, ChecklistRow) are derived
// directly from the seeded progress instead of from 50,000 Yjs documents — generate.ts builds and
// decodes a document per board (~10 ms each: ~8 min at 50,000), and the overview never reads a
// document. No BoardDocument rows are written. Bulk rows go in as one INSERT … SELECT unnest(…) per
// batch of schools (arrays as parameters), checklist rows as INSERT … SELECT from the card rows.

const BATCH = 500;
const id = () => crypto.randomUUID().replace(/-/g, "").slice(0, 25);
const DAY = 86_400_000;

/** The rows the projection would hold for school `i`, with the progress generate.ts gives it. */
function schoolRows(i: number, tpl: ReturnType<typeof template>) {
  const random = rng(i + 1);
  const share = i % 10 === 0 ? 0 : random();
  // Items are ticked in due-date order (the template's cards are in due-date order already).
  const ticked = Math.round(CARDS * ITEMS * share);
  let last: number | null = null;
  for (let k = 0; k < ticked; k++) last = Date.parse(`${tpl[Math.floor(k / ITEMS)]!.dueDate}T03:00:00Z`) - Math.floor(random() * 10) * DAY;
  const cards = tpl.map((c, k) => {
    const done = Math.max(0, Math.min(ITEMS, ticked - k * ITEMS));
    return { c, done, status: done === ITEMS ? "done" : done > 0 ? "in_progress" : "planned" };
  });
  const count = (s: string) => cards.filter((x) => x.status === s).length;
  return { ticked, last: new Date(last ?? Date.parse("2023-05-01T00:00:00Z")), cards, planned: count("planned"), inProgress: count("in_progress"), cardsDone: count("done") };
}

export type Generated = { districtId: string; campaignId: string; admin: string; observer: string };

/**
 * A district of `schools` schools (levels MN/TH/THCS in turn, over the ten wards), an active
 * campaign with a board per school, its projection rows, and two people to sign in as: the
 * district office (district_admin) and the Sở's observer (observer), password `password`.
 */
export async function generatePg(db: PrismaClient, client: pg.Client, opts: { slug: string; schools: number; password: string }): Promise<Generated> {
  const { slug, schools } = opts;
  const district = await db.district.create({ data: { slug, name: `Thử tải ${schools} trường` } });
  const tpl = template();
  const campaign = await db.campaign.create({
    data: {
      districtId: district.id,
      slug: `${slug}-2023`,
      name: "Phong trào thử tải",
      planNumber: "1/KH",
      planDate: new Date("2023-04-10T00:00:00+07:00"),
      issuer: "Phòng thử",
      deadline: new Date("2023-12-05T00:00:00+07:00"),
      levels: LEVELS.join(","),
      status: "active",
      publishedVersion: 1,
      templates: { create: { version: 1, content: JSON.stringify({ cards: tpl }), publishedAt: new Date() } },
    },
  });
  const passwordHash = await hashPassword(opts.password);
  const person = async (role: "district_admin" | "observer") => {
    const userId = id();
    const email = `${role === "observer" ? "so" : "phong"}@${slug}.bench`;
    await db.user.create({
      data: {
        id: userId,
        email,
        name: role === "observer" ? "Sở GD&ĐT (thử)" : "Phòng GD&ĐT (thử)",
        emailVerified: true,
        accounts: { create: { id: id(), accountId: userId, providerId: "credential", password: passwordHash } },
        memberships: { create: { role, districtId: district.id } },
      },
    });
    return email;
  };
  const [admin, observer] = [await person("district_admin"), await person("observer")];

  const now = new Date();
  for (let from = 0; from < schools; from += BATCH) {
    const s = { id: [] as string[], slug: [] as string[], name: [] as string[], level: [] as string[], ward: [] as string[] };
    const b = { id: [] as string[], school: [] as string[] };
    const st = { done: [] as number[], planned: [] as number[], ip: [] as number[], dn: [] as number[], last: [] as Date[] };
    const c = { board: [] as string[], card: [] as string[], school: [] as string[], tpl: [] as string[], title: [] as string[], category: [] as string[], criteria: [] as string[], status: [] as string[], due: [] as string[], done: [] as number[] };
    for (let i = from; i < Math.min(schools, from + BATCH); i++) {
      const level = LEVELS[i % LEVELS.length]!;
      const ward = WARDS[Math.floor(i / LEVELS.length) % WARDS.length]!;
      const schoolId = id();
      const boardId = id();
      s.id.push(schoolId);
      s.slug.push(`${slug}-${i}`);
      s.name.push(`Trường ${level} ${ward.name} số ${i}`);
      s.level.push(level);
      s.ward.push(ward.slug);
      b.id.push(boardId);
      b.school.push(schoolId);
      const rows = schoolRows(i, tpl);
      st.done.push(rows.ticked);
      st.planned.push(rows.planned);
      st.ip.push(rows.inProgress);
      st.dn.push(rows.cardsDone);
      st.last.push(rows.last);
      for (const [k, card] of rows.cards.entries()) {
        c.board.push(boardId);
        c.card.push(`${boardId}-${k}`);
        c.school.push(schoolId);
        c.tpl.push(card.c.templateId);
        c.title.push(card.c.title);
        c.category.push(card.c.category);
        c.criteria.push(card.c.criteria.join(","));
        c.status.push(card.status);
        c.due.push(card.c.dueDate!);
        c.done.push(card.done);
      }
    }
    await client.query("BEGIN");
    await client.query(
      `INSERT INTO "School" ("id", "districtId", "slug", "name", "level", "ward", "active", "createdAt", "updatedAt")
       SELECT u.id, $6, u.slug, u.name, u.level, u.ward, true, $7, $7 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS u(id, slug, name, level, ward)`,
      [s.id, s.slug, s.name, s.level, s.ward, district.id, now],
    );
    await client.query(
      `INSERT INTO "Board" ("id", "campaignId", "schoolId", "templateVersion", "createdAt", "updatedAt")
       SELECT u.id, $3, u.school, 1, $4, $4 FROM unnest($1::text[], $2::text[]) AS u(id, school)`,
      [b.id, b.school, campaign.id, now],
    );
    await client.query(
      `INSERT INTO "BoardStat" ("boardId", "campaignId", "schoolId", "itemsDone", "itemsTotal", "cardsPlanned", "cardsInProgress", "cardsDone", "lastActivityAt", "error", "updatedAt")
       SELECT u.board, $8, u.school, u.done, ${CARDS * ITEMS}, u.planned, u.ip, u.dn, u.last, NULL, $9
       FROM unnest($1::text[], $2::text[], $3::int[], $4::int[], $5::int[], $6::int[], $7::timestamp[]) AS u(board, school, done, planned, ip, dn, last)`,
      [b.id, b.school, st.done, st.planned, st.ip, st.dn, st.last, campaign.id, now],
    );
    await client.query(
      `INSERT INTO "CardRow" ("boardId", "cardId", "campaignId", "schoolId", "templateId", "title", "category", "criteria", "status", "dueDate", "origin", "itemsDone", "itemsTotal")
       SELECT u.board, u.card, $11, u.school, u.tpl, u.title, u.category, u.criteria, u.status, u.due, 'template', u.done, ${ITEMS}
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::int[]) AS u(board, card, school, tpl, title, category, criteria, status, due, done)`,
      [c.board, c.card, c.school, c.tpl, c.title, c.category, c.criteria, c.status, c.due, c.done, campaign.id],
    );
    // The first `itemsDone` items of each card are ticked, on its due date.
    await client.query(
      `INSERT INTO "ChecklistRow" ("boardId", "itemId", "cardId", "campaignId", "schoolId", "templateId", "text", "done", "doneBy", "doneAt")
       SELECT c."boardId", c."cardId" || '-' || j, c."cardId", c."campaignId", c."schoolId", c."templateId" || '-' || j, 'Việc ' || j, j <= c."itemsDone",
         CASE WHEN j <= c."itemsDone" THEN 'bench-teacher' END, CASE WHEN j <= c."itemsDone" THEN c."dueDate"::date + time '03:00' END
       FROM "CardRow" c CROSS JOIN generate_series(1, ${ITEMS}) AS j WHERE c."boardId" = ANY($1::text[])`,
      [b.id],
    );
    await client.query("COMMIT");
  }
  return { districtId: district.id, campaignId: campaign.id, admin, observer };
}
