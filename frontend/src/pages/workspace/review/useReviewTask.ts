import { useState } from "react";
import { api } from "../../../api";
import { noticesChanged } from "../../../components/Layout";
import { useI18n } from "../../../i18n";
import { useRecord } from "../../../useRecord";
import { useWrite } from "../../../useWrite";
import type { ReviewTask } from "../reviewTypes";

export type Move = "start" | "submit" | "approve" | "return" | "restart";

/** What the reviewer types: the outcome, findings, grounds, provisions (comma-separated) and a decision's comment. */
export interface ReviewInput {
  outcome: string;
  findings: string;
  legal_grounds: string;
  provisions: string;
  comment: string;
}

/** The form's fields as a task stands (the comment starts empty each time). */
function formOf(task: ReviewTask): ReviewInput {
  return {
    outcome: task.outcome,
    findings: task.findings,
    legal_grounds: task.legal_grounds,
    provisions: task.provisions.join(", "),
    comment: "",
  };
}

/** A review task, its form (filled from each reading of the task), and the writes that save it or move it on. */
export function useReviewTask(id: string | undefined) {
  const { t } = useI18n();
  const [form, setForm] = useState<ReviewInput>({ outcome: "", findings: "", legal_grounds: "", provisions: "", comment: "" });
  const record = useRecord<ReviewTask>(`/reviews/${id}/`, (fresh) => setForm(formOf(fresh)));
  const { value: task, setValue: setTask, reload } = record;
  const [notice, setNotice] = useState<string | null>(null);
  const { error, busy, run } = useWrite();

  const body = (version: number) => ({
    version,
    findings: form.findings,
    legal_grounds: form.legal_grounds,
    provisions: form.provisions
      .split(/[,;]/)
      .map((item) => item.trim())
      .filter(Boolean),
    ...(form.outcome ? { outcome: form.outcome } : {}),
  });
  const send = (path: string, method: string, payload: Record<string, unknown>, done: (updated: ReviewTask) => string) => {
    setNotice(null);
    void run(
      async () => {
        const updated = await api<ReviewTask>(path, { method, body: JSON.stringify(payload) });
        setTask(updated);
        setNotice(done(updated));
        noticesChanged(); // an approval request this officer had is closed now
      },
      async () => {
        await reload();
        setNotice(t("review.stale"));
      },
    );
  };
  const save = () => {
    if (task) send(`/reviews/${task.id}/`, "PATCH", body(task.version), () => t("review.saved"));
  };
  const move = (action: Move) => {
    if (!task) return;
    const decision = action === "approve" || action === "return";
    const payload = decision ? { version: task.version, comment: form.comment } : body(task.version);
    // What happened, said in the status region (read by screen readers), not only by the changed buttons.
    const done = (updated: ReviewTask) =>
      action === "approve" && updated.recommendation ? t("review.done.approveRec") : t(`review.done.${action}`);
    send(`/reviews/${task.id}/${action}/`, "POST", payload, done);
  };
  return { task, loadError: record.error, form, setForm, notice, error, busy, save, move };
}
