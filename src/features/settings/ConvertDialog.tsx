import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { useForm } from "react-hook-form";
import * as z from "zod/mini";
import { convertLoginMutation } from "../../api/account.ts";
import { isApiError } from "../../api/errors.ts";
import { Button } from "../../components/Button.tsx";
import { Dialog } from "../../components/Dialog.tsx";
import { HiddenUsername } from "../../components/EmailField.tsx";
import { ErrorAlert, useRetryCountdown } from "../../components/ErrorAlert.tsx";
import { PasswordField } from "../../components/PasswordField.tsx";
import { requiredPassword } from "../../forms/fields.ts";
import { isMessage } from "../../forms/server-errors.ts";
import { loginWithMessage } from "../login/messages.ts";
import type { SsoOption } from "../login/sso.ts";
import { ssoStartUrl } from "../login/sso.ts";
import { fullPageNavigation } from "./full-page-navigation.ts";

const ConfirmSchema = z.object({ password: requiredPassword("Enter your current password.") });
type ConfirmValues = z.infer<typeof ConfirmSchema>;

interface ConvertDialogProps {
  /** The provider to switch to; the dialog is open while this is set. */
  option: SsoOption | null;
  email: string;
  onClose: () => void;
}

export function ConvertDialog({ option, email, onClose }: ConvertDialogProps) {
  const converting = useRef(false);
  // A switch confirmed and then cancelled while the request was out must not leave the page.
  const current = useRef(option);
  current.current = option;
  const convert = useMutation(convertLoginMutation());
  const busy = convert.isPending || convert.isSuccess;
  const label = option?.label ?? "";
  const close = () => {
    convert.reset();
    onClose();
  };

  return (
    <Dialog
      open={option !== null}
      onClose={close}
      preventClose={busy}
      title={`Switch to ${label}?`}
      description={
        <>
          <p>
            From now on you will sign in with <strong>{label}</strong> only. This can't be undone:
            the account won't be able to use a password again.
          </p>
          <p>
            You will be signed out here and sent to {label}. Sign in there with an account whose
            email is exactly <strong>{email}</strong>, or the switch won't go through.
          </p>
        </>
      }
    >
      {option ? (
        <ConfirmForm
          email={email}
          label={label}
          busy={busy}
          onCancel={close}
          onConfirm={async (password) => {
            if (converting.current) return undefined;
            converting.current = true;
            try {
              const { provider } = option;
              const answer = await convert.mutateAsync({ to_type: provider, password });
              if (current.current !== option) return undefined;
              fullPageNavigation.assign(
                ssoStartUrl(provider, {
                  oidc_merge_state: answer.state_string,
                  redirect: loginWithMessage(`login-type-changed-${provider}`),
                }),
              );
              return undefined;
            } catch (error) {
              return error;
            } finally {
              converting.current = false;
            }
          }}
        />
      ) : null}
    </Dialog>
  );
}

interface ConfirmFormProps {
  email: string;
  label: string;
  busy: boolean;
  onCancel: () => void;
  /** Resolves to the failure, if any. */
  onConfirm: (password: string) => Promise<unknown>;
}

function ConfirmForm({ email, label, busy, onCancel, onConfirm }: ConfirmFormProps) {
  const [failure, setFailure] = useState<unknown>(null);
  const secondsLeft = useRetryCountdown(failure);
  const form = useForm<ConfirmValues>({
    resolver: zodResolver(ConfirmSchema),
    defaultValues: { password: "" },
  });

  const onSubmit = form.handleSubmit(async ({ password }) => {
    if (secondsLeft > 0) return;
    setFailure(null);
    const error = await onConfirm(password);
    if (!error) return;
    // A wrong password is Coder's sign-in failure (401); it says nothing about the session.
    if (isMessage(error, "Incorrect email or password.")) {
      form.setError(
        "password",
        { type: "server", message: "That password is incorrect." },
        { shouldFocus: true },
      );
    } else if (isApiError(error) && error.fieldError("password")) {
      form.setError(
        "password",
        { type: "server", message: "Enter your current password." },
        { shouldFocus: true },
      );
    } else {
      setFailure(error);
    }
  });

  const waiting = secondsLeft > 0;
  return (
    <form method="post" noValidate onSubmit={onSubmit}>
      <ErrorAlert error={failure} />
      <HiddenUsername value={email} />
      <PasswordField
        label="Current password"
        autoComplete="current-password"
        required
        hint="To confirm it's you."
        error={form.formState.errors.password?.message}
        {...form.register("password")}
      />
      <div className="actions">
        <Button
          type="submit"
          pending={busy || waiting}
          pendingLabel={waiting ? `Try again in ${secondsLeft} s` : `Switching to ${label}…`}
        >
          Switch to {label}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
