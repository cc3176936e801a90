import { useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router-dom";
import { api, type DocumentDetail } from "../../api";
import { ErrorMessage } from "../../components/ErrorMessage";
import { FieldErrors } from "../../components/FieldErrors";
import { useI18n } from "../../i18n";
import { useWrite } from "../../useWrite";
import { DocumentForm } from "./DocumentForm";
import { toPayload, type DocumentInput } from "./documentInput";
import { ProposalRelations } from "./ProposalRelations";
import type { Proposal } from "./uploadTypes";
import { refuseWrongDates } from "../../components/DateInput";

/** Upload a .docx or .pdf, check what was read, and save it all at once. */
export function UploadPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [file, setFile] = useState<File | null>(null);
  const [proposal, setProposal] = useState<Proposal | null>(null);
  const [value, setValue] = useState<DocumentInput | null>(null);
  const [chosen, setChosen] = useState<boolean[]>([]);
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
      setValue({
        ...found.document,
        type: found.document.type ?? "",
        issuer: found.document.issuer ?? "",
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
      const saved = await api<DocumentDetail>("/documents/from-file/", { method: "POST", body });
      navigate(`/van-ban/${saved.id}`);
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
          <DocumentForm value={value} onChange={setValue} errors={documentErrors} withText={false} />
          <p className="muted">{t("upload.articles", { count: proposal.provisions.length })}</p>
          <ProposalRelations proposal={proposal} chosen={chosen} onChosen={setChosen} error={error} />
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
