// A thin client for /api/v1: JSON in and out, errors as ApiError with the API's field messages.
import type { Lang } from "./i18n";

export class ApiError extends Error {
  constructor(
    public status: number,
    public code: string,
    message: string,
    public fields: Record<string, string[]> = {},
    public body: unknown = null,
  ) {
    super(message);
  }
}

let currentLang: Lang = "vi";

export function setApiLanguage(lang: Lang): void {
  currentLang = lang;
}

/** The If-Match header of a write to a record read at `version` (optimistic locking: a stale one is 412). */
export function ifMatch(version: number | null): Record<string, string> {
  return version === null ? {} : { "If-Match": `"${version}"` };
}

// The web app is signed in by Django's session cookie (HttpOnly: no script reads it), shared by every tab of the
// browser. Unsafe requests carry the csrftoken cookie's value in X-CSRFToken, as Django asks.
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function csrfToken(): string | null {
  const match = /(?:^|;\s*)csrftoken=([^;]*)/.exec(typeof document === "undefined" ? "" : document.cookie);
  return match ? decodeURIComponent(match[1]) : null;
}

// Told when the API answers 401: the session ended (signed out in another tab, expired, or the password
// changed). The app then forgets the user and the officers' pages ask for a sign-in.
let onUnauthorized: (() => void) | null = null;

export function setOnUnauthorized(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

function flattenErrors(raw: unknown, prefix = ""): Record<string, string[]> {
  // DRF nests field errors ({"document": {"title": ["…"]}}); the UI wants "document.title".
  const out: Record<string, string[]> = {};
  if (raw && typeof raw === "object" && !Array.isArray(raw)) {
    for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
      const name = prefix ? `${prefix}.${key}` : key;
      if (Array.isArray(value) && value.every((item) => typeof item === "string")) out[name] = value as string[];
      else Object.assign(out, flattenErrors(value, name));
    }
  }
  return out;
}

/** What a failed call threw, as an ApiError (api() throws nothing else; anything else keeps its text). */
export function asApiError(caught: unknown): ApiError {
  return caught instanceof ApiError ? caught : new ApiError(0, "error", String(caught));
}

export async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set("Accept", "application/json");
  headers.set("Accept-Language", currentLang);
  const method = (init.method ?? "GET").toUpperCase();
  const csrf = csrfToken();
  if (!SAFE_METHODS.has(method) && csrf) headers.set("X-CSRFToken", csrf);
  if (init.body && !(init.body instanceof FormData)) headers.set("Content-Type", "application/json");
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, { credentials: "same-origin", ...init, headers });
  } catch {
    throw new ApiError(0, "network", "network");
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (response.status === 401) onUnauthorized?.();
  if (!response.ok) {
    const data = (body ?? {}) as { code?: string; message?: string; detail?: string; errors?: unknown };
    const fields = flattenErrors(data.errors ?? (data.message || data.detail ? {} : data));
    throw new ApiError(response.status, data.code ?? "error", data.message ?? data.detail ?? "", fields, body);
  }
  return body as T;
}

/** Query string from a record, skipping empty values and repeating lists. */
export function query(params: Record<string, string | string[] | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === "") continue;
    for (const item of Array.isArray(value) ? value : [value]) search.append(key, String(item));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

// --- shapes of the answers used by the app -----------------------------------------------------------------
// Generated from the API's OpenAPI schema (src/schema/schema.d.ts, by scripts/schema.sh): a field renamed or
// removed in a serializer breaks `tsc` where the app reads it, not the page in a browser.
import type { components } from "./schema/schema";

type Schemas = components["schemas"];

/**
 * An answer as the API sends it: a serializer writes every field it declares, so none is left out (the schema
 * marks fields with a model default optional, as a request may omit them; null stays where the schema allows it).
 */
export type Answer<T> = T extends (infer Item)[]
  ? Answer<Item>[]
  : T extends object
    ? { [K in keyof T]-?: Answer<Exclude<T[K], undefined>> }
    : T;

export type Schema<Name extends keyof Schemas> = Answer<Schemas[Name]>;

export type Named = Schema<"CodeName">;
export type CausedBy = Schema<"Cause">;
export type Validity = Schema<"Validity">;
export type SearchHit = Schema<"SearchHit">;
export type SearchAnswer = Schema<"SearchAnswer">;
export type StructureNode = Schema<"StructureNode">;
export type DocumentDetail = Schema<"DocumentDetail">;
export type DocumentBrief = Schema<"DocumentBrief">;
export type Relation = Schema<"Relation">;
export type Timeline = Schema<"Timeline">;
export type LookupAnswer = Schema<"LookupAnswer">;

export interface Page<T> {
  count: number;
  results: T[];
}
