import { Fragment, type ReactNode } from "react";

/** Render the search engine's snippet: only <mark> is markup, everything else is text (never HTML). */
export function Highlight({ html }: { html: string }) {
  const nodes: ReactNode[] = [];
  let marked = false;
  html.split(/(<mark>|<\/mark>)/).forEach((part, index) => {
    if (part === "<mark>") marked = true;
    else if (part === "</mark>") marked = false;
    else nodes.push(marked ? <mark key={index}>{part}</mark> : <Fragment key={index}>{part}</Fragment>);
  });
  return <>{nodes}</>;
}
