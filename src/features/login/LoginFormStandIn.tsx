import type { MouseEvent } from "react";
import { Link, useNavigate } from "react-router";
import { focusWithoutLoading, type StandInProps } from "../../components/DeferredForm.tsx";
import { EmailField } from "../../components/EmailField.tsx";
import { GuardedForm } from "../../components/GuardedForm.tsx";
import { PasswordField } from "../../components/PasswordField.tsx";
import { IDLE, SENDING, SubmitButton } from "../../components/SubmitButton.tsx";
import { useInitialFocus } from "../../components/useInitialFocus.ts";

interface LoginFormStandInProps extends StandInProps {
  initialEmail: string;
}

/** LoginForm's markup as plain inputs, until its code is in (see DeferredForm). */
export function LoginFormStandIn({ form, alert, submitting, initialEmail }: LoginFormStandInProps) {
  // As LoginForm does: the first field left to fill, without downloading the form's code.
  useInitialFocus(() => {
    const field = initialEmail.trim() === "" ? "email" : "password";
    focusWithoutLoading(document.querySelector<HTMLInputElement>(`main input[name="${field}"]`));
  });
  const navigate = useNavigate();
  // The address as typed so far (these inputs are not React's to read), taken when the link is
  // used, as the real form's link does.
  const toReset = (event: MouseEvent<HTMLAnchorElement>) => {
    // A new tab or window is the browser's business.
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
      return;
    const field = event.currentTarget.closest("form")?.elements.namedItem("email");
    if (!(field instanceof HTMLInputElement)) return;
    event.preventDefault();
    const email = field.value.trim();
    navigate("/reset-password", { state: email ? { email } : undefined });
  };
  const email = initialEmail.trim();
  return (
    <GuardedForm guards={[]} alertId="login-error" alertLast alert={alert} {...form}>
      <EmailField name="email" defaultValue={initialEmail} />
      <PasswordField label="Password" autoComplete="current-password" required name="password" />
      <SubmitButton guard={submitting ? SENDING : IDLE} busyLabel="Signing in…" block>
        Sign in
      </SubmitButton>
      <p className="forgot-password">
        <Link to="/reset-password" state={email ? { email } : undefined} onClick={toReset}>
          Forgot password?
        </Link>
      </p>
    </GuardedForm>
  );
}
