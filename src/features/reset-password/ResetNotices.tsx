import type { ReactNode } from "react";
import type { ApiError } from "../../api/errors.ts";
import { Alert } from "../../components/Alert.tsx";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { isMessage } from "../../forms/server-errors.ts";
import { describeResetError, INCORRECT_PASSCODE } from "./reset-errors.ts";

interface ResetNoticesProps {
  /** The id of the errors' container, for the form's `aria-describedby`. */
  errorsId: string;
  /** Why the password change failed, if it did. */
  changeFailure: unknown;
  /** Why asking for a new code failed, if it did. */
  resendFailure: unknown;
  /** The address a new code was just sent to. */
  resentTo: string | null;
  describeChangeFailure: (error: ApiError) => string | undefined;
  /** Seconds of the courtesy wait before another code may be asked for this address. */
  coolingFor: number;
  resendButton: ReactNode;
}

/**
 * The top of the reset form: at most one of a failed change, a failed resend, or a sent code. A
 * refused code comes with the way to a new one, and the new password stays typed meanwhile.
 */
export function ResetNotices({
  errorsId,
  changeFailure,
  resendFailure,
  resentTo,
  describeChangeFailure,
  coolingFor,
  resendButton,
}: ResetNoticesProps) {
  return (
    <>
      <div id={errorsId}>
        <ErrorAlert error={changeFailure} describe={describeChangeFailure}>
          {isMessage(changeFailure, INCORRECT_PASSCODE) ? (
            <>
              <p>Your new password stays filled in: get a new code and enter it below.</p>
              {coolingFor > 0 ? (
                <p>
                  A code for this address was requested less than a minute ago. If a newer email has
                  arrived, enter its code below.
                </p>
              ) : null}
              {resendButton}
            </>
          ) : null}
        </ErrorAlert>
        <ErrorAlert error={resendFailure} describe={describeResetError}>
          {resendButton}
        </ErrorAlert>
      </div>
      {resentTo !== null ? (
        <Alert tone="info" focusOnMount>
          <p>
            If an account uses <strong>{resentTo}</strong>, a new code is on its way. Enter it
            below, or open the link in the newest email. Earlier codes no longer work.
          </p>
        </Alert>
      ) : null}
    </>
  );
}
