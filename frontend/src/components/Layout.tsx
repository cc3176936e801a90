import { useEffect, useState, type ReactNode } from "react";
import { Link, NavLink, useLocation, useNavigate } from "react-router-dom";
import { api, type Page } from "../api";
import { can, useAuth } from "../auth";
import { useI18n, type Lang } from "../i18n";
import { useSectionTitle } from "../pageTitle";

/** Sent (on window) when the user reads a notice, so the menu's unread count follows at once. */
export const NOTICES_CHANGED = "hieuluc:notices-changed";

/** A write that may have told someone or closed a notice (a review moved, a notice read): recount the menu's. */
export function noticesChanged(): void {
  window.dispatchEvent(new Event(NOTICES_CHANGED));
}

/** The signed-in officer's unread notices that still ask for something, read again on every page change. */
function useUnreadCount(enabled: boolean, pathname: string): number {
  const [count, setCount] = useState(0);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const changed = () => setTick((n) => n + 1);
    window.addEventListener(NOTICES_CHANGED, changed);
    return () => window.removeEventListener(NOTICES_CHANGED, changed);
  }, []);
  useEffect(() => {
    if (!enabled) return;
    let current = true;
    api<Page<unknown>>("/notifications/?unread=true&page_size=1").then(
      (page) => current && setCount(page.count),
      () => undefined, // the count is a hint: a failed read leaves the last one
    );
    return () => {
      current = false;
    };
  }, [enabled, pathname, tick]);
  return enabled ? count : 0;
}

export function Layout({ children }: { children: ReactNode }) {
  const { t, lang, setLang } = useI18n();
  const { me, logout } = useAuth();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  useSectionTitle(pathname);
  const unread = useUnreadCount(Boolean(me?.is_staff && pathname.startsWith("/can-bo")), pathname);
  return (
    <>
      <a className="skip" href="#main">
        {t("app.skip")}
      </a>
      <header className="site-header">
        <Link to="/" className="brand">
          <span className="brand-name">{t("app.name")}</span>
          <span className="brand-tagline">{t("app.tagline")}</span>
        </Link>
        <nav aria-label={t("nav.main")} className="main-nav">
          <Link to="/">{t("nav.search")}</Link>
          <Link to="/danh-muc">{t("nav.announcements")}</Link>
          <Link to="/he-thong-hoa">{t("nav.systematization")}</Link>
          {me?.is_staff ? (
            <>
              <Link to="/can-bo">{t("nav.workspace")}</Link>
              <span className="who">
                {me.organisations.length
                  ? t("nav.signedInAtOrg", { name: me.name, org: me.organisations.map((org) => org.name).join(", ") })
                  : t("nav.signedInAs", { name: me.name })}
              </span>
              <button
                type="button"
                className="link on-dark"
                onClick={async () => {
                  await logout();
                  navigate("/");
                }}
              >
                {t("nav.logout")}
              </button>
            </>
          ) : (
            <Link to="/can-bo/dang-nhap">{t("nav.login")}</Link>
          )}
        </nav>
        <label className="lang">
          <span>{t("nav.language")}</span>
          <select value={lang} onChange={(event) => setLang(event.target.value as Lang)}>
            <option value="vi">{t("lang.vi")}</option>
            <option value="en">{t("lang.en")}</option>
          </select>
        </label>
      </header>
      {me?.is_staff && pathname.startsWith("/can-bo") && (
        // The workspace's own menu, under the header, only on its pages: the header stays short on a phone.
        <nav aria-label={t("nav.workspace")} className="sub-nav">
          <NavLink to="/can-bo" end>
            {t("nav.dashboard")}
          </NavLink>
          <NavLink to="/can-bo/ra-soat">{t("nav.reviews")}</NavLink>
          <NavLink to="/can-bo/ke-hoach">{t("nav.plans")}</NavLink>
          <NavLink to="/can-bo/kien-nghi">{t("nav.recommendations")}</NavLink>
          <NavLink to="/can-bo/van-ban">{t("nav.documents")}</NavLink>
          <NavLink to="/can-bo/danh-muc">{t("nav.lists")}</NavLink>
          {can(me, "organisations.write") && <NavLink to="/can-bo/co-quan">{t("nav.organisations")}</NavLink>}
          {can(me, "synonyms.write") && <NavLink to="/can-bo/tu-dong-nghia">{t("nav.synonyms")}</NavLink>}
          <NavLink
            to="/can-bo/thong-bao"
            aria-label={unread ? t("nav.notificationsUnread", { count: unread }) : undefined}
            data-testid="nav-notifications"
          >
            {t("nav.notifications")}
            {unread > 0 && (
              <span className="count-badge" aria-hidden="true">
                {unread}
              </span>
            )}
          </NavLink>
        </nav>
      )}
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
