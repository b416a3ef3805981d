import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Linkified } from "~/features/admin/components/linkified";
import { Pager } from "~/features/admin/components/pager";
import { requireDistrict } from "~/features/admin/guard.server";
import { formatDateTime } from "~/i18n/format";
import { listOutbox } from "~/models/mail.server";

const querySchema = z.object({ page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1) });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireDistrict(request);
  const { page } = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return { page, ...(await listOutbox({ page })) };
}

export default function Outbox() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="stack">
      <p className="notice">{t(data.smtp ? "admin.outbox.smtpOn" : "admin.outbox.smtpOff")}</p>
      {data.mails.length === 0 ? <p className="muted">{t("admin.outbox.empty")}</p> : null}
      <ul className="admin-list mail-list" aria-label={t("admin.sections.outbox")}>
        {data.mails.map((m) => (
          <li key={m.id} className="admin-row mail" data-testid="outbox-mail">
            <details>
              <summary>
                <span className="mail-subject">{m.subject}</span>
                <span className="muted small break">
                  {t("admin.outbox.to", { to: m.to })} · {formatDateTime(m.at)} · <span className={`badge mail-${m.status}`}>{t(`admin.outbox.status.${m.status}`)}</span>
                </span>
              </summary>
              {m.text ? <Linkified text={m.text} /> : <p className="muted small">{t("admin.outbox.bodyDropped")}</p>}
              {m.error ? <p className="form-error small">{m.error}</p> : null}
            </details>
          </li>
        ))}
      </ul>
      <Pager page={data.page} pages={data.pages} />
    </div>
  );
}
