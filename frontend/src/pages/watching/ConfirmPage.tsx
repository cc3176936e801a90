import { useEffect, useState } from "react";
import { useSearchParams } from "react-router-dom";
import { asApiError, type ApiError } from "../../api";
import { useI18n } from "../../i18n";
import { usePageTitle } from "../../pageTitle";
import { confirmOnce, type Watched } from "../../watching";
import { WatchedLinks } from "./WatchedLinks";

/** The token's own message from a 400 (the API says why: bad signature, expired), else the page's. */
export function tokenMessage(error: ApiError, fallback: string): string {
  return error.status === 400 ? (error.fields.token?.[0] ?? fallback) : error.message || fallback;
}

/**
 * /theo-doi/xac-nhan?token=…: the confirmation link of the double opt-in. Opening it confirms (once, however
 * often React renders), then names what is followed; a bad or expired link says so and how to start again.
 */
export function ConfirmPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const [answer, setAnswer] = useState<{ token: string; watched: Watched | null; error: ApiError | null } | null>(null);
  usePageTitle(t("watch.confirmTitle"));

  useEffect(() => {
    if (!token) return;
    let current = true;
    confirmOnce(token).then(
      (watched) => current && setAnswer({ token, watched, error: null }),
      (caught: unknown) => current && setAnswer({ token, watched: null, error: asApiError(caught) }),
    );
    return () => {
      current = false;
    };
  }, [token]);

  const done = answer?.token === token ? answer : null;
  return (
    <div className="watch-page">
      <h1>{t("watch.confirmTitle")}</h1>
      {!token && (
        <p role="alert" className="error">
          {t("watch.noToken")}
        </p>
      )}
      {token && !done && <p aria-busy="true">{t("watch.confirming")}</p>}
      {done?.watched && (
        <>
          <p role="status" className="notice">
            {/* The label is "" when the followed thing is gone (a document no longer public). */}
            {done.watched.label ? t("watch.confirmed", { label: done.watched.label }) : t("watch.confirmedBare")}
          </p>
          <p>{t("watch.confirmedText")}</p>
        </>
      )}
      {done?.error && (
        <div role="alert">
          <p className="error">{tokenMessage(done.error, t("watch.badConfirm"))}</p>
          {done.error.status === 400 && <p>{t("watch.badConfirm")}</p>}
        </div>
      )}
      <WatchedLinks watched={done?.watched ?? null} />
    </div>
  );
}
