import { useTranslation } from "react-i18next";

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`campaign-status campaign-status-${status}`}>{t(`campaigns.status.${status}`, { defaultValue: status })}</span>;
}
