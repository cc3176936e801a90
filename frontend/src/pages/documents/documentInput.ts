import type { Schema } from "../../api";

/** A document as its form edits it: the fields the API's write takes (DocumentInputRequest in the schema), with
 * the dates of effect as ISO text, "" for none. */
export type DocumentInput = Omit<
  Schema<"DocumentInputRequest">,
  "effective_from" | "effective_until" | "version" | "responsible"
> & {
  effective_from: string;
  effective_until: string;
  /** The responsible organisation's code, "" for none. */
  responsible: string;
};

export const EMPTY_DOCUMENT: DocumentInput = {
  number: "",
  type: "",
  issuer: "",
  title: "",
  signer: "",
  issued_on: "",
  effective_from: "",
  effective_until: "",
  fields: [],
  text: "",
  normative: true,
  published: true,
  responsible: "",
};

/** The API's shape: empty dates are null. */
export function toPayload(input: DocumentInput): Record<string, unknown> {
  return {
    ...input,
    effective_from: input.effective_from || null,
    effective_until: input.effective_until || null,
    responsible: input.responsible || null,
  };
}
