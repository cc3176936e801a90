import { Link } from "react-router-dom";
import { useI18n } from "../../i18n";
import type { AnnouncementRow } from "../lists/listTypes";

interface Props {
  scope: "whole" | "partial";
  rows: AnnouncementRow[];
  /** A draft the reader may change: each row has a button to remove it. */
  editable: boolean;
  busy: boolean;
  onRemove: (row: AnnouncementRow) => void;
}

/** One of a list's two tables (documents expired or suspended in whole, or in part), removed rows struck out. */
export function RowsTable({ scope, rows, editable, busy, onRemove }: Props) {
  const { t, date } = useI18n();
  return (
    <table className="table" data-testid={`rows-${scope}`}>
      <caption>
        {t(scope === "whole" ? "lists.whole" : "lists.partial")} ({rows.filter((row) => !row.removed).length})
      </caption>
      <thead>
        <tr>
          <th scope="col">{t("col.number")}</th>
          <th scope="col">{t("col.title")}</th>
          <th scope="col">{t("col.reason")}</th>
          <th scope="col">{t("col.since")}</th>
          {editable && <th scope="col">{t("ann.remove")}</th>}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id} className={row.removed ? "removed" : undefined}>
            <td>
              <Link to={`/van-ban/${row.document.id}`}>{row.document.number}</Link>
            </td>
            <td>
              {row.document.title}
              {row.removed && <div className="muted">{t("ann.removed", { note: row.note })}</div>}
              {!row.removed && row.note && <div className="muted">{t("ann.added", { note: row.note })}</div>}
            </td>
            {/* Worded as the published list and its .docx word it (the provisions of a partial row first). */}
            <td>{row.reason_text}</td>
            <td>{date(row.since)}</td>
            {editable && (
              <td>
                {!row.removed && (
                  <button type="button" className="secondary" disabled={busy} onClick={() => onRemove(row)}>
                    {t("ann.remove")} {row.document.number}
                  </button>
                )}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
