import type { PrismaClient } from "@prisma/client";
import { todayInHcm } from "~/domain";
import { reminderKey } from "~/domain/reminders";
import { compose } from "~/features/admin/mail-templates.server";
import { isLocale, DEFAULT_LOCALE, t, type Locale } from "~/i18n/i18n";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { fireOnce } from "./lease.server";
import { sendMail } from "./mail.server";
import { notificationText, parseDetail } from "./notification.server";

/** The digest goes out once a day from this hour (Asia/Ho_Chi_Minh). */
export const DIGEST_HOUR = 7;

/**
 * The daily digest: to everyone with the digest on and unread notifications no mail has carried
 * yet, one mail listing them (through the mail module: SMTP, or the outbox without it). Once per
 * person per day, under a unique key.
 */
export async function sendDigests(now: Date, db: PrismaClient = getDb()) {
  const hcmHour = (now.getUTCHours() + 7) % 24;
  if (hcmHour < DIGEST_HOUR) return 0;
  const today = todayInHcm(now);
  const rows = await db.notification.findMany({
    where: { readAt: null, mailedAt: null, createdAt: { lte: now } },
    select: { id: true, userId: true, kind: true, detail: true, link: true },
    orderBy: { createdAt: "asc" },
    take: 5000,
  });
  const byUser = new Map<string, typeof rows>();
  for (const r of rows) byUser.set(r.userId, [...(byUser.get(r.userId) ?? []), r]);
  const users = await db.user.findMany({ where: { id: { in: [...byUser.keys()] }, active: true, digestMail: true }, select: { id: true, email: true, name: true, locale: true } });
  let sent = 0;
  for (const u of users) {
    const list = byUser.get(u.id)!;
    const locale: Locale = isLocale(u.locale) ? u.locale : DEFAULT_LOCALE;
    const ids = list.map((n) => n.id);
    const ok = await fireOnce(reminderKey.digest(today, u.id), now, async (tx) => {
      await tx.notification.updateMany({ where: { id: { in: ids } }, data: { mailedAt: now } });
    }, db);
    if (!ok) continue;
    const base = getEnv().BASE_URL;
    const lines = list.slice(0, 50).map((n) => `• ${notificationText(locale, n.kind, parseDetail(n.detail))}${n.link ? ` — ${base}${n.link}` : ""}`);
    await sendMail(
      compose(
        u.email,
        t(locale, "notifications.mail.digestSubject", { count: list.length }),
        [t(locale, "mail.greeting", { name: u.name }), t(locale, "notifications.mail.digestIntro", { count: list.length }), lines.join("\n")],
        { href: base, label: t(locale, "notifications.mail.digestAction") },
        t(locale, "notifications.mail.digestFooter"),
      ),
      db,
    );
    sent++;
  }
  return sent;
}
