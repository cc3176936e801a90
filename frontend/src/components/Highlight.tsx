import { Fragment } from "react";

/** Render the search engine's snippet: only <mark> is markup, everything else is text (never HTML). */
export function Highlight({ html }: { html: string }) {
  const parts = html.split(/(<mark>|<\/mark>)/);
  let marked = false;
  return (
    <>
      {parts.map((part, index) => {
        if (part === "<mark>") {
          marked = true;
          return null;
        }
        if (part === "</mark>") {
          marked = false;
          return null;
        }
        return marked ? <mark key={index}>{part}</mark> : <Fragment key={index}>{part}</Fragment>;
      })}
    </>
  );
}
