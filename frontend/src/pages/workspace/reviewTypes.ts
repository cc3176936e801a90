import type { Schema } from "../../api";

export const TASK_STATES = ["assigned", "in_progress", "submitted", "returned", "approved"] as const;
export const OUTCOMES = ["keep", "amend", "replace", "repeal", "suspend", "issue_new"] as const;
export const STEP_KINDS = ["registration", "approval", "consultation", "appraisal", "submission", "issuance"] as const;

/** A review task as GET /reviews/{id}/ answers (types from the API's schema). */
export type ReviewTask = Schema<"Task">;

export type Recommendation = Schema<"Recommendation">;

/** The board's column: the furthest drafting step recorded, or "not started". */
export function boardColumn(rec: Pick<Recommendation, "steps">): string {
  let furthest = -1;
  for (const step of rec.steps) furthest = Math.max(furthest, STEP_KINDS.indexOf(step.kind as never));
  return furthest < 0 ? "not_started" : STEP_KINDS[furthest];
}

export const PLAN_KINDS = ["periodic", "thematic", "post_merger", "triggered"] as const;

export type ReviewPlan = Schema<"Plan">;

/** Someone review tasks can be given to (GET /reviews/assignees/). */
export type Assignee = Schema<"Assignee">;
