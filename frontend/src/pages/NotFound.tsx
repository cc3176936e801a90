import { Link, useNavigate } from "react-router-dom";
import { useI18n } from "../i18n";
import type { MessageKey } from "../i18n/vi";
import { usePageTitle } from "../pageTitle";

/** A page or a document that is not there: say so, and offer the ways back. */
export function NotFound({ title = "notFound.title", message = "notFound.text" }: { title?: MessageKey; message?: MessageKey }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  usePageTitle(t(title));
  return (
    <div className="not-found">
      <h1>{t(title)}</h1>
      <p>{t(message)}</p>
      <ul className="ways-back">
        <li>
          <Link to="/">{t("notFound.back")}</Link>
        </li>
        <li>
          <Link to="/danh-muc">{t("nav.announcements")}</Link>
        </li>
        {window.history.length > 1 && (
          <li>
            <button type="button" className="link" onClick={() => navigate(-1)}>
              {t("notFound.previous")}
            </button>
          </li>
        )}
      </ul>
    </div>
  );
}
