import type { Schema } from "../../api";
import { DocumentCells, DocumentHeadCells } from "../../components/DocumentCells";
import { StatusBadge } from "../../components/StatusBadge";
import { useI18n } from "../../i18n";
import type { RowDocument } from "./listTypes";

/** A row of any of the four lists: the document, and what its list says of it. */
export type SysRow = { document: RowDocument; status?: string } & Partial<
  Omit<Schema<"ChangeRow">, "document" | "status"> &
    Omit<Schema<"InForceRow">, "document" | "status"> &
    Omit<Schema<"NeedingActionRow">, "document">
>;

export type ListName = "expired_whole" | "expired_partial" | "in_force" | "needing_action";

/** One of the four lists: the document's columns, then what that list says of it (status, reason and since when,
 * or the action needed and who drafts it by when). */
export function SystematizationTable({ name, rows }: { name: ListName; rows: SysRow[] }) {
  const { t, date } = useI18n();
  return (
    <table className="table stack" data-testid={`sys-${name}`}>
      <thead>
        <tr>
          <DocumentHeadCells />
          {name === "in_force" && <th scope="col">{t("col.status")}</th>}
          {name.startsWith("expired") && <th scope="col">{t("col.reason")}</th>}
          {name.startsWith("expired") && <th scope="col">{t("col.since")}</th>}
          {name === "needing_action" && <th scope="col">{t("sys.action")}</th>}
          {name === "needing_action" && <th scope="col">{t("rec.draftingBody")}</th>}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <tr key={`${row.document.id}-${index}`}>
            <DocumentCells index={index} document={row.document} />
            {name === "in_force" && (
              <td data-label={t("col.status")}>
                <StatusBadge status={row.status ?? ""} />
              </td>
            )}
            {name.startsWith("expired") && (
              <td data-label={t("col.reason")}>{row.reason_text}</td>
            )}
            {name.startsWith("expired") && <td data-label={t("col.since")}>{date(row.since)}</td>}
            {name === "needing_action" && <td data-label={t("sys.action")}>{row.action_label}</td>}
            {name === "needing_action" && (
              <td data-label={t("rec.draftingBody")}>
                {row.drafting_body}
                {row.deadline ? `; ${date(row.deadline)}` : ""}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
