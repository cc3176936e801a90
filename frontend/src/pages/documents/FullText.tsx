import { createContext, useContext, type ReactNode } from "react";
import type { StructureNode } from "../../api";
import { useI18n } from "../../i18n";
import type { MessageKey } from "../../i18n/vi";
import type { Note, VersionNode } from "../../pointInTime";

/** A node of the stored structure, or of the text on a date (which adds its status, notes and future changes; its
 * kind is the same set, typed as a plain string there). */
export type TextTreeNode = Omit<StructureNode, "children" | "kind"> & {
  kind: StructureNode["kind"] | string;
  status?: VersionNode["status"];
  notes?: Note[];
  future?: Note[];
  children: TextTreeNode[];
};

/** What the text on a date adds to the printed text: footnote markers, and what shows under a provision (its
 * changes to come, its history on demand). */
export interface Annotations {
  footnotes: Map<string, number[]>;
  extras?: (node: TextTreeNode) => ReactNode;
}

const AnnotationsContext = createContext<Annotations | null>(null);

// What the outline lists and what gets a heading: the provisions that have titles, the regulation a decision issues
// (its own tree, articles restarting at Điều 1), and the annexes and forms after the body. Clauses and points are
// numbered in their text; the preamble and the signature block ("closing") have no heading of their own.
const HEADED: ReadonlySet<string> = new Set(["part", "chapter", "section", "article", "regulation", "annex", "form"]);

/** "Điều 5. Mức thu"; a repealed unit as a văn bản hợp nhất prints it: "Điều 9. (được bãi bỏ)". */
function headingOf(node: TextTreeNode, t: (key: MessageKey) => string): string {
  if (node.status === "repealed") return `${node.label}. ${t("text.repealed")}`;
  return `${node.label}${node.title ? `. ${node.title}` : ""}`;
}

// The document's text by its structure (parts, chapters, articles, clauses, points; an attached regulation;
// the signature block; annexes and forms), with an outline of links.
export function FullText({ tree, annotations }: { tree: TextTreeNode[]; annotations?: Annotations }) {
  const { t } = useI18n();
  const outline = tree.flatMap(function walk(node): TextTreeNode[] {
    const here = HEADED.has(node.kind) ? [node] : [];
    return [...here, ...node.children.flatMap(walk)];
  });
  return (
    <AnnotationsContext.Provider value={annotations ?? null}>
      <div className="full-text">
        {outline.length > 0 && (
          <nav aria-label={t("doc.outline")} className="outline">
            <h3>{t("doc.outline")}</h3>
            <ol>
              {outline.map((node) => (
                <li key={node.anchor} className={`outline-${node.kind}${node.status === "repealed" ? " outline-repealed" : ""}`}>
                  <a href={`#${node.anchor}`}>{node.kind === "regulation" ? regulationHeading(node, t) : headingOf(node, t)}</a>
                </li>
              ))}
            </ol>
          </nav>
        )}
        <div className="text">
          {tree.map((node) => (
            <TextNode key={node.anchor} node={node} />
          ))}
        </div>
      </div>
    </AnnotationsContext.Provider>
  );
}

function regulationHeading(node: TextTreeNode, t: (key: MessageKey) => string): string {
  return node.title ? `${t("doc.regulation")}: ${node.title}` : t("doc.regulation");
}

// How the text itself numbers clauses ("1.") and points ("a)"): the number opens the first line of its text.
const MARKERS: Partial<Record<string, (number: string) => string>> = {
  clause: (n) => `${n}.`,
  point: (n) => `${n})`,
};

/** The footnote numbers of a node, as superscript links to the notes under the text (and back). */
function FootnoteMarks({ eid }: { eid: string }) {
  const { t } = useI18n();
  const numbers = useContext(AnnotationsContext)?.footnotes.get(eid) ?? [];
  return (
    <>
      {numbers.map((n) => (
        <sup key={n} className="footnote-ref">
          <a id={`fnref-${n}`} href={`#fn-${n}`} aria-label={t("text.footnoteRef", { n })}>
            {n}
          </a>
        </sup>
      ))}
    </>
  );
}

function TextNode({ node }: { node: TextTreeNode }) {
  const { t } = useI18n();
  const annotations = useContext(AnnotationsContext);
  const repealed = node.status === "repealed";
  const suspended = node.status === "suspended";
  const eid = node.eid ?? "";
  const marker = MARKERS[node.kind]?.(node.number);
  // A repealed clause or point keeps its number: "2. (được bãi bỏ)".
  const lines = repealed ? (marker ? [t("text.repealed")] : []) : node.text ? node.text.split("\n") : [];
  if (marker && lines.length === 0) lines.push("");
  const status = suspended && <span className="unit-status"> {t("text.suspended")}</span>;
  let heading = null;
  if (node.kind === "regulation") {
    // Printed as the regulation prints it: "QUY ĐỊNH", its title, then "(Ban hành kèm theo …)" as its first line.
    heading = (
      <h3 className="regulation-heading">
        <span className="regulation-word">{node.label.toLocaleUpperCase("vi")}</span>
        {node.title && <span className="regulation-title">{node.title}</span>}
        <FootnoteMarks eid={eid} />
      </h3>
    );
  } else if (HEADED.has(node.kind)) {
    heading = (
      <h4>
        {headingOf(node, t)}
        {status}
        <FootnoteMarks eid={eid} />
      </h4>
    );
  }
  // Without a heading, the markers follow the first line (a clause's, a point's), or stand alone.
  const marksInText = heading === null && eid !== "" && (annotations?.footnotes.get(eid)?.length ?? 0) > 0;
  return (
    <section
      id={node.anchor}
      className={`node node-${node.kind}${repealed ? " node-repealed" : ""}${suspended ? " node-suspended" : ""}`}
      aria-label={node.kind === "closing" ? t("doc.closing") : undefined}
    >
      {heading}
      {lines.map((line, index) => (
        <p key={index}>
          {marker && index === 0 && <strong className="marker">{marker} </strong>}
          {line}
          {heading === null && index === 0 && status}
          {marksInText && index === 0 && <FootnoteMarks eid={eid} />}
        </p>
      ))}
      {marksInText && lines.length === 0 && (
        <p>
          <FootnoteMarks eid={eid} />
        </p>
      )}
      {annotations?.extras?.(node)}
      {node.children.map((child) => (
        <TextNode key={child.anchor} node={child} />
      ))}
    </section>
  );
}
