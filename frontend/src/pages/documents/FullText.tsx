import type { StructureNode } from "../../api";
import { useI18n } from "../../i18n";

// The document's text by its structure (parts, chapters, articles, clauses, points), with an outline of links.
export function FullText({ tree }: { tree: StructureNode[] }) {
  const { t } = useI18n();
  const outline = tree.flatMap(function walk(node): StructureNode[] {
    const here = ["part", "chapter", "section", "article"].includes(node.kind) ? [node] : [];
    return [...here, ...node.children.flatMap(walk)];
  });
  return (
    <div className="full-text">
      {outline.length > 0 && (
        <nav aria-label={t("doc.outline")} className="outline">
          <h3>{t("doc.outline")}</h3>
          <ol>
            {outline.map((node) => (
              <li key={node.anchor} className={`outline-${node.kind}`}>
                <a href={`#${node.anchor}`}>
                  {node.label}
                  {node.title ? `. ${node.title}` : ""}
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
  );
}

// How the text itself numbers clauses ("1.") and points ("a)"): the number opens the first line of its text.
const MARKERS: Record<string, (number: string) => string> = { clause: (n) => `${n}.`, point: (n) => `${n})` };

function TextNode({ node }: { node: StructureNode }) {
  const heading = node.kind === "preamble" ? null : `${node.label}${node.title ? `. ${node.title}` : ""}`;
  const marker = MARKERS[node.kind]?.(node.number);
  const lines = node.text ? node.text.split("\n") : [];
  if (marker && lines.length === 0) lines.push("");
  return (
    <section id={node.anchor} className={`node node-${node.kind}`}>
      {heading && ["part", "chapter", "section", "article"].includes(node.kind) && <h4>{heading}</h4>}
      {lines.map((line, index) => (
        <p key={index}>
          {marker && index === 0 && <strong className="marker">{marker} </strong>}
          {line}
        </p>
      ))}
      {node.children.map((child) => (
        <TextNode key={child.anchor} node={child} />
      ))}
    </section>
  );
}
