import { useState } from "react";
import { useSearchParams } from "react-router-dom";
import { useI18n } from "../../i18n";
import { usePageTitle } from "../../pageTitle";
import { useWrite } from "../../useWrite";
import { unsubscribe, type Watched } from "../../watching";
import { tokenMessage } from "./ConfirmPage";
import { WatchedLinks } from "./WatchedLinks";

/**
 * /theo-doi/huy?token=…: the unsubscribe link of a notice. Opening the page changes nothing (mail scanners fetch
 * links before the reader does); the button does, by POST, and the page then says it is done.
 */
export function UnsubscribePage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
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
  return (
    <div className="watch-page">
      <h1>{t("watch.unsubscribeTitle")}</h1>
      {!token ? (
        <p role="alert" className="error">
          {t("watch.noToken")}
        </p>
      ) : (
        <>
          <p>{t("watch.unsubscribeThis")}</p>
          <p>{t("watch.unsubscribeText")}</p>
          <div className="actions">
            <button type="button" onClick={go} disabled={busy}>
              {t("watch.unsubscribe")}
            </button>
          </div>
          {error && (
            <div role="alert">
              <p className="error">{tokenMessage(error, t("watch.badUnsubscribe"))}</p>
              {error.status === 400 && <p>{t("watch.badUnsubscribe")}</p>}
            </div>
          )}
        </>
      )}
      <WatchedLinks watched={null} />
    </div>
  );
}
