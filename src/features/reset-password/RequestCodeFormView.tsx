import type { ReactNode } from "react";
import { EmailField } from "../../components/EmailField.tsx";
import type { FieldProps, FormHandlers, SubmitState } from "../../components/form-view.ts";
import { type FormGuards, GuardedForm } from "../../components/GuardedForm.tsx";
import { SubmitButton } from "../../components/SubmitButton.tsx";

const COOLDOWN_HINT =
  "A code was sent to this address less than a minute ago. Check your inbox and spam folder before asking again.";

interface RequestCodeFormViewProps {
  form: FormHandlers;
  email: FieldProps;
  error?: string | undefined;
  guards: FormGuards;
  submit: SubmitState;
  alert: ReactNode;
  /** Seconds of our courtesy wait between two emails to this address (resend-cooldown.ts). */
  coolingFor: number;
}

/** The request-a-code form's markup, props only: RequestCodeForm and its stand-in render it. */
export function RequestCodeFormView({
  form,
  email,
  error,
  guards,
  submit,
  alert,
  coolingFor,
}: RequestCodeFormViewProps) {
  return (
    <GuardedForm guards={guards} alert={alert} {...form}>
      <EmailField
        autoComplete="email"
        error={error}
        hint={coolingFor > 0 ? COOLDOWN_HINT : undefined}
        {...email}
      />
      <SubmitButton guard={submit} busyLabel="Sending…" waitSeconds={coolingFor} block>
        Email me a code
      </SubmitButton>
    </GuardedForm>
  );
}
