import { t, type Locale } from "~/i18n/i18n";
import { formatDateTime } from "~/i18n/format";
import type { Mail } from "~/models/mail.server";

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export function compose(to: string, subject: string, paragraphs: string[], link: { href: string; label: string }, footer: string): Mail {
  const text = [...paragraphs, `${link.label}: ${link.href}`, footer].join("\n\n");
  const html = [
    ...paragraphs.map((p) => `<p>${escape(p)}</p>`),
    `<p><a href="${escape(link.href)}">${escape(link.label)}</a></p>`,
    `<p style="color:#5b6575;font-size:13px">${escape(footer)}</p>`,
  ].join("\n");
  return { to, subject, text, html };
}

export function invitationMail(
  locale: Locale,
  p: { to: string; name: string; inviter: string; role: string; place: string; link: string; expiresAt: Date },
): Mail {
  const role = t(locale, `roles.${p.role}`);
  return compose(
    p.to,
    t(locale, "mail.invite.subject", { place: p.place }),
    [t(locale, "mail.greeting", { name: p.name }), t(locale, "mail.invite.body", { inviter: p.inviter, role, place: p.place }), t(locale, "mail.invite.expires", { date: formatDateTime(p.expiresAt) })],
    { href: p.link, label: t(locale, "mail.invite.action") },
    t(locale, "mail.footer"),
  );
}

export function resetMail(locale: Locale, p: { to: string; name: string; link: string; minutes: number }): Mail {
  return compose(
    p.to,
    t(locale, "mail.reset.subject"),
    [t(locale, "mail.greeting", { name: p.name }), t(locale, "mail.reset.body"), t(locale, "mail.reset.expires", { minutes: p.minutes })],
    { href: p.link, label: t(locale, "mail.reset.action") },
    t(locale, "mail.reset.ignore"),
  );
}
