import { useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router-dom";
import { api } from "../../api";
import { can, useAuth } from "../../auth";
import { ErrorMessage } from "../../components/ErrorMessage";
import { FieldErrors } from "../../components/FieldErrors";
import { useI18n } from "../../i18n";
import { useWrite } from "../../useWrite";
import { DocumentForm } from "./DocumentForm";
import { toPayload, type DocumentInput } from "./documentInput";
import { ProposalRelations } from "./ProposalRelations";
import { ProposalOperations } from "./ProposalOperations";
import { keyOf, type Proposal, type Saved } from "./uploadTypes";
import { refuseWrongDates } from "../../components/DateInput";

/** Upload a .docx or .pdf, check what was read, and save it all at once. */
export function UploadPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [file, setFile] = useState<File | null>(null);
  const [proposal, setProposal] = useState<Proposal | null>(null);
  const [value, setValue] = useState<DocumentInput | null>(null);
  const [chosen, setChosen] = useState<boolean[]>([]);
  // The read operations to confirm with the save, by identity: none at first (see ProposalOperations).
  const [chosenOps, setChosenOps] = useState<Set<string>>(new Set());
  const { me } = useAuth();
  // Confirming operations is the document page's right (documents.write), whoever may upload.
  const canConfirm = can(me, "documents.write");
  const { error, busy, run } = useWrite();

  const read = (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setProposal(null);
    void run(async () => {
      const body = new FormData();
      body.append("file", file);
      const found = await api<Proposal>("/documents/extract/", { method: "POST", body });
      setProposal(found);
      setChosen(found.relations.map(() => true));
      setChosenOps(new Set());
      setValue({
        ...found.document,
        type: found.document.type ?? "",
        issuer: found.document.issuer ?? "",
        responsible: found.document.responsible ?? "",
        issued_on: found.document.issued_on ?? "",
        effective_from: found.document.effective_from ?? "",
        effective_until: found.document.effective_until ?? "",
        fields: [],
        normative: true,
        published: true,
      });
    });
  };

  const confirm = () => {
    if (refuseWrongDates(document)) return;
    if (!file || !value || !proposal) return;
    void run(async () => {
      const body = new FormData();
      body.append("file", file);
      body.append("document", JSON.stringify(toPayload(value)));
      const relations = proposal.relations
        .filter((_, index) => chosen[index])
        .map(({ kind, target, provisions, effective_on, note }) => ({
          kind,
          target,
          provisions,
          effective_on: effective_on ?? value.effective_from ?? value.issued_on,
          note,
        }));
      body.append("relations", JSON.stringify(relations));
      const named = canConfirm
        ? proposal.operations.filter((op) => op.state === "proposed" && chosenOps.has(keyOf(op))).map((op) => op.key)
        : [];
      body.append("confirm_operations", JSON.stringify(named));
      const saved = await api<Saved>("/documents/from-file/", { method: "POST", body });
      // The page says what became of the operations: how many of those ticked were confirmed (one read otherwise
      // on the saved dates is not), and how many wait there.
      const waiting = saved.operations_read - saved.operations_confirmed;
      let savedNotice: string | undefined;
      if (named.length > 0)
        savedNotice = t("upload.ops.saved", { confirmed: saved.operations_confirmed, named: named.length, waiting });
      else if (saved.operations_read > 0) savedNotice = t("upload.ops.savedNone", { waiting });
      navigate(`/van-ban/${saved.id}`, { state: savedNotice ? { savedNotice } : null });
    });
  };

  // Field errors of the confirmation come as "document.title"; the form's fields are named without the prefix.
  const documentErrors = Object.fromEntries(
    Object.entries(error?.fields ?? {})
      .filter(([key]) => key.startsWith("document."))
      .map(([key, messages]) => [key.slice("document.".length), messages]),
  );

  return (
    <div className="upload">
      <h1>{t("upload.title")}</h1>
      <form onSubmit={read} className="card">
        <label htmlFor="upload-file">{t("upload.file")}</label>
        <input
          id="upload-file"
          type="file"
          accept=".docx,.pdf,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
          onChange={(event) => setFile(event.target.files?.[0] ?? null)}
        />
        <FieldErrors messages={error?.fields.file} />
        <div className="actions">
          <button type="submit" disabled={!file || busy}>
            {t("upload.read")}
          </button>
          {busy && (
            <span className="progress" aria-live="polite">
              <progress aria-label={t("upload.reading")} /> {t("upload.reading")}
            </span>
          )}
        </div>
      </form>
      {error && !error.fields.file && <ErrorMessage error={error} />}
      {proposal && value && (
        <section aria-labelledby="proposal-heading">
          <h2 id="proposal-heading">{t("upload.proposal")}</h2>
          {proposal.warnings.length > 0 && (
            <div className="card warnings" role="status">
              <h3>{t("upload.warnings")}</h3>
              <ul>
                {proposal.warnings.map((warning) => (
                  <li key={warning.code}>{warning.message}</li>
                ))}
              </ul>
              {proposal.existing.map((doc) => (
                <p key={doc.id}>
                  <Link to={`/van-ban/${doc.id}`}>{t("upload.existing", { number: doc.number })}</Link>
                </p>
              ))}
            </div>
          )}
          <DocumentForm
            value={value}
            onChange={setValue}
            errors={documentErrors}
            withText={false}
            proposedBy={proposal.found.proposed_by as string | undefined}
            proposedKnown={proposal.responsible !== null}
          />
          <p className="muted">{t("upload.articles", { count: proposal.provisions.length })}</p>
          <ProposalRelations proposal={proposal} chosen={chosen} onChosen={setChosen} error={error} />
          {proposal.operations.length > 0 && (
            <ProposalOperations
              operations={proposal.operations}
              chosen={chosenOps}
              onChosen={setChosenOps}
              canConfirm={canConfirm}
              readOn={
                (value.effective_from || value.issued_on) !==
                (proposal.document.effective_from ?? proposal.document.issued_on ?? "")
                  ? (proposal.document.effective_from ?? proposal.document.issued_on)
                  : null
              }
            />
          )}
          <FieldErrors messages={error?.fields.confirm_operations} />
          <div className="actions">
            <button type="button" disabled={busy} onClick={confirm}>
              {t("upload.confirm")}
            </button>
          </div>
        </section>
      )}
    </div>
  );
}
