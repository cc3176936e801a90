import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { useNavigate } from "react-router-dom";
import { api, query, type Schema } from "../api";
import { useI18n } from "../i18n";

export type Suggestion = Schema<"Suggestion">;

// Long enough that a typist's next key cancels the request (the public API allows 60 searches a minute per
// address, suggestions included), short enough to feel immediate.
export const SUGGEST_DELAY_MS = 250;
const MIN_CHARS = 2;

interface Props {
  id: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
}

/**
 * The search box with suggestions as you type (ARIA 1.2 combobox with a listbox popup): arrows move through
 * the suggestions, Enter opens the chosen document (or, with none chosen, submits the search), Escape closes
 * the list. Answers that come after the text moved on are dropped.
 */
export function SearchSuggest({ id, value, onChange, placeholder }: Props) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const listId = useId();
  const [items, setItems] = useState<Suggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  // What the reader typed last (not what a navigation put in the box): only that is suggested for.
  const [typed, setTyped] = useState<string | null>(null);
  const asked = useRef(0);
  const cache = useRef(new Map<string, Suggestion[]>());

  // Answers carry the ticket of the text they were asked for: one that comes after the text moved on is dropped.
  const show = (ticket: number, found: Suggestion[]) => {
    if (ticket !== asked.current) return; // a later text has been asked for since
    setItems(found);
    setActive(-1);
    setOpen(found.length > 0);
  };
  // The reader typed (or, with null, left the box for a search or a document): what can be shown at once is shown
  // here, in the event; only a text not asked for before waits for the API (the effect below).
  const ask = (next: string | null) => {
    setTyped(next);
    const text = (next ?? "").trim();
    const ticket = ++asked.current;
    const known = cache.current.get(text);
    if (next === null || text.length < MIN_CHARS) {
      setItems([]);
      setOpen(false);
    } else if (known) show(ticket, known);
  };

  useEffect(() => {
    const text = (typed ?? "").trim();
    if (typed === null || text.length < MIN_CHARS || cache.current.has(text)) return;
    const ticket = asked.current;
    const timer = window.setTimeout(() => {
      api<Schema<"SuggestAnswer">>(`/search/suggest/${query({ q: text })}`).then(
        (answer) => {
          cache.current.set(text, answer.results);
          show(ticket, answer.results);
        },
        () => show(ticket, []), // suggestions are a help: when they fail, the search itself still works
      );
    }, SUGGEST_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [typed]);

  const choose = (item: Suggestion) => {
    ask(null);
    navigate(`/van-ban/${item.id}`);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!items.length) return;
      event.preventDefault();
      if (!open) {
        setOpen(true);
        setActive(event.key === "ArrowDown" ? 0 : items.length - 1);
        return;
      }
      const step = event.key === "ArrowDown" ? 1 : -1;
      // -1 is the text box itself: the arrows go round the suggestions through it.
      const slots = items.length + 1;
      setActive((current) => ((((current + 1 + step) % slots) + slots) % slots) - 1);
    } else if (event.key === "Enter" && open && active >= 0 && active < items.length) {
      event.preventDefault();
      choose(items[active]);
    } else if (event.key === "Enter") {
      // The search itself is submitted: no suggestion list should open over its results.
      ask(null);
    } else if (event.key === "Escape") {
      if (open) {
        event.preventDefault();
        setOpen(false);
        setActive(-1);
      }
    }
  };
  const expanded = open && items.length > 0;
  const optionId = (index: number) => `${listId}-${index}`;
  return (
    <div className="suggest">
      <input
        id={id}
        name="q"
        type="search"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 && active < items.length ? optionId(active) : undefined}
        value={value}
        placeholder={placeholder}
        autoComplete="off"
        onChange={(event) => {
          onChange(event.target.value);
          ask(event.target.value);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
      />
      <ul id={listId} role="listbox" aria-label={t("search.suggestions")} className="suggestions" hidden={!expanded}>
        {items.map((item, index) => (
          <li
            key={item.id}
            id={optionId(index)}
            role="option"
            aria-selected={index === active}
            // mousedown, not click: the input keeps its focus, and the list is still there when the click lands
            onMouseDown={(event) => {
              event.preventDefault();
              choose(item);
            }}
          >
            <span className="suggestion-number">{item.number}</span>
            <span className="suggestion-title">{item.title}</span>
          </li>
        ))}
      </ul>
      <p className="visually-hidden" aria-live="polite">
        {expanded ? t("search.suggestCount", { count: items.length }) : ""}
      </p>
    </div>
  );
}
