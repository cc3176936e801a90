import { Link } from "react-router-dom";
import type { SearchAnswer } from "../../api";
import { useI18n } from "../../i18n";
import { writeState, type SearchState } from "../searchParams";

/** Above near matches: why they are shown (the query as typed found too little) and the query corrected, as a link
 * that searches it with the same filters. */
export function RelaxedNotice({ answer, state }: { answer: SearchAnswer; state: SearchState }) {
  const { t } = useI18n();
  if (!answer.relaxed && !answer.suggestion) return null;
  const exact = answer.exact_count ?? 0;
  const corrected = answer.suggestion ? `?${writeState({ ...state, q: answer.suggestion, page: 1 }).toString()}` : null;
  return (
    <div className="relaxed-notice" role="status">
      {answer.relaxed && <p>{exact > 0 ? t("search.relaxedAfterExact", { count: String(exact) }) : t("search.relaxed")}</p>}
      {corrected && (
        <p>
          {t("search.didYouMean")}{" "}
          <Link to={corrected} className="did-you-mean">
            {answer.suggestion}
          </Link>
        </p>
      )}
    </div>
  );
}
