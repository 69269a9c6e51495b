import { focusWithoutLoading, type StandInProps } from "../../components/DeferredForm.tsx";
import { IDLE, SENDING } from "../../components/SubmitButton.tsx";
import { useInitialFocus } from "../../components/useInitialFocus.ts";
import { emailIsUsable, isPasscodeShaped, type ResetLink } from "./passcode.ts";
import { ResetPasswordFormView } from "./ResetPasswordFormView.tsx";
import { useResendCooldown } from "./resend-cooldown.ts";

/** ResetPasswordFormView with plain inputs, until ResetPasswordForm's code is in (DeferredForm). */
export function ResetPasswordFormStandIn({
  form,
  alert,
  submitting,
  link,
}: StandInProps & { link: ResetLink }) {
  // What ResetPasswordForm starts with, from the same link.
  const linkCodeUsable = link.code !== null && isPasscodeShaped(link.code);
  const showEmail = !emailIsUsable(link.email);
  const showCode = !linkCodeUsable;
  const email = link.email ?? "";
  const coolingFor = useResendCooldown(email);
  useInitialFocus(() => {
    const field = showEmail ? "email" : showCode ? "code" : "password";
    focusWithoutLoading(document.querySelector<HTMLInputElement>(`main input[name="${field}"]`));
  });
  return (
    <ResetPasswordFormView
      link={link}
      linkCodeUsable={linkCodeUsable}
      showEmail={showEmail}
      showCode={showCode}
      email={email}
      form={form}
      fields={{
        email: { name: "email", defaultValue: email },
        code: { name: "code", defaultValue: "" },
        password: { name: "password" },
        confirm_password: { name: "confirm_password" },
      }}
      guards={[]}
      submit={submitting ? SENDING : IDLE}
      alert={alert}
      // The button is there from the first frame; a press is caught by the swap (DeferredForm).
      newCode={showCode ? { onClick: () => {}, sending: false, waitSeconds: coolingFor } : null}
      cooling={coolingFor > 0}
    />
  );
}
