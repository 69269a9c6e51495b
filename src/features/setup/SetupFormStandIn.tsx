import { focusWithoutLoading, type StandInProps } from "../../components/DeferredForm.tsx";
import { IDLE, SENDING } from "../../components/SubmitButton.tsx";
import { useInitialFocus } from "../../components/useInitialFocus.ts";
import { SetupFormView } from "./SetupFormView.tsx";

/** SetupFormView with plain inputs, until SetupForm's code is in (see DeferredForm). */
export function SetupFormStandIn({ form, alert, submitting }: StandInProps) {
  // As SetupForm does: the first field, without downloading the form's code.
  useInitialFocus(() =>
    focusWithoutLoading(document.querySelector<HTMLInputElement>('main input[name="email"]')),
  );
  return (
    <SetupFormView
      form={form}
      fields={{
        email: { name: "email" },
        username: { name: "username" },
        name: { name: "name" },
        password: { name: "password" },
        trial: { name: "trial" },
      }}
      submit={submitting ? SENDING : IDLE}
      alert={alert}
    />
  );
}
