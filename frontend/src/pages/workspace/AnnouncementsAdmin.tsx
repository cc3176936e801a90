import { useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router-dom";
import { ApiError, api, type Page } from "../../api";
import { can, useAuth } from "../../auth";
import { ErrorMessage } from "../../components/ErrorMessage";
import { FieldErrors } from "../../components/FieldErrors";
import { useI18n } from "../../i18n";
import type { MessageKey } from "../../i18n/vi";
import { useNames } from "../../names";
import { useApi } from "../../useApi";
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
  const [createError, setCreateError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setCreateError(null);
    try {
      const made = await api<Announcement>("/announcements/", {
        method: "POST",
        body: JSON.stringify({ year: Number(year), issuers }),
      });
      navigate(`/can-bo/danh-muc/${made.id}`);
    } catch (caught) {
      setCreateError(caught instanceof ApiError ? caught : new ApiError(0, "error", String(caught)));
    } finally {
      setBusy(false);
    }
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
          <fieldset className="form-field">
            <legend>{t("ann.issuers")}</legend>
            <div className="checkbox-grid">
              {Object.entries(names?.issuer ?? {}).map(([code, name]) => (
                <label key={code} className="inline">
                  <input
                    type="checkbox"
                    checked={issuers.includes(code)}
                    onChange={(e) => setIssuers(e.target.checked ? [...issuers, code] : issuers.filter((c) => c !== code))}
                  />
                  {name}
                </label>
              ))}
            </div>
            <FieldErrors messages={createError?.fields.issuers} />
          </fieldset>
          <button type="submit" disabled={busy}>
            {t("ann.create")}
          </button>
        </form>
      )}
    </div>
  );
}
