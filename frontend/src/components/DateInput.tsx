import type { InputHTMLAttributes } from "react";

/**
 * One date field for the whole app. `value` and `onChange` speak ISO dates ("YYYY-MM-DD", "" for none), whatever
 * the user sees. (Interface fixed; the dd/mm/yyyy text entry of issue #12 replaces this body.)
 */
export interface DateInputProps
  extends Omit<InputHTMLAttributes<HTMLInputElement>, "value" | "onChange" | "type" | "defaultValue"> {
  value: string;
  onChange: (iso: string) => void;
}

export function DateInput({ value, onChange, ...rest }: DateInputProps) {
  return <input {...rest} type="date" value={value} onChange={(event) => onChange(event.target.value)} />;
}
