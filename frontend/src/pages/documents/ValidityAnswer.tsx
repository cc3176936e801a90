import { Link } from "react-router-dom";
import type { Validity } from "../../api";
import { StatusBadge } from "../../components/StatusBadge";
import { useI18n } from "../../i18n";
import { reasonKey } from "../../status";

// What the status engine answered for one date: the status, why, which documents caused it, and per provision.
export function CausedBy({ answer }: { answer: Validity }) {
  const { t } = useI18n();
  if (!answer.caused_by.length) return null;
  return (
    <span className="caused-by">
      {t("doc.causedBy")}:{" "}
      {answer.caused_by.map((cause, index) => (
        <span key={cause.relation_id}>
          {index > 0 && ", "}
          <Link to={`/van-ban/${cause.source_id}`}>{cause.number}</Link>
        </span>
      ))}
    </span>
  );
}

export function ValidityAnswer({ answer }: { answer: Validity }) {
  const { t, date } = useI18n();
  return (
    <div className="validity" data-testid="validity">
      <p>
        <StatusBadge status={answer.status} /> {answer.since && t("doc.since", { date: date(answer.since) })}
      </p>
      <p>
        {t("doc.reason")}: {t(reasonKey(answer.reason))}
      </p>
      <p>
        <CausedBy answer={answer} />
      </p>
      {answer.provisions.length > 0 && (
        <ul className="provisions" aria-label={t("doc.provisions")}>
          {answer.provisions.map((item) => (
            <li key={item.provision}>
              {item.provision}: {t(reasonKey(item.reason))}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
