import { type ComponentPropsWithRef, type ReactNode, useId } from "react";
import type { SubmitGuard } from "./useSubmitGuard.ts";

/** The guards whose failures the form's alert shows (a form may have two, e.g. send and resend). */
export type FormGuards = ReadonlyArray<Pick<SubmitGuard, "failure" | "noteEdit">>;

interface GuardedFormProps extends Omit<ComponentPropsWithRef<"form">, "onInput" | "noValidate"> {
  guards: FormGuards;
  /** The form's alert (its failures), at the top of the form. */
  alert: ReactNode;
  /** The alert container's id, for a field that is also described by it. */
  alertId?: string;
  /**
   * The alert after the form's controls instead of above them: where a failure is common (a
   * mistyped password) its arrival then moves none of the controls.
   */
  alertLast?: boolean;
  children: ReactNode;
}

/**
 * Every form's frame: POST (a submission before the app runs puts nothing in the URL), our own
 * validation, the alert (at the top, or last) tied to the form while it shows, and the alert gone as soon as
 * the person starts fixing things.
 */
export function GuardedForm({
  guards,
  alert,
  alertId: givenId,
  alertLast = false,
  children,
  ...formProps
}: GuardedFormProps) {
  const ownId = useId();
  const alertId = givenId ?? ownId;
  const failing = guards.some((guard) => Boolean(guard.failure));
  const alertBox = (
    <div id={alertId} className={alertLast ? "form-alert last" : "form-alert"}>
      {alert}
    </div>
  );
  return (
    <form
      method="post"
      noValidate
      aria-describedby={failing ? alertId : undefined}
      onInput={() => {
        for (const guard of guards) guard.noteEdit();
      }}
      {...formProps}
    >
      {alertLast ? null : alertBox}
      {children}
      {alertLast ? alertBox : null}
    </form>
  );
}
