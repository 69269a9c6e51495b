import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import * as z from "zod/mini";
import { type ApiError, isApiError } from "../../api/errors.ts";
import type { User } from "../../api/schemas.ts";
import { loginMutation } from "../../api/session.ts";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { useInitialFocus } from "../../components/useInitialFocus.ts";
import { LEAVING, useSubmitGuard } from "../../components/useSubmitGuard.ts";
import { emailField, requiredPassword } from "../../forms/fields.ts";
import { applyServerFieldErrors } from "../../forms/server-errors.ts";
import { loginTypeLabel } from "../../session/login-types.ts";
import type { LoginFormView } from "./LoginFormView.tsx";

const LoginSchema = z.object({
  email: emailField,
  password: requiredPassword("Enter your password."),
});
type LoginValues = z.infer<typeof LoginSchema>;

/** Coder's texts, reworded where ours says more about what to do next. */
function describeLoginError(error: ApiError) {
  if (error.status === 403 && error.message === "Password authentication is disabled.")
    return "Password sign-in is turned off for this deployment. Use another sign-in option.";
  // The right password of an account that now signs in another way (Coder names the type).
  const otherType =
    /^Incorrect login type, attempting to use "password" but user is of login type "(\w+)"/.exec(
      error.message,
    );
  if (error.status === 403 && otherType?.[1])
    return `This account signs in with ${loginTypeLabel(otherType[1])}, not a password. Use that option on this page instead.`;
  return undefined;
}

/**
 * Coder's answer to a wrong email or password (and to an unknown account: no enumeration). A
 * suspended account also gets a 401, with other words and nothing to retype.
 */
const isRejectedCredentials = (error: unknown): error is ApiError =>
  isApiError(error) && error.status === 401 && error.message === "Incorrect email or password.";

interface LoginFormProps {
  initialEmail: string;
  onSignedIn: (user: User | null) => void;
  /**
   * The form's markup, handed over by the page, which has it already for the stand-in: imported
   * here, it would leave the page's chunk for a chunk of its own (one more file per page).
   */
  View: typeof LoginFormView;
}

export function LoginForm({ initialEmail, onSignedIn, View }: LoginFormProps) {
  const queryClient = useQueryClient();
  const login = useMutation(loginMutation(queryClient));
  const guard = useSubmitGuard();
  const form = useForm<LoginValues>({
    resolver: zodResolver(LoginSchema),
    defaultValues: { email: initialEmail, password: "" },
  });
  const { errors } = form.formState;
  const email = form.watch("email");

  // A wrong email or password: the message sits under the form, and the cursor goes back to
  // the password (selected, so typing replaces it), which the message describes.
  const [rejected, setRejected] = useState<string | undefined>(undefined);

  // The cursor starts in the first field left to fill (the password when the address is already
  // in), as on Coder's page, unless the visitor has already put it somewhere.
  useInitialFocus(() =>
    form.setFocus(form.getValues("email").trim() === "" ? "email" : "password"),
  );

  const onSubmit = form.handleSubmit((values) => {
    setRejected(undefined);
    return guard.run(
      async () => {
        const user = await login.mutateAsync(values);
        onSignedIn(user);
        // The page is about to leave, and a second submit would sign in twice.
        return user ? LEAVING : undefined;
      },
      (error) => {
        if (isRejectedCredentials(error)) {
          setRejected(error.message);
          const password = document.activeElement;
          // Moving focus is what makes a screen reader read the field and its new description;
          // when the cursor is in it already (Enter pressed there), step out and back in.
          if (password instanceof HTMLInputElement && password.name === "password") password.blur();
          form.setFocus("password", { shouldSelect: true });
          return true;
        }
        return applyServerFieldErrors(error, form.setError, {
          email: "email",
          password: "password",
        });
      },
    );
  });

  return (
    <View
      form={{ onSubmit }}
      email={form.register("email")}
      password={form.register("password")}
      errors={{ email: errors.email?.message, password: errors.password?.message }}
      // The rejection is one more failure the form shows, and it goes on the first edit too.
      guards={[guard, { failure: rejected ?? null, noteEdit: () => setRejected(undefined) }]}
      submit={guard}
      rejected={Boolean(rejected)}
      typedEmail={email}
      alert={
        rejected ? (
          // Not a live region: focus moves to the password field, which reads this out once as
          // its description.
          <div className="alert error">
            <p>{rejected}</p>
          </div>
        ) : (
          <ErrorAlert error={guard.failure} describe={describeLoginError} />
        )
      }
    />
  );
}
