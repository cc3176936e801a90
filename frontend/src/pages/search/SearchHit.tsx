import { Link } from "react-router-dom";
import type { SearchAnswer } from "../../api";
import { Highlight } from "../../components/Highlight";
import { StatusBadge } from "../../components/StatusBadge";
import { useI18n } from "../../i18n";

/** One result: the number and status, the title and snippets with the words found marked, the article they are in. */
export function SearchHit({ hit }: { hit: SearchAnswer["results"][number] }) {
  const { t, date } = useI18n();
  const title = hit.highlights.title[0] ?? hit.title;
  return (
    <li className="hit">
      <div className="hit-head">
        <Link to={`/van-ban/${hit.id}`} className="hit-number">
          {hit.number}
        </Link>
        <StatusBadge status={hit.status} />
      </div>
      <p className="hit-title">
        <Highlight html={title} />
      </p>
      <p className="hit-meta">
        {hit.type.name} · {hit.issuer.name} · {t("doc.issuedOn")} {date(hit.issued_on)}
      </p>
      {hit.highlights.text.map((snippet, index) => (
        <p key={index} className="snippet">
          <Highlight html={snippet} />
        </p>
      ))}
      {hit.article && (
        <p className="hit-article">
          {t("search.article")}: <Link to={`/van-ban/${hit.id}#${hit.article.anchor}`}>{hit.article.label}</Link>
        </p>
      )}
    </li>
  );
}
