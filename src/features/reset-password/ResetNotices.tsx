import { Alert } from "../../components/Alert.tsx";
import { EmailAddress } from "../../components/EmailAddress.tsx";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { describeResetError } from "./reset-errors.ts";

interface ResetNoticesProps {
  /** Why the password change failed, if it did (a refused code goes on the code's field). */
  changeFailure: unknown;
  /** Why asking for a new code failed, if it did. */
  resendFailure: unknown;
  /** The address a new code was just sent to. */
  resentTo: string | null;
}

/** The top of the reset form: a failed change, a failed resend, or a code on its way. */
export function ResetNotices({ changeFailure, resendFailure, resentTo }: ResetNoticesProps) {
  return (
    <>
      <ErrorAlert error={changeFailure} describe={describeResetError} />
      <ErrorAlert error={resendFailure} describe={describeResetError} />
      {resentTo !== null ? (
        <Alert tone="info" focusOnMount>
          <p>
            If an account uses{" "}
            <strong>
              <EmailAddress email={resentTo} />
            </strong>
            , a new code is on its way. Enter it below, or open the link in the newest email.
            Earlier codes no longer work.
          </p>
        </Alert>
      ) : null}
    </>
  );
}
