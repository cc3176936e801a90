import type { StructureNode } from "../../api";
import { useI18n } from "../../i18n";
import type { MessageKey } from "../../i18n/vi";

// What the outline lists and what gets a heading: the provisions that have titles, the regulation a decision issues
// (its own tree, articles restarting at Điều 1), and the annexes and forms after the body. Clauses and points are
// numbered in their text; the preamble and the signature block ("closing") have no heading of their own.
const HEADED: ReadonlySet<StructureNode["kind"]> = new Set([
  "part",
  "chapter",
  "section",
  "article",
  "regulation",
  "annex",
  "form",
]);

function headingOf(node: StructureNode): string {
  return `${node.label}${node.title ? `. ${node.title}` : ""}`;
}

// The document's text by its structure (parts, chapters, articles, clauses, points; an attached regulation;
// the signature block; annexes and forms), with an outline of links.
export function FullText({ tree }: { tree: StructureNode[] }) {
  const { t } = useI18n();
  const outline = tree.flatMap(function walk(node): StructureNode[] {
    const here = HEADED.has(node.kind) ? [node] : [];
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
                <a href={`#${node.anchor}`}>{node.kind === "regulation" ? regulationHeading(node, t) : headingOf(node)}</a>
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

function regulationHeading(node: StructureNode, t: (key: MessageKey) => string): string {
  return node.title ? `${t("doc.regulation")}: ${node.title}` : t("doc.regulation");
}

// How the text itself numbers clauses ("1.") and points ("a)"): the number opens the first line of its text.
const MARKERS: Partial<Record<StructureNode["kind"], (number: string) => string>> = {
  clause: (n) => `${n}.`,
  point: (n) => `${n})`,
};

function TextNode({ node }: { node: StructureNode }) {
  const { t } = useI18n();
  const marker = MARKERS[node.kind]?.(node.number);
  const lines = node.text ? node.text.split("\n") : [];
  if (marker && lines.length === 0) lines.push("");
  let heading = null;
  if (node.kind === "regulation") {
    // Printed as the regulation prints it: "QUY ĐỊNH", its title, then "(Ban hành kèm theo …)" as its first line.
    heading = (
      <h3 className="regulation-heading">
        <span className="regulation-word">{node.label.toLocaleUpperCase("vi")}</span>
        {node.title && <span className="regulation-title">{node.title}</span>}
      </h3>
    );
  } else if (HEADED.has(node.kind)) {
    heading = <h4>{headingOf(node)}</h4>;
  }
  return (
    <section
      id={node.anchor}
      className={`node node-${node.kind}`}
      aria-label={node.kind === "closing" ? t("doc.closing") : undefined}
    >
      {heading}
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
