import { useId, useState } from "react";
import { useI18n } from "../../../i18n";
import { foldText } from "../../../operations";

/** A text as printed (an instruction sentence), folded when long: the first part, and the rest on request. */
export function Folded({ text, label, quoted = false }: { text: string; label: string; quoted?: boolean }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const id = useId();
  const { short, folded } = foldText(text);
  const shown = open || !folded ? text : short;
  return (
    <figure className="folded">
      <figcaption className="visually-hidden">{label}</figcaption>
      <blockquote id={id} className={`plain${quoted ? " quoted" : ""}`}>
        {quoted ? `“${shown}”` : shown}
      </blockquote>
      {folded && (
        <button type="button" className="link" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
          {open ? t("ops.less") : t("ops.more")}
        </button>
      )}
    </figure>
  );
}
