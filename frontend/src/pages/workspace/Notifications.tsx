import { useState } from "react";
import { Link } from "react-router-dom";
import { api, type Page, type Schema } from "../../api";
import { noticesChanged } from "../../components/Layout";
import { ErrorMessage } from "../../components/ErrorMessage";
import { useI18n } from "../../i18n";
import { useApi } from "../../useApi";

type Notice = Schema<"Notification">;

export function Notifications() {
  const { t, date } = useI18n();
  const [reload, setReload] = useState(0);
  const [showAll, setShowAll] = useState(false);
  // Unread: those that still ask for something (a notice about something already done is closed).
  const { data, error } = useApi<Page<Notice>>(`/notifications/?page_size=100${showAll ? "" : "&unread=true"}&v=${reload}`);
  const markRead = async (id: number) => {
    await api(`/notifications/${id}/read/`, { method: "POST" });
    setReload((n) => n + 1);
    noticesChanged(); // the menu's unread count
  };
  return (
    <div>
      <h1>{t("notifications.title")}</h1>
      <label className="inline">
        <input type="checkbox" checked={showAll} onChange={(event) => setShowAll(event.target.checked)} />
        {t("notifications.showAll")}
      </label>
      {error && <ErrorMessage error={error} />}
      {data && data.results.length === 0 && <p>{t("notifications.none")}</p>}
      <ul className="notices">
        {data?.results.map((notice) => (
          <li key={notice.id} data-testid="notice" className={notice.closed_at ? "closed" : undefined}>
            <span>{date(notice.day)}</span>{" "}
            {notice.link.startsWith("/can-bo/") ? <Link to={notice.link}>{notice.message}</Link> : notice.message}{" "}
            {notice.closed_at ? (
              <span className="badge badge-pending">{t("notifications.closed")}</span>
            ) : notice.read_at ? (
              <span className="muted">{t("notifications.read")}</span>
            ) : (
              <button type="button" className="link" onClick={() => markRead(notice.id)}>
                {t("notifications.markRead")}
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
