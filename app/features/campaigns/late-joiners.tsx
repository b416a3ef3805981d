import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ConfirmButton } from "~/components/ui/confirm-button";
import { formatDate } from "~/i18n/format";

type Joiner = { boardId: string; school: { id: string; name: string; level: string }; joinedAt: string };

/** Schools that joined the active campaign after its launch: the district sees them and may leave one out. */
export function LateJoiners({ joiners }: { joiners: Joiner[] }) {
  const { t } = useTranslation();
  return (
    <section className="campaign-panel" aria-labelledby="late-joiners-title">
      <h2 id="late-joiners-title">{t("campaigns.lateJoiners.title", { count: joiners.length })}</h2>
      <p className="muted small">{t("campaigns.lateJoiners.intro")}</p>
      <ul className="late-joiners">
        {joiners.map((j) => (
          <li key={j.boardId} className="late-joiner">
            <span>
              <strong>{j.school.name}</strong> <span className="muted small">{t("campaigns.lateJoiners.joined", { date: formatDate(j.joinedAt) })}</span>
            </span>
            <Form method="post" className="inline-form">
              <input type="hidden" name="schoolId" value={j.school.id} />
              <ConfirmButton
                value="leaveOut"
                className="btn btn-danger btn-small"
                danger
                ariaLabel={`${t("campaigns.lateJoiners.leaveOut")}: ${j.school.name}`}
                title={t("confirm.leaveOut.title", { name: j.school.name })}
                body={<p>{t("confirm.leaveOut.body", { name: j.school.name })}</p>}
                confirmLabel={t("campaigns.lateJoiners.leaveOut")}
              >
                {t("campaigns.lateJoiners.leaveOut")}
              </ConfirmButton>
            </Form>
          </li>
        ))}
      </ul>
    </section>
  );
}
