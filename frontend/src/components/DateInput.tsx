import { useEffect, useId, useRef, useState, type InputHTMLAttributes } from "react";
import { useI18n } from "../i18n";
import type { MessageKey } from "../i18n/vi";

/**
 * One date field for the whole app. `value` and `onChange` speak ISO dates ("YYYY-MM-DD", "" for none), whatever
 * the user sees: the field itself is text in dd/mm/yyyy, as Vietnamese officials write dates, in both languages
 * (docs/decisions/0009-date-input.md). A browser's own `type="date"` follows the browser's language instead.
 */
export interface DateInputProps
  extends Omit<InputHTMLAttributes<HTMLInputElement>, "value" | "onChange" | "type" | "defaultValue"> {
  value: string;
  onChange: (iso: string) => void;
}

export type ParsedDate = { kind: "empty" } | { kind: "ok"; iso: string } | { kind: "format" } | { kind: "impossible" };

/** "15/03/2026", "5/3/2026", "15-03-2026", "15.03.2026" or a pasted ISO "2026-03-15". */
export function parseDate(text: string): ParsedDate {
  const trimmed = text.trim();
  if (!trimmed) return { kind: "empty" };
  let parts = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(trimmed)?.slice(1);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  if (iso) parts = [iso[3], iso[2], iso[1]];
  if (!parts) return { kind: "format" };
  const [day, month, year] = parts.map(Number);
  // The calendar decides (31/02, 29/02 outside leap years): a UTC date that rolls over was not a real day.
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (year < 1000 || probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
    return { kind: "impossible" };
  }
  return { kind: "ok", iso: `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}` };
}

/** ISO → dd/mm/yyyy ("" stays ""). */
export function displayDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : "";
}

/**
 * True when a date field under `root` holds text that is not a date: each such field says why (its own message),
 * the first takes the focus, and the caller must not send. The app's forms are `noValidate` (the API's messages
 * show next to their fields instead of the browser's), so the browser would not stop them: without this check an
 * unreadable date would go out as "no date" and could erase a stored one.
 */
export function refuseWrongDates(root: ParentNode | null): boolean {
  const wrong = Array.from(root?.querySelectorAll<HTMLInputElement>("input[data-date-input]") ?? []).filter(
    (field) => field.validity.customError,
  );
  for (const field of wrong) field.checkValidity(); // fires "invalid": the field shows its message
  wrong[0]?.focus();
  return wrong.length > 0;
}

const PROBLEMS: Record<"format" | "impossible", MessageKey> = { format: "date.format", impossible: "date.impossible" };

export function DateInput({ value, onChange, id, onBlur, required, ...rest }: DateInputProps) {
  const { t } = useI18n();
  const ownId = useId();
  const inputId = id ?? ownId;
  const [text, setText] = useState(() => displayDate(value));
  const [shown, setShown] = useState<"format" | "impossible" | null>(null);
  // The ISO value last sent up: a `value` the parent sets otherwise (a reset, a loaded record) replaces the text.
  const sent = useRef(value);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (value !== sent.current) {
      sent.current = value;
      setText(displayDate(value));
      setShown(null);
    }
  }, [value]);

  const parsed = parseDate(text);
  const problem = parsed.kind === "format" || parsed.kind === "impossible" ? parsed.kind : null;
  const message = problem ? t(PROBLEMS[problem], { text: text.trim() }) : "";
  useEffect(() => {
    // The form refuses to submit a wrong date, with the same words (nothing half-saved).
    input.current?.setCustomValidity(message);
  }, [message]);

  const change = (next: string) => {
    setText(next);
    const result = parseDate(next);
    const iso = result.kind === "ok" ? result.iso : "";
    // An impossible date says so as soon as it is whole; a half-typed one waits for the reader to leave the field.
    setShown(result.kind === "impossible" ? "impossible" : null);
    if (iso !== sent.current) {
      sent.current = iso;
      onChange(iso);
    }
  };
  const messageId = `${inputId}-problem`;
  return (
    <>
      <input
        {...rest}
        ref={input}
        id={inputId}
        type="text"
        data-date-input=""
        inputMode="numeric"
        autoComplete="off"
        placeholder={t("date.placeholder")}
        required={required}
        value={text}
        aria-invalid={shown ? true : rest["aria-invalid"]}
        aria-describedby={[rest["aria-describedby"], shown ? messageId : ""].filter(Boolean).join(" ") || undefined}
        onChange={(event) => change(event.target.value)}
        onInvalid={() => setShown(problem)}
        onBlur={(event) => {
          setShown(problem);
          if (parsed.kind === "ok") setText(displayDate(parsed.iso));
          onBlur?.(event);
        }}
      />
      {shown && (
        <span id={messageId} className="field-errors date-problem" role="alert">
          {message}
        </span>
      )}
    </>
  );
}
