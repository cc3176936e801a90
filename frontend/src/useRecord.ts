import { useEffect, useEffectEvent, useState } from "react";
import { api, asApiError, type ApiError } from "./api";

/**
 * GET `path` into state the page replaces with what its writes answer (useApi's answers are read-only), and
 * `reload` when a write finds it stale. An answer for a path the page has left (another id) is dropped.
 * `onLoad` is told of each value read from the API (not of those the page sets), e.g. to fill a form.
 */
export function useRecord<T>(path: string, onLoad?: (found: T) => void) {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const take = (found: T) => {
    setValue(found);
    onLoad?.(found);
  };
  const taken = useEffectEvent(take);
  useEffect(() => {
    let current = true;
    api<T>(path).then(
      (found) => current && taken(found),
      (caught: unknown) => current && setError(asApiError(caught)),
    );
    return () => {
      current = false;
    };
  }, [path]);
  const reload = async () => take(await api<T>(path));
  return { value, setValue, error, reload };
}
