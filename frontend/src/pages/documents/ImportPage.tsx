import { useState, type FormEvent } from "react";
import { ErrorMessage } from "../../components/ErrorMessage";
import { FieldErrors } from "../../components/FieldErrors";
import { useI18n } from "../../i18n";
import { ImportJobCard } from "./import/ImportJobCard";
import { TemplateGuide } from "./import/TemplateGuide";
import { useImportJob } from "./import/useImportJob";

/** Upload an interchange file and follow the import job until it finishes. */
export function ImportPage() {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const { job, error, start } = useImportJob();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (file) void start(file);
  };

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
      {job && <ImportJobCard job={job} />}
      <TemplateGuide />
    </div>
  );
}
