import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { ErrorMessage } from "../../components/ErrorMessage";
import { FieldErrors } from "../../components/FieldErrors";
import { useI18n } from "../../i18n";
import { useWrite } from "../../useWrite";
import { feedPath, subscribe, type WatchKind } from "../../watching";

/** One thing a reader may follow from a page: the document itself, its issuer, one of its fields. */
export interface FollowChoice {
  kind: WatchKind;
  target: string;
  /** What the reader reads next to the choice ("Văn bản này (12/2024/QĐ-UBND)"). */
  label: string;
  /** What the reader should know about this choice, said under the choices. */
  hint?: string;
}

/** The Atom feed icon (the usual orange square), drawn inline so it needs no request. */
function FeedIcon() {
  return (
    <svg className="feed-icon" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <rect width="16" height="16" rx="3" fill="#c2410c" />
      <circle cx="4.5" cy="11.5" r="1.6" fill="#fff" />
      <path d="M3 7a6 6 0 0 1 6 6M3 3.5a9.5 9.5 0 0 1 9.5 9.5" stroke="#fff" strokeWidth="1.8" fill="none" />
    </svg>
  );
}

/** A link to an Atom feed: the icon and "Atom", with what it is for the screen reader. */
export function FeedLink({ href, hint }: { href: string; hint: string }) {
  const { t } = useI18n();
  return (
    <a href={href} type="application/atom+xml" className="feed-link">
      <FeedIcon />
      {t("watch.feed")}
      <span className="visually-hidden"> — {hint}</span>
    </a>
  );
}

/**
 * "Theo dõi văn bản": a button that opens a small form (what to follow, an e-mail address). Whatever the API did
 * with a well-formed request, it answers the same 202 and the form says the same "check your mailbox"; a 400 shows
 * its messages under the fields, a 429 asks to try later. The first choice is the default.
 */
export function FollowPanel({
  choices,
  toggleLabel,
  feedHint,
}: {
  choices: FollowChoice[];
  /** The button's words ("Theo dõi văn bản", "Theo dõi tìm kiếm này"). */
  toggleLabel: string;
  /** What the first choice's feed is, for a screen reader; none: no feed link beside the button. */
  feedHint?: string;
}) {
  const { t } = useI18n();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [choice, setChoice] = useState(0);
  const [email, setEmail] = useState("");
  const [sentTo, setSentTo] = useState<string | null>(null);
  const { error, setError, busy, run } = useWrite();
  const chosen = choices[choice] ?? choices[0];
  const firstFeed = feedHint === undefined ? null : feedPath(choices[0].kind, choices[0].target);
  const chosenFeed = feedPath(chosen.kind, chosen.target);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const address = email.trim();
    if (await run(() => subscribe(chosen.kind, chosen.target, address))) setSentTo(address);
  };
  // The form goes away under the keyboard's focus when it is sent or closed: focus goes to what replaces it (the
  // message) or back to the button, not to the page's start.
  const toggleRef = useRef<HTMLButtonElement>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (sentTo !== null) statusRef.current?.focus();
  }, [sentTo]);
  const close = () => {
    setOpen(false);
    toggleRef.current?.focus();
  };
  const fields = error?.status === 400 ? error.fields : {};
  // A 400 about the target or the kind has no field on the form: it is said above the button.
  const otherFields = Object.entries(fields).filter(([name]) => name !== "email");

  return (
    <div className="follow">
      <div className="follow-bar">
        <button
          ref={toggleRef}
          type="button"
          className="secondary"
          aria-expanded={open}
          aria-controls={`${id}-form`}
          onClick={() => {
            setOpen(!open);
            setSentTo(null);
            setError(null);
          }}
        >
          {toggleLabel}
        </button>
        {firstFeed && feedHint && <FeedLink href={firstFeed} hint={feedHint} />}
      </div>
      <div id={`${id}-form`} hidden={!open}>
        {open && sentTo === null && (
          <form className="follow-form card" onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
            <h2 id={`${id}-title`}>{t("watch.formLabel")}</h2>
            <p className="muted">{t("watch.intro")}</p>
            {choices.length > 1 && (
              <fieldset>
                <legend>{t("watch.what")}</legend>
                {choices.map((item, index) => (
                  <label key={`${item.kind}:${item.target}`} className="choice">
                    <input
                      type="radio"
                      name={`${id}-what`}
                      checked={index === choice}
                      onChange={() => setChoice(index)}
                    />
                    <span>{item.label}</span>
                  </label>
                ))}
              </fieldset>
            )}
            {chosen.hint && <p className="muted">{chosen.hint}</p>}
            <label htmlFor={`${id}-email`}>{t("watch.email")}</label>
            <input
              id={`${id}-email`}
              type="email"
              autoComplete="email"
              inputMode="email"
              required
              value={email}
              aria-describedby={`${id}-hint`}
              aria-invalid={fields.email ? true : undefined}
              onChange={(event) => setEmail(event.target.value)}
            />
            <p id={`${id}-hint`} className="muted">
              {t("watch.emailHint")}
            </p>
            <FieldErrors messages={fields.email} />
            {otherFields.length > 0 && <FieldErrors messages={otherFields.flatMap(([, messages]) => messages)} />}
            {error?.status === 429 && (
              <p role="alert" className="error">
                {t("watch.throttled")}
              </p>
            )}
            {error && error.status !== 400 && error.status !== 429 && <ErrorMessage error={error} />}
            {error?.status === 400 && Object.keys(fields).length === 0 && <ErrorMessage error={error} />}
            <div className="actions">
              <button type="submit" disabled={busy}>
                {t("watch.submit")}
              </button>
              <button type="button" className="secondary" onClick={close}>
                {t("watch.cancel")}
              </button>
            </div>
            {chosenFeed && choices.length > 1 && (
              <p className="muted">
                {t("watch.feedOf")}: <FeedLink href={chosenFeed} hint={chosen.label} />
              </p>
            )}
          </form>
        )}
        {/* In the panel from the moment it opens, so that the message is announced when it appears; a closed
            panel (hidden) leaves no empty status region in the document's page. */}
        <p ref={statusRef} tabIndex={-1} role="status" className={sentTo !== null ? "notice" : "visually-hidden"}>
          {sentTo !== null ? t("watch.checkMail", { email: sentTo }) : ""}
        </p>
      </div>
    </div>
  );
}
