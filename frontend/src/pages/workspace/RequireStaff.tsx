import type { ReactNode } from "react";
import { Link, Navigate, useLocation } from "react-router-dom";
import { can, useAuth, type Capability } from "../../auth";
import { useI18n } from "../../i18n";

/** Officers' pages: sign in first; only staff roles get in, and a tool's page only for who may use it
 * (`need`, as /auth/me/ says: the API's own rule). */
export function RequireStaff({ children, need }: { children: ReactNode; need?: Capability }) {
  const { me, ready } = useAuth();
  const { t } = useI18n();
  const location = useLocation();
  if (!ready) return <p aria-busy="true">{t("common.loading")}</p>;
  if (!me) return <Navigate to="/can-bo/dang-nhap" replace state={{ from: location.pathname + location.search }} />;
  if (!me.is_staff) return <p role="alert">{t("login.notStaff")}</p>;
  if (need && !can(me, need)) return <NotAllowed />;
  return <>{children}</>;
}

function NotAllowed() {
  const { t } = useI18n();
  return (
    <div className="card not-allowed">
      <h1>{t("forbidden.title")}</h1>
      <p>{t("forbidden.body")}</p>
      <p>
        <Link to="/can-bo">{t("forbidden.back")}</Link>
      </p>
    </div>
  );
}
