import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { useNavigate } from "react-router";
import * as z from "zod/mini";
import { type ApiError, isApiError } from "../../api/errors.ts";
import {
  changePasswordWithPasscodeMutation,
  requestOneTimePasscodeMutation,
} from "../../api/password-reset.ts";
import { NewPasswordField } from "../../components/NewPasswordField.tsx";
import { useInitialFocus } from "../../components/useInitialFocus.ts";
import { usePasswordVerdict } from "../../components/usePasswordVerdict.ts";
import { LEAVING, useSubmitGuard } from "../../components/useSubmitGuard.ts";
import { CURRENT_PASSWORD, emailField } from "../../forms/fields.ts";
import {
  confirmationMatches,
  confirmPasswordField,
  newPasswordField,
} from "../../forms/password-fields.ts";
import { isMessage } from "../../forms/server-errors.ts";
import { type LoginLocationState, loginWithMessage } from "../../session/login-messages.ts";
import { emailIsUsable, isPasscodeShaped, type ResetLink } from "./passcode.ts";
import { passcodeField } from "./passcode-field.ts";
import { ResetNotices } from "./ResetNotices.tsx";
import type { ResetPasswordFormView } from "./ResetPasswordFormView.tsx";
import { recordRequest, useResendCooldown } from "./resend-cooldown.ts";
import {
  describeRefusedCode,
  INCORRECT_PASSCODE,
  type ResetField,
  SAME_AS_OLD_PASSWORD,
  SERVER_FIELDS,
} from "./reset-errors.ts";

interface ResetValues {
  email: string;
  code: string;
  password: string;
  confirm_password: string;
}

const ResetSchema = z
  .object({
    email: emailField,
    code: passcodeField,
    password: newPasswordField(),
    confirm_password: confirmPasswordField,
  })
  .check(confirmationMatches);

/**
 * A new password for a signed-out account, with the one-time code from the emailed link. Asks
 * only for what the link didn't provide (or provided broken), and when the code is refused, gets a
 * new one in place without losing the new password.
 */
export function ResetPasswordForm({
  link,
  View,
}: {
  link: ResetLink;
  /**
   * The form's markup, handed over by the page, which has it already for the stand-in: imported
   * here, it would leave the page's chunk for a chunk of its own (one more file per page).
   */
  View: typeof ResetPasswordFormView;
}) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const change = useMutation(changePasswordWithPasscodeMutation(queryClient));
  const request = useMutation(requestOneTimePasscodeMutation());
  // One lock for both: a new code must not be asked for while the old one is being spent.
  const changing = useSubmitGuard();
  const resending = useSubmitGuard(changing.lock);
  const [resentTo, setResentTo] = useState<string | null>(null);
  /** The server refused the code: the way to a new one sits under the code field from then on. */
  const [codeRefused, setCodeRefused] = useState(false);

  const linkCodeUsable = link.code !== null && isPasscodeShaped(link.code);
  const linkEmailUsable = emailIsUsable(link.email);
  const [showEmail, setShowEmail] = useState(!linkEmailUsable);
  const [showCode, setShowCode] = useState(!linkCodeUsable);
  // A field that was hidden and has just been revealed can only take focus once rendered.
  const focusAfterRender = useRef<ResetField | null>(null);

  const form = useForm<ResetValues>({
    resolver: zodResolver(ResetSchema),
    defaultValues: {
      email: link.email ?? "",
      code: linkCodeUsable ? (link.code ?? "") : "",
      password: "",
      confirm_password: "",
    },
  });
  const { errors } = form.formState;
  const password = form.watch("password");
  const email = form.watch("email");
  // Signed out: the local rule only, nothing is sent while typing.
  const verdict = usePasswordVerdict(password, false);
  const coolingFor = useResendCooldown(email);

  // On arrival, the first thing left to fill in: the address or the code if the link lacked them,
  // else the new password.
  const [arrivalField] = useState<ResetField>(() =>
    showEmail ? "email" : showCode ? "code" : "password",
  );
  useInitialFocus(() => form.setFocus(arrivalField));

  useEffect(() => {
    if (focusAfterRender.current) {
      form.setFocus(focusAfterRender.current);
      focusAfterRender.current = null;
    }
  });

  const reveal = (field: "email" | "code") => {
    if (field === "email") setShowEmail(true);
    else setShowCode(true);
  };

  /** Puts the server's field problems on the fields; true when nothing is left for the alert. */
  const placeFieldErrors = (error: ApiError): boolean => {
    let allPlaced = true;
    let first = true;
    for (const { field, detail } of error.validations) {
      const target = SERVER_FIELDS[field];
      if (!target) {
        allPlaced = false;
        continue;
      }
      if (target.field === "email" || target.field === "code") reveal(target.field);
      form.setError(target.field, { type: "server", message: target.text(detail) });
      if (first) focusAfterRender.current = target.field;
      first = false;
    }
    return allPlaced && error.validations.length > 0;
  };

  const placeOnField = (error: unknown): boolean => {
    if (isMessage(error, SAME_AS_OLD_PASSWORD)) {
      form.setError(
        "password",
        { type: "server", message: CURRENT_PASSWORD.reused },
        { shouldFocus: true },
      );
      return true;
    }
    if (isApiError(error) && placeFieldErrors(error)) return true;
    // Wrong, used or expired: the code's field says so, and a newer code goes in its place.
    if (isMessage(error, INCORRECT_PASSCODE)) {
      reveal("code");
      setCodeRefused(true);
      form.setError("code", {
        type: "server",
        message: describeRefusedCode(showEmail && !linkEmailUsable),
      });
      focusAfterRender.current = "code";
      return true;
    }
    return false;
  };

  const onSubmit = form.handleSubmit((values) =>
    changing.run(async () => {
      resending.clearFailure();
      setResentTo(null);
      await change.mutateAsync({
        email: values.email,
        password: values.password,
        one_time_passcode: values.code,
      });
      const state: LoginLocationState = { email: values.email };
      navigate(loginWithMessage("password-changed"), { replace: true, state });
      // The code is spent, and leaving (loading the sign-in page's code) takes a moment in which
      // another press must not send it again.
      return LEAVING;
    }, placeOnField),
  );

  const resendWait = Math.max(resending.retryIn, coolingFor);
  const resend = async () => {
    if (resending.busy || resendWait > 0) return;
    if (!(await form.trigger("email"))) {
      reveal("email");
      focusAfterRender.current = "email";
      return;
    }
    const to = form.getValues("email").trim();
    await resending.run(async () => {
      changing.clearFailure();
      setResentTo(null);
      await request.mutateAsync({ email: to });
      recordRequest(to);
      // The code that failed is of no more use; the new one goes in its place. Passwords stay.
      reveal("code");
      form.setValue("code", "");
      form.clearErrors("code");
      setResentTo(to);
      return undefined;
    });
  };

  // Whoever types a code may not have one (or a working one); a link's code may be refused.
  const offerNewCode = showCode || codeRefused || resentTo !== null || Boolean(resending.failure);

  return (
    <View
      link={link}
      linkCodeUsable={linkCodeUsable}
      showEmail={showEmail}
      showCode={showCode}
      email={email}
      form={{ onSubmit }}
      fields={{
        email: form.register("email"),
        code: form.register("code"),
        password: form.register("password"),
        confirm_password: form.register("confirm_password"),
      }}
      errors={{
        email: errors.email?.message,
        code: errors.code?.message,
        password: errors.password?.message,
        confirm_password: errors.confirm_password?.message,
      }}
      guards={[changing, resending]}
      submit={changing}
      alert={
        <ResetNotices
          changeFailure={changing.failure}
          resendFailure={resending.failure}
          resentTo={resentTo}
        />
      }
      newCode={
        offerNewCode ? { onClick: resend, sending: resending.busy, waitSeconds: resendWait } : null
      }
      cooling={coolingFor > 0}
      newPasswordField={(field) => (
        <NewPasswordField {...field} value={password} {...verdict} account={{ email }} />
      )}
    />
  );
}
