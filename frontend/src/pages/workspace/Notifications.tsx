import { useState } from "react";
import { Link } from "react-router-dom";
import { api, type Page } from "../../api";
import { ErrorMessage } from "../../components/ErrorMessage";
import { useI18n } from "../../i18n";
import { useApi } from "../../useApi";

interface Notice {
  id: number;
  message: string;
  day: string;
  link: string;
  read_at: string | null;
}

export function Notifications() {
  const { t, date } = useI18n();
  const [reload, setReload] = useState(0);
  const { data, error } = useApi<Page<Notice>>(`/notifications/?unread=true&page_size=100&v=${reload}`);
  const markRead = async (id: number) => {
    await api(`/notifications/${id}/read/`, { method: "POST" });
    setReload((n) => n + 1);
  };
  return (
    <div>
      <h1>{t("notifications.title")}</h1>
      {error && <ErrorMessage error={error} />}
      {data && data.results.length === 0 && <p>{t("notifications.none")}</p>}
      <ul className="notices">
        {data?.results.map((notice) => (
          <li key={notice.id}>
            <span>{date(notice.day)}</span>{" "}
            {notice.link.startsWith("/can-bo/") ? <Link to={notice.link}>{notice.message}</Link> : notice.message}{" "}
            <button type="button" className="link" onClick={() => markRead(notice.id)}>
              {t("notifications.markRead")}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
