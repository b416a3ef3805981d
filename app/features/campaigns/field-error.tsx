import { useTranslation } from "react-i18next";

export const errorId = (path: string) => `err-${path.replace(/[^a-zA-Z0-9_-]/g, "-")}`;

/** An inline message under a field; `code` is a key of campaigns.errors (unknown codes read as "invalid"). */
export function FieldError({ id, code }: { id: string; code: string | undefined | null }) {
  const { t } = useTranslation();
  if (!code) return null;
  return (
    <span className="field-error" id={id} role="alert">
      {t(`campaigns.errors.${code}`, { defaultValue: t("campaigns.errors.invalid") })}
    </span>
  );
}
