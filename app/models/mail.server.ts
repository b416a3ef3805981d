import nodemailer, { type Transporter } from "nodemailer";
import type { PrismaClient } from "@prisma/client";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { getLogger } from "~/utils/logger.server";

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

const g = globalThis as unknown as { __mailer?: { url: string; transport: Transporter } };

function transportFor(url: string): Transporter {
  if (g.__mailer?.url !== url) g.__mailer = { url, transport: nodemailer.createTransport(url) };
  return g.__mailer.transport;
}

/**
 * Every mail is written to OutboxMail first, so the district office can always read what was sent.
 * With SMTP_URL set it is then delivered and marked sent (or its error kept); without SMTP it
 * stays in the outbox, which is how invitation and reset links reach people on a machine with no mail
 * (see docs/decisions: the outbox).
 */
export async function sendMail(mail: Mail, db: PrismaClient = getDb()): Promise<{ id: string; delivered: boolean }> {
  const env = getEnv();
  const row = await db.outboxMail.create({ data: { to: mail.to, subject: mail.subject, text: mail.text, html: mail.html ?? null } });
  if (!env.SMTP_URL) return { id: row.id, delivered: false };
  try {
    await transportFor(env.SMTP_URL).sendMail({ from: env.MAIL_FROM, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
    // Delivered mail carries one-time links meant for its recipient alone: keep the record, drop the body.
    await db.outboxMail.update({ where: { id: row.id }, data: { sentAt: new Date(), text: "", html: null } });
    return { id: row.id, delivered: true };
  } catch (err) {
    getLogger().error({ err, to: mail.to }, "mail delivery failed");
    await db.outboxMail.update({ where: { id: row.id }, data: { error: err instanceof Error ? err.message : String(err) } });
    return { id: row.id, delivered: false };
  }
}

export const OUTBOX_PAGE_SIZE = 30;

export async function listOutbox({ page = 1 }: { page?: number }, db: PrismaClient = getDb()) {
  const [mails, total] = await Promise.all([
    db.outboxMail.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: (page - 1) * OUTBOX_PAGE_SIZE, take: OUTBOX_PAGE_SIZE }),
    db.outboxMail.count(),
  ]);
  return {
    total,
    pages: Math.max(1, Math.ceil(total / OUTBOX_PAGE_SIZE)),
    smtp: !!getEnv().SMTP_URL,
    mails: mails.map((m) => ({
      id: m.id,
      to: m.to,
      subject: m.subject,
      text: m.text,
      at: m.createdAt.toISOString(),
      status: m.sentAt ? ("sent" as const) : m.error ? ("failed" as const) : ("kept" as const),
      error: m.error,
    })),
  };
}
