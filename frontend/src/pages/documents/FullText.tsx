import { createContext, useContext, type ReactNode } from "react";
import type { StructureNode } from "../../api";
import { useI18n } from "../../i18n";
import type { Note, VersionNode } from "../../pointInTime";

/** A node of the stored structure, or of the text on a date (which adds its status, notes and future changes). */
export type TextTreeNode = Omit<StructureNode, "children"> & {
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

const HEADED = ["part", "chapter", "section", "article"];

// The document's text by its structure (parts, chapters, articles, clauses, points), with an outline of links.
export function FullText({ tree, annotations }: { tree: TextTreeNode[]; annotations?: Annotations }) {
  const { t } = useI18n();
  const outline = tree.flatMap(function walk(node): TextTreeNode[] {
    const here = HEADED.includes(node.kind) ? [node] : [];
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
                  <a href={`#${node.anchor}`}>
                    {node.label}
                    {node.status === "repealed" ? `. ${t("text.repealed")}` : node.title ? `. ${node.title}` : ""}
                  </a>
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

// How the text itself numbers clauses ("1.") and points ("a)"): the number opens the first line of its text.
const MARKERS: Record<string, (number: string) => string> = { clause: (n) => `${n}.`, point: (n) => `${n})` };

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
  // A repealed unit is printed as a văn bản hợp nhất prints it: "Điều 9. (được bãi bỏ)", "2. (được bãi bỏ)".
  const heading =
    node.kind === "preamble" ? null : repealed ? `${node.label}. ${t("text.repealed")}` : `${node.label}${node.title ? `. ${node.title}` : ""}`;
  const marker = MARKERS[node.kind]?.(node.number);
  const lines = repealed ? (marker ? [t("text.repealed")] : []) : node.text ? node.text.split("\n") : [];
  if (marker && lines.length === 0) lines.push("");
  const headed = heading !== null && HEADED.includes(node.kind);
  const eid = node.eid ?? "";
  return (
    <section id={node.anchor} className={`node node-${node.kind}${repealed ? " node-repealed" : ""}${suspended ? " node-suspended" : ""}`}>
      {headed && (
        <h4>
          {heading}
          {suspended && <span className="unit-status"> {t("text.suspended")}</span>}
          <FootnoteMarks eid={eid} />
        </h4>
      )}
      {lines.map((line, index) => (
        <p key={index}>
          {marker && index === 0 && <strong className="marker">{marker} </strong>}
          {line}
          {!headed && index === 0 && suspended && <span className="unit-status"> {t("text.suspended")}</span>}
          {!headed && index === 0 && <FootnoteMarks eid={eid} />}
        </p>
      ))}
      {!headed && lines.length === 0 && eid && (annotations?.footnotes.get(eid)?.length ?? 0) > 0 && (
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
