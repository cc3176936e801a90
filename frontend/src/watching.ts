// Following documents without an account (issue #16, backend/watching): the calls the public pages make, and the
// Atom feed addresses. The three writes are authenticated by their signed token (or need none), not by a session.
import { api, asApiError, query, type Schema } from "./api";

/** What a confirmation or an unsubscription names: the followed thing, with its human label. */
export type Watched = Schema<"FollowedAnswer">;
export type WatchKind = Watched["kind"];
type SubscribeInput = Schema<"SubscribeInputRequest">;

/** Ask for a confirmation e-mail. The API answers the same 202 whatever it did (no answer tells whether the
 * address already follows this), so nothing is returned. */
export async function subscribe(kind: WatchKind, target: string, email: string): Promise<void> {
  const input: SubscribeInput = { kind, target, email };
  await api<Schema<"AcceptedAnswer">>("/watching/subscriptions/", { method: "POST", body: JSON.stringify(input) });
}

// One request per token for the page's life: React's development mode runs an effect twice, and a confirmation
// link opened once must ask once.
const confirmations = new Map<string, Promise<Watched>>();

export function confirmOnce(token: string): Promise<Watched> {
  let pending = confirmations.get(token);
  if (!pending) {
    pending = api<Watched>("/watching/confirm/", { method: "POST", body: JSON.stringify({ token }) });
    confirmations.set(token, pending);
  }
  return pending;
}

/** What an unsubscribe link is about, without unsubscribing: null when the API has no such answer (a GET must
 * never unsubscribe: mail scanners open links before the reader does). */
export async function unsubscribePreview(token: string): Promise<Watched | null> {
  try {
    return await api<Watched>(`/watching/unsubscribe/${query({ token })}`);
  } catch (caught) {
    const error = asApiError(caught);
    if (error.status === 400) throw error; // the link itself is bad: the page says so before any click
    return null;
  }
}

export function unsubscribe(token: string): Promise<Watched> {
  return api<Watched>("/watching/unsubscribe/", { method: "POST", body: JSON.stringify({ token }) });
}

const FEED_FOLDERS: Partial<Record<WatchKind, string>> = { document: "documents", issuer: "issuers", field: "fields" };

/** The Atom feed of a followed thing (a saved search has none). */
export function feedPath(kind: WatchKind, target: string): string | null {
  const folder = FEED_FOLDERS[kind];
  return folder ? `/feeds/${folder}/${encodeURIComponent(target)}.atom` : null;
}

/** Where the app shows a followed thing, when it has a page of its own. */
export function pageOf(watched: Watched): string | null {
  if (watched.kind === "document" && /^\d+$/.test(watched.target)) return `/van-ban/${watched.target}`;
  if (watched.kind === "issuer") return `/?issuer=${encodeURIComponent(watched.target)}`;
  if (watched.kind === "field") return `/?field=${encodeURIComponent(watched.target)}`;
  return null;
}
