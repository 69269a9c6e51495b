import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRef } from "react";
import { useForm } from "react-hook-form";
import * as z from "zod/mini";
import { convertLoginMutation } from "../../api/account.ts";
import { isApiError } from "../../api/errors.ts";
import { fullPageNavigation } from "../../app/navigation.ts";
import { Button } from "../../components/Button.tsx";
import { Dialog } from "../../components/Dialog.tsx";
import { EmailAddress } from "../../components/EmailAddress.tsx";
import { HiddenUsername } from "../../components/EmailField.tsx";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { GuardedForm } from "../../components/GuardedForm.tsx";
import { PasswordField } from "../../components/PasswordField.tsx";
import { SubmitButton } from "../../components/SubmitButton.tsx";
import { LEAVING, type SubmitGuard, useSubmitGuard } from "../../components/useSubmitGuard.ts";
import { CURRENT_PASSWORD, requiredPassword } from "../../forms/fields.ts";
import { isMessage } from "../../forms/server-errors.ts";
import { loginWithMessage } from "../../session/login-messages.ts";
import { type SsoOption, ssoStartUrl } from "../../sso/providers.ts";

const ConfirmSchema = z.object({ password: requiredPassword(CURRENT_PASSWORD.missing) });
type ConfirmValues = z.infer<typeof ConfirmSchema>;

interface ConvertDialogProps {
  /** The provider to switch to; the dialog is open while this is set. */
  option: SsoOption | null;
  email: string;
  onClose: () => void;
}

export function ConvertDialog({ option, email, onClose }: ConvertDialogProps) {
  // Here, not in the form: a dialog closed while its request is out and opened again must not
  // send a second one.
  const guard = useSubmitGuard();
  // A switch confirmed and then cancelled while the request was out must not leave the page.
  const current = useRef(option);
  current.current = option;
  const convert = useMutation(convertLoginMutation());
  const label = option?.label ?? "";
  const close = () => {
    guard.clearFailure();
    onClose();
  };

  const switchTo = async (chosen: SsoOption, password: string) => {
    const { provider } = chosen;
    const cancelled = () => current.current !== chosen;
    let answer: Awaited<ReturnType<typeof convert.mutateAsync>>;
    try {
      answer = await convert.mutateAsync({ to_type: provider, password });
    } catch (error) {
      // Nobody waits for the answer to a switch that was cancelled: keep it off the next dialog.
      if (cancelled()) return undefined;
      throw error;
    }
    if (cancelled()) return undefined;
    fullPageNavigation.assign(
      ssoStartUrl(provider, {
        oidc_merge_state: answer.state_string,
        redirect: loginWithMessage(`login-type-changed-${provider}`),
      }),
    );
    return LEAVING;
  };

  return (
    <Dialog
      open={option !== null}
      onClose={close}
      preventClose={guard.busy}
      title={`Switch to ${label}?`}
      description={
        <>
          <p>
            From now on you will sign in with <strong>{label}</strong> only. This can't be undone:
            the account won't be able to use a password again.
          </p>
          <p>
            You will be signed out here and sent to {label}. Sign in there with an account whose
            email is exactly{" "}
            <strong>
              <EmailAddress email={email} />
            </strong>
            , or the switch won't go through.
          </p>
        </>
      }
    >
      {option ? (
        <ConfirmForm
          email={email}
          label={label}
          guard={guard}
          onCancel={close}
          onConfirm={(password) => switchTo(option, password)}
        />
      ) : null}
    </Dialog>
  );
}

interface ConfirmFormProps {
  email: string;
  label: string;
  guard: SubmitGuard;
  onCancel: () => void;
  onConfirm: (password: string) => Promise<typeof LEAVING | undefined>;
}

function ConfirmForm({ email, label, guard, onCancel, onConfirm }: ConfirmFormProps) {
  const form = useForm<ConfirmValues>({
    resolver: zodResolver(ConfirmSchema),
    defaultValues: { password: "" },
  });

  /** The password's own problems go on its field; true when the error found it. */
  const placeOnField = (error: unknown): boolean => {
    // A wrong password is Coder's sign-in failure (401); it says nothing about the session.
    if (isMessage(error, "Incorrect email or password.")) {
      form.setError(
        "password",
        { type: "server", message: CURRENT_PASSWORD.wrong },
        { shouldFocus: true },
      );
      return true;
    }
    if (isApiError(error) && error.fieldError("password")) {
      form.setError(
        "password",
        { type: "server", message: CURRENT_PASSWORD.missing },
        { shouldFocus: true },
      );
      return true;
    }
    return false;
  };

  const onSubmit = form.handleSubmit(({ password }) =>
    guard.run(() => onConfirm(password), placeOnField),
  );

  return (
    <GuardedForm guards={[guard]} onSubmit={onSubmit} alert={<ErrorAlert error={guard.failure} />}>
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
        <SubmitButton guard={guard} busyLabel={`Switching to ${label}…`}>
          Switch to {label}
        </SubmitButton>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </GuardedForm>
  );
}
