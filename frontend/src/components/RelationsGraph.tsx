import { useState } from "react";
import { Link } from "react-router-dom";
import type { DocumentBrief, Relation } from "../api";
import { useI18n } from "../i18n";
import type { MessageKey } from "../i18n/vi";
import { StatusBadge } from "./StatusBadge";

// Like vbpl.vn's "Lược đồ": the related documents grouped by kind of relation, each direction named as the
// reader says it ("Văn bản thay thế" acts on this one, "Văn bản bị thay thế" is acted on by it).

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

/**
 * The groups in vbpl.vn's order. `outgoing`: this document is the relation's source, so the group lists what
 * it acts on (its bases, what it replaces…); otherwise what acts on it.
 */
export const GROUPS: { key: MessageKey; kinds: string[]; outgoing: boolean }[] = [
  { key: "graph.basis.out", kinds: ["basis"], outgoing: true },
  { key: "graph.basis.in", kinds: ["basis"], outgoing: false },
  { key: "graph.details.in", kinds: ["details"], outgoing: false },
  { key: "graph.details.out", kinds: ["details"], outgoing: true },
  { key: "graph.amends.in", kinds: ["amends", "supplements"], outgoing: false },
  { key: "graph.amends.out", kinds: ["amends", "supplements"], outgoing: true },
  { key: "graph.replaces.in", kinds: ["replaces"], outgoing: false },
  { key: "graph.replaces.out", kinds: ["replaces"], outgoing: true },
  { key: "graph.repeals.in", kinds: ["repeals"], outgoing: false },
  { key: "graph.repeals.out", kinds: ["repeals"], outgoing: true },
  { key: "graph.suspends.in", kinds: ["suspends"], outgoing: false },
  { key: "graph.suspends.out", kinds: ["suspends"], outgoing: true },
  { key: "graph.corrects.in", kinds: ["corrects"], outgoing: false },
  { key: "graph.corrects.out", kinds: ["corrects"], outgoing: true },
];

export interface Group {
  key: MessageKey;
  edges: Edge[];
}

/** The non-empty groups of a document's relations, in GROUPS' order. */
export function groupRelations(documentId: number, relations: Relation[]): Group[] {
  return GROUPS.map(({ key, kinds, outgoing }) => ({
    key,
    edges: relations
      .filter((relation) => kinds.includes(relation.kind) && (relation.source.id === documentId) === outgoing)
      .map((relation) => ({
        other: outgoing ? relation.target : relation.source,
        label: `direction.${outgoing ? "out" : "in"}.${relation.kind}` as MessageKey,
        relation,
      })),
  })).filter((group) => group.edges.length > 0);
}

/** How many documents a group shows before "Xem thêm k văn bản". */
export const SHOWN = 5;

function GroupBox({ group }: { group: Group }) {
  const { t, date } = useI18n();
  const [all, setAll] = useState(false);
  const headingId = `graph-${group.key.replace(/\./g, "-")}`;
  const shown = all ? group.edges : group.edges.slice(0, SHOWN);
  const more = group.edges.length - shown.length;
  const listId = `${headingId}-list`;
  // Amendments and supplements share a group: each item says which it is.
  const mixed = new Set(group.edges.map((edge) => edge.relation.kind)).size > 1;
  return (
    <section className="graph-group" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {t(group.key)} <span className="graph-count">({group.edges.length})</span>
      </h3>
      <ul id={listId}>
        {shown.map((edge) => (
          <li key={edge.relation.id}>
            <Link to={`/van-ban/${edge.other.id}`} className="graph-number">
              {edge.other.number}
            </Link>{" "}
            <StatusBadge status={edge.other.status} />
            <span className="graph-title">{edge.other.title}</span>
            <span className="graph-meta">
              {mixed && `${t(edge.label)} · `}
              {t("doc.issuedOn")} {date(edge.other.issued_on)}
              {edge.relation.provisions.length > 0 && ` · ${edge.relation.provisions.join(", ")}`}
            </span>
          </li>
        ))}
      </ul>
      {group.edges.length > SHOWN && (
        <button type="button" className="link" aria-expanded={all} aria-controls={listId} onClick={() => setAll(!all)}>
          {all ? t("graph.less") : t("graph.more", { count: more })}
        </button>
      )}
    </section>
  );
}

export function RelationsGraph({ document, relations }: { document: DocumentBrief; relations: Relation[] }) {
  const { t } = useI18n();
  const groups = groupRelations(document.id, relations);
  return (
    <div className="graph" role="group" aria-label={t("relations.graph", { number: document.number })}>
      <p className="graph-center">
        <strong>{document.number}</strong> <StatusBadge status={document.status} />
      </p>
      <div className="graph-groups">
        {groups.map((group) => (
          <GroupBox key={group.key} group={group} />
        ))}
      </div>
    </div>
  );
}
