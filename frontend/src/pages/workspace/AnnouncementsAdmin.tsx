import { useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router-dom";
import { api, type Page } from "../../api";
import { can, useAuth } from "../../auth";
import { CodeCheckboxes } from "../../components/CodeChoices";
import { ErrorMessage } from "../../components/ErrorMessage";
import { FieldErrors } from "../../components/FieldErrors";
import { useI18n } from "../../i18n";
import type { MessageKey } from "../../i18n/vi";
import { useNames } from "../../names";
import { useApi } from "../../useApi";
import { useWrite } from "../../useWrite";
import type { Announcement } from "../lists/listTypes";

/** Every list (drafts included, for staff), and a form to draft a new one. */
export function AnnouncementsAdmin() {
  const { t, date } = useI18n();
  const { me } = useAuth();
  const names = useNames();
  const navigate = useNavigate();
  const { data, error } = useApi<Page<Announcement>>("/announcements/?page_size=100");
  const [year, setYear] = useState(String(new Date().getFullYear() - 1));
  const [issuers, setIssuers] = useState<string[]>([]);
  const { error: createError, busy, run } = useWrite();

  const create = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const made = await api<Announcement>("/announcements/", {
        method: "POST",
        body: JSON.stringify({ year: Number(year), issuers }),
      });
      navigate(`/can-bo/danh-muc/${made.id}`);
    });
  };

  return (
    <div>
      <h1>{t("ann.title")}</h1>
      {error && <ErrorMessage error={error} />}
      {data && data.results.length === 0 && <p>{t("ann.none")}</p>}
      {data && data.results.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("ann.year")}</th>
              <th scope="col">{t("col.title")}</th>
              <th scope="col">{t("ann.state")}</th>
              <th scope="col">{t("lists.publishedOn")}</th>
            </tr>
          </thead>
          <tbody>
            {data.results.map((item) => (
              <tr key={item.id}>
                <td>{item.year}</td>
                <td>
                  <Link to={`/can-bo/danh-muc/${item.id}`}>{item.title}</Link>
                </td>
                <td>{t(`ann.state.${item.state}` as MessageKey)}</td>
                <td>{date(item.published_on)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {can(me, "announcements.write") && (
        <form className="card" onSubmit={create} noValidate>
          <h2>{t("ann.create")}</h2>
          {createError && <ErrorMessage error={createError} />}
          <div className="form-field">
            <label htmlFor="ann-year">{t("ann.year")}</label>
            <input id="ann-year" type="number" value={year} onChange={(e) => setYear(e.target.value)} />
            <FieldErrors messages={createError?.fields.year} />
          </div>
          <CodeCheckboxes
            legend={t("ann.issuers")}
            names={names?.issuer}
            value={issuers}
            onChange={setIssuers}
            errors={createError?.fields.issuers}
          />
          <button type="submit" disabled={busy}>
            {t("ann.create")}
          </button>
        </form>
      )}
    </div>
  );
}
