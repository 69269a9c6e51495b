import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { Link } from "react-router";
import * as z from "zod/mini";
import type { ApiError } from "../../api/errors.ts";
import type { User } from "../../api/schemas.ts";
import { loginMutation } from "../../api/session.ts";
import { Button } from "../../components/Button.tsx";
import { EmailField } from "../../components/EmailField.tsx";
import { ErrorAlert, useRetryCountdown } from "../../components/ErrorAlert.tsx";
import { PasswordField } from "../../components/PasswordField.tsx";
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
}

export function LoginForm({ initialEmail, onSignedIn }: LoginFormProps) {
  const queryClient = useQueryClient();
  const login = useMutation(loginMutation(queryClient));
  const submitting = useRef(false);
  const [failure, setFailure] = useState<unknown>(null);
  const secondsLeft = useRetryCountdown(failure);
  const form = useForm<LoginValues>({
    resolver: zodResolver(LoginSchema),
    defaultValues: { email: initialEmail, password: "" },
  });
  const { errors } = form.formState;
  const email = form.watch("email");

  const onSubmit = form.handleSubmit(async (values) => {
    // One request per submit, however fast the button or Enter is pressed.
    if (submitting.current || secondsLeft > 0) return;
    submitting.current = true;
    setFailure(null);
    try {
      const user = await login.mutateAsync(values);
      // Stay locked: the page is about to leave, and a second submit would sign in twice.
      onSignedIn(user);
    } catch (error) {
      submitting.current = false;
      if (!applyServerFieldErrors(error, form.setError, { email: "email", password: "password" }))
        setFailure(error);
    }
  });

  const trimmedEmail = email.trim();
  return (
    <form
      method="post"
      noValidate
      onSubmit={onSubmit}
      aria-describedby={failure ? "login-error" : undefined}
    >
      <div id="login-error">
        <ErrorAlert error={failure} describe={describeLoginError} />
      </div>
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
      <Button
        type="submit"
        block
        pending={login.isPending || secondsLeft > 0}
        pendingLabel={secondsLeft > 0 ? `Try again in ${secondsLeft} s` : "Signing in…"}
      >
        Sign in
      </Button>
    </form>
  );
}
