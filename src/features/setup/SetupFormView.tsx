import type { ReactNode } from "react";
import { BlankNewPasswordField } from "../../components/BlankNewPasswordField.tsx";
import { EmailField } from "../../components/EmailField.tsx";
import type { FieldProps, FormHandlers, SubmitState } from "../../components/form-view.ts";
import { SubmitButton } from "../../components/SubmitButton.tsx";
import { TextField } from "../../components/TextField.tsx";
import { TrialCheckbox } from "./TrialOption.tsx";

const USERNAME_HINT =
  "Your name in Coder and on the command line: letters, digits and hyphens. Suggested from your email until you change it.";

type FormField = "email" | "username" | "name" | "password" | "trial";

/** What the password's field gets from the View; the real form adds its live meter. */
type PasswordSlotProps = FieldProps & { label: string; error?: string | undefined };

interface SetupFormViewProps {
  form: FormHandlers;
  fields: Record<FormField, FieldProps>;
  errors?: Partial<Record<Exclude<FormField, "trial">, string | undefined>>;
  submit: SubmitState;
  /** What the button says while busy: the account is being made, or signed in to. */
  stage?: "creating" | "signing-in";
  /** The form's alert; `failing` ties it to the form. */
  alert: ReactNode;
  failing?: boolean;
  /** What the licensor asks for with the trial ticked (trial-fields.tsx, with the form's code). */
  trialFields?: ReactNode;
  /** The password's field with the live meter (NewPasswordField, with the form's code). */
  passwordField?: (props: PasswordSlotProps) => ReactNode;
}

/** The first account's form, props only: SetupForm renders it, and so does its stand-in. */
export function SetupFormView({
  form,
  fields,
  errors = {},
  submit,
  stage = "creating",
  alert,
  failing = false,
  trialFields,
  passwordField = (props) => <BlankNewPasswordField {...props} />,
}: SetupFormViewProps) {
  return (
    <form method="post" noValidate aria-describedby={failing ? "setup-error" : undefined} {...form}>
      <div id="setup-error">{alert}</div>
      <EmailField error={errors.email} {...fields.email} />
      <TextField
        label="Username"
        type="text"
        hint={USERNAME_HINT}
        autoComplete="nickname"
        autoCapitalize="off"
        spellCheck={false}
        required
        error={errors.username}
        {...fields.username}
      />
      <TextField
        label="Full name (optional)"
        type="text"
        autoComplete="name"
        error={errors.name}
        {...fields.name}
      />
      {passwordField({
        label: "Password",
        required: true,
        error: errors.password,
        ...fields.password,
      })}
      <TrialCheckbox {...fields.trial} />
      {trialFields}
      <SubmitButton
        guard={submit}
        busyLabel={stage === "creating" ? "Creating your account…" : "Signing in…"}
        block
      >
        Create account
      </SubmitButton>
    </form>
  );
}
