import { useEffect, useRef } from "react";
import { useI18n } from "../../i18n";
import type { MessageKey } from "../../i18n/vi";
import { countByState, describeOperation, groupByTarget } from "../../operations";
import { Folded } from "./operations/Folded";
import { OperationStateBadge } from "./operations/OperationItem";
import { Reasons } from "./operations/Reasons";
import { keyOf, type ReadOperation } from "./uploadTypes";

interface Props {
  operations: ReadOperation[];
  /** The keys (keyOf) of the proposed operations to confirm with the save. */
  chosen: ReadonlySet<string>;
  onChosen: (chosen: Set<string>) => void;
  /** May confirm operations (documents.write): otherwise they are shown without a choice. */
  canConfirm: boolean;
  /** The effective date the operations were read on, when the form now says another one. */
  readOn: string | null;
}

/**
 * "Thao tác sửa đổi, bổ sung đọc được": what the uploaded act changes in catalogued documents, read before it is
 * saved. Nothing is ticked at first: a wrongly applied change is worse than one left for later (issue #14), so the
 * officer confirms each change, or all of them with "Chọn tất cả" after reading them; what is not ticked is
 * saved as proposed, and the listed ones (the reader's doubts) are settled on the document's page.
 */
export function ProposalOperations({ operations, chosen, onChosen, canConfirm, readOn }: Props) {
  const { t, date } = useI18n();
  const proposed = operations.filter((op) => op.state === "proposed");
  const counts = countByState(operations);
  const chosenCount = proposed.filter((op) => chosen.has(keyOf(op))).length;
  const all = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (all.current) all.current.indeterminate = chosenCount > 0 && chosenCount < proposed.length;
  }, [chosenCount, proposed.length]);

  const toggle = (key: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(key);
    else next.delete(key);
    onChosen(next);
  };

  return (
    <section className="card proposal-operations" aria-labelledby="proposal-ops-heading">
      <h3 id="proposal-ops-heading">{t("upload.ops.title")}</h3>
      <p className="muted">{t(canConfirm ? "upload.ops.intro" : "upload.ops.readOnly")}</p>
      <ul className="operation-counts" aria-label={t("ops.counts")}>
        {(["proposed", "listed"] as const)
          .filter((state) => counts[state] > 0)
          .map((state) => (
            <li key={state}>
              {t(`ops.state.${state}` as MessageKey)}: <strong>{counts[state]}</strong>
            </li>
          ))}
      </ul>
      {readOn !== null && (
        <p className="warnings" role="status">
          {t("upload.ops.dateChanged", { date: date(readOn) })}
        </p>
      )}
      {canConfirm && proposed.length > 0 && (
        <div className="proposal-ops-all">
          <label className="inline">
            <input
              ref={all}
              type="checkbox"
              checked={chosenCount === proposed.length}
              onChange={(event) => onChosen(new Set(event.target.checked ? proposed.map(keyOf) : []))}
            />
            {t("upload.ops.chooseAll", { count: proposed.length })}
          </label>
          <p className="muted" aria-live="polite">
            {t("upload.ops.chosen", { count: chosenCount, total: proposed.length })}
          </p>
        </div>
      )}
      {groupByTarget(operations).map((group) => (
        <section
          key={group.target?.id ?? "unknown"}
          className="operation-group"
          aria-label={group.target ? `${t(group.heading)} ${group.target.number}` : t("ops.targetUnknown")}
        >
          <h4>
            {group.target ? (
              <>
                {t(group.heading)}: {group.target.number}
                <span className="operation-target-title"> — {group.target.title}</span>
              </>
            ) : (
              t("ops.targetUnknown")
            )}
          </h4>
          <ol className="operations-list">
            {group.ops.map((op) => {
              const what = describeOperation(op, t, date);
              const key = keyOf(op);
              const choosable = canConfirm && op.state === "proposed";
              return (
                <li key={op.seq} className={`operation operation-${op.state}`} data-testid={`read-operation-${op.seq}`}>
                  <p className="operation-head">
                    {choosable ? (
                      <label className="inline">
                        <input type="checkbox" checked={chosen.has(key)} onChange={(event) => toggle(key, event.target.checked)} />
                        <OperationStateBadge state={op.state} />
                        <strong>
                          <span className="visually-hidden">{t("ops.item", { seq: op.seq })}: </span>
                          {what}
                        </strong>
                      </label>
                    ) : (
                      <>
                        <OperationStateBadge state={op.state} />
                        <strong>
                          <span className="visually-hidden">{t("ops.item", { seq: op.seq })}: </span>
                          {what}
                        </strong>
                      </>
                    )}
                  </p>
                  <p className="muted">
                    {op.applies_on ? t("ops.appliesOn", { date: date(op.applies_on) }) : t("ops.appliesUnknown")}
                  </p>
                  {op.instruction && <Folded text={op.instruction} label={t("ops.instruction")} />}
                  {op.state === "listed" && (
                    <Reasons reasons={op.reasons}>
                      <p className="muted">{t("upload.ops.listedNote")}</p>
                    </Reasons>
                  )}
                  {op.new_text && (
                    <details className="operation-new-text">
                      <summary>{t("ops.newText")}</summary>
                      <blockquote className="plain">{op.new_text}</blockquote>
                    </details>
                  )}
                </li>
              );
            })}
          </ol>
        </section>
      ))}
    </section>
  );
}
