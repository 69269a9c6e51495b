import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState } from "react";
import { type Path, useForm } from "react-hook-form";
import { useNavigate } from "react-router";
import * as z from "zod/mini";
import { type ApiError, isApiError } from "../../api/errors.ts";
import {
  changePasswordWithPasscodeMutation,
  requestOneTimePasscodeMutation,
} from "../../api/password-reset.ts";
import { Alert } from "../../components/Alert.tsx";
import { Button } from "../../components/Button.tsx";
import { EmailField, HiddenUsername } from "../../components/EmailField.tsx";
import { ErrorAlert, useRetryCountdown } from "../../components/ErrorAlert.tsx";
import { NewPasswordField } from "../../components/NewPasswordField.tsx";
import { PasswordField } from "../../components/PasswordField.tsx";
import { useStaticRender } from "../../components/static-render.ts";
import { TextField } from "../../components/TextField.tsx";
import { usePasswordVerdict } from "../../components/usePasswordVerdict.ts";
import { emailField } from "../../forms/fields.ts";
import {
  confirmationMatches,
  confirmPasswordField,
  describeRuleFailure,
  newPasswordField,
} from "../../forms/password-fields.ts";
import { isMessage } from "../../forms/server-errors.ts";
import type { LoginLocationState } from "../login/LoginPage.tsx";
import { loginWithMessage } from "../login/messages.ts";
import { isPasscodeShaped, passcodeField, type ResetLink } from "./passcode.ts";
import { ResendCodeButton } from "./ResendCodeButton.tsx";
import { recordRequest, useResendCooldown } from "./resend-cooldown.ts";
import { describeResetError, INCORRECT_PASSCODE, SAME_AS_OLD_PASSWORD } from "./reset-errors.ts";

interface ChangeValues {
  email: string;
  code: string;
  password: string;
  confirm_password: string;
}

/** What the alert at the top says, if anything. */
type Notice =
  | { kind: "submit-failed"; error: unknown }
  | { kind: "resend-failed"; error: unknown }
  | { kind: "resent"; email: string }
  | null;

/** Coder's field names, and what to say when the server rejects one the form already checked. */
const SERVER_FIELDS: Record<
  string,
  { field: Path<ChangeValues>; text: (detail: string) => string }
> = {
  email: {
    field: "email",
    text: () => "The server didn't accept this address. Check it and try again.",
  },
  one_time_passcode: {
    field: "code",
    text: () => "The server didn't accept this code. Paste it again from the newest email.",
  },
  password: { field: "password", text: describeRuleFailure },
};

const emailIsUsable = (email: string | null) =>
  email !== null && emailField.safeParse(email).success;

export function ChangePasswordForm({ link }: { link: ResetLink }) {
  const staticRender = useStaticRender();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const change = useMutation(changePasswordWithPasscodeMutation(queryClient));
  const request = useMutation(requestOneTimePasscodeMutation());
  const submitting = useRef(false);

  const linkCodeUsable = link.code !== null && isPasscodeShaped(link.code);
  const linkEmailUsable = emailIsUsable(link.email);
  // Only what the link didn't provide (or provided broken) is asked for.
  const [showEmail, setShowEmail] = useState(!linkEmailUsable);
  const [showCode, setShowCode] = useState(!linkCodeUsable);
  const [notice, setNotice] = useState<Notice>(null);
  // A field that was hidden and has just been revealed can only take focus once rendered.
  const focusAfterRender = useRef<Path<ChangeValues> | null>(null);

  const schema = useMemo(
    () =>
      z
        .object({
          email: emailField,
          code: passcodeField,
          password: newPasswordField(),
          confirm_password: confirmPasswordField,
        })
        .check(confirmationMatches),
    [],
  );
  const form = useForm<ChangeValues>({
    resolver: zodResolver(schema),
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

  const submitError = notice?.kind === "submit-failed" ? notice.error : null;
  const resendError = notice?.kind === "resend-failed" ? notice.error : null;
  const rateLimitedFor = useRetryCountdown(submitError);
  const resendRateLimitedFor = useRetryCountdown(resendError);
  const coolingFor = useResendCooldown(email);
  const resendWait = Math.max(resendRateLimitedFor, coolingFor);

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
      if (target.field === "email" && !showEmail) reveal("email");
      if (target.field === "code" && !showCode) reveal("code");
      form.setError(target.field, { type: "server", message: target.text(detail) });
      if (first) focusAfterRender.current = target.field;
      first = false;
    }
    return allPlaced && error.validations.length > 0;
  };

  const onSubmit = form.handleSubmit(async (values) => {
    // One request per submit, however fast the button or Enter is pressed.
    if (submitting.current || rateLimitedFor > 0) return;
    submitting.current = true;
    let changed = false;
    setNotice(null);
    try {
      await change.mutateAsync({
        email: values.email,
        password: values.password,
        one_time_passcode: values.code,
      });
      changed = true;
      const state: LoginLocationState = { email: values.email };
      navigate(loginWithMessage("password-changed"), { replace: true, state });
    } catch (error) {
      if (isMessage(error, SAME_AS_OLD_PASSWORD)) {
        form.setError(
          "password",
          { type: "server", message: "This is your current password. Choose a different one." },
          { shouldFocus: true },
        );
      } else if (isApiError(error) && placeFieldErrors(error)) {
        // every problem is on its field
      } else {
        // Wrong, used or expired: let a newer code be pasted in place of the one that failed.
        if (isMessage(error, INCORRECT_PASSCODE)) reveal("code");
        setNotice({ kind: "submit-failed", error });
      }
    } finally {
      // After a success the lock stays: the code is spent, and leaving the page (loading the
      // sign-in page's code) takes a moment in which another press must not resend it.
      if (!changed) submitting.current = false;
    }
  });

  const resend = async () => {
    if (submitting.current || resendWait > 0) return;
    if (!(await form.trigger("email"))) {
      reveal("email");
      focusAfterRender.current = "email";
      return;
    }
    const to = form.getValues("email").trim();
    submitting.current = true;
    setNotice(null);
    try {
      await request.mutateAsync({ email: to });
      recordRequest(to);
      // The code that failed is of no more use; the new one goes in its place. Passwords stay.
      reveal("code");
      form.setValue("code", "");
      form.clearErrors("code");
      setNotice({ kind: "resent", email: to });
    } catch (error) {
      setNotice({ kind: "resend-failed", error });
    } finally {
      submitting.current = false;
    }
  };

  const resendButton = (
    <div className="actions">
      <ResendCodeButton
        onClick={resend}
        sending={request.isPending}
        rateLimitedFor={resendRateLimitedFor}
        coolingFor={coolingFor}
      />
    </div>
  );

  const describeIncorrect = (error: ApiError) => {
    if (error.message !== INCORRECT_PASSCODE) return describeResetError(error);
    return showEmail && !linkEmailUsable
      ? "This email address and code don't go together. Check the address the code was sent to; the code may also be mistyped, already used, replaced by a newer one, or more than 20 minutes old."
      : "This code doesn't work. It may be mistyped, already used, replaced by a newer one, or more than 20 minutes old.";
  };

  const { confirm_password: confirmError } = errors;
  return (
    <>
      <p className="lead">
        {!showEmail ? (
          <>
            {/* The build-time page can't know whose link this is: show an ellipsis, not a sample. */}
            For the account <strong>{staticRender ? "\u2026" : email}</strong>.
          </>
        ) : !showCode ? (
          "Enter the email address the code was sent to, then choose a new password."
        ) : (
          "Enter your email address and the code we emailed you, then choose a new password."
        )}
      </p>
      {link.code !== null && !linkCodeUsable ? (
        <Alert tone="warning">
          <p>
            The code in this link is incomplete; the link may have been cut short. Paste the code or
            the whole link from the email below.
          </p>
        </Alert>
      ) : null}
      {link.code !== null && link.email === null ? (
        <Alert tone="warning">
          <p>
            This link doesn't say which account it's for. Enter the email address it was sent to.
          </p>
        </Alert>
      ) : null}
      {/* POST: if this is submitted before the app runs (the prerendered page), the passwords
          travel in a request body, never in the URL, history or logs as a GET would put them. */}
      <form
        method="post"
        noValidate
        onSubmit={onSubmit}
        aria-describedby={notice && notice.kind !== "resent" ? "change-error" : undefined}
      >
        <div id="change-error">
          {notice?.kind === "submit-failed" ? (
            <ErrorAlert error={notice.error} describe={describeIncorrect}>
              {isMessage(notice.error, INCORRECT_PASSCODE) ? (
                <>
                  <p>Your new password stays filled in: get a new code and enter it below.</p>
                  {coolingFor > 0 ? (
                    <p>
                      A code for this address was requested less than a minute ago. If a newer email
                      has arrived, enter its code below.
                    </p>
                  ) : null}
                  {resendButton}
                </>
              ) : null}
            </ErrorAlert>
          ) : null}
          {notice?.kind === "resend-failed" ? (
            <ErrorAlert error={notice.error} describe={describeResetError}>
              {resendButton}
            </ErrorAlert>
          ) : null}
        </div>
        {notice?.kind === "resent" ? (
          <Alert tone="info" focusOnMount>
            <p>
              If an account uses <strong>{notice.email}</strong>, a new code is on its way. Enter it
              below, or open the link in the newest email. Earlier codes no longer work.
            </p>
          </Alert>
        ) : null}

        {showEmail ? (
          <EmailField error={errors.email?.message} {...form.register("email")} />
        ) : (
          <HiddenUsername value={email} />
        )}
        {showCode ? (
          <TextField
            label="One-time code"
            type="text"
            autoComplete="one-time-code"
            autoCapitalize="off"
            autoCorrect="off"
            spellCheck={false}
            required
            error={errors.code?.message}
            hint="It's in the email's link, after otp=. You can paste the whole link."
            {...form.register("code")}
          />
        ) : null}
        <NewPasswordField
          label="New password"
          required
          value={password}
          {...verdict}
          error={errors.password?.message}
          {...form.register("password")}
        />
        <PasswordField
          label="Confirm new password"
          autoComplete="new-password"
          required
          error={confirmError?.message}
          {...form.register("confirm_password")}
        />
        <Button
          type="submit"
          block
          pending={change.isPending || change.isSuccess || rateLimitedFor > 0}
          pendingLabel={
            rateLimitedFor > 0 ? `Try again in ${rateLimitedFor} s` : "Changing password…"
          }
        >
          Change password
        </Button>
      </form>
    </>
  );
}
