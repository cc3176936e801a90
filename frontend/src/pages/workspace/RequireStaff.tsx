import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router-dom";
import { useAuth } from "../../auth";
import { useI18n } from "../../i18n";

/** Officers' pages: sign in first, and only staff roles get in. */
export function RequireStaff({ children }: { children: ReactNode }) {
  const { me, ready } = useAuth();
  const { t } = useI18n();
  const location = useLocation();
  if (!ready) return <p aria-busy="true">{t("common.loading")}</p>;
  if (!me) return <Navigate to="/can-bo/dang-nhap" replace state={{ from: location.pathname + location.search }} />;
  if (!me.is_staff) return <p role="alert">{t("login.notStaff")}</p>;
  return <>{children}</>;
}
