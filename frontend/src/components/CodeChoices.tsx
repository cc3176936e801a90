import { FieldErrors } from "./FieldErrors";

/** The options of a select over coded names (document types, issuers, fields: see names.ts), by name. */
export function CodeOptions({ names }: { names: Record<string, string> | undefined }) {
  return (
    <>
      {Object.entries(names ?? {}).map(([code, name]) => (
        <option key={code} value={code}>
          {name}
        </option>
      ))}
    </>
  );
}

/** Several coded names chosen by checkboxes (a document's fields, a list's issuers), with the API's messages. */
export function CodeCheckboxes(props: {
  legend: string;
  names: Record<string, string> | undefined;
  value: string[];
  onChange: (codes: string[]) => void;
  errors?: string[];
  className?: string;
}) {
  const { value, onChange } = props;
  return (
    <fieldset className={props.className ?? "form-field"}>
      <legend>{props.legend}</legend>
      <div className="checkbox-grid">
        {Object.entries(props.names ?? {}).map(([code, name]) => (
          <label key={code} className="inline">
            <input
              type="checkbox"
              checked={value.includes(code)}
              onChange={(event) => onChange(event.target.checked ? [...value, code] : value.filter((item) => item !== code))}
            />
            {name}
          </label>
        ))}
      </div>
      <FieldErrors messages={props.errors} />
    </fieldset>
  );
}
