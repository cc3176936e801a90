import { Link, useParams } from "react-router-dom";
import { DocumentCells, DocumentHeadCells } from "../../components/DocumentCells";
import { ErrorMessage } from "../../components/ErrorMessage";
import { useI18n } from "../../i18n";
import { useApi } from "../../useApi";
import { provisionText, type Announcement, type AnnouncementRow } from "./listTypes";

export function RowsTable({ rows, partial, caption }: { rows: AnnouncementRow[]; partial: boolean; caption: string }) {
  const { t, date } = useI18n();
  return (
    <table className="table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <DocumentHeadCells />
          {partial && <th scope="col">{t("col.provisions")}</th>}
          <th scope="col">{t("col.reason")}</th>
          <th scope="col">{t("col.since")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <tr key={row.id} data-testid="list-row">
            <DocumentCells index={index} document={row.document} />
            {partial && <td>{provisionText(row.provisions)}</td>}
            <td>{row.reason_label}</td>
            <td>{date(row.since)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function AnnouncementPage() {
  const { id } = useParams();
  const { t, date } = useI18n();
  const { data, error } = useApi<Announcement>(id && /^\d+$/.test(id) ? `/announcements/${id}/` : null);
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
      <h1>{data.title}</h1>
      <p className="muted">
        {t("lists.publishedOn")} {date(data.published_on)} · {t("lists.rows", { count: rows.length })}
      </p>
      <p className="downloads">
        <a href={`/api/v1/announcements/${data.id}/export/?format=docx`} download>
          {t("lists.downloadDocx")}
        </a>
        <a href={`/api/v1/announcements/${data.id}/export/?format=xlsx`} download>
          {t("lists.downloadXlsx")}
        </a>
      </p>
      <RowsTable rows={whole} partial={false} caption={`${t("lists.whole")} (${whole.length})`} />
      <RowsTable rows={partial} partial caption={`${t("lists.partial")} (${partial.length})`} />
    </div>
  );
}
