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

export interface Named {
  code: string;
  name: string;
}

export interface CausedBy {
  number: string;
  kind: string;
  effective_on: string;
  source_id: number;
  relation_id: number;
}

export interface Validity {
  on: string;
  status: string;
  status_label: string;
  reason: string;
  since: string | null;
  caused_by: CausedBy[];
  provisions: { provision: string; status: string; reason: string; caused_by: CausedBy[] }[];
}

export interface SearchHit {
  id: number;
  number: string;
  title: string;
  type: Named;
  issuer: Named;
  issued_on: string;
  effective_from: string | null;
  status: string;
  status_label: string;
  article: { label: string; anchor: string } | null;
  highlights: { title: string[]; text: string[] };
}

export interface SearchAnswer {
  count: number;
  page: number;
  page_size: number;
  on: string;
  results: SearchHit[];
  facets: Record<string, Record<string, number>>;
}

export interface StructureNode {
  kind: string;
  number: string;
  label: string;
  title: string;
  text: string;
  anchor: string;
  children: StructureNode[];
}

export interface DocumentDetail {
  id: number;
  number: string;
  type: Named;
  issuer: Named;
  signer: string;
  title: string;
  issued_on: string;
  effective_from: string | null;
  effective_until: string | null;
  fields: string[];
  normative: boolean;
  published: boolean;
  status: string;
  status_label: string;
  text: string;
  structure: StructureNode[];
  /** The stored file's name, and where the API serves it (GET /documents/{id}/file/); null when there is none. */
  source_file: string | null;
  source_file_url: string | null;
  /** Raised by every change; sent back as If-Match when saving (a stale one is refused with 412). */
  version: number;
}

export interface DocumentBrief {
  id: number;
  number: string;
  issuer: string;
  title: string;
  issued_on: string;
  status: string;
}

export interface Relation {
  id: number;
  source: DocumentBrief;
  target: DocumentBrief;
  kind: string;
  effective_on: string;
  provisions: string[];
  note?: string;
  /** Sent back as If-Match when correcting or deleting it (a stale one is refused with 412). */
  version?: number;
}

export interface Page<T> {
  count: number;
  results: T[];
}
