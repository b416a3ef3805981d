import { useTranslation } from "react-i18next";
import { useEvidence } from "./use-evidence";

// On the board itself, apart from the evidence strip (which only an open card shows).

/** Waiting files the server refused once the connection came back: said once, then dismissed. */
export function RefusedEvidenceNotice() {
  const { t } = useTranslation();
  const ev = useEvidence();
  if (!ev?.refused.length) return null;
  const list = ev.refused.map((e) => `${e.name}: ${t(`evidence.errors.${e.code}`, { defaultValue: e.code })}`);
  return (
    <p className="notice evidence-refused" role="alert">
      {t("evidence.failed", { list: list.join("; ") })}{" "}
      <button type="button" className="btn board-btn-secondary" onClick={ev.dismissRefused}>
        {t("evidence.close")}
      </button>
    </p>
  );
}
