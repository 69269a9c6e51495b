import { useState } from "react";
import { focusWithoutLoading, type StandInProps } from "../../components/DeferredForm.tsx";
import { IDLE, SENDING } from "../../components/SubmitButton.tsx";
import { useInitialFocus } from "../../components/useInitialFocus.ts";
import { LoginFormView } from "./LoginFormView.tsx";

/** LoginFormView with plain inputs, until LoginForm's code is in (see DeferredForm). */
export function LoginFormStandIn({
  form,
  alert,
  submitting,
  initialEmail,
}: StandInProps & { initialEmail: string }) {
  // As LoginForm does: the first field left to fill, without downloading the form's code.
  useInitialFocus(() => {
    const field = initialEmail.trim() === "" ? "email" : "password";
    focusWithoutLoading(document.querySelector<HTMLInputElement>(`main input[name="${field}"]`));
  });
  // The inputs are the browser's; their address is heard as typed, for "Forgot password?".
  const [typedEmail, setTypedEmail] = useState(initialEmail);
  return (
    <LoginFormView
      form={form}
      email={{
        name: "email",
        defaultValue: initialEmail,
        onChange: (event) => setTypedEmail(event.target.value),
      }}
      password={{ name: "password" }}
      guards={[]}
      submit={submitting ? SENDING : IDLE}
      alert={alert}
      typedEmail={typedEmail}
    />
  );
}
