import type { ReactNode } from "react";
import { Alert } from "../../components/Alert.tsx";
import { AppLink } from "../../components/AppLink.tsx";
import { type AuthChrome, AuthLayout } from "../../components/AuthLayout.tsx";
import { emailSearch } from "./passcode.ts";
import { passwordAuthDisabledText } from "./reset-errors.ts";

export interface RequestCodePageViewProps {
  chrome: AuthChrome;
  /** The address a code was last sent to; null while the form shows. */
  sentTo: string | null;
  /** What shows once a code is sent (built by the page: it can send another). */
  codeSent: ReactNode;
  /** The address as typed so far, for the footer's links. */
  typedEmail: string;
  /** The deployment has turned password sign-in off: there is no password to reset. */
  passwordDisabled: boolean;
  /** The request form (built by the page). */
  form: ReactNode;
}

/** `/reset-password`'s markup, from props alone (RequestCodePage keeps the address and the URL). */
export function RequestCodePageView({
  chrome,
  sentTo,
  codeSent,
  typedEmail,
  passwordDisabled,
  form,
}: RequestCodePageViewProps) {
  if (sentTo !== null) {
    return (
      <AuthLayout
        chrome={chrome}
        title="Check your email"
        footer={
          <AppLink to="/login" state={{ email: sentTo }}>
            Back to sign in
          </AppLink>
        }
      >
        {codeSent}
      </AuthLayout>
    );
  }

  const email = typedEmail.trim();
  return (
    <AuthLayout
      chrome={chrome}
      title="Reset your password"
      footer={
        <>
          <AppLink to="/login" state={email ? { email } : undefined}>
            Back to sign in
          </AppLink>
          {/* A code is of no use where there is no password to reset. */}
          {passwordDisabled ? null : (
            <>
              {" · "}
              <AppLink to={`/reset-password/change${emailSearch(email || null)}`}>
                I already have a code
              </AppLink>
            </>
          )}
        </>
      }
    >
      {passwordDisabled ? (
        <Alert tone="warning">
          <p>{passwordAuthDisabledText}</p>
        </Alert>
      ) : (
        <>
          <p className="lead">
            Enter the email address you sign in with. We'll email you a one-time code with a link to
            choose a new password.
          </p>
          {form}
        </>
      )}
    </AuthLayout>
  );
}
