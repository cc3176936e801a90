import { useEffect, useState, type FormEvent } from "react";
import { Link, useParams } from "react-router-dom";
import { ApiError, api, query, type Page } from "../../api";
import { can, useAuth } from "../../auth";
import { ErrorMessage } from "../../components/ErrorMessage";
import { FieldErrors } from "../../components/FieldErrors";
import { useI18n } from "../../i18n";
import type { MessageKey } from "../../i18n/vi";
import type { Announcement, AnnouncementRow } from "../lists/listTypes";

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
  const [list, setList] = useState<Announcement | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [adding, setAdding] = useState({ number: "", scope: "whole", note: "" });
  const [choices, setChoices] = useState<{ id: number; number: string; issuer: { name: string } }[]>([]);
  const [addError, setAddError] = useState<Record<string, string[]>>({});

  useEffect(() => {
    api<Announcement>(`/announcements/${id}/`).then(setList, (caught: unknown) =>
      setError(caught instanceof ApiError ? caught : new ApiError(0, "error", "")),
    );
  }, [id]);

  if (!list) return error ? <ErrorMessage error={error} /> : <p aria-busy="true">{t("common.loading")}</p>;
  const editable = list.state === "draft" && can(me, "announcements.write");

  const post = async (path: string, body: Record<string, unknown>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      setList(await api<Announcement>(`/announcements/${list.id}/${path}/`, { method: "POST", body: JSON.stringify({ version: list.version, ...body }) }));
      return true;
    } catch (caught) {
      const apiError = caught instanceof ApiError ? caught : new ApiError(0, "error", String(caught));
      if (apiError.status === 412) setList(await api<Announcement>(`/announcements/${list.id}/`));
      setError(apiError);
      return false;
    } finally {
      setBusy(false);
    }
  };

  const add = async (event: FormEvent, documentId?: number) => {
    event.preventDefault();
    setAddError({});
    let target = documentId;
    if (target === undefined) {
      const found = await api<Page<{ id: number; number: string; issuer: { name: string } }>>(
        `/documents/${query({ number: adding.number.trim() })}`,
      ).catch(() => null);
      if (!found || found.results.length === 0) {
        setAddError({ document: [t("ann.unknownDocument")] });
        return;
      }
      if (found.results.length > 1) {
        setChoices(found.results);
        return;
      }
      target = found.results[0].id;
    }
    setChoices([]);
    if (await post("add-row", { document: target, scope: adding.scope, note: adding.note })) {
      setAdding({ number: "", scope: "whole", note: "" });
    }
  };

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
      <p className="downloads">
        <a href={`/api/v1/announcements/${list.id}/export/?format=docx`} download>
          {t("lists.downloadDocx")}
        </a>
        <a href={`/api/v1/announcements/${list.id}/export/?format=xlsx`} download>
          {t("lists.downloadXlsx")}
        </a>
      </p>
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
        <table key={scope} className="table" data-testid={`rows-${scope}`}>
          <caption>
            {t(scope === "whole" ? "lists.whole" : "lists.partial")} ({rows(scope).filter((row) => !row.removed).length})
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
            {rows(scope).map((row) => (
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
                      <button type="button" className="secondary" disabled={busy} onClick={() => remove(row)}>
                        {t("ann.remove")} {row.document.number}
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      ))}
      {editable && (
        <form className="card" onSubmit={(event) => add(event)} noValidate>
          <h2>{t("ann.addRow")}</h2>
          <div className="document-form">
            <div className="form-field">
              <label htmlFor="add-number">{t("ann.document")}</label>
              <input id="add-number" value={adding.number} onChange={(e) => setAdding({ ...adding, number: e.target.value })} />
              <FieldErrors messages={addError.document ?? error?.fields.document} />
            </div>
            <div className="form-field">
              <label htmlFor="add-scope">{t("ann.scope")}</label>
              <select id="add-scope" value={adding.scope} onChange={(e) => setAdding({ ...adding, scope: e.target.value })}>
                <option value="whole">{t("ann.scope.whole")}</option>
                <option value="partial">{t("ann.scope.partial")}</option>
              </select>
            </div>
            <div className="form-field wide">
              <label htmlFor="add-note">{t("ann.note")}</label>
              <input id="add-note" value={adding.note} onChange={(e) => setAdding({ ...adding, note: e.target.value })} />
              <FieldErrors messages={error?.fields.note} />
            </div>
          </div>
          {choices.length > 0 && (
            <div role="group" aria-label={t("ann.ambiguous")}>
              <p>{t("ann.ambiguous")}</p>
              {choices.map((choice) => (
                <button key={choice.id} type="button" className="secondary" onClick={(event) => add(event, choice.id)}>
                  {choice.number} — {choice.issuer.name}
                </button>
              ))}
            </div>
          )}
          <button type="submit" disabled={busy}>
            {t("ann.addRow")}
          </button>
        </form>
      )}
    </div>
  );
}
