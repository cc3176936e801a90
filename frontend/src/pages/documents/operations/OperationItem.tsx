import { useState } from "react";
import { api, asApiError, type ApiError, type DocumentBrief, ifMatch } from "../../../api";
import { ErrorMessage } from "../../../components/ErrorMessage";
import { useI18n } from "../../../i18n";
import type { MessageKey } from "../../../i18n/vi";
import { describeOperation, type Operation, type OperationState } from "../../../operations";
import { Folded } from "./Folded";
import { OperationForm } from "./OperationForm";
import { Reasons } from "./Reasons";

type Decision = "confirm" | "reject" | "restore";

/** What an officer may decide on an operation in each state (the API's own transitions). */
const DECISIONS: Record<OperationState, readonly Decision[]> = {
  proposed: ["confirm", "reject"],
  listed: ["confirm", "reject"],
  confirmed: ["restore"],
  rejected: ["restore"],
};

const STATE_TONE: Record<OperationState, string> = {
  proposed: "pending",
  listed: "partial",
  confirmed: "ok",
  rejected: "ended",
};

export function OperationStateBadge({ state }: { state: OperationState }) {
  const { t } = useI18n();
  return <span className={`badge badge-${STATE_TONE[state]}`}>{t(`ops.state.${state}` as MessageKey)}</span>;
}

/** One operation: what it does, from when, the sentence it was read from, the new text, and (for an officer) the
 * decisions and the correction form. */
export function OperationItem({
  op,
  staff,
  writer,
  knownTargets,
  onWritten,
  onChanged,
}: {
  op: Operation;
  /** Signed in as staff (reviewers read every operation; officers also decide). */
  staff: boolean;
  writer: boolean;
  knownTargets: DocumentBrief[];
  /** The operation as a write here left it (its new version), before the page reads the list again. */
  onWritten: (saved: Operation) => void;
  onChanged: () => void;
}) {
  const { t, date } = useI18n();
  const [editing, setEditing] = useState(false);
  // A confirmation refused for missing fields opens the form with the API's messages under those fields.
  const [formError, setFormError] = useState<ApiError | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const what = describeOperation(op, t, date);

  const stale = () => {
    window.alert(t("ops.stale"));
    setEditing(false);
    onChanged();
  };

  const decide = async (decision: Decision) => {
    if (decision === "reject" && !window.confirm(t("ops.rejectAsk", { seq: op.seq, what }))) return;
    setBusy(true);
    setError(null);
    try {
      onWritten(await api<Operation>(`/operations/${op.id}/${decision}/`, { method: "POST", headers: ifMatch(op.version) }));
      setEditing(false);
      onChanged();
    } catch (caught) {
      const apiError = asApiError(caught);
      if (apiError.status === 412) stale();
      else if (apiError.status === 400 && Object.keys(apiError.fields).length > 0) {
        setFormError(apiError);
        setEditing(true);
      } else setError(apiError);
    } finally {
      setBusy(false);
    }
  };

  const headingId = `op-${op.id}-what`;
  return (
    <li className={`operation operation-${op.state}`} aria-labelledby={headingId} data-testid={`operation-${op.seq}`}>
      <p className="operation-head">
        <OperationStateBadge state={op.state} />
        <strong id={headingId}>
          <span className="visually-hidden">{t("ops.item", { seq: op.seq })}: </span>
          {what}
        </strong>
      </p>
      <p className="muted">
        {op.applies_on ? t("ops.appliesOn", { date: date(op.applies_on) }) : t("ops.appliesUnknown")}
        {/* Who entered or decided it is the office's own record, shown to its staff, not to the public. */}
        {staff && op.origin === "officer" && ` · ${t("ops.byOfficer")}`}
        {staff && (op.state === "confirmed" || op.state === "rejected") && op.decided_at && (
          <> · {t(`ops.decided.${op.state}`, { who: op.decided_by ?? "—", date: date(op.decided_at) })}</>
        )}
      </p>
      {op.instruction && (
        <Folded text={op.instruction} label={t("ops.instruction")} />
      )}
      {op.reasons.length > 0 && <Reasons reasons={op.reasons} />}
      {op.new_text && (
        <details className="operation-new-text">
          <summary>{t("ops.newText")}</summary>
          <blockquote className="plain">{op.new_text}</blockquote>
        </details>
      )}
      {writer && (
        <div className="operation-tools">
          {DECISIONS[op.state].map((decision) => (
            <button
              key={decision}
              type="button"
              className={decision === "confirm" ? undefined : "secondary"}
              disabled={busy}
              onClick={() => void decide(decision)}
            >
              {t(`ops.${decision}`)}
              <span className="visually-hidden"> {t("ops.itemRef", { seq: op.seq })}</span>
            </button>
          ))}
          {op.state !== "rejected" && (
            <button type="button" className="link" aria-expanded={editing} onClick={() => setEditing(!editing)}>
              {t("ops.edit")}
              <span className="visually-hidden"> {t("ops.itemRef", { seq: op.seq })}</span>
            </button>
          )}
        </div>
      )}
      {error && <ErrorMessage error={error} />}
      {writer && editing && (
        <OperationForm
          sourceId={op.source.id}
          operation={op}
          knownTargets={knownTargets}
          initialError={formError}
          onSaved={(saved) => {
            setEditing(false);
            setFormError(null);
            onWritten(saved);
            onChanged();
          }}
          onCancel={() => {
            setEditing(false);
            setFormError(null);
          }}
          onStale={stale}
        />
      )}
    </li>
  );
}
