/** The API's messages for one field, shown right under it. */
export function FieldErrors({ messages }: { messages?: string[] }) {
  if (!messages?.length) return null;
  // A live region, so a screen reader announces the message when it appears next to the field.
  return (
    <div className="field-errors" role="alert">
      {messages.map((message, index) => (
        <p key={index}>{message}</p>
      ))}
    </div>
  );
}
