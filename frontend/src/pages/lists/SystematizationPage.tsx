import { useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { query } from "../../api";
import { CodeOptions } from "../../components/CodeChoices";
import { Downloads } from "../../components/Downloads";
import { ErrorMessage } from "../../components/ErrorMessage";
import { useI18n } from "../../i18n";
import type { MessageKey } from "../../i18n/vi";
import { useNames } from "../../names";
import { usePageTitle } from "../../pageTitle";
import { useApi } from "../../useApi";
import type { SystematizationAnswer } from "./listTypes";
import { SystematizationTable, type ListName } from "./SystematizationTable";

const LISTS: ListName[] = ["expired_whole", "expired_partial", "in_force", "needing_action"];

/** List 4 (documents needing action) comes to staff only. */
type Systematization = Omit<SystematizationAnswer, "needing_action"> & Partial<Pick<SystematizationAnswer, "needing_action">>;

// The last full five-year period: 2019-2023 is the national period that ended most recently.
function defaultPeriod(): [string, string] {
  const lastEnded = new Date().getFullYear() - 1;
  const end = lastEnded - ((lastEnded - 2023) % 5 + 5) % 5;
  return [String(end - 4), String(end)];
}

/** The five-year systematization: the four lists for a period (and an issuer), with their downloads. */
export function SystematizationPage() {
  const { t, date } = useI18n();
  const names = useNames();
  const [params, setParams] = useSearchParams();
  const [defaultFrom, defaultTo] = defaultPeriod();
  const from = params.get("from") ?? defaultFrom;
  const to = params.get("to") ?? defaultTo;
  const issuer = params.get("issuer") ?? "";
  const [draft, setDraft] = useState({ from, to, issuer });
  usePageTitle(`${t("sys.title")} ${from}–${to}`);
  const search = query({ from, to, issuer: issuer || undefined });
  const { data, error, loading } = useApi<Systematization>(`/systematization/${search}`);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setParams(new URLSearchParams(Object.entries(draft).filter(([, value]) => value)));
  };

  return (
    <div>
      <p>
        <Link to="/danh-muc">{t("lists.title")}</Link>
      </p>
      <h1>{t("sys.title")}</h1>
      <p>{t("sys.intro")}</p>
      <form className="filters" onSubmit={submit}>
        <label>
          {t("sys.from")}
          <input type="number" min={1945} max={9999} value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
        </label>
        <label>
          {t("sys.to")}
          <input type="number" min={1945} max={9999} value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
        </label>
        <label>
          {t("sys.issuer")}
          <select value={draft.issuer} onChange={(e) => setDraft({ ...draft, issuer: e.target.value })}>
            <option value="">{t("sys.allIssuers")}</option>
            <CodeOptions names={names?.issuer} />
          </select>
        </label>
        <button type="submit">{t("sys.show")}</button>
      </form>
      {error && <ErrorMessage error={error} />}
      {loading && (
        <p aria-busy="true" className="progress">
          <progress aria-label={t("sys.computing")} /> {t("sys.computing")}
        </p>
      )}
      {data && !loading && (
        <>
          <p>{t("sys.cutoff", { date: date(data.cutoff) })}</p>
          <Downloads url={(format) => `/api/v1/systematization/${query({ from, to, issuer: issuer || undefined, format })}`} />
          {LISTS.filter((name) => data[name] !== undefined).map((name, index) => (
            <details key={name} className="card" open={index === 0}>
              <summary>
                <h2>
                  {index + 1}. {t(`sys.${name}` as MessageKey)} ({data[name]!.length})
                </h2>
              </summary>
              {data[name]!.length === 0 ? <p>{t("sys.empty")}</p> : <SystematizationTable name={name} rows={data[name]!} />}
            </details>
          ))}
        </>
      )}
    </div>
  );
}
