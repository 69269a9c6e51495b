import { focusWithoutLoading, type StandInProps } from "../../components/DeferredForm.tsx";
import { EmailField } from "../../components/EmailField.tsx";
import { GuardedForm } from "../../components/GuardedForm.tsx";
import { IDLE, SENDING, SubmitButton } from "../../components/SubmitButton.tsx";
import { useInitialFocus } from "../../components/useInitialFocus.ts";
import { useResendCooldown } from "./resend-cooldown.ts";

export const COOLDOWN_HINT =
  "A code was sent to this address less than a minute ago. Check your inbox and spam folder before asking again.";

interface RequestCodeFormStandInProps extends StandInProps {
  defaultEmail: string;
  onEmailChange: (email: string) => void;
}

/** RequestCodeForm's markup as plain inputs, until its code is in (see DeferredForm). */
export function RequestCodeFormStandIn({
  form,
  alert,
  submitting,
  defaultEmail,
  onEmailChange,
}: RequestCodeFormStandInProps) {
  const coolingFor = useResendCooldown(defaultEmail);
  // As RequestCodeForm does, without downloading the form's code.
  useInitialFocus(() =>
    focusWithoutLoading(document.querySelector<HTMLInputElement>('main input[name="email"]')),
  );
  return (
    <GuardedForm guards={[]} alert={alert} {...form}>
      <EmailField
        autoComplete="email"
        name="email"
        defaultValue={defaultEmail}
        hint={coolingFor > 0 ? COOLDOWN_HINT : undefined}
        onChange={(event) => onEmailChange(event.target.value)}
      />
      <SubmitButton
        guard={submitting ? SENDING : IDLE}
        busyLabel="Sending…"
        waitSeconds={coolingFor}
        block
      >
        Email me a code
      </SubmitButton>
    </GuardedForm>
  );
}
