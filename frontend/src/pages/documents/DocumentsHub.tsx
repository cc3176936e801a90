import { Link } from "react-router-dom";
import { useI18n } from "../../i18n";

export function DocumentsHub() {
  const { t } = useI18n();
  return (
    <div>
      <h1>{t("docs.title")}</h1>
      <ul className="hub">
        <li className="card">
          <Link to="/can-bo/van-ban/moi">{t("docs.new")}</Link>
        </li>
        <li className="card">
          <Link to="/can-bo/van-ban/tai-len">{t("docs.upload")}</Link>
        </li>
        <li className="card">
          <Link to="/can-bo/van-ban/nhap">{t("docs.import")}</Link>
        </li>
      </ul>
    </div>
  );
}
