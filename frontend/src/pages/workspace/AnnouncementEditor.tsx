import { Link, useParams } from "react-router-dom";
import { api } from "../../api";
import { can, useAuth } from "../../auth";
import { Downloads } from "../../components/Downloads";
import { ErrorMessage } from "../../components/ErrorMessage";
import { useI18n } from "../../i18n";
import type { MessageKey } from "../../i18n/vi";
import { useRecord } from "../../useRecord";
import { useWrite } from "../../useWrite";
import type { Announcement, AnnouncementRow } from "../lists/listTypes";
import { AddRowForm } from "./AddRowForm";
import { RowsTable } from "./AnnouncementRows";

const MOVES: Record<string, { action: string; label: MessageKey }[]> = {
  draft: [{ action: "submit", label: "ann.submit" }],
  submitted: [
    { action: "approve", label: "ann.approve" },
    { action: "return", label: "ann.return" },
  ],
  approved: [{ action: "publish", label: "ann.publish" }],
  published: [],
};

/** A list being prepared: rows added or removed with a reason, then submitted, approved and published. */
export function AnnouncementEditor() {
  const { id } = useParams();
  const { t, date } = useI18n();
  const { me } = useAuth();
  const { value: list, setValue: setList, error: loadError, reload } = useRecord<Announcement>(`/announcements/${id}/`);
  const { error, setError, busy, run } = useWrite();

  if (!list) return loadError ? <ErrorMessage error={loadError} /> : <p aria-busy="true">{t("common.loading")}</p>;
  const editable = list.state === "draft" && can(me, "announcements.write");

  // A 412 (someone else changed the list first) shows the list as it now is, and says why the move was refused.
  const post = (path: string, body: Record<string, unknown>): Promise<boolean> =>
    run(
      async () =>
        setList(await api<Announcement>(`/announcements/${list.id}/${path}/`, { method: "POST", body: JSON.stringify({ version: list.version, ...body }) })),
      async (stale) => {
        await reload();
        setError(stale);
      },
    );

  const remove = async (row: AnnouncementRow) => {
    const note = window.prompt(t("ann.removeNote", { number: row.document.number }));
    if (note) await post("remove-row", { row: row.id, note });
  };

  const rows = (scope: string) => list.rows.filter((row) => row.scope === scope);
  return (
    <div>
      <p>
        <Link to="/can-bo/danh-muc">{t("lists.back")}</Link>
      </p>
      <h1>{list.title}</h1>
      <p>
        {t("ann.state")}: <strong data-testid="ann-state">{t(`ann.state.${list.state}` as MessageKey)}</strong>
        {list.published_on && ` · ${t("lists.publishedOn")} ${date(list.published_on)}`}
      </p>
      <Downloads url={(format) => `/api/v1/announcements/${list.id}/export/?format=${format}`} />
      {error && <ErrorMessage error={error} />}
      {can(me, "announcements.write") && (
        <div className="actions">
          {MOVES[list.state]?.map((move) => (
            <button key={move.action} type="button" disabled={busy} onClick={() => post(move.action, {})}>
              {t(move.label)}
            </button>
          ))}
        </div>
      )}
      {!editable && list.state !== "published" && <p className="muted">{t("ann.onlyDraft")}</p>}
      {(["whole", "partial"] as const).map((scope) => (
        <RowsTable key={scope} scope={scope} rows={rows(scope)} editable={editable} busy={busy} onRemove={remove} />
      ))}
      {editable && <AddRowForm busy={busy} error={error} onAdd={(body) => post("add-row", body)} />}
    </div>
  );
}
