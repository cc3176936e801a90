import { Link, useParams } from "react-router-dom";
import { DocumentCells, DocumentHeadCells } from "../../components/DocumentCells";
import { Downloads } from "../../components/Downloads";
import { ErrorMessage } from "../../components/ErrorMessage";
import { useI18n } from "../../i18n";
import { usePageTitle } from "../../pageTitle";
import { useApi } from "../../useApi";
import { NotFound } from "../NotFound";
import type { Announcement, AnnouncementRow } from "./listTypes";

/** The columns of the published .docx; the reason is worded by the API as in the .docx (provisions first). */
export function RowsTable({ rows, caption }: { rows: AnnouncementRow[]; caption: string }) {
  const { t, date } = useI18n();
  return (
    <table className="table stack">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <DocumentHeadCells />
          <th scope="col">{t("col.reason")}</th>
          <th scope="col">{t("col.since")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <tr key={row.id} data-testid="list-row">
            <DocumentCells index={index} document={row.document} />
            <td data-label={t("col.reason")}>{row.reason_text}</td>
            <td data-label={t("col.since")}>{date(row.since)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function AnnouncementPage() {
  const { id } = useParams();
  const { t, date } = useI18n();
  const valid = id !== undefined && /^\d+$/.test(id);
  const { data, error } = useApi<Announcement>(valid ? `/announcements/${id}/` : null);
  usePageTitle(data?.title ?? null);
  if (!valid || error?.status === 404) return <NotFound />;
  if (error) return <ErrorMessage error={error} />;
  if (!data) return <p aria-busy="true">{t("common.loading")}</p>;
  const rows = data.rows.filter((row) => !row.removed);
  const whole = rows.filter((row) => row.scope === "whole");
  const partial = rows.filter((row) => row.scope === "partial");
  return (
    <div>
      <p>
        <Link to="/danh-muc">{t("lists.back")}</Link>
      </p>
      <h1 className="list-title">{data.title}</h1>
      <p className="muted">
        {t("lists.publishedOn")} {date(data.published_on)} · {t("lists.rows", { count: rows.length })}
      </p>
      <Downloads url={(format) => `/api/v1/announcements/${data.id}/export/?format=${format}`} />
      <RowsTable rows={whole} caption={`${t("lists.whole")} (${whole.length})`} />
      <RowsTable rows={partial} caption={`${t("lists.partial")} (${partial.length})`} />
    </div>
  );
}
