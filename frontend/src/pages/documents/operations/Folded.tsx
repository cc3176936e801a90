import { useId, useState } from "react";
import { useI18n } from "../../../i18n";
import { foldText } from "../../../operations";

/** A text as printed (an instruction sentence), quoted as a block (not in quotation marks: the sentence has its
 * own around the new text), folded when long: the first part, and the rest on request. */
export function Folded({ text, label }: { text: string; label: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const id = useId();
  const { short, folded } = foldText(text);
  const shown = open || !folded ? text : short;
  return (
    <figure className="folded">
      <figcaption className="visually-hidden">{label}</figcaption>
      <blockquote id={id} className="plain">
        {shown}
      </blockquote>
      {folded && (
        <button type="button" className="link" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
          {open ? t("ops.less") : t("ops.more")}
        </button>
      )}
    </figure>
  );
}
