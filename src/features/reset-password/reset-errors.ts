// Coder's answers on the reset endpoints, in words that say what to do next.
import { type ApiError, fallbackMessage } from "../../api/errors.ts";
import { describeRuleFailure } from "../../forms/rule-failure.ts";

const PASSWORD_AUTH_DISABLED = "Password authentication is disabled.";
export const INCORRECT_PASSCODE = "Incorrect email or one-time passcode.";
export const SAME_AS_OLD_PASSWORD = "New password cannot match old password.";

export const passwordAuthDisabledText =
  "Password sign-in is turned off for this deployment, so there is no password to reset. Sign in with another option, or ask your administrator for help.";

/** For `ErrorAlert`'s `describe`: our text where Coder's says too little; undefined keeps Coder's. */
export function describeResetError(error: ApiError): string | undefined {
  if (error.status === 403 && error.message === PASSWORD_AUTH_DISABLED)
    return passwordAuthDisabledText;
  // Coder's 500 says only "Internal error.", and a proxy's 502/503 says nothing usable.
  if (error.kind === "response" && error.status >= 500)
    return fallbackMessage("response", error.status);
  return undefined;
}

/**
 * What the code field says when Coder refuses the code, in one sentence. When the person typed the
 * address themselves it may be the address that is wrong, so say that too.
 */
export function describeRefusedCode(typedEmail: boolean): string {
  return typedEmail
    ? "This code doesn't work with this email address: check the address, or get a new code (codes expire after 20 minutes, and only the newest works)."
    : "This code doesn't work: it may be mistyped, already used, replaced by a newer one, or more than 20 minutes old.";
}

/** The reset form's fields that the server can name in `validations`. */
export type ResetField = "email" | "code" | "password";

/** Coder's field names, and what to say when the server rejects one the form already checked. */
export const SERVER_FIELDS: Readonly<
  Record<string, { field: ResetField; text: (detail: string) => string }>
> = {
  email: {
    field: "email",
    text: () => "The server didn't accept this address. Check it and try again.",
  },
  one_time_passcode: {
    field: "code",
    text: () => "The server didn't accept this code. Paste it again from the newest email.",
  },
  password: { field: "password", text: describeRuleFailure },
};
