import { BlankNewPasswordField } from "../../components/BlankNewPasswordField.tsx";
import { focusWithoutLoading, type StandInProps } from "../../components/DeferredForm.tsx";
import { EmailField } from "../../components/EmailField.tsx";
import { IDLE, SENDING, SubmitButton } from "../../components/SubmitButton.tsx";
import { TextField } from "../../components/TextField.tsx";
import { useInitialFocus } from "../../components/useInitialFocus.ts";
import { TrialCheckbox } from "./TrialOption.tsx";

export const USERNAME_HINT =
  "Your name in Coder and on the command line: letters, digits and hyphens. Suggested from your email until you change it.";

/** SetupForm's markup as plain inputs, until its code is in (see DeferredForm). */
export function SetupFormStandIn({ form, alert, submitting }: StandInProps) {
  // As SetupForm does: the first field, without downloading the form's code.
  useInitialFocus(() =>
    focusWithoutLoading(document.querySelector<HTMLInputElement>('main input[name="email"]')),
  );
  return (
    <form method="post" noValidate {...form}>
      <div id="setup-error">{alert}</div>
      <EmailField name="email" />
      <TextField
        label="Username"
        type="text"
        hint={USERNAME_HINT}
        autoComplete="nickname"
        autoCapitalize="off"
        spellCheck={false}
        required
        name="username"
      />
      <TextField label="Full name (optional)" type="text" autoComplete="name" name="name" />
      <BlankNewPasswordField label="Password" required name="password" />
      <TrialCheckbox name="trial" />
      <SubmitButton guard={submitting ? SENDING : IDLE} busyLabel="Creating your account…" block>
        Create account
      </SubmitButton>
    </form>
  );
}
