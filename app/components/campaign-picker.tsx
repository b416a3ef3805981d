import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/i18n/format";

export type PickerCampaign = { id: string; slug: string; name: string; deadline: string; status: string };

type Props = {
  /** In the order to offer them: most urgent open campaign first, closed ones after (app/domain/campaign). */
  campaigns: PickerCampaign[];
  currentId: string | null;
  hrefFor: (c: PickerCampaign) => string;
  /** What the list is called, for screen readers and the summary line. */
  label: string;
};

/**
 * The campaign switcher of the board page and the picker of the district pages: a disclosure
 * (works without JavaScript, fits a 360 px phone) listing open campaigns, then closed ones,
 * each a plain link, so every campaign's view has its own URL.
 */
export function CampaignPicker({ campaigns, currentId, hrefFor, label }: Props) {
  const { t } = useTranslation();
  const current = campaigns.find((c) => c.id === currentId) ?? null;
  if (campaigns.length < 2 && current) return null;
  const groups = [
    { key: "open", items: campaigns.filter((c) => c.status !== "closed") },
    { key: "closed", items: campaigns.filter((c) => c.status === "closed") },
  ].filter((g) => g.items.length > 0);
  return (
    // Re-mounted on each campaign so the list is closed again after a choice.
    <details className="campaign-picker" key={currentId ?? "none"} data-testid="campaign-picker">
      <summary>
        <span className="campaign-picker-label">{label}</span>
        <span className="campaign-picker-current">{current ? current.name : t("campaignPicker.choose")}</span>
        <span className="campaign-picker-count muted small">{t("campaignPicker.count", { count: campaigns.length })}</span>
        {/* Phones: the page's subtitle already names the current campaign, so one short line. */}
        <span className="campaign-picker-phone">{t("campaignPicker.switch", { count: campaigns.length })}</span>
      </summary>
      <nav aria-label={label}>
        {groups.map((g) => (
          <section key={g.key} className="campaign-picker-group">
            <h2 className="campaign-picker-heading">{t(`campaignPicker.groups.${g.key}`)}</h2>
            <ul>
              {g.items.map((c) => (
                <li key={c.id}>
                  <Link to={hrefFor(c)} aria-current={c.id === currentId ? "page" : undefined} className="campaign-picker-link">
                    <span className="campaign-picker-name">{c.name}</span>
                    <span className="muted small">
                      {t(`campaigns.status.${c.status}`)} · {t("board.deadline")}: {formatDate(c.deadline)}
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </nav>
    </details>
  );
}
