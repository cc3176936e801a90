import { api } from "../../../api";
import { useWrite } from "../../../useWrite";
import type { Recommendation } from "../reviewTypes";

/** What each form on a recommendation card is given: the card's recommendation and what to do after a write. */
export interface FormProps {
  rec: Recommendation;
  onSaved: (rec: Recommendation, message: string) => void;
  onStale: () => void;
}

/** One write from a card's form: a 412 (someone else changed it first) reloads the board instead of showing an error. */
export function useCardWrite({ onSaved, onStale }: Omit<FormProps, "rec">) {
  const { error, busy, run } = useWrite();
  const write = (path: string, method: string, body: Record<string, unknown>, message: string) =>
    run(async () => onSaved(await api<Recommendation>(path, { method, body: JSON.stringify(body) }), message), onStale);
  return { error, busy, write };
}
