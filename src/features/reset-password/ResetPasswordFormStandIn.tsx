import { BlankNewPasswordField } from "../../components/BlankNewPasswordField.tsx";
import { focusWithoutLoading, type StandInProps } from "../../components/DeferredForm.tsx";
import { EmailField, HiddenUsername } from "../../components/EmailField.tsx";
import { GuardedForm } from "../../components/GuardedForm.tsx";
import { PasswordField } from "../../components/PasswordField.tsx";
import { IDLE, SENDING, SubmitButton } from "../../components/SubmitButton.tsx";
import { TextField } from "../../components/TextField.tsx";
import { useInitialFocus } from "../../components/useInitialFocus.ts";
import { emailIsUsable, isPasscodeShaped, type ResetLink } from "./passcode.ts";
import { ResendCodeButton } from "./ResendCodeButton.tsx";
import { ResetFormIntro } from "./ResetFormIntro.tsx";
import { useResendCooldown } from "./resend-cooldown.ts";

export const CODE_HINT = "Paste the code or the whole link from the email.";
export const COOLING_HINT =
  "A code was sent to this address less than a minute ago. If a newer email has arrived, use the code from it.";

/** ResetPasswordForm's markup as plain inputs, until its code is in (see DeferredForm). */
export function ResetPasswordFormStandIn({
  form,
  alert,
  submitting,
  link,
}: StandInProps & { link: ResetLink }) {
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
    <>
      <ResetFormIntro
        link={link}
        linkCodeUsable={linkCodeUsable}
        showEmail={showEmail}
        showCode={showCode}
        email={email}
      />
      <GuardedForm guards={[]} alert={alert} {...form}>
        {showEmail ? (
          <EmailField name="email" defaultValue={email} />
        ) : (
          <HiddenUsername value={email} />
        )}
        {showCode ? (
          <>
            <TextField
              label="One-time code"
              type="text"
              autoComplete="one-time-code"
              autoCapitalize="off"
              autoCorrect="off"
              spellCheck={false}
              required
              hint={CODE_HINT}
              name="code"
              defaultValue=""
            />
            <div className="field new-code">
              <ResendCodeButton onClick={() => {}} sending={false} waitSeconds={coolingFor} />
              {coolingFor > 0 ? <p className="hint">{COOLING_HINT}</p> : null}
            </div>
          </>
        ) : null}
        <BlankNewPasswordField label="New password" required name="password" />
        <PasswordField
          label="Confirm new password"
          autoComplete="new-password"
          required
          name="confirm_password"
        />
        <SubmitButton guard={submitting ? SENDING : IDLE} busyLabel="Changing password…" block>
          Change password
        </SubmitButton>
      </GuardedForm>
    </>
  );
}
