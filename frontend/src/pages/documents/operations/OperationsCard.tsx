import { useState } from "react";
import { Link } from "react-router-dom";
import { api, asApiError, type ApiError, type DocumentBrief, type Page, type Relation, ifMatch } from "../../../api";
import { can, useAuth } from "../../../auth";
import { useI18n } from "../../../i18n";
import type { MessageKey } from "../../../i18n/vi";
import {
  OPERATION_STATES,
  confirmAll,
  countByState,
  describeOperation,
  groupByTarget,
  type Operation,
  type StateCounts,
  type TargetGroup,
} from "../../../operations";
import { useApi } from "../../../useApi";
import { OperationForm } from "./OperationForm";
import { OperationItem } from "./OperationItem";

const PAGE_SIZE = 500; // the API's largest page: an amending act has up to a few hundred operations
// The form's label of each field the API may name, so that "stopped at operation 2" also says what is missing.
const FIELD_LABELS: Record<string, MessageKey> = {
  target: "ops.field.target",
  kind: "ops.field.kind",
  target_eid: "ops.field.targetEid",
  anchor_eid: "ops.field.anchorEid",
  new_text: "ops.field.newText",
  old_words: "ops.field.oldWords",
  new_words: "ops.field.newWords",
  scope_eids: "ops.field.scope",
  applies_on: "ops.field.appliesOn",
  ends_on: "ops.field.endsOn",
};
const AMENDING_KINDS = new Set<Relation["kind"]>(["amends", "supplements", "repeals", "suspends"]);

/**
 * "Thao tác sửa đổi, bổ sung": what an amending document changes in the documents it amends, grouped by the
 * amended document, with the officer's decisions. Shown when the document has operations (the public sees the
 * confirmed ones only, as the API decides), and to an officer also when it is recorded as amending another
 * document, so that the first operation can be added. `version` is the page's counter: a decision here moves it
 * (`onChanged`), and the status, timeline and relations are asked again.
 */
export function OperationsCard({
  documentId,
  relations,
  version,
  onChanged,
}: {
  documentId: number;
  relations: Relation[] | null;
  version: number;
  onChanged: () => void;
}) {
  const { t, date, lang } = useI18n();
  const { me } = useAuth();
  const writer = can(me, "documents.write");
  // Kept while the next answer comes after a decision, so the card (and a form open in it) stays in place. The
  // language is named in the address: the API words the reasons in it, and on a switch this request goes out
  // before the layout's effect has told api() the new language (child effects run first).
  const answer = useApi<Page<Operation>>(
    `/operations/?source=${documentId}&page_size=${PAGE_SIZE}&lang=${lang}&v=${version}`,
    { keepPrevious: true },
  );
  const [notice, setNotice] = useState<{ text: string; failed: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const actsAsAmending = !!relations?.some((rel) => rel.source.id === documentId && AMENDING_KINDS.has(rel.kind));
  // Once shown, the card stays while the page reloads what it depends on (the relations blank while they reload).
  const [shown, setShown] = useState(false);
  // What a write here answered, until the list read again catches up: a second click on the same operation names
  // the version the first one made (If-Match), not the one the list was read at (which would be a false 412).
  const [written, setWritten] = useState<Record<number, Operation>>({});
  const remember = (saved: Operation) => setWritten((current) => ({ ...current, [saved.id]: saved }));
  const ops = (answer.data?.results ?? []).map((op) => {
    const mine = written[op.id];
    return mine && mine.version > op.version ? mine : op;
  });
  const wanted = ops.length > 0 || (writer && actsAsAmending);
  if (wanted && !shown) setShown(true);
  if (!wanted && !shown) return null;

  const groups = groupByTarget(ops);
  const counts = countByState(ops);
  const knownTargets = groups.map((group) => group.target).filter((doc): doc is DocumentBrief => doc !== null);

  const confirmEveryProposed = async () => {
    if (!window.confirm(t("ops.confirmAllAsk", { count: counts.proposed }))) return;
    setBusy(true);
    setNotice(null);
    const result = await confirmAll<ApiError>(ops, (op) =>
      api<Operation>(`/operations/${op.id}/confirm/`, { method: "POST", headers: ifMatch(op.version) }).then(
        remember,
        (caught: unknown) => {
          throw asApiError(caught);
        },
      ),
    );
    setBusy(false);
    if (result.failed) {
      const { op, error } = result.failed;
      const fieldMessages = Object.entries(error.fields)
        .map(([name, messages]) => `${name in FIELD_LABELS ? t(FIELD_LABELS[name]) : name}: ${messages.join(" ")}`)
        .join(" ");
      setNotice({
        failed: true,
        text: t("ops.confirmAllStopped", {
          done: result.confirmed.length,
          seq: op.seq,
          what: describeOperation(op, t, date),
          message: [error.message, fieldMessages].filter(Boolean).join(" ") || t("error.generic"),
        }),
      });
    } else setNotice({ failed: false, text: t("ops.confirmAllDone", { count: result.confirmed.length }) });
    onChanged();
  };

  return (
    <section aria-labelledby="operations-heading" className="card operations" aria-busy={answer.loading}>
      <h2 id="operations-heading">{t("ops.title")}</h2>
      <p className="muted">{t("ops.intro")}</p>
      {answer.data && ops.length === 0 && <p>{t("ops.none")}</p>}
      {answer.data && answer.data.count > ops.length && (
        <p className="muted">{t("ops.truncated", { shown: ops.length, count: answer.data.count })}</p>
      )}
      {groups.length > 1 && <Counts counts={counts} label={t("ops.counts")} />}
      {writer && counts.proposed > 0 && (
        <p>
          <button type="button" disabled={busy} onClick={() => void confirmEveryProposed()}>
            {busy ? t("ops.busy") : t("ops.confirmAll", { count: counts.proposed })}
          </button>
        </p>
      )}
      {notice && (
        <p role={notice.failed ? "alert" : "status"} className={notice.failed ? "error" : "notice"}>
          {notice.text}
        </p>
      )}
      {groups.map((group) => (
        <section key={group.target?.id ?? "unknown"} className="operation-group" aria-label={groupName(group, t)}>
          <h3>
            {group.target ? (
              <>
                {t(group.heading)}: <Link to={`/van-ban/${group.target.id}`}>{group.target.number}</Link>
                <span className="operation-target-title"> — {group.target.title}</span>
              </>
            ) : (
              t("ops.targetUnknown")
            )}
          </h3>
          <Counts counts={group.counts} label={`${t("ops.counts")} — ${groupName(group, t)}`} />
          <ol className="operations-list">
            {group.ops.map((op) => (
              <OperationItem
                key={op.id}
                op={op}
                staff={me !== null}
                writer={writer}
                knownTargets={knownTargets}
                onWritten={remember}
                onChanged={onChanged}
              />
            ))}
          </ol>
        </section>
      ))}
      {writer && (
        <details className="operation-add">
          <summary>{t("ops.add")}</summary>
          <p className="muted">{t("ops.addHint")}</p>
          <OperationForm
            sourceId={documentId}
            knownTargets={knownTargets}
            onSaved={(saved) => {
              setNotice({ failed: false, text: t("ops.added", { seq: saved.seq }) });
              onChanged();
            }}
            onStale={onChanged}
          />
        </details>
      )}
    </section>
  );
}

function groupName(group: TargetGroup, t: (key: MessageKey) => string): string {
  return group.target ? `${t(group.heading)} ${group.target.number}` : t("ops.targetUnknown");
}

/** "Đề xuất 2 · Cần kiểm tra 1 · Đã xác nhận 3": the states with operations, in the order an officer works. */
function Counts({ counts, label }: { counts: StateCounts; label: string }) {
  const { t } = useI18n();
  const present = OPERATION_STATES.filter((state) => counts[state] > 0);
  return (
    <ul className="operation-counts" aria-label={label}>
      {present.map((state) => (
        <li key={state}>
          {t(`ops.state.${state}` as MessageKey)}: <strong>{counts[state]}</strong>
        </li>
      ))}
    </ul>
  );
}
