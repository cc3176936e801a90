import { useI18n } from "../../i18n";
import type { MessageKey } from "../../i18n/vi";
import type { ApiError } from "../../api";
import { FieldErrors } from "../../components/FieldErrors";
import type { Proposal } from "./uploadTypes";

interface Props {
  proposal: Proposal;
  /** Which proposed relations will be saved, by index. */
  chosen: boolean[];
  onChosen: (chosen: boolean[]) => void;
  /** The confirmation's error: its messages for each relation sent go under that relation. */
  error: ApiError | null;
}

/** The relations read from an uploaded document: each to keep or leave, its effect, and what could not be matched. */
export function ProposalRelations({ proposal, chosen, onChosen, error }: Props) {
  const { t, date } = useI18n();
  return (
    <div className="card">
      <h3>{t("upload.relations")}</h3>
      <ul className="plain-list">
        {proposal.relations.map((relation, index) => {
          // The index among the relations sent: "relations[1].provisions" (service) or "relations.1.target" (form).
          const sent = proposal.relations.slice(0, index + 1).filter((_, i) => chosen[i]).length - 1;
          const messages = Object.entries(error?.fields ?? {})
            .filter(([field]) => field.startsWith(`relations[${sent}]`) || field.startsWith(`relations.${sent}.`))
            .flatMap(([, list]) => list);
          return (
            <li key={index}>
              <label className="inline">
                <input
                  type="checkbox"
                  checked={chosen[index]}
                  onChange={(event) => onChosen(chosen.map((item, i) => (i === index ? event.target.checked : item)))}
                />
                {t(`kind.${relation.kind}` as MessageKey)}: {relation.note}
                {relation.provisions.length > 0 && ` (${relation.provisions.join(", ")})`}
              </label>
              {relation.from === "text" && relation.effect && (
                <p className="effect" data-testid="relation-effect">
                  {t("upload.effectTarget", {
                    number: relation.effect.target.number,
                    issuer: relation.effect.target.issuer_name,
                    date: date(relation.effect.target.issued_on),
                  })}{" "}
                  {t("upload.effectStatus", {
                    now: relation.effect.status_now_label,
                    after: relation.effect.status_after_label,
                    on: date(relation.effect.on),
                  })}
                </p>
              )}
              <FieldErrors messages={chosen[index] ? messages : undefined} />
            </li>
          );
        })}
      </ul>
      {proposal.unmatched_bases.length > 0 && (
        <>
          <h3>{t("upload.unmatched")}</h3>
          <ul data-testid="unmatched-bases">
            {proposal.unmatched_bases.map((text) => (
              <li key={text}>{text}</li>
            ))}
          </ul>
        </>
      )}
      {proposal.unmatched_relations.length > 0 && (
        <>
          <h3>{t("upload.unmatchedRelations")}</h3>
          <ul className="warnings" data-testid="unmatched-relations">
            {proposal.unmatched_relations.map((relation, index) => (
              <li key={index}>
                {t(`kind.${relation.kind}` as MessageKey)} {relation.number}:{" "}
                {t(relation.reason === "ambiguous" ? "upload.ambiguousTarget" : "upload.missingTarget")}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>  );
}
