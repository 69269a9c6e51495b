import { useId } from "react";
import type { ServerVerdict } from "../forms/password-fields.ts";
import { describeRuleFailure, ruleFailureKind } from "../forms/rule-failure.ts";
import {
  type CharacterGroup,
  type PasswordStrength,
  passwordStrength,
  type StrengthLevel,
} from "../password/index.ts";
import { PasswordField, type PasswordFieldProps } from "./PasswordField.tsx";

const GROUP_ADVICE: Record<CharacterGroup, string> = {
  lowercase: "lowercase letters",
  uppercase: "uppercase letters",
  numbers: "numbers",
  special: "symbols from each kind: ! @ $ & *, spaces or _ - . , and others like # % ? +",
};
const LEVEL_LABEL: Record<StrengthLevel, string> = {
  "too weak": "Too weak",
  weak: "Good enough",
  ok: "Good",
  strong: "Strong",
};
const REFUSAL_LABEL = { "too weak": "Too weak", "too long": "Too long", other: "Not accepted" };
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

/**
 * The verdict that counts for `password`: the server's when it has judged exactly this password
 * (a future Coder with another rule gets its way), else the local rule's.
 */
function verdictFor(
  password: string,
  strength: PasswordStrength,
  server: ServerVerdict | undefined,
) {
  const fromServer = server !== undefined && server.password === password;
  const valid = fromServer ? server.valid : strength.valid;
  const details = fromServer ? server.details : strength.details;
  const label = valid
    ? strength.valid
      ? LEVEL_LABEL[strength.level]
      : "Accepted"
    : REFUSAL_LABEL[ruleFailureKind(details)];
  // Only the server can refuse for a reason the figures don't already show.
  const serverNote =
    fromServer && !server.valid && server.details !== strength.details
      ? describeRuleFailure(server.details)
      : undefined;
  return { valid, details, label, serverNote };
}

/** What the live region says about the settled password. */
function announcement(password: string, server: ServerVerdict | undefined): string {
  if (password === "") return "";
  const strength = passwordStrength(password);
  const { valid, details } = verdictFor(password, strength, server);
  if (valid)
    return strength.valid
      ? `Password strength ${LEVEL_LABEL[strength.level].toLowerCase()}.`
      : "Password accepted.";
  switch (ruleFailureKind(details)) {
    case "too weak":
      return strength.entropy < strength.requiredBits
        ? `Password too weak, ${Math.floor(strength.entropy)} of ${strength.requiredBits} bits.`
        : "Password too weak.";
    case "too long":
      return "Password too long.";
    default:
      return `Password not accepted: ${describeRuleFailure(details)}`;
  }
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
  const noteId = `${id}-server-note`;
  const meterLabelId = `${id}-meter-label`;
  const { valid, label, serverNote } = verdictFor(value, strength, server);
  // The form may already show the same sentence as the field's error; once is enough.
  const note =
    value.length > 0 && serverNote !== undefined && serverNote !== fieldProps.error
      ? serverNote
      : undefined;
  const advice = !valid && strength.entropy < strength.requiredBits;

  return (
    <PasswordField
      autoComplete="new-password"
      describedById={note === undefined ? summaryId : `${summaryId} ${noteId}`}
      {...fieldProps}
    >
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
            <strong>{label}</strong>: {Math.floor(strength.entropy)} of {strength.requiredBits} bits
            {strength.bytes >= BYTES_SHOWN_FROM || strength.tooLong
              ? `, ${strength.bytes} of ${strength.maxBytes} bytes`
              : ""}
          </p>
          {advice && (strength.missingGroups.length > 0 || !strength.tooLong) ? (
            <ul>
              {strength.missingGroups.map((group) => (
                <li key={group}>Add {GROUP_ADVICE[group]}</li>
              ))}
              {/* More characters can't help a password that already has too many bytes. */}
              {strength.tooLong ? null : (
                <li>
                  Or add about {strength.extraCharsNeeded} more character
                  {strength.extraCharsNeeded === 1 ? "" : "s"}
                </li>
              )}
            </ul>
          ) : null}
          {!valid && strength.tooLong ? <p>Use at most {strength.maxBytes} bytes.</p> : null}
          {note !== undefined ? <p id={noteId}>{note}</p> : null}
        </div>
      ) : (
        <p className="hint" id={summaryId}>
          At least {strength.requiredBits} bits of strength: a long phrase or a mix of letters,
          numbers and symbols.
        </p>
      )}
      {/* Polite, and only once typing pauses: a screen reader is not interrupted per keystroke. */}
      <p className="visually-hidden" aria-live="polite">
        {announcement(settledPassword, server)}
      </p>
    </PasswordField>
  );
}
