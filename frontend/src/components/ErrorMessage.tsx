import type { ApiError } from "../api";
import { useI18n } from "../i18n";

export function ErrorMessage({ error }: { error: ApiError }) {
  const { t } = useI18n();
  const text = error.code === "network" ? t("error.network") : error.message || t("error.generic");
  return (
    <p role="alert" className="error">
      {text}
    </p>
  );
}
