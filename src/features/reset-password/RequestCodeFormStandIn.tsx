import { focusWithoutLoading, type StandInProps } from "../../components/DeferredForm.tsx";
import { IDLE, SENDING } from "../../components/SubmitButton.tsx";
import { useInitialFocus } from "../../components/useInitialFocus.ts";
import { RequestCodeFormView } from "./RequestCodeFormView.tsx";
import { useResendCooldown } from "./resend-cooldown.ts";

interface RequestCodeFormStandInProps extends StandInProps {
  defaultEmail: string;
  onEmailChange: (email: string) => void;
}

/** RequestCodeFormView with a plain input, until RequestCodeForm's code is in (DeferredForm). */
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
    <RequestCodeFormView
      form={form}
      email={{
        name: "email",
        defaultValue: defaultEmail,
        onChange: (event) => onEmailChange(event.target.value),
      }}
      guards={[]}
      submit={submitting ? SENDING : IDLE}
      alert={alert}
      coolingFor={coolingFor}
    />
  );
}
