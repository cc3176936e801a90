import { useState } from "react";
import { ApiError, api } from "../../../api";
import type { Recommendation } from "../reviewTypes";

/** What each form on a recommendation card is given: the card's recommendation and what to do after a write. */
export interface FormProps {
  rec: Recommendation;
  onSaved: (rec: Recommendation, message: string) => void;
  onStale: () => void;
}

/** One write from a card's form: a 412 (someone else changed it first) reloads the board instead of showing an error. */
export function useWrite({ onSaved, onStale }: Omit<FormProps, "rec">) {
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const write = async (path: string, method: string, body: Record<string, unknown>, message: string) => {
    setBusy(true);
    setError(null);
    try {
      onSaved(await api<Recommendation>(path, { method, body: JSON.stringify(body) }), message);
    } catch (caught) {
      const apiError = caught instanceof ApiError ? caught : new ApiError(0, "error", String(caught));
      if (apiError.status === 412) onStale();
      else setError(apiError);
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, write };
}
