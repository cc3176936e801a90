import { useEffect } from "react";

/**
 * A `<link rel="alternate">` in the page's head while the page shows (feed readers and browser extensions look
 * there for a page's Atom feed); removed when the page goes, so the next page does not announce this one's feed.
 */
export function useAlternateLink(href: string | null, type: string, title: string): void {
  useEffect(() => {
    if (!href) return;
    const link = document.createElement("link");
    link.rel = "alternate";
    link.type = type;
    link.href = href;
    link.title = title;
    document.head.appendChild(link);
    return () => link.remove();
  }, [href, type, title]);
}
