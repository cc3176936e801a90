import { useState, type FormEvent, type ReactNode } from "react";
import { api, asApiError, query, type ApiError, type DocumentBrief, type Page, type Schema, ifMatch } from "../../../api";
import { DateInput, refuseWrongDates } from "../../../components/DateInput";
import { ErrorMessage } from "../../../components/ErrorMessage";
import { FieldErrors } from "../../../components/FieldErrors";
import { useI18n } from "../../../i18n";
import type { MessageKey } from "../../../i18n/vi";
import { FIELDS_BY_KIND, INPUT_KINDS, type InputKind, type Operation, type OperationField } from "../../../operations";
import { useWrite } from "../../../useWrite";

type DocumentRow = Schema<"DocumentList">;

interface Value {
  targetNumber: string;
  /** Chosen among several documents with the typed number; null until the officer picks one. */
  targetChoice: number | null;
  kind: InputKind | "";
  target_eid: string;
  anchor_eid: string;
  new_text: string;
  old_words: string;
  new_words: string;
  scope: string;
  applies_on: string;
  ends_on: string;
  instruction: string;
}

function initialValue(op: Operation | undefined, knownTargets: DocumentBrief[]): Value {
  return {
    targetNumber: op ? (op.target?.number ?? "") : (knownTargets[0]?.number ?? ""),
    targetChoice: null,
    kind: op && op.kind !== "unknown" ? op.kind : "",
    target_eid: op?.target_eid ?? "",
    anchor_eid: op?.anchor_eid ?? "",
    new_text: op?.new_text ?? "",
    old_words: op?.old_words ?? "",
    new_words: op?.new_words ?? "",
    scope: op?.scope_eids.join(", ") ?? "",
    applies_on: op?.applies_on ?? "",
    ends_on: op?.ends_on ?? "",
    instruction: "",
  };
}

/** What the typed number names: a document of this page first (the operation's own target, another target of the
 * same amending document), else the catalogue, where a number may be shared by several issuers. */
type Resolved = { id: number } | { problem: string; choices?: DocumentRow[] };

/**
 * An officer corrects an operation (PATCH with If-Match) or adds one the reader missed (POST). The API's field
 * messages show under their fields; a 412 (someone else changed it first) goes to `onStale`, as RelationEdit does.
 */
export function OperationForm({
  sourceId,
  operation,
  knownTargets,
  initialError = null,
  onSaved,
  onCancel,
  onStale,
}: {
  sourceId: number;
  operation?: Operation;
  knownTargets: DocumentBrief[];
  initialError?: ApiError | null;
  onSaved: (saved: Operation) => void;
  onCancel?: () => void;
  onStale: () => void;
}) {
  const { t, date } = useI18n();
  const [value, setValue] = useState<Value>(() => initialValue(operation, knownTargets));
  const [choices, setChoices] = useState<DocumentRow[]>([]);
  const [targetProblem, setTargetProblem] = useState<string | null>(null);
  const { error, busy, run } = useWrite();
  const shownError = error ?? initialError;
  const fields = shownError?.fields ?? {};
  const id = `op-${operation?.id ?? "new"}`;
  const set = (patch: Partial<Value>) => setValue((current) => ({ ...current, ...patch }));

  const resolveTarget = async (): Promise<Resolved> => {
    const number = value.targetNumber.trim();
    if (!number) return { problem: t("ops.target.required") };
    if (choices.length > 0 && value.targetChoice !== null) return { id: value.targetChoice };
    const here = [operation?.target, ...knownTargets].find((doc) => doc && doc.number === number);
    if (here) return { id: here.id };
    let rows: Page<DocumentRow>;
    try {
      rows = await api<Page<DocumentRow>>(`/documents/${query({ number, page_size: 10 })}`);
    } catch (caught) {
      const apiError = asApiError(caught);
      return { problem: apiError.fields?.number?.join(" ") || apiError.message || t("error.generic") };
    }
    if (rows.results.length === 1) return { id: rows.results[0].id };
    if (rows.results.length === 0) return { problem: t("ops.target.notFound", { number }) };
    return { problem: t("ops.target.many", { count: rows.results.length, number }), choices: rows.results };
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (refuseWrongDates(event.currentTarget as HTMLFormElement)) return;
    void run(async () => {
      setTargetProblem(null);
      const target = await resolveTarget();
      if ("problem" in target) {
        setTargetProblem(target.problem);
        if (target.choices) setChoices(target.choices);
        return;
      }
      const body = {
        target: target.id,
        kind: value.kind,
        target_eid: value.target_eid.trim(),
        anchor_eid: value.anchor_eid.trim(),
        new_text: value.new_text,
        old_words: value.old_words,
        new_words: value.new_words,
        scope_eids: value.scope
          .split(",")
          .map((eid) => eid.trim())
          .filter(Boolean),
        applies_on: value.applies_on || null,
        ends_on: value.ends_on || null,
      };
      const saved = operation
        ? await api<Operation>(`/operations/${operation.id}/`, {
            method: "PATCH",
            headers: ifMatch(operation.version),
            body: JSON.stringify(body),
          })
        : await api<Operation>("/operations/", {
            method: "POST",
            body: JSON.stringify({ ...body, source: sourceId, instruction: value.instruction }),
          });
      if (!operation) {
        setValue(initialValue(undefined, knownTargets));
        setChoices([]);
      }
      onSaved(saved);
    }, () => {
      window.alert(t("ops.stale"));
      onStale();
    });
  };

  // A kind shows the fields it is entered with; any field the API has a message for shows too, so no message is
  // ever hidden. With no kind chosen yet (a listed operation the reader could not read), every field shows.
  const wanted = new Set<OperationField>(value.kind ? FIELDS_BY_KIND[value.kind] : Object.values(FIELDS_BY_KIND).flat());
  const shows = (name: OperationField) => wanted.has(name) || !!fields[name]?.length;
  const field = (name: OperationField | "applies_on" | "kind" | "target" | "instruction", label: MessageKey, control: ReactNode, wide = false) => (
    <div className={`form-field${wide ? " wide" : ""}`}>
      <label htmlFor={`${id}-${name}`}>{t(label)}</label>
      {control}
      <FieldErrors messages={fields[name]} />
    </div>
  );
  const text = (name: "target_eid" | "anchor_eid" | "old_words" | "new_words" | "scope") => (
    <input
      id={`${id}-${name === "scope" ? "scope_eids" : name}`}
      value={value[name]}
      onChange={(event) => set({ [name]: event.target.value })}
    />
  );

  return (
    <form className="operation-form" onSubmit={submit} noValidate aria-label={operation ? t("ops.editTitle", { seq: operation.seq }) : t("ops.add")}>
      {shownError && <ErrorMessage error={shownError} />}
      <div className="document-form">
        <div className="form-field">
          <label htmlFor={`${id}-target`}>{t("ops.field.target")}</label>
          <input
            id={`${id}-target`}
            value={value.targetNumber}
            list={knownTargets.length > 0 ? `${id}-targets` : undefined}
            onChange={(event) => {
              setChoices([]);
              set({ targetNumber: event.target.value, targetChoice: null });
            }}
          />
          {knownTargets.length > 0 && (
            <datalist id={`${id}-targets`}>
              {knownTargets.map((doc) => (
                <option key={doc.id} value={doc.number} />
              ))}
            </datalist>
          )}
          <FieldErrors messages={[...(targetProblem ? [targetProblem] : []), ...(fields.target ?? [])]} />
          {choices.length > 0 && (
            <>
              <label htmlFor={`${id}-target-choice`}>{t("ops.field.targetChoice")}</label>
              <select
                id={`${id}-target-choice`}
                value={value.targetChoice ?? ""}
                onChange={(event) => set({ targetChoice: event.target.value ? Number(event.target.value) : null })}
              >
                <option value="">—</option>
                {choices.map((doc) => (
                  <option key={doc.id} value={doc.id}>
                    {doc.number} — {doc.issuer.name}, {date(doc.issued_on)}
                  </option>
                ))}
              </select>
            </>
          )}
        </div>
        {field(
          "kind",
          "ops.field.kind",
          <select id={`${id}-kind`} value={value.kind} onChange={(event) => set({ kind: event.target.value as InputKind | "" })}>
            <option value="">{t("ops.kind.unknown")}</option>
            {INPUT_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`ops.kind.${kind}` as MessageKey)}
              </option>
            ))}
          </select>,
        )}
        {shows("target_eid") && field("target_eid", "ops.field.targetEid", text("target_eid"))}
        {shows("anchor_eid") && field("anchor_eid", "ops.field.anchorEid", text("anchor_eid"))}
        {shows("old_words") && field("old_words", "ops.field.oldWords", text("old_words"))}
        {shows("new_words") && field("new_words", "ops.field.newWords", text("new_words"))}
        {shows("scope_eids") && field("scope_eids", "ops.field.scope", text("scope"), true)}
        {field(
          "applies_on",
          "ops.field.appliesOn",
          <DateInput id={`${id}-applies_on`} value={value.applies_on} onChange={(applies_on) => set({ applies_on })} />,
        )}
        {shows("ends_on") &&
          field(
            "ends_on",
            "ops.field.endsOn",
            <DateInput id={`${id}-ends_on`} value={value.ends_on} onChange={(ends_on) => set({ ends_on })} />,
          )}
        {shows("new_text") &&
          field(
            "new_text",
            "ops.field.newText",
            <textarea id={`${id}-new_text`} rows={6} value={value.new_text} onChange={(event) => set({ new_text: event.target.value })} />,
            true,
          )}
        {!operation &&
          field(
            "instruction",
            "ops.field.instruction",
            <textarea id={`${id}-instruction`} rows={2} value={value.instruction} onChange={(event) => set({ instruction: event.target.value })} />,
            true,
          )}
      </div>
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? t("ops.busy") : t("ops.save")}
        </button>
        {onCancel && (
          <button type="button" className="secondary" onClick={onCancel}>
            {t("ops.cancel")}
          </button>
        )}
      </div>
    </form>
  );
}
