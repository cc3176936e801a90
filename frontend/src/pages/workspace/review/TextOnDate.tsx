import type { Schema } from "../../../api";
import { useI18n } from "../../../i18n";
import type { MessageKey } from "../../../i18n/vi";
import { useApi } from "../../../useApi";

type TextAnswer = Schema<"TextAnswer">;
type VersionNode = Schema<"VersionNode">;
type Note = Schema<"Note">;
type Source = Schema<"Source">;

/** The local calendar day of `moment` (default now) as YYYY-MM-DD: the review's date, as the reviewer lived it. */
export function localDay(moment: string | null = null): string {
  const when = moment ? new Date(moment) : new Date();
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${when.getFullYear()}-${pad(when.getMonth() + 1)}-${pad(when.getDate())}`;
}

/** A numbered note: the unit it sits on and the change (the reviewer reads them under the text). */
interface Numbered {
  number: number;
  unit: string;
  note: Note;
}

// How the text numbers clauses ("1.") and points ("a)"), as the document prints them.
const MARKERS: Record<string, (number: string) => string> = { clause: (n) => `${n}.`, point: (n) => `${n})` };
const HEADINGS = ["part", "chapter", "section", "article", "annex", "form"];
const CENTRED = ["part", "chapter", "section"];

/** Every note of the tree in reading order, numbered from 1, with the node each sits on. */
function numberNotes(tree: VersionNode[]): Map<VersionNode, Numbered[]> {
  const found = new Map<VersionNode, Numbered[]>();
  let next = 1;
  const walk = (node: VersionNode) => {
    if (node.notes.length > 0) {
      found.set(
        node,
        node.notes.map((note) => ({ number: next++, unit: node.label || node.title, note })),
      );
    }
    node.children.forEach(walk);
  };
  tree.forEach(walk);
  return found;
}

/**
 * The document's text in force on `on` (the review's date), read-only and folded by default: repealed units
 * marked "(được bãi bỏ)", changed ones with a note number, and the notes listed under the text (which amending
 * document changed what, and from when). From GET /documents/{id}/text/?on=.
 */
export function TextOnDate({ documentId, on }: { documentId: number; on: string }) {
  const { t, date, lang } = useI18n();
  const { data, error, loading } = useApi<TextAnswer>(`/documents/${documentId}/text/?on=${on}`);
  const version = data?.version ?? null;
  const notes = version ? numberNotes(version.tree) : new Map<VersionNode, Numbered[]>();
  const listed = [...notes.values()].flat();
  const docx = `/api/v1/documents/${documentId}/text/?on=${on}&format=docx&lang=${lang}`;
  return (
    <details className="review-text">
      <summary>{t("review.text.title", { date: date(on) })}</summary>
      <p className="hint">{t("review.text.hint")}</p>
      {loading && <p aria-busy="true">{t("common.loading")}</p>}
      {error && <p role="alert">{t("review.text.unavailable")}</p>}
      {data && !version && <p>{t("review.text.none")}</p>}
      {version && (
        <>
          <p className="downloads">
            <a href={docx} download>
              {t("review.text.download")}
            </a>
          </p>
          {/* A scrolling box: focusable and named, so a keyboard user can scroll it (axe: scrollable-region-focusable). */}
          <div className="text" lang="vi" tabIndex={0} role="region" aria-label={t("review.text.title", { date: date(on) })}>
            {version.tree.map((node) => (
              <Unit key={node.eid || node.anchor} node={node} notes={notes} prefix={`ghi-chu-${documentId}-`} />
            ))}
          </div>
          {listed.length > 0 && (
            <section className="text-notes" aria-labelledby={`text-notes-${documentId}`}>
              <h3 id={`text-notes-${documentId}`}>{t("review.text.notes")}</h3>
              <ol>
                {listed.map((item) => (
                  <li key={item.number} id={`ghi-chu-${documentId}-${item.number}`} value={item.number}>
                    <NoteLine item={item} sources={version.sources} />
                  </li>
                ))}
              </ol>
            </section>
          )}
        </>
      )}
    </details>
  );
}

function NoteLine({ item, sources }: { item: Numbered; sources: Record<string, Source> }) {
  const { t, date } = useI18n();
  const source = sources[item.note.source];
  const change = t(`review.text.change.${item.note.kind}` as MessageKey);
  const by = source ? `${source.type} số ${source.number}` : "";
  return (
    <>
      <strong>{item.unit}</strong> {change}
      {by && ` ${t("review.text.by", { document: by })}`}, {t("review.text.since", { date: date(item.note.applies_on) })}
      {item.note.ends_on && ` ${t("review.text.until", { date: date(item.note.ends_on) })}`}
      {item.note.instruction && <q className="instruction">{item.note.instruction}</q>}
    </>
  );
}

function Unit({ node, notes, prefix }: { node: VersionNode; notes: Map<VersionNode, Numbered[]>; prefix: string }) {
  const { t } = useI18n();
  const repealed = node.status === "repealed";
  const mark = repealed ? t("review.text.repealed") : node.status === "suspended" ? t("review.text.suspended") : "";
  const marker = MARKERS[node.kind]?.(node.number);
  // "Điều 9. (được bãi bỏ)", as a văn bản hợp nhất prints a repealed unit; a chapter's title goes on its own line.
  const below = CENTRED.includes(node.kind) && !repealed && node.title ? node.title : "";
  const title = repealed ? "." : node.title && !below ? `. ${node.title}` : "";
  const heading = HEADINGS.includes(node.kind) ? `${node.label}${title}` : null;
  const lines = node.text && !repealed ? node.text.split("\n") : [];
  if ((marker || mark) && lines.length === 0 && !heading) lines.push("");
  const refs = (notes.get(node) ?? []).map((item) => (
    <sup key={item.number}>
      <a href={`#${prefix}${item.number}`}>{item.number}</a>
    </sup>
  ));
  return (
    <section className={`node node-${node.kind}${repealed ? " node-repealed" : ""}`}>
      {heading && (
        <h4>
          {heading}
          {mark && ` ${mark}`}
          {refs}
          {below && (
            <>
              <br />
              {below}
            </>
          )}
        </h4>
      )}
      {lines.map((line, index) => (
        <p key={index}>
          {marker && index === 0 && <strong className="marker">{marker} </strong>}
          {!heading && index === 0 && mark ? mark : line}
          {!heading && index === lines.length - 1 && refs}
        </p>
      ))}
      {!repealed &&
        node.children.map((child) => (
          <Unit key={child.eid || child.anchor} node={child} notes={notes} prefix={prefix} />
        ))}
    </section>
  );
}
