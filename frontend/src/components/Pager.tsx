import { useI18n } from "../i18n";

/** Previous and next page of a list of results, with where the reader is; nothing when there is one page. */
export function Pager({ page, pages, onGo }: { page: number; pages: number; onGo: (page: number) => void }) {
  const { t } = useI18n();
  if (pages <= 1) return null;
  return (
    <nav className="pager" aria-label={t("search.page", { page, pages })}>
      <button type="button" disabled={page <= 1} onClick={() => onGo(page - 1)}>
        {t("search.prev")}
      </button>
      <span>{t("search.page", { page, pages })}</span>
      <button type="button" disabled={page >= pages} onClick={() => onGo(page + 1)}>
        {t("search.next")}
      </button>
    </nav>
  );
}
