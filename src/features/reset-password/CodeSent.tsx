import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { requestOneTimePasscodeMutation } from "../../api/password-reset.ts";
import { passwordResetElsewhereQuery } from "../../api/session.ts";
import { Alert } from "../../components/Alert.tsx";
import { AppLink } from "../../components/AppLink.tsx";
import { Button } from "../../components/Button.tsx";
import { EmailAddress } from "../../components/EmailAddress.tsx";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { useSubmitGuard } from "../../components/useSubmitGuard.ts";
import { emailSearch } from "./passcode.ts";
import { ResendCodeButton } from "./ResendCodeButton.tsx";
import { recordRequest, useResendCooldown } from "./resend-cooldown.ts";
import { describeResetError } from "./reset-errors.ts";

interface CodeSentProps {
  email: string;
  onChangeEmail: () => void;
}

/**
 * After a request. Coder answers the same for every address, and so does this screen: it never
 * says whether the account exists.
 */
export function CodeSent({ email, onChangeEmail }: CodeSentProps) {
  const request = useMutation(requestOneTimePasscodeMutation());
  const guard = useSubmitGuard();
  const [sends, setSends] = useState(1);
  const coolingFor = useResendCooldown(email);
  // The emailed link opened in another tab, and a password set there since this screen came up.
  const [shownAt] = useState(Date.now);
  const resetAt = useQuery(passwordResetElsewhereQuery()).data;
  const resetElsewhere = typeof resetAt === "number" && resetAt >= shownAt;

  const resend = () => {
    if (coolingFor > 0) return;
    void guard.run(async () => {
      await request.mutateAsync({ email });
      recordRequest(email);
      setSends((n) => n + 1);
      return undefined;
    });
  };

  return (
    <>
      {resetElsewhere ? (
        // Which account is never said between tabs: "a password", and the address typed here.
        <Alert tone="success">
          <p>
            A password was just changed in another tab with an emailed code.{" "}
            <AppLink to="/login" state={{ email }}>
              Sign in
            </AppLink>{" "}
            with the new one.
          </p>
        </Alert>
      ) : null}
      {/* A new key per send: the message is announced and focused again. */}
      <Alert key={sends} tone="info" focusOnMount>
        {sends === 1 ? (
          <p>
            If an account uses{" "}
            <strong>
              <EmailAddress email={email} />
            </strong>
            , a one-time code is on its way to that address.
          </p>
        ) : (
          <p>
            If an account uses{" "}
            <strong>
              <EmailAddress email={email} />
            </strong>
            , a new code is on its way. Codes sent before it no longer work.
          </p>
        )}
      </Alert>
      <p>
        Open the link in the email to choose a new password. The code works for 20 minutes, and only
        the newest one works: asking again replaces the ones before.
      </p>
      <p>
        Reading your email on another device?{" "}
        <AppLink to={`/reset-password/change${emailSearch(email)}`}>Enter the code here</AppLink>.
      </p>
      <p className="lead">
        Nothing after a few minutes? Check your spam folder and the spelling of the address. If it
        still doesn't come, your Coder administrator can help.
      </p>
      <ErrorAlert error={guard.failure} describe={describeResetError} />
      <div className="actions">
        <ResendCodeButton
          onClick={resend}
          sending={guard.busy}
          waitSeconds={Math.max(guard.retryIn, coolingFor)}
        />
        <Button variant="secondary" onClick={onChangeEmail}>
          Use a different email
        </Button>
      </div>
    </>
  );
}
