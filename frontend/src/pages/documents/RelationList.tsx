import { Link } from "react-router-dom";
import type { Relation } from "../../api";
import { splitRelations } from "../../components/RelationsGraph";
import { useI18n } from "../../i18n";
import { RelationEdit } from "./RelationEdit";

// The relations as a list (under the graph); officers who may write get an edit control on each, except on the
// relations derived from amending operations, which change only through the operations.
export function RelationList({
  documentId,
  relations,
  editable,
  onChanged,
}: {
  documentId: number;
  relations: Relation[];
  editable: boolean;
  onChanged: () => void;
}) {
  const { t, date } = useI18n();
  const { bases, actedOnBy, actsOn } = splitRelations(documentId, relations);
  return (
    <details className="relation-list" open={editable}>
      <summary>{t("relations.list")}</summary>
      <ul>
        {[...bases, ...actedOnBy, ...actsOn].map((edge) => (
          <li key={edge.relation.id}>
            {t(edge.label)}: <Link to={`/van-ban/${edge.other.id}`}>{edge.other.number}</Link> — {edge.other.title} (
            {date(edge.other.issued_on)})
            {edge.relation.provisions.length > 0 && ` · ${edge.relation.provisions.join(", ")}`}
            {/* Derived from confirmed operations: corrected there, never here (the API refuses, 409). */}
            {edge.relation.derived && <span className="derived"> · {t("rel.derived")}</span>}
            {editable && !edge.relation.derived && (
              <RelationEdit relation={edge.relation} label={t(edge.label)} number={edge.other.number} onChanged={onChanged} />
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}
