import type { MessageKey } from "./i18n/vi";

export const STATUSES = [
  "in_force",
  "partially_expired",
  "expired",
  "suspended",
  "partially_suspended",
  "not_yet_effective",
] as const;

export type StatusCode = (typeof STATUSES)[number];

export function statusKey(status: string): MessageKey {
  return (STATUSES as readonly string[]).includes(status) ? (`status.${status}` as MessageKey) : "error.generic";
}

/** The badge's tone: green in force, amber partly, red expired or suspended, grey not yet. */
export function statusTone(status: string): "ok" | "partial" | "ended" | "pending" {
  if (status === "in_force") return "ok";
  if (status === "partially_expired" || status === "partially_suspended") return "partial";
  if (status === "not_yet_effective") return "pending";
  return "ended";
}

export const RELATION_KINDS = [
  "basis",
  "details",
  "amends",
  "supplements",
  "replaces",
  "repeals",
  "suspends",
  "corrects",
] as const;

const REASONS = [
  "not_yet_effective",
  "effective",
  "term_ended",
  "replaced",
  "repealed",
  "amended",
  "supplemented",
  "suspended",
  "suspension_ended",
  "corrected",
] as const;

export function reasonKey(reason: string): MessageKey {
  return (REASONS as readonly string[]).includes(reason) ? (`reason.${reason}` as MessageKey) : "error.generic";
}
