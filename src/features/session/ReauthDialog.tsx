import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { useForm } from "react-hook-form";
import { useLocation } from "react-router";
import * as z from "zod/mini";
import type { User } from "../../api/schemas.ts";
import { signInAgainMutation } from "../../api/session.ts";
import { AppLink } from "../../components/AppLink.tsx";
import { Dialog } from "../../components/Dialog.tsx";
import { EmailField } from "../../components/EmailField.tsx";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { PasswordField } from "../../components/PasswordField.tsx";
import { SubmitButton } from "../../components/SubmitButton.tsx";
import { LEAVING, useSubmitGuard } from "../../components/useSubmitGuard.ts";
import { emailField, requiredPassword } from "../../forms/fields.ts";
import { applyServerFieldErrors } from "../../forms/server-errors.ts";
import { loginPathFor } from "../../lib/safe-redirect.ts";
import { loginTypeLabel } from "../../session/login-types.ts";

const SignInSchema = z.object({
  email: emailField,
  password: requiredPassword("Enter your password."),
});
type SignInValues = z.infer<typeof SignInSchema>;

interface ReauthDialogProps {
  open: boolean;
  /** The account the page was showing. */
  user: User;
}

/**
 * Shown over a signed-in page whose session ran out: sign in again without leaving, so nothing
 * typed on the page is lost. The page can't be used without a session, so the dialog only goes
 * away by signing in (or by leaving for the sign-in page).
 */
export function ReauthDialog({ open, user }: ReauthDialogProps) {
  const location = useLocation();
  const signInPage = loginPathFor(location);
  const passwordAccount = user.login_type === "password";
  return (
    <Dialog
      open={open}
      onClose={() => {}}
      preventClose
      title="Your session has ended"
      description={
        passwordAccount ? (
          <p>Sign in again to carry on. This page stays as it is, with everything you typed.</p>
        ) : (
          <p>
            This account signs in with {loginTypeLabel(user.login_type)}. Sign in again on the
            sign-in page to carry on.
          </p>
        )
      }
    >
      {passwordAccount ? (
        <ReauthForm user={user} signInPage={signInPage} />
      ) : (
        <div className="actions">
          <AppLink className="button primary" to={signInPage}>
            Go to sign in
          </AppLink>
        </div>
      )}
    </Dialog>
  );
}

function ReauthForm({ user, signInPage }: { user: User; signInPage: string }) {
  const queryClient = useQueryClient();
  const signIn = useMutation(signInAgainMutation(queryClient));
  const guard = useSubmitGuard();
  const form = useForm<SignInValues>({
    resolver: zodResolver(SignInSchema),
    defaultValues: { email: user.email, password: "" },
  });
  const { errors } = form.formState;

  // The address is filled in already: start where the typing is.
  useEffect(() => form.setFocus("password"), [form]);

  const onSubmit = form.handleSubmit((values) =>
    guard.run(
      async () => {
        await signIn.mutateAsync({ ...values, previousUserId: user.id });
        // Stay locked: the dialog closes as soon as the session is back.
        return LEAVING;
      },
      (error) =>
        applyServerFieldErrors(error, form.setError, { email: "email", password: "password" }),
    ),
  );

  return (
    <form method="post" noValidate onSubmit={onSubmit}>
      <ErrorAlert error={guard.failure} />
      <EmailField error={errors.email?.message} {...form.register("email")} />
      <PasswordField
        label="Password"
        autoComplete="current-password"
        required
        error={errors.password?.message}
        {...form.register("password")}
      />
      <div className="actions">
        <SubmitButton guard={guard} busyLabel="Signing in…">
          Sign in
        </SubmitButton>
        <AppLink className="button secondary" to={signInPage}>
          Other ways to sign in
        </AppLink>
      </div>
    </form>
  );
}
