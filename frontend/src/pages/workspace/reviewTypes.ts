export const TASK_STATES = ["assigned", "in_progress", "submitted", "returned", "approved"] as const;
export const OUTCOMES = ["keep", "amend", "replace", "repeal", "suspend", "issue_new"] as const;
export const STEP_KINDS = ["registration", "approval", "consultation", "appraisal", "submission", "issuance"] as const;

export interface ReviewTask {
  id: number;
  plan: number;
  document: { id: number; number: string; title: string; issuer: string };
  reviewer: string | null;
  due_on: string;
  state: (typeof TASK_STATES)[number];
  outcome: string;
  findings: string;
  legal_grounds: string;
  provisions: string[];
  submitted_by: string | null;
  decided_by: string | null;
  comment: string;
  recommendation: number | null;
  /** The reader may approve or return it now (the API's four-eyes rule, asked of the server). */
  may_decide: boolean;
  version: number;
}

export interface Recommendation {
  id: number;
  task: number | null;
  action: string;
  targets: { id: number; number: string; issuer: string }[];
  target_text: string;
  provisions: string[];
  drafting_body: string;
  deadline: string | null;
  status: string;
  resolved_by: { id: number; number: string } | null;
  steps: { kind: string; reference: string; on: string; note: string }[];
  note: string;
  version: number;
}

/** The board's column: the furthest drafting step recorded, or "not started". */
export function boardColumn(rec: Pick<Recommendation, "steps">): string {
  let furthest = -1;
  for (const step of rec.steps) furthest = Math.max(furthest, STEP_KINDS.indexOf(step.kind as never));
  return furthest < 0 ? "not_started" : STEP_KINDS[furthest];
}

export const PLAN_KINDS = ["periodic", "thematic", "post_merger", "triggered"] as const;

export interface ReviewPlan {
  id: number;
  title: string;
  kind: (typeof PLAN_KINDS)[number];
  scope: Record<string, unknown>;
  owner: string | null;
  deadline: string;
  tasks: number;
  created_at: string;
}

/** Someone review tasks can be given to (GET /reviews/assignees/). */
export interface Assignee {
  username: string;
  name: string;
  role: "reviewer" | "legal_officer" | "admin";
}
