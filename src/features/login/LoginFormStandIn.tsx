import { Link } from "react-router";
import { focusWithoutLoading, type StandInProps } from "../../components/DeferredForm.tsx";
import { EmailField } from "../../components/EmailField.tsx";
import { GuardedForm } from "../../components/GuardedForm.tsx";
import { PasswordField } from "../../components/PasswordField.tsx";
import { IDLE, SubmitButton } from "../../components/SubmitButton.tsx";
import { useInitialFocus } from "../../components/useInitialFocus.ts";

interface LoginFormStandInProps extends StandInProps {
  initialEmail: string;
  focusOnLoad: boolean;
}

/** LoginForm's markup as plain inputs, until its code is in (see DeferredForm). */
export function LoginFormStandIn({
  form,
  alert,
  initialEmail,
  focusOnLoad,
}: LoginFormStandInProps) {
  useInitialFocus(() => {
    const field = initialEmail.trim() === "" ? "email" : "password";
    focusWithoutLoading(document.querySelector<HTMLInputElement>(`main input[name="${field}"]`));
  }, focusOnLoad);
  const email = initialEmail.trim();
  return (
    <GuardedForm guards={[]} alertId="login-error" alert={alert} {...form}>
      <EmailField name="email" defaultValue={initialEmail} />
      <PasswordField label="Password" autoComplete="current-password" required name="password" />
      <SubmitButton guard={IDLE} busyLabel="Signing in…" block>
        Sign in
      </SubmitButton>
      <p className="forgot-password">
        <Link to="/reset-password" state={email ? { email } : undefined}>
          Forgot password?
        </Link>
      </p>
    </GuardedForm>
  );
}
