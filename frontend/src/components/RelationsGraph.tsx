import { Link } from "react-router-dom";
import type { DocumentBrief, Relation } from "../api";
import { useI18n } from "../i18n";
import type { MessageKey } from "../i18n/vi";

// Like vbpl.vn's "lược đồ": what this document rests on to the left, what acts on it to the right,
// what it acts on below. Each node links to its document.
const NODE_W = 190;
const NODE_H = 44;
const GAP = 12;

export interface Edge {
  other: DocumentBrief;
  label: MessageKey;
  relation: Relation;
}

export function splitRelations(documentId: number, relations: Relation[]) {
  const bases: Edge[] = [];
  const actedOnBy: Edge[] = [];
  const actsOn: Edge[] = [];
  for (const relation of relations) {
    const outgoing = relation.source.id === documentId;
    const other = outgoing ? relation.target : relation.source;
    const label = `direction.${outgoing ? "out" : "in"}.${relation.kind}` as MessageKey;
    const edge = { other, label, relation };
    if (outgoing && (relation.kind === "basis" || relation.kind === "details")) bases.push(edge);
    else if (outgoing) actsOn.push(edge);
    else actedOnBy.push(edge);
  }
  return { bases, actedOnBy, actsOn };
}

function Node({ x, y, doc, label }: { x: number; y: number; doc: DocumentBrief; label: string }) {
  return (
    <Link to={`/van-ban/${doc.id}`} aria-label={`${label}: ${doc.number}`}>
      <g className={`graph-node status-${doc.status}`}>
        <rect x={x} y={y} width={NODE_W} height={NODE_H} rx={6} />
        <text x={x + 8} y={y + 18} className="graph-number">
          {doc.number}
        </text>
        <text x={x + 8} y={y + 35} className="graph-label">
          {label}
        </text>
      </g>
    </Link>
  );
}

export function RelationsGraph({ document, relations }: { document: DocumentBrief; relations: Relation[] }) {
  const { t } = useI18n();
  const { bases, actedOnBy, actsOn } = splitRelations(document.id, relations);
  const rows = Math.max(bases.length, actedOnBy.length, 1);
  const columnHeight = rows * (NODE_H + GAP);
  const belowRows = Math.ceil(actsOn.length / 3);
  const width = NODE_W * 3 + 160;
  const height = columnHeight + (belowRows ? belowRows * (NODE_H + GAP) + 40 : 0) + 20;
  const center = { x: NODE_W + 80, y: columnHeight / 2 - NODE_H / 2 + 10 };
  const column = (items: Edge[], x: number) =>
    items.map((edge, index) => {
      const y = 10 + index * (NODE_H + GAP) + (columnHeight - items.length * (NODE_H + GAP)) / 2;
      return { ...edge, x, y };
    });
  const left = column(bases, 0);
  const right = column(actedOnBy, NODE_W * 2 + 160);
  const below = actsOn.map((edge, index) => ({
    ...edge,
    x: (index % 3) * (NODE_W + 80),
    y: columnHeight + 40 + Math.floor(index / 3) * (NODE_H + GAP),
  }));
  return (
    <svg
      className="graph"
      viewBox={`0 0 ${width} ${height}`}
      role="group"
      aria-label={t("relations.graph", { number: document.number })}
    >
      {left.map((node) => (
        <line key={`l${node.other.id}${node.label}`} x1={node.x + NODE_W} y1={node.y + NODE_H / 2} x2={center.x} y2={center.y + NODE_H / 2} />
      ))}
      {right.map((node) => (
        <line key={`r${node.other.id}${node.label}`} x1={node.x} y1={node.y + NODE_H / 2} x2={center.x + NODE_W} y2={center.y + NODE_H / 2} />
      ))}
      {below.map((node) => (
        <line key={`b${node.other.id}${node.label}`} x1={node.x + NODE_W / 2} y1={node.y} x2={center.x + NODE_W / 2} y2={center.y + NODE_H} />
      ))}
      <g className="graph-node graph-center">
        <rect x={center.x} y={center.y} width={NODE_W} height={NODE_H} rx={6} />
        <text x={center.x + 8} y={center.y + 27} className="graph-number">
          {document.number}
        </text>
      </g>
      {[...left, ...right, ...below].map((node) => (
        <Node key={`${node.other.id}-${node.label}-${node.x}`} x={node.x} y={node.y} doc={node.other} label={t(node.label)} />
      ))}
    </svg>
  );
}
