import { useId } from "react";
import { adviseOnPassword, personalMatch, personalWarning } from "../forms/password-advice.ts";
import type { ServerVerdict } from "../forms/password-fields.ts";
import { describeRuleFailure, ruleFailureProblem } from "../forms/rule-failure.ts";
import { type PasswordStrength, passwordStrength } from "../password/index.ts";
import { NEW_PASSWORD_HINT, PasswordAnnouncement } from "./BlankNewPasswordField.tsx";
import { PasswordField, type PasswordFieldProps } from "./PasswordField.tsx";

/**
 * The meter's scale: full at 96 bits; the rule's bar (52) is its "low" mark and "Looks good."
 * (64, strength.ts) its "high" one, so its colour agrees with the words: red refused, amber
 * "Just enough.", green from "Looks good." on.
 */
const METER_MAX_BITS = 96;
const METER_HIGH_BITS = 64;

interface NewPasswordFieldProps
  extends Omit<PasswordFieldProps, "autoComplete" | "children" | "describedById"> {
  /** The field's current value (react-hook-form `watch`). */
  value: string;
  strength: PasswordStrength;
  server: ServerVerdict | undefined;
  /** The value as of the last pause in typing: announcements follow this, not every keystroke. */
  settledPassword: string;
  /** The account the password is for: a password containing its address or name gets a warning. */
  account?: { email?: string | undefined; username?: string | undefined };
}

/**
 * The verdict that counts for `password`: the server's when it has judged exactly this password
 * (a future Coder with another rule gets its way), else the local rule's. Then our words for it.
 */
function verdictFor(
  password: string,
  strength: PasswordStrength,
  server: ServerVerdict | undefined,
  account: NewPasswordFieldProps["account"],
) {
  const fromServer = server !== undefined && server.password === password;
  const valid = fromServer ? server.valid : strength.valid;
  const details = fromServer ? server.details : strength.details;
  const personal = account ? personalMatch(password, account) : undefined;
  const { headline, advice } = adviseOnPassword(strength, valid, details, personal);
  // Only the server can refuse for a reason the figures don't already show.
  const serverNote =
    fromServer && !server.valid && server.details !== strength.details
      ? describeRuleFailure(server.details)
      : undefined;
  const warning = personal ? personalWarning(personal) : undefined;
  return { valid, details, headline, advice, serverNote, warning };
}

/** What the live region says about the settled password. */
function announcement(
  password: string,
  server: ServerVerdict | undefined,
  account: NewPasswordFieldProps["account"],
): string {
  if (password === "") return "";
  const { headline, serverNote, warning } = verdictFor(
    password,
    passwordStrength(password),
    server,
    account,
  );
  // The server's own sentence only where the headline can't say it ("Not accepted.").
  const reason = headline === "Not accepted." ? serverNote : undefined;
  return [`Password: ${headline}`, reason, warning].filter(Boolean).join(" ");
}

/** A password input for a new password, with a live, accessible strength meter. */
export function NewPasswordField({
  value,
  strength,
  server,
  settledPassword,
  account,
  ...fieldProps
}: NewPasswordFieldProps) {
  const id = useId();
  const summaryId = `${id}-summary`;
  const warningId = `${id}-warning`;
  const noteId = `${id}-server-note`;
  const meterLabelId = `${id}-meter-label`;
  const { valid, details, headline, advice, serverNote, warning } = verdictFor(
    value,
    strength,
    server,
    account,
  );
  // The form's error is the rule's refusal of this very password: it says what is wrong, the
  // meter what to do about it, each once.
  const refusedHere =
    value.length > 0 &&
    !valid &&
    advice !== "" &&
    fieldProps.error !== undefined &&
    fieldProps.error === describeRuleFailure(details);
  const error = refusedHere ? ruleFailureProblem(details) : fieldProps.error;
  // The form may already show the same sentence as the field's error; once is enough.
  const note =
    value.length > 0 && serverNote !== undefined && serverNote !== fieldProps.error
      ? serverNote
      : undefined;
  const describedBy = [
    summaryId,
    value.length > 0 && warning ? warningId : null,
    note === undefined ? null : noteId,
  ]
    .filter(Boolean)
    .join(" ");

  return (
    <PasswordField
      autoComplete="new-password"
      describedById={describedBy}
      {...fieldProps}
      error={error}
    >
      {value.length > 0 ? (
        // Refused, the advice changes with every key (one to three lines): room for three keeps
        // what follows still. Accepted, the words are fixed and take only their own room.
        <div className={valid ? "strength" : "strength refused"}>
          <span className="visually-hidden" id={meterLabelId}>
            Password strength
          </span>
          <meter
            aria-labelledby={meterLabelId}
            aria-valuetext={headline}
            min={0}
            max={METER_MAX_BITS}
            low={strength.requiredBits}
            high={METER_HIGH_BITS}
            optimum={METER_MAX_BITS}
            value={Math.min(strength.entropy, METER_MAX_BITS)}
          />
          <p id={summaryId}>
            {refusedHere ? (
              advice
            ) : (
              <>
                <strong>{headline}</strong>
                {advice ? ` ${advice}` : null}
              </>
            )}
          </p>
          {warning ? (
            <p id={warningId} className="strength-warning">
              {warning}
            </p>
          ) : null}
          {note !== undefined ? <p id={noteId}>{note}</p> : null}
          {/* The exact figures, for whoever wants them; out of the way of everyone else. */}
          <details className="strength-figures">
            <summary>Exact figures</summary>
            <p>
              {Math.floor(strength.entropy)} bits of estimated strength; Coder asks for at least{" "}
              {strength.requiredBits}. {strength.bytes} of {strength.maxBytes} bytes used.
            </p>
          </details>
        </div>
      ) : (
        <p className="hint" id={summaryId}>
          {NEW_PASSWORD_HINT}
        </p>
      )}
      {/* Only once typing pauses: a screen reader is not interrupted per keystroke. */}
      <PasswordAnnouncement>{announcement(settledPassword, server, account)}</PasswordAnnouncement>
    </PasswordField>
  );
}
