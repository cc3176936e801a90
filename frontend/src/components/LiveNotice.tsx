/** What a write just did, in a status region that is always in the page (hidden while empty), so that assistive
 * technology announces each new message in it. */
export function LiveNotice({ notice }: { notice: string | null }) {
  return (
    <p role="status" className={notice ? "notice" : "visually-hidden"}>
      {notice}
    </p>
  );
}
