import { useEffect, useState, type FormEvent } from "react";
import { ApiError, api, type Schema } from "../../api";
import { useApi } from "../../useApi";
import { ErrorMessage } from "../../components/ErrorMessage";
import { FieldErrors } from "../../components/FieldErrors";
import { useI18n } from "../../i18n";
import type { MessageKey } from "../../i18n/vi";

/** An import job as GET /imports/{id}/ answers; its progress and report are JSON the schema leaves open. */
type ImportJob = Omit<Schema<"ImportJob">, "progress" | "report"> & {
  progress: { stage: string; done: number; total: number; percent: number };
  report: {
    created?: Record<string, number>;
    updated?: Record<string, number>;
    unchanged?: Record<string, number>;
    errors?: RowError[];
    error?: { message_vi: string; message_en: string };
  };
};

/** A refused row, as people read it: where in words, the column by its label (never its raw key). */
interface RowError {
  where: string;
  where_vi?: string;
  where_en?: string;
  label_vi?: string;
  label_en?: string;
  message_vi: string;
  message_en: string;
}

interface GuideEntry {
  table: string;
  table_label: string;
  label: string;
  key: string;
  required: boolean;
  format: string;
  example: string;
}

const TEMPLATE = "/api/v1/imports/template/";

const total = (counts?: Record<string, number>) => Object.values(counts ?? {}).reduce((sum, n) => sum + n, 0);

/** Upload an interchange file and follow the import job until it finishes. */
export function ImportPage() {
  const { t, lang } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [job, setJob] = useState<ImportJob | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    // Poll while a worker runs the job (in-process it has finished when the upload answers).
    if (!job || job.state === "succeeded" || job.state === "failed") return;
    const timer = window.setTimeout(() => {
      api<ImportJob>(`/imports/${job.id}/`).then(setJob, (caught: unknown) =>
        setError(caught instanceof ApiError ? caught : new ApiError(0, "error", "")),
      );
    }, 1000);
    return () => window.clearTimeout(timer);
  }, [job]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setError(null);
    setJob(null);
    const body = new FormData();
    body.append("file", file);
    try {
      setJob(await api<ImportJob>("/imports/", { method: "POST", body }));
    } catch (caught) {
      const apiError = caught instanceof ApiError ? caught : new ApiError(0, "error", String(caught));
      // A failed in-process import answers 400 with the job and its report: show the report.
      const body = apiError.body as ImportJob | null;
      if (apiError.status === 400 && body && typeof body === "object" && "state" in body) setJob(body);
      else setError(apiError);
    }
  };

  const message = (item: { message_vi: string; message_en: string }) => (lang === "en" ? item.message_en : item.message_vi);
  const where = (item: RowError) => (lang === "en" ? item.where_en : item.where_vi) ?? item.where;
  const column = (item: RowError) => (lang === "en" ? item.label_en : item.label_vi);
  const failed = job?.state === "failed";
  return (
    <div>
      <h1>{t("import.title")}</h1>
      <form onSubmit={submit} className="card">
        <label htmlFor="import-file">{t("upload.file")}</label>
        <input id="import-file" type="file" accept=".json,.csv,.xlsx" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        <FieldErrors messages={error?.fields.file} />
        <div className="actions">
          <button type="submit" disabled={!file}>
            {t("import.start")}
          </button>
        </div>
      </form>
      {error && !error.fields.file && <ErrorMessage error={error} />}
      {job && (
        <section className="card" aria-live="polite" data-testid="import-job">
          <p>
            {job.filename}: <strong>{t(`import.state.${job.state}` as MessageKey)}</strong>
          </p>
          {failed ? (
            // A failed import saved nothing: its bar is red and says so, never a full green bar.
            <>
              <div className="import-bar import-bar-failed" aria-hidden="true" />
              <p className="error" role="alert">
                {t("import.failedNote")}
              </p>
            </>
          ) : (
            <>
              <progress max={100} value={job.progress.percent} aria-label={t("import.progress")} />{" "}
              {job.progress.percent}%
            </>
          )}
          {job.state === "succeeded" && (
            <p>
              {t("import.summary", {
                created: total(job.report.created),
                updated: total(job.report.updated),
                unchanged: total(job.report.unchanged),
              })}
            </p>
          )}
          {job.report.error && <p className="error">{message(job.report.error)}</p>}
          {!!job.report.errors?.length && (
            <>
              <h2>{t("import.errors")}</h2>
              <ul className="field-errors">
                {job.report.errors.map((item, index) => (
                  <li key={index}>
                    <strong>{where(item)}</strong>
                    {column(item) ? ` · ${column(item)}` : ""}: {message(item)}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
      <TemplateGuide />
    </div>
  );
}

/** The template to fill in (.xlsx with its column guide, or one .csv per table) and the guide itself, all served by
 * the API from its one list of interchange columns. */
function TemplateGuide() {
  const { t, lang } = useI18n();
  const { data } = useApi<GuideEntry[]>("/imports/template/?format=json");
  const tables = data ? [...new Set(data.map((entry) => entry.table))] : [];
  return (
    <section className="card" aria-labelledby="template-heading">
      <h2 id="template-heading">{t("import.template")}</h2>
      <p>{t("import.templateHelp")}</p>
      <ul className="template-downloads">
        <li>
          <a href={`${TEMPLATE}?format=xlsx&lang=${lang}`} download>
            {t("import.templateXlsx")}
          </a>
        </li>
        {(["documents", "authorities", "relations"] as const).map((table) => (
          <li key={table}>
            <a href={`${TEMPLATE}?format=csv&table=${table}&lang=${lang}`} download>
              {t(`import.templateCsv.${table}`)}
            </a>
          </li>
        ))}
        <li>
          <a href={`${TEMPLATE}?format=csv&table=guide&lang=${lang}`} download>
            {t("import.templateGuideCsv")}
          </a>
        </li>
      </ul>
      {data && (
        <details>
          <summary>{t("import.guide")}</summary>
          {tables.map((table) => {
            const entries = data.filter((entry) => entry.table === table);
            return (
              // Wide on a phone: it scrolls inside its own box, which the keyboard can reach.
              <div className="table-scroll" key={table} tabIndex={0} role="region" aria-label={entries[0].table_label}>
                <table className="guide">
                  <caption>{entries[0].table_label}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("import.guide.label")}</th>
                      <th scope="col">{t("import.guide.key")}</th>
                      <th scope="col">{t("import.guide.required")}</th>
                      <th scope="col">{t("import.guide.format")}</th>
                      <th scope="col">{t("import.guide.example")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {entries.map((entry) => (
                      <tr key={entry.key}>
                        <th scope="row">{entry.label}</th>
                        <td>
                          <code>{entry.key}</code>
                        </td>
                        <td>{entry.required ? t("import.guide.yes") : t("import.guide.no")}</td>
                        <td>{entry.format}</td>
                        <td>{entry.example}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            );
          })}
        </details>
      )}
    </section>
  );
}
