import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { Link } from "react-router";
import * as z from "zod/mini";
import type { ApiError } from "../../api/errors.ts";
import type { User } from "../../api/schemas.ts";
import { loginMutation } from "../../api/session.ts";
import { EmailField } from "../../components/EmailField.tsx";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { GuardedForm } from "../../components/GuardedForm.tsx";
import { PasswordField } from "../../components/PasswordField.tsx";
import { SubmitButton } from "../../components/SubmitButton.tsx";
import { useInitialFocus } from "../../components/useInitialFocus.ts";
import { LEAVING, useSubmitGuard } from "../../components/useSubmitGuard.ts";
import { emailField, requiredPassword } from "../../forms/fields.ts";
import { applyServerFieldErrors } from "../../forms/server-errors.ts";

const LoginSchema = z.object({
  email: emailField,
  password: requiredPassword("Enter your password."),
});
type LoginValues = z.infer<typeof LoginSchema>;

/** Coder's texts, reworded where ours says more about what to do next. */
function describeLoginError(error: ApiError) {
  if (error.status === 403 && error.message === "Password authentication is disabled.")
    return "Password sign-in is turned off for this deployment. Use another sign-in option.";
  return undefined;
}

interface LoginFormProps {
  initialEmail: string;
  onSignedIn: (user: User | null) => void;
  /**
   * Focus the first field left to fill when the form appears (the password when the address is
   * already in): after the terms are accepted, or when the page arrives for someone signing in
   * again.
   */
  takeFocus?: boolean;
}

export function LoginForm({ initialEmail, onSignedIn, takeFocus = false }: LoginFormProps) {
  const queryClient = useQueryClient();
  const login = useMutation(loginMutation(queryClient));
  const guard = useSubmitGuard();
  const form = useForm<LoginValues>({
    resolver: zodResolver(LoginSchema),
    defaultValues: { email: initialEmail, password: "" },
  });
  const { errors } = form.formState;
  const email = form.watch("email");
  useInitialFocus(
    () => form.setFocus(form.getValues("email").trim() === "" ? "email" : "password"),
    takeFocus,
  );

  const onSubmit = form.handleSubmit((values) =>
    guard.run(
      async () => {
        const user = await login.mutateAsync(values);
        onSignedIn(user);
        // The page is about to leave, and a second submit would sign in twice.
        return user ? LEAVING : undefined;
      },
      (error) =>
        applyServerFieldErrors(error, form.setError, { email: "email", password: "password" }),
    ),
  );

  const trimmedEmail = email.trim();
  return (
    <GuardedForm
      guards={[guard]}
      onSubmit={onSubmit}
      alert={<ErrorAlert error={guard.failure} describe={describeLoginError} />}
    >
      <EmailField error={errors.email?.message} {...form.register("email")} />
      <PasswordField
        label="Password"
        autoComplete="current-password"
        required
        error={errors.password?.message}
        labelAside={
          <Link to="/reset-password" state={trimmedEmail ? { email: trimmedEmail } : undefined}>
            Forgot password?
          </Link>
        }
        {...form.register("password")}
      />
      <SubmitButton guard={guard} busyLabel="Signing in…" block>
        Sign in
      </SubmitButton>
    </GuardedForm>
  );
}
