// The text on a date (decision 0018 §5): footnotes numbered and worded as a văn bản hợp nhất prints them. Pure:
// the unit tests call these without a page.
import type { Schema } from "./api";
import type { MessageKey } from "./i18n/vi";
import { INPUT_KINDS, type FormatDate, type Translate } from "./operations";

export type VersionNode = Schema<"VersionNode">;
export type Note = Schema<"Note">;
export type Source = Schema<"Source">;
export type TextAnswer = Schema<"TextAnswer">;
export type TextVersion = Schema<"TextVersion">;
export type VersionsAnswer = Schema<"VersionsAnswer">;

// GET …/text/?compare=D1,D2: what changed between the versions in force on two dates.
export type CompareAnswer = Schema<"CompareAnswer">;
export type ProvisionChange = Schema<"ProvisionChange">;
export type WordRun = Schema<"WordRun">;

export interface Footnote {
  /** 1, 2, 3… in the order the notes appear in the text (a node's own notes before its children's). */
  n: number;
  note: Note;
  /** The kind of the unit the note is on (article, clause, point…): "Khoản này được …". */
  unitKind: string;
  eid: string;
  anchor: string;
}

/** Number every note of the tree in reading order, as a văn bản hợp nhất numbers its footnotes. */
export function numberFootnotes(tree: readonly VersionNode[]): { list: Footnote[]; byEid: Map<string, number[]> } {
  const list: Footnote[] = [];
  const byEid = new Map<string, number[]>();
  const walk = (node: VersionNode) => {
    for (const note of node.notes) {
      const n = list.length + 1;
      list.push({ n, note, unitKind: node.kind, eid: node.eid, anchor: node.anchor });
      byEid.set(node.eid, [...(byEid.get(node.eid) ?? []), n]);
    }
    node.children.forEach(walk);
  };
  tree.forEach(walk);
  return { list, byEid };
}


const UNIT_KINDS = new Set(["article", "clause", "point", "chapter", "section", "part", "annex", "form"]);
// A note names one of the kinds an operation has (operations.ts, the one list in the app).
const NOTE_KINDS: ReadonlySet<string> = new Set(INPUT_KINDS);

/** Where the link to the amending document goes in a footnote's words (split out so that the number is a link). */
export const SOURCE_SLOT = "\u0001";

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** How a footnote cites a provision of the amending act mid-sentence: "điểm a khoản 3 Điều 1" (the API labels it
 * "Điểm a Khoản 3 Điều 1"; in running text khoản and điểm are written small, Điều, Chương, Mục keep their capital). */
export function citedProvision(label: string): string {
  return label.replace(/(^| )(Khoản|Điểm) /g, (_whole, space: string, word: string) => `${space}${word.toLowerCase()} `);
}

/**
 * A footnote's words, as a văn bản hợp nhất prints them: "Khoản này được sửa đổi, bổ sung theo quy định tại khoản 3
 * Điều 1 của Quyết định số 15/2025/QĐ-UBND, có hiệu lực kể từ ngày 20/07/2025." The amending document's number is
 * SOURCE_SLOT, for the caller to make it a link (`footnoteText` fills it in).
 */
export function footnoteWords(
  unitKind: string,
  note: Note,
  sources: Record<string, Source>,
  t: Translate,
  date: FormatDate,
): string {
  const unit = t(`fn.unit.${UNIT_KINDS.has(unitKind) ? unitKind : "other"}` as MessageKey);
  const source = sources[note.source];
  const where = source
    ? t(note.source_label ? "fn.where" : "fn.whereDocument", {
        provision: citedProvision(note.source_label),
        type: source.type,
        number: SOURCE_SLOT,
      })
    : t("fn.whereUnknown");
  const kind = NOTE_KINDS.has(note.kind) ? note.kind : "other";
  const key = (kind === "insert_after" || kind === "insert_before" ? "fn.insert" : `fn.${kind}`) as MessageKey;
  const sentence = t(key, {
    unit,
    where,
    date: date(note.applies_on),
    until: note.ends_on ? t("fn.until", { date: date(note.ends_on) }) : "",
    // A correction (đính chính) cites the correcting document's own date beside the date it applies from.
    issued: date(source?.issued_on),
  });
  return [capitalize(sentence), ...correctedBy(note, sources, t, date)].join(" ");
}

/** "Nội dung sửa đổi, bổ sung này đã được đính chính theo Quyết định số … ngày …." for each correction of the
 * amending act that mended this change's wording (none for most notes). */
function correctedBy(note: Note, sources: Record<string, Source>, t: Translate, date: FormatDate): string[] {
  return (note.corrected_by ?? [])
    .map((id) => sources[id])
    .filter((source): source is Source => source !== undefined)
    .map((source) => t("fn.correctedBy", { type: source.type, number: source.number, date: date(source.issued_on) }));
}

/** The footnote's words with the amending document's number written in. */
export function footnoteText(
  unitKind: string,
  note: Note,
  sources: Record<string, Source>,
  t: Translate,
  date: FormatDate,
): string {
  return footnoteWords(unitKind, note, sources, t, date).replace(SOURCE_SLOT, sources[note.source]?.number ?? "");
}

/** The version in force on `on` among the versions list (ISO dates compare as strings). */
export function versionOn<V extends { valid_from: string; valid_until: string | null }>(versions: readonly V[], on: string): V | null {
  return versions.find((v) => v.valid_from <= on && (v.valid_until === null || on < v.valid_until)) ?? null;
}

/** Today as the API's default date (the reader's own calendar day). */
export function todayIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The day before an ISO date: a version valid until D (exclusive) is in force up to and including that day. */
export function dayBefore(iso: string): string {
  const [year, month, day] = iso.split("-").map(Number);
  const previous = new Date(Date.UTC(year, month - 1, day - 1));
  return previous.toISOString().slice(0, 10);
}

/** Whether a value from the address is a date the API takes (YYYY-MM-DD); anything else is ignored (today). */
export function isIsoDate(value: string | null): value is string {
  return !!value && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));
}

/** Each provision's place in the page (eId → HTML anchor), for links from the comparison. */
export function anchorsByEid(tree: readonly { eid?: string; anchor: string; children: readonly unknown[] }[]): Map<string, string> {
  const anchors = new Map<string, string>();
  const walk = (node: { eid?: string; anchor: string; children: readonly unknown[] }) => {
    if (node.eid) anchors.set(node.eid, node.anchor);
    (node.children as typeof tree).forEach(walk);
  };
  tree.forEach(walk);
  return anchors;
}
