import type { ReactNode } from "react";
import { Alert } from "../../components/Alert.tsx";
import { AppLink } from "../../components/AppLink.tsx";
import { type AuthChrome, AuthLayout } from "../../components/AuthLayout.tsx";
import { passwordAuthDisabledText } from "./reset-errors.ts";

export interface ChangePasswordPageViewProps {
  chrome: AuthChrome;
  /** The deployment has turned password sign-in off: there is no password to change. */
  passwordDisabled: boolean;
  /** The address from the link, carried back to sign-in. */
  email: string | null;
  /** The new-password form (built by the page). */
  form: ReactNode;
}

/** `/reset-password/change`'s markup, from props alone (ChangePasswordPage reads the link). */
export function ChangePasswordPageView({
  chrome,
  passwordDisabled,
  email,
  form,
}: ChangePasswordPageViewProps) {
  return (
    <AuthLayout
      chrome={chrome}
      title="Choose a new password"
      footer={
        <AppLink to="/login" state={email ? { email } : undefined}>
          Back to sign in
        </AppLink>
      }
    >
      {passwordDisabled ? (
        <Alert tone="warning">
          <p>{passwordAuthDisabledText}</p>
        </Alert>
      ) : (
        form
      )}
    </AuthLayout>
  );
}
