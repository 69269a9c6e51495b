import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useMemo, useRef } from "react";
import { useForm } from "react-hook-form";
import { useNavigate } from "react-router";
import * as z from "zod/mini";
import { changePasswordMutation } from "../../api/account.ts";
import { isApiError } from "../../api/errors.ts";
import { forgetSession } from "../../api/session.ts";
import { HiddenUsername } from "../../components/EmailField.tsx";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { GuardedForm } from "../../components/GuardedForm.tsx";
import { NewPasswordField } from "../../components/NewPasswordField.tsx";
import { PasswordField } from "../../components/PasswordField.tsx";
import { SubmitButton } from "../../components/SubmitButton.tsx";
import { usePasswordVerdict } from "../../components/usePasswordVerdict.ts";
import { LEAVING, useSubmitGuard } from "../../components/useSubmitGuard.ts";
import { CURRENT_PASSWORD, requiredPassword } from "../../forms/fields.ts";
import {
  confirmationMatches,
  confirmPasswordField,
  newPasswordField,
  type ServerVerdict,
} from "../../forms/password-fields.ts";
import { describeRuleFailure } from "../../forms/rule-failure.ts";
import { type LoginLocationState, loginWithMessage } from "../../session/login-messages.ts";

interface ChangePasswordValues {
  old_password: string;
  password: string;
  confirm_password: string;
}

export function ChangePasswordForm({ email, username }: { email: string; username: string }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const change = useMutation(changePasswordMutation());
  const guard = useSubmitGuard();

  const serverVerdict = useRef<ServerVerdict | undefined>(undefined);
  const schema = useMemo(
    () =>
      z
        .object({
          old_password: requiredPassword(CURRENT_PASSWORD.missing),
          password: newPasswordField(() => serverVerdict.current),
          confirm_password: confirmPasswordField,
        })
        .check(confirmationMatches),
    [],
  );
  const form = useForm<ChangePasswordValues>({
    resolver: zodResolver(schema),
    defaultValues: { old_password: "", password: "", confirm_password: "" },
  });
  const { errors } = form.formState;
  const password = form.watch("password");
  const verdict = usePasswordVerdict(password, true);
  serverVerdict.current = verdict.server;

  /** Coder's answers that belong to one field; true when the error found its field. */
  const placeOnField = (error: unknown): boolean => {
    if (!isApiError(error)) return false;
    // The session ran out: the signed-in layout offers sign-in in place, and then this form is
    // still here to submit again. An alert of its own would only repeat that, and go stale.
    if (error.status === 401) return true;
    if (error.message === "Old password is incorrect.") {
      form.setError(
        "old_password",
        { type: "server", message: CURRENT_PASSWORD.wrong },
        { shouldFocus: true },
      );
      return true;
    }
    if (error.message === "New password cannot match old password.") {
      form.setError(
        "password",
        { type: "server", message: CURRENT_PASSWORD.reused },
        { shouldFocus: true },
      );
      return true;
    }
    if (error.message === "Old password is required.") {
      form.setError(
        "old_password",
        { type: "server", message: CURRENT_PASSWORD.missing },
        { shouldFocus: true },
      );
      return true;
    }
    // "Invalid password." carries the rule's verdict for the new password.
    const fields = { old_password: "old_password", password: "password" } as const;
    const placeable = error.validations.filter((v) => Object.hasOwn(fields, v.field));
    if (placeable.length === 0 || placeable.length !== error.validations.length) return false;
    placeable.forEach(({ field, detail }, index) => {
      const target = fields[field as keyof typeof fields];
      const message = target === "password" ? describeRuleFailure(detail) : detail;
      form.setError(target, { type: "server", message }, { shouldFocus: index === 0 });
    });
    return true;
  };

  // Whatever goes wrong, what was typed stays: nobody should have to type three passwords again.
  const onSubmit = form.handleSubmit(({ old_password, password }) =>
    guard.run(async () => {
      await change.mutateAsync({ old_password, password });
      // Every session is gone now. Leave the signed-in layout first, then forget the user: in the
      // other order the layout would see "nobody signed in" and send the user off with a
      // "session expired" message instead of ours.
      const state: LoginLocationState = { email };
      await navigate(loginWithMessage("password-updated"), { replace: true, state });
      forgetSession(queryClient);
      return LEAVING;
    }, placeOnField),
  );

  return (
    <GuardedForm guards={[guard]} onSubmit={onSubmit} alert={<ErrorAlert error={guard.failure} />}>
      <HiddenUsername value={email} />
      <PasswordField
        label="Current password"
        autoComplete="current-password"
        required
        error={errors.old_password?.message}
        {...form.register("old_password")}
      />
      <NewPasswordField
        label="New password"
        required
        value={password}
        {...verdict}
        account={{ email, username }}
        error={errors.password?.message}
        {...form.register("password")}
      />
      <PasswordField
        label="Confirm new password"
        autoComplete="new-password"
        required
        error={errors.confirm_password?.message}
        {...form.register("confirm_password")}
      />
      <div className="actions">
        <SubmitButton guard={guard} busyLabel="Changing password…">
          Change password
        </SubmitButton>
      </div>
    </GuardedForm>
  );
}
