import type { PrismaClient } from "@prisma/client";
import { compose } from "~/features/admin/mail-templates.server";
import { DEFAULT_LOCALE, isLocale, t, type Locale } from "~/i18n/i18n";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { audit } from "./audit.server";
import { sendMail } from "./mail.server";
import { announce, notify } from "./notification.server";

export const REMINDER_MAX = 1000;

/**
 * The district office reminds the principals of some schools (the overview's current filter, as
 * the server resolves it): one notification each in the app, one mail each now (not in the
 * digest), one audit entry naming the schools. Returns how many principals were reached.
 */
export async function remindSchools(
  sender: { userId: string; name: string; districtId: string },
  schools: { id: string; name: string; slug: string }[],
  message: string,
  db: PrismaClient = getDb(),
) {
  const principals = await db.membership.findMany({
    where: { schoolId: { in: schools.map((s) => s.id) }, role: "principal", districtId: sender.districtId, user: { active: true } },
    select: { schoolId: true, user: { select: { id: true, email: true, name: true, locale: true } } },
  });
  const now = new Date();
  const bySchool = new Map(schools.map((s) => [s.id, s]));
  await db.$transaction(async (tx) => {
    for (const p of principals) {
      const school = bySchool.get(p.schoolId!)!;
      await notify([p.user.id], { kind: "reminder", detail: { actor: sender.name, school: school.name, message }, link: `/schools/${school.slug}` }, { db: tx, mailedAt: now });
    }
    await audit(tx, {
      actorId: sender.userId,
      action: "reminder.sent",
      entityId: null,
      // `name` is the entry's subject on the audit page: the schools reminded.
      detail: { name: schools.slice(0, 10).map((s) => s.name).join(", ") + (schools.length > 10 ? ` (+${schools.length - 10})` : ""), count: schools.length, principals: principals.length, message },
    });
  });
  announce(principals.map((p) => p.user.id));
  const base = getEnv().BASE_URL;
  for (const p of principals) {
    const school = bySchool.get(p.schoolId!)!;
    const locale: Locale = isLocale(p.user.locale) ? p.user.locale : DEFAULT_LOCALE;
    await sendMail(
      compose(
        p.user.email,
        t(locale, "notifications.mail.reminderSubject", { sender: sender.name }),
        [t(locale, "mail.greeting", { name: p.user.name }), t(locale, "notifications.kinds.reminder", { actor: sender.name, school: school.name, message })],
        { href: `${base}/schools/${school.slug}`, label: t(locale, "notifications.mail.reminderAction") },
        t(locale, "mail.footer"),
      ),
      db,
    );
  }
  return { schools: schools.length, principals: principals.length };
}
