// What POST /documents/extract/ proposes (types from the API's schema). The proposed document is JSON the schema
// leaves open ("the shape POST /documents/ takes"): its type is the form's. A matched relation names its target
// by id; `number` and `candidates` come only when the text named a document the catalogue holds more than once.
import type { Schema } from "../../api";
import type { DocumentInput } from "./documentInput";

type Matched = Schema<"ProposalRelation">;

export type ProposedRelation = Omit<Matched, "number" | "candidates"> & Partial<Pick<Matched, "number" | "candidates">>;

export type Proposal = Omit<Schema<"UploadProposal">, "document" | "relations"> & {
  document: Omit<
    DocumentInput,
    "fields" | "normative" | "published" | "effective_from" | "effective_until" | "responsible"
  > & {
    effective_from: string | null;
    effective_until: string | null;
    responsible: string | null;
  };
  relations: ProposedRelation[];
};

/** An operation read from the uploaded file (not stored yet), and what the save names it by. */
export type ReadOperation = Schema<"ReadOperation">;
export type OperationKey = Schema<"OperationKey">;

/** One string per read operation's identity (the API's `key`), for a set of the chosen ones. */
export function keyOf(op: Pick<ReadOperation, "key">): string {
  const { source_eid, kind, target, target_eid, old_words } = op.key;
  return JSON.stringify([source_eid, kind, target, target_eid, old_words]);
}

/** What the save answers: the document, and how many of the operations read were stored and confirmed. */
export type Saved = Schema<"FromFileAnswer">;
