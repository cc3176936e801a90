import { Link } from "react-router-dom";
import { useI18n } from "../i18n";

export function NotFound() {
  const { t } = useI18n();
  return (
    <div>
      <h1>{t("notFound.title")}</h1>
      <Link to="/">{t("notFound.back")}</Link>
    </div>
  );
}
