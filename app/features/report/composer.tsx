import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ReportDraft } from "~/domain/report-doc";
import { formatDate, formatDateTime, parseDate } from "~/i18n/format";
import type { EvidenceJson } from "~/models/evidence.server";

// The principal composes the report: header (data, not code), sections, commendations and the
// photos for the appendix. Every change is saved as the draft after a short pause.

type Props = {
  boardId: string;
  initial: ReportDraft;
  savedAt: string | null;
  evidence: EvidenceJson[];
  onSaved: () => void;
  /** Set to "save now if anything is unsaved" (false when it could not be saved): submitting calls it first. */
  saveRef?: React.MutableRefObject<(() => Promise<boolean>) | null>;
};

const splitLines = (s: string) => s.split("\n");

/** The issue date typed as dd/mm/yyyy (a browser's date input shows its own UI language's order). */
function DateField({ value, onChange }: { value: string; onChange: (iso: string) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(formatDate(value));
  const parsed = parseDate(text);
  const errorId = useId();
  return (
    <label className="report-field">
      <span className="small">{t("reportPage.header.date")}</span>
      <input
        value={text}
        inputMode="numeric"
        placeholder="dd/mm/yyyy"
        aria-invalid={parsed === "invalid" || parsed === null ? true : undefined}
        aria-describedby={parsed === "invalid" || parsed === null ? errorId : undefined}
        onChange={(e) => {
          setText(e.target.value);
          const next = parseDate(e.target.value);
          if (next && next !== "invalid") onChange(next);
        }}
      />
      {parsed === "invalid" || parsed === null ? (
        <span id={errorId} className="field-error small">
          {t("board.dialog.dateInvalid")}
        </span>
      ) : null}
    </label>
  );
}

export function ReportComposer({ boardId, initial, savedAt, evidence, onSaved, saveRef }: Props) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(initial);
  const [state, setState] = useState<{ kind: "idle" | "saving" | "saved" | "error"; at?: string | null; message?: string }>({ kind: savedAt ? "saved" : "idle", at: savedAt });
  const first = useRef(true);
  // The draft not yet saved, if any: what submitting must save first (typed less than a pause ago).
  const unsaved = useRef<ReportDraft | null>(null);

  // Saves run one after another, so "save now" also waits for a save already on its way.
  const chain = useRef<Promise<boolean>>(Promise.resolve(true));
  const save = (): Promise<boolean> => (chain.current = chain.current.then(saveOnce, saveOnce));
  const saveOnce = async (): Promise<boolean> => {
    const pending = unsaved.current;
    if (!pending) return true;
    unsaved.current = null;
    setState({ kind: "saving" });
    const res = await fetch(`/api/v1/boards/${boardId}/report/draft`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ ...pending, commendations: pending.commendations.filter((c) => c.name.trim() && c.reason.trim()) }) }).catch(() => null);
    const body = res ? await res.json().catch(() => null) : null;
    if (res?.ok) {
      setState({ kind: "saved", at: body.savedAt });
      onSaved();
      return true;
    }
    unsaved.current ??= pending;
    setState({ kind: "error", message: body?.error?.message ?? t("reportPage.offline") });
    return false;
  };
  useEffect(() => {
    if (saveRef) saveRef.current = save;
  });

  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    unsaved.current = draft;
    const timer = setTimeout(() => void save(), 800);
    return () => clearTimeout(timer);
  }, [draft, boardId]); // eslint-disable-line react-hooks/exhaustive-deps

  const h = draft.header;
  const setHeader = (patch: Partial<ReportDraft["header"]>) => setDraft((d) => ({ ...d, header: { ...d.header, ...patch } }));
  const field = (key: "parentBody" | "issuingBody" | "number" | "symbol" | "place" | "signerName") => (
    <label className="report-field">
      <span className="small">{t(`reportPage.header.${key}`)}</span>
      <input value={h[key]} onChange={(e) => setHeader({ [key]: e.target.value })} />
    </label>
  );
  const list = (key: "recipients" | "distribution" | "signerCapacity") => (
    <label className="report-field">
      <span className="small">{t(`reportPage.header.${key}`)}</span>
      <textarea rows={Math.max(2, h[key].length)} value={h[key].join("\n")} onChange={(e) => setHeader({ [key]: splitLines(e.target.value) })} />
    </label>
  );
  const photos = evidence.filter((e) => e.kind === "image");

  return (
    <section className="report-composer stack" aria-labelledby="composer-title" data-testid="report-composer">
      <h2 id="composer-title">{t("reportPage.compose")}</h2>
      <p className="small muted" role="status" data-testid="draft-state">
        {state.kind === "saving" ? t("reportPage.saving") : state.kind === "saved" ? t("reportPage.saved", { at: formatDateTime(state.at ?? "") }) : state.kind === "error" ? state.message : t("reportPage.notSaved")}
      </p>
      <fieldset className="report-grid">
        <legend>{t("reportPage.headerLegend")}</legend>
        {field("parentBody")}
        {field("issuingBody")}
        {field("number")}
        {field("symbol")}
        {field("place")}
        <DateField value={h.date} onChange={(date) => setHeader({ date })} />
        {list("recipients")}
        {list("distribution")}
        {list("signerCapacity")}
        {field("signerName")}
      </fieldset>
      <label className="report-field">
        <span className="small">{t("reportPage.summary")}</span>
        <input value={draft.summary} onChange={(e) => setDraft({ ...draft, summary: e.target.value })} />
      </label>
      {(["results", "shortcomings", "proposals"] as const).map((key) => (
        <label key={key} className="report-field">
          <span className="small">{t(`reportPage.sections.${key}`)}</span>
          <textarea rows={4} value={draft.sections[key]} onChange={(e) => setDraft({ ...draft, sections: { ...draft.sections, [key]: e.target.value } })} />
        </label>
      ))}
      <fieldset>
        <legend>{t("reportPage.commendations")}</legend>
        {draft.commendations.map((c, i) => (
          <div key={i} className="report-commendation">
            <select aria-label={t("reportPage.kind")} value={c.kind} onChange={(e) => setDraft({ ...draft, commendations: draft.commendations.map((x, j) => (j === i ? { ...x, kind: e.target.value as "collective" | "individual" } : x)) })}>
              <option value="collective">{t("reportDoc.kind.collective")}</option>
              <option value="individual">{t("reportDoc.kind.individual")}</option>
            </select>
            <input aria-label={t("reportPage.name")} placeholder={t("reportPage.name")} value={c.name} onChange={(e) => setDraft({ ...draft, commendations: draft.commendations.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)) })} />
            <input aria-label={t("reportPage.reason")} placeholder={t("reportPage.reason")} value={c.reason} onChange={(e) => setDraft({ ...draft, commendations: draft.commendations.map((x, j) => (j === i ? { ...x, reason: e.target.value } : x)) })} />
            <button type="button" className="btn board-btn-secondary" onClick={() => setDraft({ ...draft, commendations: draft.commendations.filter((_, j) => j !== i) })}>
              {t("reportPage.removeRow")}
            </button>
          </div>
        ))}
        <button type="button" className="btn board-btn-secondary" onClick={() => setDraft({ ...draft, commendations: [...draft.commendations, { kind: "collective", name: "", reason: "" }] })}>
          {t("reportPage.addCommendation")}
        </button>
      </fieldset>
      <fieldset>
        <legend>{t("reportPage.photos", { count: draft.evidenceIds.length })}</legend>
        {photos.length ? null : <p className="small muted">{t("reportPage.noPhotos")}</p>}
        <ul className="evidence-thumbs">
          {photos.map((e) => (
            <li key={e.id}>
              <label className="report-photo">
                <input
                  type="checkbox"
                  checked={draft.evidenceIds.includes(e.id)}
                  onChange={(ev) => setDraft({ ...draft, evidenceIds: ev.target.checked ? [...draft.evidenceIds, e.id] : draft.evidenceIds.filter((x) => x !== e.id) })}
                />
                <img src={e.thumbUrl ?? ""} alt={e.name} width={56} height={56} />
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
    </section>
  );
}
