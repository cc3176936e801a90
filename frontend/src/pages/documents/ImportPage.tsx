import { useEffect, useState, type FormEvent } from "react";
import { ApiError, api } from "../../api";
import { ErrorMessage } from "../../components/ErrorMessage";
import { FieldErrors } from "../../components/FieldErrors";
import { useI18n } from "../../i18n";
import type { MessageKey } from "../../i18n/vi";

interface ImportJob {
  id: number;
  filename: string;
  state: "pending" | "running" | "succeeded" | "failed";
  progress: { stage: string; done: number; total: number; percent: number };
  report: {
    created?: Record<string, number>;
    updated?: Record<string, number>;
    unchanged?: Record<string, number>;
    errors?: { where: string; field?: string; message_vi: string; message_en: string }[];
    error?: { message_vi: string; message_en: string };
  };
}

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
          <progress max={100} value={job.progress.percent} aria-label={t("import.progress")} />{" "}
          {job.progress.percent}%
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
                    {item.where}
                    {item.field ? ` (${item.field})` : ""}: {message(item)}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
    </div>
  );
}
