import { useState, type FormEvent } from "react";
import { api, type Validity } from "../../api";
import { DateInput } from "../../components/DateInput";
import { ErrorMessage } from "../../components/ErrorMessage";
import { useI18n } from "../../i18n";
import { statusKey } from "../../status";
import { useWrite } from "../../useWrite";
import { ValidityAnswer } from "./ValidityAnswer";

// "Was it in force on …?": asks the status engine about one date the reader types.
export function InForceOn({ documentId }: { documentId: number }) {
  const { t, date } = useI18n();
  const [on, setOn] = useState("");
  const [answer, setAnswer] = useState<Validity | null>(null);
  const { error, busy, run } = useWrite();
  const check = async (event: FormEvent) => {
    event.preventDefault();
    if (!on) return;
    const asked = await run(async () => {
      setAnswer(await api<Validity>(`/documents/${documentId}/status/?on=${encodeURIComponent(on)}`));
    });
    if (!asked) setAnswer(null);
  };
  return (
    <form className="in-force-on" onSubmit={check} aria-labelledby="check-heading">
      <h3 id="check-heading">{t("check.title")}</h3>
      <label htmlFor="check-date">{t("check.date")}</label>
      <div className="row">
        <DateInput id="check-date" value={on} required onChange={setOn} />
        <button type="submit" disabled={busy}>
          {t("check.submit")}
        </button>
      </div>
      {error && <ErrorMessage error={error} />}
      {answer && (
        <div aria-live="polite" data-testid="check-answer">
          <p className="answer">{t("check.answer", { date: date(answer.on), status: t(statusKey(answer.status)) })}</p>
          <ValidityAnswer answer={answer} />
        </div>
      )}
    </form>
  );
}
