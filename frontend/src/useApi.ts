import { useEffect, useState } from "react";
import { ApiError, api } from "./api";
import { useI18n } from "./i18n";

export interface Loaded<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
}

/** GET `path` (null: nothing to load) and reload when it or the language changes; stale answers are dropped. */
export function useApi<T>(path: string | null): Loaded<T> {
  const { lang } = useI18n();
  const [state, setState] = useState<Loaded<T>>({ data: null, error: null, loading: path !== null });
  useEffect(() => {
    if (path === null) {
      setState({ data: null, error: null, loading: false });
      return;
    }
    let current = true;
    setState((previous) => ({ ...previous, loading: true, error: null }));
    api<T>(path).then(
      (data) => current && setState({ data, error: null, loading: false }),
      (error: unknown) =>
        current &&
        setState({
          data: null,
          error: error instanceof ApiError ? error : new ApiError(0, "error", String(error)),
          loading: false,
        }),
    );
    return () => {
      current = false;
    };
  }, [path, lang]);
  return state;
}
