import { useState } from "react";
import { asApiError, type ApiError } from "./api";

/**
 * One write at a time from a form: `busy` while it runs, the API's refusal kept in `error` for the form to show
 * (its field messages under their fields). A 412 (someone else changed the record first) goes to `onStale`
 * instead, when the page has a better answer than an error, such as reading the record again. `run` says
 * whether the write went through.
 */
export function useWrite() {
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (write: () => Promise<void>, onStale?: (stale: ApiError) => void | Promise<void>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await write();
      return true;
    } catch (caught) {
      const apiError = asApiError(caught);
      if (apiError.status === 412 && onStale) await onStale(apiError);
      else setError(apiError);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { error, setError, busy, run };
}
