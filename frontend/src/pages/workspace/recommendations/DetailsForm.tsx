import { useState, type FormEvent } from "react";
import { DateInput, refuseWrongDates } from "../../../components/DateInput";
import { ErrorMessage } from "../../../components/ErrorMessage";
import { FieldErrors } from "../../../components/FieldErrors";
import { useI18n } from "../../../i18n";
import { useCardWrite, type FormProps } from "./useCardWrite";

/** The drafting body (cơ quan soạn thảo) and the deadline. */
export function DetailsForm({ rec, onSaved, onStale }: FormProps) {
  const { t } = useI18n();
  const [body, setBody] = useState(rec.drafting_body);
  const [deadline, setDeadline] = useState(rec.deadline ?? "");
  const { error, busy, write } = useCardWrite({ onSaved, onStale });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (refuseWrongDates(event.currentTarget as HTMLFormElement)) return;
    void write(
      `/recommendations/${rec.id}/`,
      "PATCH",
      { version: rec.version, drafting_body: body, deadline: deadline || null },
      t("rec.detailsSaved"),
    );
  };
  const id = (name: string) => `rec-${rec.id}-${name}`;
  return (
    <form onSubmit={submit} noValidate>
      {error && <ErrorMessage error={error} />}
      <label htmlFor={id("body")}>{t("rec.draftingBody")}</label>
      <input id={id("body")} value={body} onChange={(e) => setBody(e.target.value)} />
      <FieldErrors messages={error?.fields.drafting_body} />
      <label htmlFor={id("deadline")}>{t("rec.deadline")}</label>
      <DateInput id={id("deadline")} value={deadline} onChange={setDeadline} />
      <FieldErrors messages={error?.fields.deadline} />
      <button type="submit" className="secondary" disabled={busy}>
        {t("rec.saveDetails")}
      </button>
    </form>
  );
}
