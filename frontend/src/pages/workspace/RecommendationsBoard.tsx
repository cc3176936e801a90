import { useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import { ApiError, api, type Page } from "../../api";
import { can, useAuth } from "../../auth";
import { DateInput, refuseWrongDates } from "../../components/DateInput";
import { ErrorMessage } from "../../components/ErrorMessage";
import { FieldErrors } from "../../components/FieldErrors";
import { noticesChanged } from "../../components/Layout";
import { useI18n } from "../../i18n";
import type { MessageKey } from "../../i18n/vi";
import { useApi } from "../../useApi";
import { STEP_KINDS, boardColumn, type Recommendation } from "./reviewTypes";

const COLUMNS = ["not_started", ...STEP_KINDS] as const;
const OPEN = ["open", "in_progress", "overdue"];

export function RecommendationsBoard() {
  const { t } = useI18n();
  const { me } = useAuth();
  const [showClosed, setShowClosed] = useState(false);
  const [reload, setReload] = useState(0);
  const [notice, setNotice] = useState("");
  const { data, error, loading } = useApi<Page<Recommendation>>(`/recommendations/?page_size=500${reload ? `&v=${reload}` : ""}`);
  // What a write answered, until the list is read again.
  const [fresh, setFresh] = useState<Record<number, Recommendation>>({});
  const all = (data?.results ?? []).map((rec) => fresh[rec.id] ?? rec);
  const items = all.filter((rec) => showClosed || OPEN.includes(rec.status));
  const label = (column: string) => (column === "not_started" ? t("rec.notStarted") : t(`step.${column}` as MessageKey));
  const saved = (rec: Recommendation, message: string) => {
    setFresh({ ...fresh, [rec.id]: rec });
    setNotice(message);
    noticesChanged(); // a recommendation no longer overdue closes its notices
  };
  const stale = () => {
    setFresh({});
    setReload(reload + 1);
    setNotice(t("rec.stale"));
  };

  return (
    <div>
      <h1>{t("rec.title")}</h1>
      <label className="inline">
        <input type="checkbox" checked={showClosed} onChange={(event) => setShowClosed(event.target.checked)} />
        {t("rec.showClosed")}
      </label>
      <p role="status" className={notice ? "notice" : "visually-hidden"}>
        {notice}
      </p>
      {error && <ErrorMessage error={error} />}
      {loading && !data && <p>{t("common.loading")}</p>}
      {data && items.length === 0 && <p>{t("rec.none")}</p>}
      <div className="board">
        {COLUMNS.map((column) => {
          const cards = items.filter((rec) => boardColumn(rec) === column);
          return (
            <section key={column} className="board-column" aria-labelledby={`col-${column}`}>
              <h2 id={`col-${column}`}>
                {label(column)} <span className="count">{cards.length}</span>
              </h2>
              <ul>
                {cards.map((rec) => (
                  <Card key={rec.id} rec={rec} editable={can(me, "recommendations.write")} onSaved={saved} onStale={stale} />
                ))}
              </ul>
            </section>
          );
        })}
      </div>
    </div>
  );
}

interface CardProps {
  rec: Recommendation;
  editable: boolean;
  onSaved: (rec: Recommendation, message: string) => void;
  onStale: () => void;
}

function Card({ rec, editable, onSaved, onStale }: CardProps) {
  const { t, date } = useI18n();
  const target = rec.targets.map((item) => item.number).join(", ") || rec.target_text;
  return (
    <li id={`kien-nghi-${rec.id}`} className={`rec-card${rec.status === "overdue" ? " overdue" : ""}`} data-testid="recommendation">
      <p className="rec-action">
        {t(`outcome.${rec.action}` as MessageKey)}
        {rec.status === "overdue" && <span className="badge badge-ended">{t("rec.overdue")}</span>}
      </p>
      <p>
        {rec.targets.length
          ? rec.targets.map((item, index) => (
              <span key={item.id}>
                {index > 0 && ", "}
                <Link to={`/van-ban/${item.id}`}>{item.number}</Link>
              </span>
            ))
          : rec.target_text}
      </p>
      {rec.provisions.length > 0 && <p className="muted">{rec.provisions.join(", ")}</p>}
      <p className="muted" data-testid="rec-status">
        {t(`recstatus.${rec.status}` as MessageKey)}
        {rec.deadline && ` · ${t("rec.deadline")}: ${date(rec.deadline)}`}
      </p>
      {rec.drafting_body && (
        <p className="muted">
          {t("rec.draftingBody")}: {rec.drafting_body}
        </p>
      )}
      {rec.steps.length > 0 && (
        <ol className="steps" aria-label={t("rec.steps")}>
          {[...rec.steps]
            .sort((a, b) => STEP_KINDS.indexOf(a.kind as never) - STEP_KINDS.indexOf(b.kind as never))
            .map((step) => (
              <li key={step.kind}>
                {t(`step.${step.kind}` as MessageKey)}: {step.reference || "—"}
                {step.on && ` (${date(step.on)})`}
              </li>
            ))}
        </ol>
      )}
      {rec.resolved_by && (
        <p>
          <Link to={`/van-ban/${rec.resolved_by.id}`}>{t("rec.resolvedBy", { number: rec.resolved_by.number })}</Link>
        </p>
      )}
      {editable && OPEN.includes(rec.status) && (
        <details>
          <summary aria-label={t("rec.updateOf", { target })}>{t("rec.update")}</summary>
          <StepForm rec={rec} onSaved={onSaved} onStale={onStale} />
          <DetailsForm rec={rec} onSaved={onSaved} onStale={onStale} />
        </details>
      )}
    </li>
  );
}

type FormProps = Omit<CardProps, "editable">;

function useWrite({ onSaved, onStale }: Omit<FormProps, "rec">) {
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const write = async (path: string, method: string, body: Record<string, unknown>, message: string) => {
    setBusy(true);
    setError(null);
    try {
      onSaved(await api<Recommendation>(path, { method, body: JSON.stringify(body) }), message);
    } catch (caught) {
      const apiError = caught instanceof ApiError ? caught : new ApiError(0, "error", String(caught));
      if (apiError.status === 412) onStale();
      else setError(apiError);
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, write };
}

/** Record (or correct) one drafting step: its kind, the number of the document that did it, and its date. */
function StepForm({ rec, onSaved, onStale }: FormProps) {
  const { t } = useI18n();
  const next = STEP_KINDS[Math.min(STEP_KINDS.indexOf(boardColumn(rec) as never) + 1, STEP_KINDS.length - 1)];
  const [kind, setKind] = useState<string>(next);
  const current = rec.steps.find((step) => step.kind === kind);
  const [reference, setReference] = useState(current?.reference ?? "");
  const [on, setOn] = useState(current?.on ?? "");
  const { error, busy, write } = useWrite({ onSaved, onStale });
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

/** The drafting body (cơ quan soạn thảo) and the deadline. */
function DetailsForm({ rec, onSaved, onStale }: FormProps) {
  const { t } = useI18n();
  const [body, setBody] = useState(rec.drafting_body);
  const [deadline, setDeadline] = useState(rec.deadline ?? "");
  const { error, busy, write } = useWrite({ onSaved, onStale });
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
