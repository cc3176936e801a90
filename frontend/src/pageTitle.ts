import { useEffect, useLayoutEffect } from "react";
import { useI18n } from "./i18n";
import type { MessageKey } from "./i18n/vi";

/** "{page} — Hiệu Lực" in the current language. */
export function titleOf(page: string, app: string): string {
  return page ? `${page} — ${app}` : app;
}

/** The tab's title for this page (null: not known yet, the section's default stays). */
export function usePageTitle(page: string | null): void {
  const { t } = useI18n();
  const app = t("app.name");
  useEffect(() => {
    if (page !== null) document.title = titleOf(page, app);
  }, [page, app]);
}

// The section a path belongs to names the tab until the page says more (officers' pages included).
const SECTIONS: [RegExp, MessageKey][] = [
  [/^\/$/, "nav.search"],
  [/^\/van-ban\//, "doc.loading"],
  [/^\/danh-muc/, "nav.announcements"],
  [/^\/he-thong-hoa/, "nav.systematization"],
  [/^\/theo-doi\/xac-nhan/, "watch.confirmTitle"],
  [/^\/theo-doi\/huy/, "watch.unsubscribeTitle"],
  [/^\/can-bo\/dang-nhap/, "nav.login"],
  [/^\/can-bo\/ra-soat/, "nav.reviews"],
  [/^\/can-bo\/kien-nghi/, "nav.recommendations"],
  [/^\/can-bo\/van-ban/, "nav.documents"],
  [/^\/can-bo\/danh-muc/, "nav.lists"],
  [/^\/can-bo\/thong-bao/, "nav.notifications"],
  [/^\/can-bo\/tu-dong-nghia/, "syn.title"],
  [/^\/can-bo\/co-quan/, "orgs.title"],
  [/^\/can-bo/, "nav.dashboard"],
];

/**
 * Used once, by the layout. A layout effect runs before the pages' effects of the same commit, so a page's own
 * title (usePageTitle) always has the last word.
 */
export function useSectionTitle(pathname: string): void {
  const { t } = useI18n();
  const key = SECTIONS.find(([pattern]) => pattern.test(pathname))?.[1];
  const page = key ? t(key) : t("notFound.title");
  const app = t("app.name");
  useLayoutEffect(() => {
    document.title = titleOf(page, app);
  }, [page, app]);
}
