import { useEffect, useState } from "react";
import { ApiError, api, asApiError } from "../../../api";
import type { ImportJob } from "./importTypes";

/** Start an import with an interchange file and follow its job until it has succeeded or failed. */
export function useImportJob() {
  const [job, setJob] = useState<ImportJob | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    // Poll while a worker runs the job (in-process it has finished when the upload answers).
    if (!job || job.state === "succeeded" || job.state === "failed") return;
    const timer = window.setTimeout(() => {
      api<ImportJob>(`/imports/${job.id}/`).then(setJob, (caught: unknown) => setError(asApiError(caught)));
    }, 1000);
    return () => window.clearTimeout(timer);
  }, [job]);

  const start = async (file: File) => {
    setError(null);
    setJob(null);
    const body = new FormData();
    body.append("file", file);
    try {
      setJob(await api<ImportJob>("/imports/", { method: "POST", body }));
    } catch (caught) {
      const apiError = asApiError(caught);
      // A failed in-process import answers 400 with the job and its report: show the report.
      const answer = apiError.body as ImportJob | null;
      if (apiError.status === 400 && answer && typeof answer === "object" && "state" in answer) setJob(answer);
      else setError(apiError);
    }
  };
  return { job, error, start };
}
