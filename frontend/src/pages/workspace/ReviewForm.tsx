import { useEffect, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { ApiError, api } from "../../api";
import { ErrorMessage } from "../../components/ErrorMessage";
import { FieldErrors } from "../../components/FieldErrors";
import { noticesChanged } from "../../components/Layout";
import { useI18n } from "../../i18n";
import type { MessageKey } from "../../i18n/vi";
import { OUTCOMES, type ReviewTask } from "./reviewTypes";

type Move = "start" | "submit" | "approve" | "return" | "restart";

/** The form's fields as a task stands (the comment starts empty each time). */
function formOf(task: ReviewTask) {
  return {
    outcome: task.outcome,
    findings: task.findings,
    legal_grounds: task.legal_grounds,
    provisions: task.provisions.join(", "),
    comment: "",
  };
}

export function ReviewForm() {
  const { id } = useParams();
  const { t, date } = useI18n();
  const [task, setTask] = useState<ReviewTask | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form, setForm] = useState({ outcome: "", findings: "", legal_grounds: "", provisions: "", comment: "" });

  const fill = (fresh: ReviewTask) => {
    setTask(fresh);
    setForm(formOf(fresh));
  };
  const load = async () => fill(await api<ReviewTask>(`/reviews/${id}/`));
  useEffect(() => {
    // An answer for a task the page has left (another id) is dropped.
    let current = true;
    api<ReviewTask>(`/reviews/${id}/`).then(
      (fresh) => {
        if (!current) return;
        setTask(fresh);
        setForm(formOf(fresh));
      },
      (caught: unknown) => current && setError(caught instanceof ApiError ? caught : new ApiError(0, "error", "")),
    );
    return () => {
      current = false;
    };
  }, [id]);

  if (error && !task) return <ErrorMessage error={error} />;
  if (!task) return <p aria-busy="true">{t("common.loading")}</p>;

  const editable = ["assigned", "in_progress", "returned"].includes(task.state);
  const body = (extra: Record<string, unknown> = {}) => ({
    version: task.version,
    findings: form.findings,
    legal_grounds: form.legal_grounds,
    provisions: form.provisions
      .split(/[,;]/)
      .map((item) => item.trim())
      .filter(Boolean),
    ...(form.outcome ? { outcome: form.outcome } : {}),
    ...extra,
  });

  const send = async (
    path: string,
    method: string,
    payload: Record<string, unknown>,
    done: (updated: ReviewTask) => string,
  ) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const updated = await api<ReviewTask>(path, { method, body: JSON.stringify(payload) });
      setTask(updated);
      setNotice(done(updated));
      noticesChanged(); // an approval request this officer had is closed now
    } catch (caught) {
      const apiError = caught instanceof ApiError ? caught : new ApiError(0, "error", String(caught));
      if (apiError.status === 412) {
        await load();
        setNotice(t("review.stale"));
      } else setError(apiError);
    } finally {
      setBusy(false);
    }
  };
  const save = () => send(`/reviews/${task.id}/`, "PATCH", body(), () => t("review.saved"));
  const move = (action: Move) => {
    const payload = action === "approve" || action === "return" ? { version: task.version, comment: form.comment } : body();
    // What happened, said in the status region (read by screen readers), not only by the changed buttons.
    const done = (updated: ReviewTask) =>
      action === "approve" && updated.recommendation ? t("review.done.approveRec") : t(`review.done.${action}`);
    return send(`/reviews/${task.id}/${action}/`, "POST", payload, done);
  };
  const fields = error?.fields ?? {};

  return (
    <div className="review-form">
      <h1>{t("review.title", { number: task.document.number })}</h1>
      <p>
        <Link to={`/van-ban/${task.document.id}`}>{task.document.title}</Link>
      </p>
      <p>
        <span className={`state state-${task.state}`}>{t(`state.${task.state}` as MessageKey)}</span> ·{" "}
        {t("reviews.reviewer")}: {task.reviewer ?? "—"} · {t("reviews.due")}: {date(task.due_on)}
      </p>
      {/* Always in the page, so that assistive technology announces each new message in it. */}
      <p role="status" className={notice ? "notice" : "visually-hidden"}>
        {notice}
      </p>
      {error && <ErrorMessage error={error} />}
      <fieldset disabled={!editable || busy} className="card">
        <label htmlFor="outcome">{t("reviews.outcome")}</label>
        <select id="outcome" value={form.outcome} onChange={(e) => setForm({ ...form, outcome: e.target.value })}>
          <option value="">{t("review.choose")}</option>
          {OUTCOMES.map((value) => (
            <option key={value} value={value}>
              {t(`outcome.${value}` as MessageKey)}
            </option>
          ))}
        </select>
        <FieldErrors messages={fields.outcome} />
        <label htmlFor="provisions">{t("review.provisions")}</label>
        <input id="provisions" value={form.provisions} onChange={(e) => setForm({ ...form, provisions: e.target.value })} />
        <FieldErrors messages={fields.provisions} />
        <label htmlFor="findings">{t("review.findings")}</label>
        <textarea id="findings" rows={6} value={form.findings} onChange={(e) => setForm({ ...form, findings: e.target.value })} />
        <FieldErrors messages={fields.findings} />
        <label htmlFor="legal_grounds">{t("review.legalGrounds")}</label>
        <textarea
          id="legal_grounds"
          rows={3}
          value={form.legal_grounds}
          onChange={(e) => setForm({ ...form, legal_grounds: e.target.value })}
        />
        <FieldErrors messages={fields.legal_grounds} />
      </fieldset>
      <div className="actions">
        {task.state === "assigned" && (
          <button type="button" disabled={busy} onClick={() => move("start")}>
            {t("review.start")}
          </button>
        )}
        {task.state === "in_progress" && (
          <>
            <button type="button" className="secondary" disabled={busy} onClick={save}>
              {t("review.save")}
            </button>
            <button type="button" disabled={busy} onClick={() => move("submit")}>
              {t("review.submit")}
            </button>
          </>
        )}
        {task.state === "returned" && (
          <button type="button" disabled={busy} onClick={() => move("restart")}>
            {t("review.restart")}
          </button>
        )}
      </div>
      {task.comment && (
        <p>
          {t("review.comment")}: {task.comment}
        </p>
      )}
      {task.may_decide && (
        <div className="card approve">
          <p className="muted">{t("review.fourEyes")}</p>
          <label htmlFor="comment">{t("review.comment")}</label>
          <textarea id="comment" rows={3} value={form.comment} onChange={(e) => setForm({ ...form, comment: e.target.value })} />
          <FieldErrors messages={fields.comment} />
          <div className="actions">
            <button type="button" disabled={busy} onClick={() => move("approve")}>
              {t("review.approve")}
            </button>
            <button type="button" className="secondary" disabled={busy} onClick={() => move("return")}>
              {t("review.return")}
            </button>
          </div>
        </div>
      )}
      {task.recommendation && (
        <p>
          <Link to={`/can-bo/kien-nghi#kien-nghi-${task.recommendation}`}>
            {t("review.recommendation", { id: task.recommendation })}
          </Link>
        </p>
      )}
    </div>
  );
}
