import { useState, type FormEvent } from "react";
import { useLocation, useNavigate } from "react-router-dom";
import { ApiError } from "../../api";
import { useAuth } from "../../auth";
import { useI18n } from "../../i18n";

export function LoginPage() {
  const { t } = useI18n();
  const { login } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? "/can-bo/ra-soat";
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(username, password);
      navigate(from, { replace: true });
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 400) setError(t("login.failed"));
      // Too many failures: the API says, in the chosen language, how long the sign-in stays locked.
      else if (caught instanceof ApiError && caught.status === 429) setError(caught.message || t("login.locked"));
      // The page's CSRF cookie is gone (cleared, or another site posted): the API says to reload.
      else if (caught instanceof ApiError && caught.status === 403 && caught.message) setError(caught.message);
      else setError(t("error.network"));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="login card" onSubmit={submit}>
      <h1>{t("login.title")}</h1>
      {location.state && <p>{t("login.needed")}</p>}
      <label htmlFor="username">{t("login.username")}</label>
      <input id="username" autoComplete="username" value={username} required onChange={(e) => setUsername(e.target.value)} />
      <label htmlFor="password">{t("login.password")}</label>
      <input
        id="password"
        type="password"
        autoComplete="current-password"
        value={password}
        required
        onChange={(e) => setPassword(e.target.value)}
      />
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {t("login.submit")}
      </button>
    </form>
  );
}
