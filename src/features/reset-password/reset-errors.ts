// Coder's answers on the reset endpoints, in words that say what to do next.
import { type ApiError, fallbackMessage } from "../../api/errors.ts";

export const PASSWORD_AUTH_DISABLED = "Password authentication is disabled.";
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
