// Coder's Enterprise trial, offered where Coder's own setup page offers it. Nothing before setup
// says whether a deployment can issue one (the licensor is asked when the account is created),
// so the option is always there, unticked, and a refusal says so and how to go on without it.
// The checkbox is in the form's stand-in too; the fields it asks for (trial-fields.tsx) come
// with the form's code.
import type { ComponentPropsWithRef } from "react";
import { useId } from "react";

const PRICING_URL = "https://coder.com/pricing";

/** The checkbox and what it offers; the same markup in the form and its stand-in. */
export function TrialCheckbox(props: Omit<ComponentPropsWithRef<"input">, "type" | "id">) {
  const id = useId();
  return (
    <div className="field checkbox-field">
      <input id={id} type="checkbox" aria-describedby={`${id}-hint`} {...props} />
      <div>
        <label htmlFor={id}>Start a 30-day trial of Coder Premium</label>
        <p className="hint" id={`${id}-hint`}>
          High availability, template permissions, audit logs, quotas and more. Coder asks its
          licensing server for the trial when the account is created.{" "}
          <a href={PRICING_URL} target="_blank" rel="noreferrer noopener">
            What Premium includes<span className="visually-hidden"> (opens in a new tab)</span>
          </a>
        </p>
      </div>
    </div>
  );
}
