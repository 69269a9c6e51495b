import type { ReactNode } from "react";
import { BlankNewPasswordField } from "../../components/BlankNewPasswordField.tsx";
import { EmailField, HiddenUsername } from "../../components/EmailField.tsx";
import type { FieldProps, FormHandlers, SubmitState } from "../../components/form-view.ts";
import { type FormGuards, GuardedForm } from "../../components/GuardedForm.tsx";
import { PasswordField } from "../../components/PasswordField.tsx";
import { SubmitButton } from "../../components/SubmitButton.tsx";
import { TextField } from "../../components/TextField.tsx";
import type { ResetLink } from "./passcode.ts";
import { ResendCodeButton } from "./ResendCodeButton.tsx";
import { ResetFormIntro } from "./ResetFormIntro.tsx";

const CODE_HINT = "Paste the code or the whole link from the email.";
const COOLING_HINT =
  "A code was sent to this address less than a minute ago. If a newer email has arrived, use the code from it.";

type FormField = "email" | "code" | "password" | "confirm_password";

/** What the new password's field gets from the View; the real form adds its live meter. */
type NewPasswordSlotProps = FieldProps & { label: string; error?: string | undefined };

interface ResetPasswordFormViewProps {
  link: ResetLink;
  linkCodeUsable: boolean;
  showEmail: boolean;
  showCode: boolean;
  /** The account's address as it stands (the link's, or typed). */
  email: string;
  form: FormHandlers;
  fields: Record<FormField, FieldProps>;
  errors?: Partial<Record<FormField, string | undefined>>;
  guards: FormGuards;
  submit: SubmitState;
  alert: ReactNode;
  /** "Email me a code" under the code field: shown, and what pressing it does. */
  newCode: { onClick: () => void; sending: boolean; waitSeconds: number } | null;
  /** Our pause between two emails is running: said under the button. */
  cooling: boolean;
  /**
   * The new password's field with the password rule's live meter (NewPasswordField, which comes
   * with the form's code); without it, the field as it is before anything is typed.
   */
  newPasswordField?: (props: NewPasswordSlotProps) => ReactNode;
}

/** The choose-a-new-password form's markup, props only: ResetPasswordForm and its stand-in. */
export function ResetPasswordFormView({
  link,
  linkCodeUsable,
  showEmail,
  showCode,
  email,
  form,
  fields,
  errors = {},
  guards,
  submit,
  alert,
  newCode,
  cooling,
  newPasswordField = (props) => <BlankNewPasswordField {...props} />,
}: ResetPasswordFormViewProps) {
  return (
    <>
      <ResetFormIntro
        link={link}
        linkCodeUsable={linkCodeUsable}
        showEmail={showEmail}
        showCode={showCode}
        email={email}
      />
      {/* POST: if this is submitted before the app runs (the prerendered page), the passwords
          travel in a request body, never in the URL, history or logs as a GET would put them. */}
      <GuardedForm guards={guards} alert={alert} {...form}>
        {showEmail ? (
          <EmailField error={errors.email} {...fields.email} />
        ) : (
          <HiddenUsername value={email} />
        )}
        {showCode ? (
          <TextField
            label="One-time code"
            type="text"
            autoComplete="one-time-code"
            autoCapitalize="off"
            autoCorrect="off"
            spellCheck={false}
            required
            error={errors.code}
            hint={CODE_HINT}
            {...fields.code}
          />
        ) : null}
        {newCode ? (
          <div className="field new-code">
            <ResendCodeButton {...newCode} />
            {cooling ? <p className="hint">{COOLING_HINT}</p> : null}
          </div>
        ) : null}
        {newPasswordField({
          label: "New password",
          required: true,
          error: errors.password,
          ...fields.password,
        })}
        <PasswordField
          label="Confirm new password"
          autoComplete="new-password"
          required
          error={errors.confirm_password}
          {...fields.confirm_password}
        />
        <SubmitButton guard={submit} busyLabel="Changing password…" block>
          Change password
        </SubmitButton>
      </GuardedForm>
    </>
  );
}
