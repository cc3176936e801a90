import { useEffect, type ReactNode } from "react";
import { Link } from "react-router-dom";
import { setApiLanguage } from "../api";
import { useI18n, type Lang } from "../i18n";

export function Layout({ children }: { children: ReactNode }) {
  const { t, lang, setLang } = useI18n();
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
        <nav aria-label={t("nav.search")}>
          <Link to="/">{t("nav.search")}</Link>
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
