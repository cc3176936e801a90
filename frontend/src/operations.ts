// An amending document's operations (decision 0018): what each one does in words, and how the officer's panel
// groups and counts them. Pure: the unit tests call these without a page.
import type { DocumentBrief, Schema } from "./api";
import type { MessageKey } from "./i18n/vi";

export type Operation = Schema<"Operation">;
export type OperationState = Operation["state"];
export type OperationKind = Operation["kind"];
export type InputKind = Schema<"OperationInputKindEnum">;

/** The order an officer works in: what awaits a decision first, then what was decided. */
export const OPERATION_STATES: readonly OperationState[] = ["proposed", "listed", "confirmed", "rejected"];

/** The kinds an officer may choose (the API refuses "unknown" on input: it only marks what the reader could not read). */
export const INPUT_KINDS: readonly InputKind[] = [
  "replace",
  "rename",
  "insert_after",
  "insert_before",
  "repeal",
  "substitute_words",
  "delete_words",
  "correct_words",
  "replace_annex",
  "suspend",
  "repeal_document",
];

/** What an operation does, stored or only read from an upload (ReadOperation): the fields that word it. */
export type Described = Pick<
  Operation,
  "kind" | "target_label" | "anchor_label" | "old_words" | "new_words" | "except_words" | "scope_labels" | "ends_on"
>;

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;
export type FormatDate = (iso: string | null | undefined) => string;

/**
 * What an operation does, in a sentence as an officer would say it: "Sửa đổi, bổ sung Khoản 2 Điều 5",
 * "Bổ sung Điều 15a sau Điều 15", "Thay cụm từ “X” bằng “Y” tại Khoản 1 Điều 3". Provisions are named by the
 * API's labels (the one provision grammar is the backend's), never rebuilt here from eIds.
 */
export function describeOperation(op: Described, t: Translate, date: FormatDate): string {
  const target = op.target_label || t("ops.noTarget");
  switch (op.kind) {
    case "replace":
    case "rename":
    case "repeal":
    case "replace_annex":
      return t(`ops.does.${op.kind}` as MessageKey, { target });
    case "insert_after":
    case "insert_before":
      return op.anchor_label
        ? t(`ops.does.${op.kind}` as MessageKey, { target, anchor: op.anchor_label })
        : t("ops.does.insert", { target });
    case "substitute_words":
    case "delete_words":
    case "correct_words":
      return withExceptions(
        t(`ops.does.${op.kind}` as MessageKey, { old: op.old_words, new: op.new_words, where: whereWords(op, t) }),
        op.except_words,
        t,
      );
    case "suspend":
      return op.ends_on
        ? t("ops.does.suspendUntil", { target, date: date(op.ends_on) })
        : t("ops.does.suspend", { target });
    case "repeal_document":
      return t("ops.does.repeal_document");
    default:
      return t("ops.does.unknown");
  }
}

function whereWords(op: Described, t: Translate): string {
  return op.scope_labels.length > 0 ? t("ops.where.scope", { labels: op.scope_labels.join(", ") }) : t("ops.where.whole");
}

function withExceptions(sentence: string, exceptWords: string[], t: Translate): string {
  if (exceptWords.length === 0) return sentence;
  return `${sentence} ${t("ops.does.except", { words: exceptWords.map((words) => `“${words}”`).join(", ") })}`;
}

export type StateCounts = Record<OperationState, number>;

export function countByState(ops: readonly { state: OperationState }[]): StateCounts {
  const counts: StateCounts = { proposed: 0, listed: 0, confirmed: 0, rejected: 0 };
  for (const op of ops) counts[op.state] += 1;
  return counts;
}

/** What grouping needs of an operation, stored or only read from an upload. */
type Groupable = Pick<Operation, "seq" | "target" | "state" | "kind">;

export interface TargetGroup<T extends Groupable = Operation> {
  /** Null: the reader could not tell which document the instructions amend. */
  target: DocumentBrief | null;
  /** How the group's document is named: "Văn bản được đính chính" when every operation corrects it. */
  heading: "ops.target" | "ops.targetCorrected";
  ops: T[];
  counts: StateCounts;
}

/** Operations by the document they amend, in the order the amending document first names each (its seq order). */
export function groupByTarget<T extends Groupable = Operation>(ops: readonly T[]): TargetGroup<T>[] {
  const groups = new Map<number | null, T[]>();
  for (const op of [...ops].sort((a, b) => a.seq - b.seq)) {
    const key = op.target?.id ?? null;
    groups.set(key, [...(groups.get(key) ?? []), op]);
  }
  return [...groups.values()].map((members) => ({
    target: members[0].target,
    heading: members.every((op) => op.kind === "correct_words") ? "ops.targetCorrected" : "ops.target",
    ops: members,
    counts: countByState(members),
  }));
}

export interface ConfirmAllResult<E> {
  confirmed: Operation[];
  /** The first refusal, if any: the operations after it were not tried. */
  failed: { op: Operation; error: E } | null;
}

/**
 * Confirm every proposed operation, one request each in seq order, stopping at the first refusal (the officer is
 * told which, and what was confirmed before it stays confirmed: each confirmation is its own transaction).
 */
export async function confirmAll<E = unknown>(
  ops: readonly Operation[],
  confirmOne: (op: Operation) => Promise<unknown>,
): Promise<ConfirmAllResult<E>> {
  const confirmed: Operation[] = [];
  for (const op of ops.filter((each) => each.state === "proposed").sort((a, b) => a.seq - b.seq)) {
    try {
      await confirmOne(op);
      confirmed.push(op);
    } catch (error) {
      return { confirmed, failed: { op, error: error as E } };
    }
  }
  return { confirmed, failed: null };
}

/** The fields each kind is entered with; the others are hidden unless the API has a message for them. */
export const FIELDS_BY_KIND: Record<InputKind, readonly OperationField[]> = {
  replace: ["target_eid", "new_text"],
  rename: ["target_eid", "new_text"],
  insert_after: ["target_eid", "anchor_eid", "new_text"],
  insert_before: ["target_eid", "anchor_eid", "new_text"],
  repeal: ["target_eid"],
  substitute_words: ["old_words", "new_words", "scope_eids"],
  delete_words: ["old_words", "scope_eids"],
  correct_words: ["old_words", "new_words", "scope_eids"],
  replace_annex: ["target_eid", "new_text"],
  suspend: ["target_eid", "ends_on"],
  repeal_document: [],
};

export type OperationField = "target_eid" | "anchor_eid" | "new_text" | "old_words" | "new_words" | "scope_eids" | "ends_on";

/** A text longer than this is folded (the first part shown, the rest on request). */
export const FOLD_AT = 280;

/** The shown part of a long text: cut at a word boundary before `limit`, with an ellipsis. */
export function foldText(text: string, limit = FOLD_AT): { short: string; folded: boolean } {
  if (text.length <= limit) return { short: text, folded: false };
  const cut = text.slice(0, limit);
  const space = cut.lastIndexOf(" ");
  return { short: `${(space > limit / 2 ? cut.slice(0, space) : cut).trimEnd()}…`, folded: true };
}
