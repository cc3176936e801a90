import { useEffect, useState } from "react";
import { api, asApiError, type ApiError } from "../../../api";

/** How many documents a plan's scope covers, counted by the API as it is chosen (the same rule the plan will use),
 * after a short pause. `scopeKey` is the scope's parameters as JSON. The count belongs to the scope it was
 * counted for: while another scope is counted, it is null. */
export function useScopeCount(scopeKey: string): { count: number | null; error: ApiError | null } {
  const [counted, setCounted] = useState<{ scope: string; documents: number } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    let current = true;
    const timer = window.setTimeout(() => {
      api<{ documents: number }>("/review-plans/preview/", { method: "POST", body: JSON.stringify({ scope: JSON.parse(scopeKey) }) }).then(
        (answer) => {
          if (!current) return;
          setError(null);
          setCounted({ scope: scopeKey, documents: answer.documents });
        },
        (caught: unknown) => current && setError(asApiError(caught)),
      );
    }, 250);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [scopeKey]);
  return { count: counted?.scope === scopeKey ? counted.documents : null, error };
}
