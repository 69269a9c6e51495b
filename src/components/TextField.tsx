import type { ComponentPropsWithRef, ReactNode } from "react";
import { useId } from "react";

export interface TextFieldProps extends Omit<ComponentPropsWithRef<"input">, "id"> {
  label: ReactNode;
  error?: string | undefined;
  hint?: ReactNode;
  /** Extra content on the label's line (e.g. a "Forgot password?" link). */
  labelAside?: ReactNode;
}

/** A labelled input whose hint and error are tied to it for assistive technology. */
export function TextField({ label, error, hint, labelAside, ...inputProps }: TextFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(" ");
  return (
    <div className="field">
      <div className="field-label-row">
        <label htmlFor={id}>{label}</label>
        {labelAside}
      </div>
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        {...inputProps}
      />
      {error ? (
        <p className="error" id={errorId}>
          {error}
        </p>
      ) : null}
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}
