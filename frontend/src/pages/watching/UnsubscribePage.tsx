import { useEffect, useState } from "react";
import { useSearchParams } from "react-router-dom";
import { asApiError, type ApiError } from "../../api";
import { useI18n } from "../../i18n";
import { usePageTitle } from "../../pageTitle";
import { useWrite } from "../../useWrite";
import { unsubscribe, unsubscribePreview, type Watched } from "../../watching";
import { tokenMessage } from "./ConfirmPage";
import { WatchedLinks } from "./WatchedLinks";

interface Preview {
  token: string;
  watched: Watched | null;
  error: ApiError | null;
}

/** What the link is about, read without changing anything (none: the page says it in general words). */
function usePreview(token: string): Preview | null {
  const [preview, setPreview] = useState<Preview | null>(null);
  useEffect(() => {
    if (!token) return;
    let current = true;
    unsubscribePreview(token).then(
      (watched) => current && setPreview({ token, watched, error: null }),
      (caught: unknown) => current && setPreview({ token, watched: null, error: asApiError(caught) }),
    );
    return () => {
      current = false;
    };
  }, [token]);
  return preview?.token === token ? preview : null;
}

/**
 * /theo-doi/huy?token=…: the unsubscribe link of a notice. Opening the page changes nothing (mail scanners fetch
 * links before the reader does); the button does, by POST, and the page then says it is done.
 */
export function UnsubscribePage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const preview = usePreview(token);
  const [done, setDone] = useState<Watched | null>(null);
  const { error, busy, run } = useWrite();
  usePageTitle(t("watch.unsubscribeTitle"));

  const go = () => run(async () => setDone(await unsubscribe(token)));

  if (done) {
    return (
      <div className="watch-page">
        <h1>{t("watch.unsubscribed")}</h1>
        <p role="status" className="notice">
          {done.label ? `${t("watch.unsubscribed")}: ${done.label}` : t("watch.unsubscribed")}
        </p>
        <p>{t("watch.unsubscribedText")}</p>
        <WatchedLinks watched={done} />
      </div>
    );
  }
  const refusal = error ?? preview?.error ?? null;
  return (
    <div className="watch-page">
      <h1>{t("watch.unsubscribeTitle")}</h1>
      {!token ? (
        <p role="alert" className="error">
          {t("watch.noToken")}
        </p>
      ) : (
        <>
          {preview?.watched?.label ? (
            <p data-testid="unsubscribe-what">{t("watch.unsubscribeWhat", { label: preview.watched.label })}</p>
          ) : (
            <p>{t("watch.unsubscribeThis")}</p>
          )}
          <p>{t("watch.unsubscribeText")}</p>
          {!preview?.error && (
            <div className="actions">
              <button type="button" onClick={go} disabled={busy}>
                {t("watch.unsubscribe")}
              </button>
            </div>
          )}
          {refusal && (
            <div role="alert">
              <p className="error">{tokenMessage(refusal, t("watch.badUnsubscribe"))}</p>
              {refusal.status === 400 && <p>{t("watch.badUnsubscribe")}</p>}
            </div>
          )}
        </>
      )}
      <WatchedLinks watched={null} />
    </div>
  );
}
