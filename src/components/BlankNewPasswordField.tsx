import { useId } from "react";
import { PasswordField, type PasswordFieldProps } from "./PasswordField.tsx";

export const NEW_PASSWORD_HINT = "Use a long phrase, or mix capitals, digits and symbols.";

/** NewPasswordField's live region: polite, and only once typing pauses. */
export function PasswordAnnouncement({ children }: { children: string }) {
  return (
    <p className="visually-hidden" aria-live="polite">
      {children}
    </p>
  );
}

/**
 * NewPasswordField as it is before anything is typed, without the password rule's code: a form's
 * stand-in until its code is in (see DeferredForm).
 */
export function BlankNewPasswordField(
  props: Omit<PasswordFieldProps, "autoComplete" | "children" | "describedById">,
) {
  const summaryId = `${useId()}-summary`;
  return (
    <PasswordField autoComplete="new-password" describedById={summaryId} {...props}>
      <p className="hint" id={summaryId}>
        {NEW_PASSWORD_HINT}
      </p>
      <PasswordAnnouncement>{""}</PasswordAnnouncement>
    </PasswordField>
  );
}
