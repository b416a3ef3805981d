import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Icon, AttachIcon, CameraIcon, WaitingIcon } from "~/components/icons";
import { formatDateTime } from "~/i18n/format";
import type { EvidenceJson } from "~/models/evidence.server";
import type { QueuedEvidence } from "./offline-queue";
import { useEvidence } from "./use-evidence";

// Evidence on a checklist item or a card: thumbnails, a camera button (the phone opens its
// camera: accept="image/*" capture="environment"), a file button, and a viewer.

export function EvidenceStrip({ cardId, itemId, label, readOnly }: { cardId: string; itemId: string | null; label: string; readOnly: boolean }) {
  const { t } = useTranslation();
  const ev = useEvidence();
  const [viewing, setViewing] = useState<EvidenceJson | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const camera = useRef<HTMLInputElement>(null);
  const files = useRef<HTMLInputElement>(null);
  const id = useId();
  if (!ev) return null;
  const list = itemId ? ev.forItem(itemId) : ev.forCard(cardId).filter((e) => !e.itemId);
  const waiting = ev.queuedFor(cardId, itemId);

  const onFiles = async (input: HTMLInputElement | null) => {
    const chosen = [...(input?.files ?? [])];
    if (input) input.value = "";
    if (!chosen.length) return;
    const result = await ev.upload(cardId, itemId, chosen);
    setMessage(
      result.errors.length
        ? t("evidence.failed", { list: result.errors.map((e) => t(`evidence.errors.${e.split(": ").pop()}`, { defaultValue: e })).join("; ") })
        : result.queued
          ? t("evidence.queuedOffline", { count: result.queued })
          : t("evidence.added", { count: result.ok }),
    );
  };

  return (
    <div className="evidence" data-testid={itemId ? `evidence-${itemId}` : `evidence-card-${cardId}`}>
      {list.length || waiting.length ? (
        <ul className="evidence-thumbs" aria-label={t("evidence.listLabel", { label })}>
          {list.map((e) => (
            <li key={e.id}>
              <button type="button" className="evidence-thumb" onClick={() => setViewing(e)} aria-label={t("evidence.open", { name: e.name })}>
                {e.thumbUrl ? <img src={e.thumbUrl} alt="" width={56} height={56} loading="lazy" /> : <span className="evidence-file">{e.name.split(".").pop()?.toUpperCase()}</span>}
              </button>
            </li>
          ))}
          {waiting.map((q) => (
            <li key={q.id}>
              <QueuedThumb queued={q} />
            </li>
          ))}
        </ul>
      ) : null}
      {readOnly ? null : (
        <span className="evidence-actions">
          <label className="btn board-btn-secondary evidence-add" htmlFor={`${id}-cam`}>
            <Icon of={CameraIcon} size={16} /> {t("evidence.takePhoto")}
          </label>
          <input
            ref={camera}
            id={`${id}-cam`}
            className="board-sr-only"
            type="file"
            accept="image/*"
            capture="environment"
            multiple
            aria-label={t("evidence.takePhotoFor", { label })}
            onChange={() => void onFiles(camera.current)}
          />
          <label className="btn board-btn-secondary evidence-add" htmlFor={`${id}-file`}>
            <Icon of={AttachIcon} size={16} /> {t("evidence.attachFile")}
          </label>
          <input
            ref={files}
            id={`${id}-file`}
            className="board-sr-only"
            type="file"
            accept="image/*,application/pdf,.pdf,.docx,.xlsx"
            multiple
            aria-label={t("evidence.attachFileFor", { label })}
            onChange={() => void onFiles(files.current)}
          />
          {ev.busy ? <span className="small muted" role="status">{t("evidence.uploading")}</span> : null}
        </span>
      )}
      {message ? (
        <p className="small" role="status">
          {message}
        </p>
      ) : null}
      {viewing ? <EvidenceViewer evidence={viewing} onClose={() => setViewing(null)} onRemoved={() => setViewing(null)} /> : null}
    </div>
  );
}

/** A file waiting for the connection: its own picture from IndexedDB, marked as not sent yet. */
function QueuedThumb({ queued }: { queued: QueuedEvidence }) {
  const { t } = useTranslation();
  const [src, setSrc] = useState<string | null>(null);
  const isImage = queued.blob.type.startsWith("image/");
  useEffect(() => {
    if (!isImage) return;
    const url = URL.createObjectURL(queued.blob);
    setSrc(url);
    return () => URL.revokeObjectURL(url);
  }, [queued.blob, isImage]);
  return (
    <span className="evidence-thumb evidence-queued" role="img" aria-label={t("evidence.queuedName", { name: queued.name })} title={t("evidence.queuedName", { name: queued.name })} data-testid="evidence-queued">
      {src ? <img src={src} alt="" width={56} height={56} /> : <span className="evidence-file">{queued.name.split(".").pop()?.toUpperCase()}</span>}
      <span className="evidence-queued-mark">
        <Icon of={WaitingIcon} size={14} />
      </span>
    </span>
  );
}

function EvidenceViewer({ evidence, onClose, onRemoved }: { evidence: EvidenceJson; onClose: () => void; onRemoved: () => void }) {
  const { t } = useTranslation();
  const ev = useEvidence()!;
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="evidence-viewer" role="group" aria-label={t("evidence.viewer", { name: evidence.name })} data-testid="evidence-viewer">
      {evidence.kind === "image" ? (
        <img src={evidence.url} alt={evidence.name} className="evidence-full" />
      ) : (
        <a href={evidence.url} className="btn board-btn-secondary" download>
          {t("evidence.download", { name: evidence.name })}
        </a>
      )}
      <p className="small">
        {evidence.name}
        {evidence.takenAt ? ` · ${t("evidence.takenAt", { at: formatDateTime(evidence.takenAt) })}` : ""} ·{" "}
        {t("evidence.uploadedBy", { name: evidence.uploadedBy.name, at: formatDateTime(evidence.uploadedAt) })}
      </p>
      <span className="evidence-viewer-actions">
        {ev.canRemove(evidence) ? (
          <button
            type="button"
            className="btn board-btn-secondary"
            onClick={async () => {
              const failed = await ev.remove(evidence.id);
              if (failed) setError(t("evidence.removeFailed"));
              else onRemoved();
            }}
          >
            {t("evidence.remove")}
          </button>
        ) : null}
        <button type="button" className="btn btn-primary" onClick={onClose}>
          {t("evidence.close")}
        </button>
      </span>
      {error ? <p className="field-error" role="alert">{error}</p> : null}
    </div>
  );
}
