import { useState, type FormEvent } from "react";
import { api, type Page } from "../../../api";
import { refuseWrongDates } from "../../../components/DateInput";
import { useI18n } from "../../../i18n";
import { useRecord } from "../../../useRecord";
import { useWrite } from "../../../useWrite";
import type { Assignee, ReviewTask } from "../reviewTypes";

/** A plan's tasks (a plan has a few hundred at most: one page), those chosen, and giving them to a reviewer (or to
 * no one) with a new due date at once. `firstNotice` is what the page says when it opens (how many were made). */
export function usePlanTasks(id: string | undefined, assignees: Assignee[] | null, firstNotice: string) {
  const { t } = useI18n();
  const record = useRecord<Page<ReviewTask>>(`/reviews/?plan=${id}&page_size=500`);
  const tasks = record.value?.results ?? null;
  const [selected, setSelected] = useState<number[]>([]);
  const [reviewer, setReviewer] = useState("");
  const [dueOn, setDueOn] = useState("");
  const [notice, setNotice] = useState(firstNotice);
  const { error, setError, busy, run } = useWrite();

  const assign = (event: FormEvent) => {
    event.preventDefault();
    if (refuseWrongDates(event.currentTarget as HTMLFormElement)) return;
    setError(null);
    setNotice("");
    if (!tasks || selected.length === 0) {
      setNotice(t("plans.noneSelected"));
      return;
    }
    const chosen = tasks.filter((task) => selected.includes(task.id));
    void run(
      async () => {
        await api<ReviewTask[]>("/reviews/assign/", {
          method: "POST",
          body: JSON.stringify({
            tasks: chosen.map((task) => ({ id: task.id, version: task.version })),
            reviewer: reviewer || null,
            ...(dueOn ? { due_on: dueOn } : {}),
          }),
        });
        await record.reload();
        const name = assignees?.find((user) => user.username === reviewer)?.name ?? reviewer;
        setNotice(reviewer ? t("plans.assigned", { count: chosen.length, name }) : t("plans.unassigned", { count: chosen.length }));
        setSelected([]);
      },
      async () => {
        await record.reload();
        setNotice(t("plans.stale"));
      },
    );
  };
  return { tasks, loadError: record.error, selected, setSelected, reviewer, setReviewer, dueOn, setDueOn, notice, error, busy, assign };
}
