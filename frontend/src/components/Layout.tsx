import { useEffect, type ReactNode } from "react";
import { Link, useNavigate } from "react-router-dom";
import { setApiLanguage } from "../api";
import { useAuth } from "../auth";
import { useI18n, type Lang } from "../i18n";

export function Layout({ children }: { children: ReactNode }) {
  const { t, lang, setLang } = useI18n();
  const { me, logout } = useAuth();
  const navigate = useNavigate();
  useEffect(() => setApiLanguage(lang), [lang]);
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
        <nav aria-label={t("nav.workspace")} className="main-nav">
          <Link to="/">{t("nav.search")}</Link>
          <Link to="/danh-muc">{t("nav.announcements")}</Link>
          <Link to="/he-thong-hoa">{t("nav.systematization")}</Link>
          {me?.is_staff ? (
            <>
              <Link to="/can-bo">{t("nav.dashboard")}</Link>
              <Link to="/can-bo/ra-soat">{t("nav.reviews")}</Link>
              <Link to="/can-bo/van-ban">{t("nav.documents")}</Link>
              <Link to="/can-bo/kien-nghi">{t("nav.recommendations")}</Link>
              <Link to="/can-bo/danh-muc">{t("nav.lists")}</Link>
              <Link to="/can-bo/thong-bao">{t("nav.notifications")}</Link>
              <span className="who">{t("nav.signedInAs", { name: me.name })}</span>
              <button
                type="button"
                className="link on-dark"
                onClick={() => {
                  logout();
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
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
