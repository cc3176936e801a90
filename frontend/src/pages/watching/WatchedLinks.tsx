import { Link } from "react-router-dom";
import { useI18n } from "../../i18n";
import { pageOf, type Watched } from "../../watching";

/** The ways on from a confirmation or an unsubscription: the followed thing's page (when it has one), the search. */
export function WatchedLinks({ watched }: { watched: Watched | null }) {
  const { t } = useI18n();
  const page = watched ? pageOf(watched) : null;
  return (
    <ul className="ways-back">
      {watched && page && watched.label && (
        <li>
          <Link to={page}>{t("watch.open", { label: watched.label })}</Link>
        </li>
      )}
      <li>
        <Link to="/">{t("watch.home")}</Link>
      </li>
    </ul>
  );
}
