import { useState } from "react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/i18n/format";

const REFS = ["section:results", "section:shortcomings", "section:proposals", "section:commendations"] as const;

/** The district accepts the report or returns it with a general comment and comments per section. */
export function ReviewForm({ boardId, onDone }: { boardId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [comment, setComment] = useState("");
  const [items, setItems] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const send = async (decision: "accept" | "return") => {
    setError(null);
    const body = { decision, comment, items: Object.entries(items).filter(([, c]) => c.trim()).map(([ref, c]) => ({ ref, comment: c })) };
    const res = await fetch(`/api/v1/boards/${boardId}/report/review`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }).catch(() => null);
    if (res?.ok) onDone();
    else setError(((await res?.json().catch(() => null)) as { error?: { message: string } } | null)?.error?.message ?? t("reportPage.offline"));
  };
  return (
    <section className="report-review no-print" aria-labelledby="review-title" data-testid="review-form">
      <h2 id="review-title">{t("reportPage.review")}</h2>
      <label className="report-field">
        <span className="small">{t("reportPage.generalComment")}</span>
        <textarea rows={3} value={comment} onChange={(e) => setComment(e.target.value)} />
      </label>
      {REFS.map((ref) => (
        <label key={ref} className="report-field">
          <span className="small">{t("reportPage.commentOn", { what: t(`reportPage.refs.${ref.split(":")[1]}`) })}</span>
          <input value={items[ref] ?? ""} onChange={(e) => setItems({ ...items, [ref]: e.target.value })} />
        </label>
      ))}
      <div className="report-actions">
        <button type="button" className="btn board-btn-secondary" onClick={() => send("return")}>
          {t("reportPage.return")}
        </button>
        <button type="button" className="btn btn-primary" onClick={() => send("accept")}>
          {t("reportPage.accept")}
        </button>
      </div>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}

/** What the district said when it returned the report: shown to the principal above the composer. */
export function ReviewNotes({ review }: { review: { by: { name: string }; at: string; comment: string; items: { ref: string; comment: string }[] } }) {
  const { t } = useTranslation();
  return (
    <aside className="notice notice-error" role="note" data-testid="review-notes">
      <strong>{t("reportPage.returnedBy", { name: review.by.name, at: formatDateTime(review.at) })}</strong>
      {review.comment ? <p>{review.comment}</p> : null}
      {review.items.length ? (
        <ul>
          {review.items.map((i) => (
            <li key={i.ref}>
              {t(`reportPage.refs.${i.ref.split(":")[1]}`, { defaultValue: i.ref })}: {i.comment}
            </li>
          ))}
        </ul>
      ) : null}
    </aside>
  );
}
