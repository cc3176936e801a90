import { useEffect, useState } from "react";
import { api, asApiError, type ApiError } from "./api";
import { useI18n } from "./i18n";

export interface Loaded<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
}

interface Answer<T> {
  /** The path (and language) the answer belongs to. */
  key: string;
  data: T | null;
  error: ApiError | null;
}

/**
 * GET `path` (null: nothing to load) and reload when it or the language changes; stale answers are dropped.
 *
 * An answer belongs to its path: while the next path loads, the previous path's data is not returned (going from
 * one document to another must never show the first one's status under the second one's title). The same path
 * asked again in another language keeps its data while the new answer comes, so a language switch does not blank
 * the page. `keepPrevious` is for lists whose next page or filter should replace the last one in place (the
 * search results): the caller then says it is busy (aria-busy) rather than blanking.
 */
export function useApi<T>(path: string | null, { keepPrevious = false }: { keepPrevious?: boolean } = {}): Loaded<T> {
  const { lang } = useI18n();
  const [answer, setAnswer] = useState<Answer<T> | null>(null);
  const key = `${lang} ${path ?? ""}`;
  useEffect(() => {
    if (path === null) return;
    let current = true;
    api<T>(path).then(
      (data) => current && setAnswer({ key, data, error: null }),
      (error: unknown) =>
        current &&
        setAnswer({ key, data: null, error: asApiError(error) }),
    );
    return () => {
      current = false;
    };
  }, [path, key]);
  if (path === null) return { data: null, error: null, loading: false };
  if (answer?.key === key) return { data: answer.data, error: answer.error, loading: false };
  // Same path, other language: keep showing the data (it is this path's) until the translated answer comes.
  const samePath = answer !== null && answer.key.slice(answer.key.indexOf(" ") + 1) === path;
  return { data: samePath || keepPrevious ? (answer?.data ?? null) : null, error: null, loading: true };
}
