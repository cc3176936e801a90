import { useEffect, useState } from "react";
import { api, type Page } from "./api";

export type Names = Record<"type" | "issuer" | "field", Record<string, string>>;

let cached: Promise<Names> | null = null;

async function load(): Promise<Names> {
  const [types, issuers, fields] = await Promise.all(
    ["/document-types/", "/authorities/", "/fields/"].map((path) =>
      api<Page<{ code: string; name: string }>>(`${path}?page_size=500`),
    ),
  );
  const byCode = (page: Page<{ code: string; name: string }>) =>
    Object.fromEntries(page.results.map((item) => [item.code, item.name]));
  return { type: byCode(types), issuer: byCode(issuers), field: byCode(fields) };
}

/** Display names of the codes facets are keyed by (loaded once per page load).
 *
 * `enabled` lets a page ask for them only after its own answer: on a cold start the three reference requests
 * would otherwise compete with the one the reader is waiting for (bench/web_pages.mjs).
 */
export function useNames(enabled = true): Names | null {
  const [names, setNames] = useState<Names | null>(null);
  useEffect(() => {
    if (!enabled) return;
    cached ??= load().catch((error: unknown) => {
      cached = null;
      throw error;
    });
    let current = true;
    cached.then(
      (value) => current && setNames(value),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [enabled]);
  return names;
}
