import { useState, type FormEvent } from "react";
import { DateInput, refuseWrongDates } from "../../../components/DateInput";
import { ErrorMessage } from "../../../components/ErrorMessage";
import { FieldErrors } from "../../../components/FieldErrors";
import { useI18n } from "../../../i18n";
import type { MessageKey } from "../../../i18n/vi";
import { STEP_KINDS, boardColumn } from "../reviewTypes";
import { useCardWrite, type FormProps } from "./useCardWrite";

/** Record (or correct) one drafting step: its kind, the number of the document that did it, and its date. */
export function StepForm({ rec, onSaved, onStale }: FormProps) {
  const { t } = useI18n();
  const next = STEP_KINDS[Math.min(STEP_KINDS.indexOf(boardColumn(rec) as never) + 1, STEP_KINDS.length - 1)];
  const [kind, setKind] = useState<string>(next);
  const current = rec.steps.find((step) => step.kind === kind);
  const [reference, setReference] = useState(current?.reference ?? "");
  const [on, setOn] = useState(current?.on ?? "");
  const { error, busy, write } = useCardWrite({ onSaved, onStale });
  const pick = (value: string) => {
    const recorded = rec.steps.find((step) => step.kind === value);
    setKind(value);
    setReference(recorded?.reference ?? "");
    setOn(recorded?.on ?? "");
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (refuseWrongDates(event.currentTarget as HTMLFormElement)) return;
    const step = t(`step.${kind}` as MessageKey);
    void write(
      `/recommendations/${rec.id}/steps/`,
      "POST",
      { version: rec.version, kind, reference, on: on || null },
      t("rec.stepSaved", { step }),
    );
  };
  const id = (name: string) => `rec-${rec.id}-${name}`;
  return (
    <form onSubmit={submit} noValidate>
      {error && <ErrorMessage error={error} />}
      <label htmlFor={id("kind")}>{t("rec.step")}</label>
      <select id={id("kind")} value={kind} onChange={(e) => pick(e.target.value)}>
        {STEP_KINDS.map((value) => (
          <option key={value} value={value}>
            {t(`step.${value}` as MessageKey)}
          </option>
        ))}
      </select>
      <label htmlFor={id("reference")}>{t("rec.reference")}</label>
      <input id={id("reference")} value={reference} onChange={(e) => setReference(e.target.value)} />
      <FieldErrors messages={error?.fields.reference} />
      <label htmlFor={id("on")}>{t("rec.stepDate")}</label>
      <DateInput id={id("on")} value={on} onChange={setOn} />
      <FieldErrors messages={error?.fields.on} />
      <button type="submit" disabled={busy}>
        {t("rec.saveStep")}
      </button>
    </form>
  );
}
