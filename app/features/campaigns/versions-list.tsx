import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/i18n/format";

type Version = { version: number; note: string | null; publishedAt: string | null };

/** Every template version, newest first, with the note schools were sent. */
export function VersionsList({ versions }: { versions: Version[] }) {
  const { t } = useTranslation();
  if (versions.length === 0) return null;
  return (
    <section className="campaign-panel" aria-labelledby="versions-title">
      <h2 id="versions-title">{t("campaigns.page.versions")}</h2>
      <ol className="version-list" reversed>
        {versions.map((v) => (
          <li key={v.version}>
            <p className="version-head">
              {v.publishedAt
                ? t("campaigns.page.versionLine", { version: v.version, date: formatDateTime(v.publishedAt) })
                : t("campaigns.page.draftLine", { version: v.version })}
            </p>
            {v.publishedAt ? <p className="version-note">{v.note ?? <span className="muted">{t("campaigns.page.noNote")}</span>}</p> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
