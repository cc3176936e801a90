/** A document as its form edits it (dates as ISO text, "" for none) and as the API takes it. */
export interface DocumentInput {
  number: string;
  type: string;
  issuer: string;
  title: string;
  signer: string;
  issued_on: string;
  effective_from: string;
  effective_until: string;
  fields: string[];
  text: string;
  normative: boolean;
  published: boolean;
}

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
};

/** The API's shape: empty dates are null. */
export function toPayload(input: DocumentInput): Record<string, unknown> {
  return {
    ...input,
    effective_from: input.effective_from || null,
    effective_until: input.effective_until || null,
  };
}
