import { useI18n } from "../../../i18n";
import type { MessageKey } from "../../../i18n/vi";
import type { ImportJob, RowError } from "./importTypes";

const total = (counts?: Record<string, number>) => Object.values(counts ?? {}).reduce((sum, n) => sum + n, 0);

/** Where an import job stands: its progress (or that it failed), what it saved, and each refused row. */
export function ImportJobCard({ job }: { job: ImportJob }) {
  const { t, lang } = useI18n();
  const message = (item: { message_vi: string; message_en: string }) => (lang === "en" ? item.message_en : item.message_vi);
  const where = (item: RowError) => (lang === "en" ? item.where_en : item.where_vi) ?? item.where;
  const column = (item: RowError) => (lang === "en" ? item.label_en : item.label_vi);
  const failed = job.state === "failed";
  return (
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
  );
}
