import { useId, useMemo } from "react";
import { describeRuleFailure, type ServerVerdict } from "../forms/password-fields.ts";
import { type CharacterGroup, type PasswordStrength, passwordStrength } from "../password/index.ts";
import { PasswordField, type PasswordFieldProps } from "./PasswordField.tsx";

const GROUP_ADVICE: Record<CharacterGroup, string> = {
  lowercase: "lowercase letters",
  uppercase: "uppercase letters",
  numbers: "numbers",
  special: "symbols from each kind: ! @ $ & *, spaces or _ - . , and others like # % ? +",
};
const LEVEL_LABEL = { "too weak": "Too weak", weak: "Good enough", ok: "Good", strong: "Strong" };
/** Show the byte count once it is worth watching. */
const BYTES_SHOWN_FROM = 48;

interface NewPasswordFieldProps
  extends Omit<PasswordFieldProps, "autoComplete" | "children" | "describedById"> {
  /** The field's current value (react-hook-form `watch`). */
  value: string;
  strength: PasswordStrength;
  server: ServerVerdict | undefined;
  /** The value as of the last pause in typing: announcements follow this, not every keystroke. */
  settledPassword: string;
}

/** A password input for a new password, with a live, accessible strength meter. */
export function NewPasswordField({
  value,
  strength,
  server,
  settledPassword,
  ...fieldProps
}: NewPasswordFieldProps) {
  const id = useId();
  const summaryId = `${id}-summary`;
  const meterLabelId = `${id}-meter-label`;
  const serverDisagrees = server !== undefined && server.valid !== strength.valid;
  const valid = server?.valid ?? strength.valid;
  const settled = useMemo(() => passwordStrength(settledPassword), [settledPassword]);

  return (
    <PasswordField autoComplete="new-password" describedById={summaryId} {...fieldProps}>
      {value.length > 0 ? (
        <div className="strength">
          <span className="visually-hidden" id={meterLabelId}>
            Password strength
          </span>
          <meter
            aria-labelledby={meterLabelId}
            aria-valuetext={`${Math.floor(strength.entropy)} of ${strength.requiredBits} bits needed`}
            min={0}
            max={96}
            low={strength.requiredBits}
            high={80}
            optimum={96}
            value={Math.min(strength.entropy, 96)}
          />
          <p id={summaryId}>
            <strong>{valid ? LEVEL_LABEL[strength.level] : "Too weak"}</strong>:{" "}
            {Math.floor(strength.entropy)} of {strength.requiredBits} bits
            {strength.bytes >= BYTES_SHOWN_FROM || strength.tooLong
              ? `, ${strength.bytes} of ${strength.maxBytes} bytes`
              : ""}
          </p>
          {!strength.valid && !strength.tooLong ? (
            <ul>
              {strength.missingGroups.map((group) => (
                <li key={group}>Add {GROUP_ADVICE[group]}</li>
              ))}
              <li>
                Or add about {strength.extraCharsNeeded} more character
                {strength.extraCharsNeeded === 1 ? "" : "s"}
              </li>
            </ul>
          ) : null}
          {strength.tooLong ? <p>Use at most {strength.maxBytes} bytes.</p> : null}
          {serverDisagrees && !server.valid ? <p>{describeRuleFailure(server.details)}</p> : null}
        </div>
      ) : (
        <p className="hint" id={summaryId}>
          At least {strength.requiredBits} bits of strength: a long phrase or a mix of letters,
          numbers and symbols.
        </p>
      )}
      {/* Polite, and only once typing pauses: a screen reader is not interrupted per keystroke. */}
      <p className="visually-hidden" aria-live="polite">
        {settledPassword.length === 0
          ? ""
          : settled.valid
            ? `Password strength ${LEVEL_LABEL[settled.level].toLowerCase()}.`
            : settled.tooLong
              ? "Password too long."
              : `Password too weak, ${Math.floor(settled.entropy)} of ${settled.requiredBits} bits.`}
      </p>
    </PasswordField>
  );
}
