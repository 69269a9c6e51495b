import type { ComponentPropsWithRef, KeyboardEvent, ReactNode } from "react";
import { useId, useState } from "react";

export interface PasswordFieldProps
  extends Omit<ComponentPropsWithRef<"input">, "id" | "type" | "autoComplete"> {
  label: ReactNode;
  autoComplete: "current-password" | "new-password";
  error?: string | undefined;
  hint?: ReactNode;
  labelAside?: ReactNode;
  /** Rendered under the input, e.g. a strength meter. Give it `describedById` to be announced. */
  children?: ReactNode;
  /** Id of an element (inside children) that describes the input. */
  describedById?: string | undefined;
}

/** The label as it reads mid-sentence ("Show current password"). */
function fieldName(label: ReactNode): ReactNode {
  return typeof label === "string" ? label.charAt(0).toLowerCase() + label.slice(1) : label;
}

/** Every password input in the app: show/hide toggle, caps-lock hint, password-manager tokens. */
export function PasswordField({
  label,
  autoComplete,
  error,
  hint,
  labelAside,
  children,
  describedById,
  onKeyDown,
  onKeyUp,
  onBlur,
  ...inputProps
}: PasswordFieldProps) {
  const id = useId();
  const [visible, setVisible] = useState(false);
  const [capsLock, setCapsLock] = useState(false);
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const capsId = `${id}-caps`;
  const describedBy = [
    error ? errorId : null,
    capsLock ? capsId : null,
    hint ? hintId : null,
    describedById ?? null,
  ]
    .filter(Boolean)
    .join(" ");

  const trackCapsLock = (event: KeyboardEvent<HTMLInputElement>) => {
    // getModifierState is missing on some synthetic events (autofill); treat that as "off".
    setCapsLock(event.getModifierState?.("CapsLock") ?? false);
  };

  return (
    <div className="field">
      <div className="field-label-row">
        <label htmlFor={id}>{label}</label>
        {labelAside}
      </div>
      <div className="input-row">
        <input
          id={id}
          type={visible ? "text" : "password"}
          autoComplete={autoComplete}
          autoCapitalize="off"
          autoCorrect="off"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy || undefined}
          onKeyDown={(event) => {
            trackCapsLock(event);
            onKeyDown?.(event);
          }}
          onKeyUp={(event) => {
            trackCapsLock(event);
            onKeyUp?.(event);
          }}
          onBlur={(event) => {
            setCapsLock(false);
            onBlur?.(event);
          }}
          {...inputProps}
        />
        {/* Named by its content, "Show password": the visible word first (WCAG 2.5.3), then the
            field it reveals, visually hidden, so a form with three password fields has three
            different buttons. Never an aria-label: tools that find a field by its label
            (Playwright's getByLabel("Password"), Coder's own test helper) would match this button
            too. No aria-pressed: the word already changes. */}
        <button
          type="button"
          className="reveal"
          aria-controls={id}
          onClick={() => setVisible((v) => !v)}
        >
          {visible ? "Hide" : "Show"} <span className="visually-hidden">{fieldName(label)}</span>
        </button>
      </div>
      {capsLock ? (
        <p className="hint" id={capsId}>
          Caps Lock is on.
        </p>
      ) : null}
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
      {children}
    </div>
  );
}
