import type { ReactNode } from "react";
import { AppLink } from "../../components/AppLink.tsx";
import { EmailField } from "../../components/EmailField.tsx";
import type { FieldProps, FormHandlers, SubmitState } from "../../components/form-view.ts";
import { type FormGuards, GuardedForm } from "../../components/GuardedForm.tsx";
import { PasswordField } from "../../components/PasswordField.tsx";
import { SubmitButton } from "../../components/SubmitButton.tsx";

interface LoginFormViewProps {
  form: FormHandlers;
  email: FieldProps;
  password: FieldProps;
  errors?: { email?: string | undefined; password?: string | undefined };
  guards: FormGuards;
  submit: SubmitState;
  alert: ReactNode;
  /** A wrong email or password was said in the alert: the password field is described by it. */
  rejected?: boolean;
  /** The address typed so far: "Forgot password?" takes it along. */
  typedEmail: string;
}

/**
 * The sign-in form's markup, props only: LoginForm renders it with react-hook-form's fields, and
 * so does its stand-in with plain ones until the form's code is in (DeferredForm).
 */
export function LoginFormView({
  form,
  email,
  password,
  errors = {},
  guards,
  submit,
  alert,
  rejected = false,
  typedEmail,
}: LoginFormViewProps) {
  const trimmedEmail = typedEmail.trim();
  return (
    <GuardedForm guards={guards} alertId="login-error" alertLast alert={alert} {...form}>
      <EmailField error={errors.email} {...email} />
      <PasswordField
        label="Password"
        autoComplete="current-password"
        required
        error={errors.password}
        describedById={rejected ? "login-error" : undefined}
        {...password}
      />
      <SubmitButton guard={submit} busyLabel="Signing in…" block>
        Sign in
      </SubmitButton>
      {/* After the button: type the email, Tab, type the password, Enter never lands here. */}
      <p className="forgot-password">
        <AppLink to="/reset-password" state={trimmedEmail ? { email: trimmedEmail } : undefined}>
          Forgot password?
        </AppLink>
      </p>
    </GuardedForm>
  );
}
