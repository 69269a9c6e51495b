import { useEffect, useId, useRef, useState } from "react";
import { copyText } from "./copy-text.ts";

const MESSAGES = {
  copied: "Copied",
  manual:
    "Your browser didn't let this page copy. The token is selected: press Ctrl+C (⌘C on a Mac) to copy it.",
} as const;

/** The token, read-only and selectable, with a copy button whose outcome is announced politely. */
export function TokenField({ token }: { token: string }) {
  const id = useId();
  const field = useRef<HTMLInputElement>(null);
  const [outcome, setOutcome] = useState<keyof typeof MESSAGES | null>(null);

  // "Copied" fades after a while, so copying again is announced again.
  useEffect(() => {
    if (outcome !== "copied") return;
    const timer = setTimeout(() => setOutcome(null), 4000);
    return () => clearTimeout(timer);
  }, [outcome]);

  const copy = async () => {
    setOutcome(null);
    const result = await copyText(token, field.current);
    setOutcome(result);
    if (result === "manual") {
      field.current?.focus();
      field.current?.select();
    }
  };

  return (
    <div className="field">
      <div className="field-label-row">
        <label htmlFor={id}>Session token</label>
      </div>
      <div className="input-row">
        <input
          ref={field}
          id={id}
          type="text"
          className="token"
          value={token}
          readOnly
          autoComplete="off"
          autoCapitalize="off"
          autoCorrect="off"
          spellCheck={false}
          onFocus={(event) => event.currentTarget.select()}
        />
        <button type="button" className="reveal" onClick={copy}>
          Copy
        </button>
      </div>
      <p className="hint copy-status" role="status">
        {outcome ? MESSAGES[outcome] : null}
      </p>
    </div>
  );
}
