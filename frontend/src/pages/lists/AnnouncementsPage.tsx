import { Link } from "react-router-dom";
import type { Page } from "../../api";
import { ErrorMessage } from "../../components/ErrorMessage";
import { useI18n } from "../../i18n";
import { usePageTitle } from "../../pageTitle";
import { useApi } from "../../useApi";
import type { Announcement } from "./listTypes";

/** Published yearly lists (the public sees only published ones; the API filters). */
export function AnnouncementsPage() {
  const { t, date } = useI18n();
  const { data, error, loading } = useApi<Page<Announcement>>("/announcements/?page_size=100");
  usePageTitle(t("lists.title"));
  const published = (data?.results ?? []).filter((item) => item.state === "published");
  return (
    <div>
      <h1>{t("lists.title")}</h1>
      <p>{t("lists.intro")}</p>
      <p>
        <Link to="/he-thong-hoa">{t("sys.title")}</Link>
      </p>
      {error && <ErrorMessage error={error} />}
      {loading && !data && <p>{t("common.loading")}</p>}
      {data && published.length === 0 && <p>{t("lists.none")}</p>}
      <ul className="lists">
        {published.map((item) => (
          <li key={item.id} className="card">
            <h2>
              <Link to={`/danh-muc/${item.id}`}>{item.title}</Link>
            </h2>
            <p className="muted">
              {t("lists.year")} {item.year} · {t("lists.publishedOn")} {date(item.published_on)} ·{" "}
              {t("lists.rows", { count: item.rows.length })}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
