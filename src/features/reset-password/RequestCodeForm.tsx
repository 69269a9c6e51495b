import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import * as z from "zod/mini";
import { isApiError } from "../../api/errors.ts";
import { requestOneTimePasscodeMutation } from "../../api/password-reset.ts";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { useInitialFocus } from "../../components/useInitialFocus.ts";
import { useSubmitGuard } from "../../components/useSubmitGuard.ts";
import { emailField } from "../../forms/fields.ts";
import type { RequestCodeFormView } from "./RequestCodeFormView.tsx";
import { recordRequest, useResendCooldown } from "./resend-cooldown.ts";
import { describeResetError } from "./reset-errors.ts";

const RequestSchema = z.object({ email: emailField });
type RequestValues = z.infer<typeof RequestSchema>;

export interface RequestCodeFormProps {
  defaultEmail: string;
  onEmailChange: (email: string) => void;
  onSent: (email: string) => void;
  /**
   * The form's markup, handed over by the page, which has it already for the stand-in: imported
   * here, it would leave the page's chunk for a chunk of its own (one more file per page).
   */
  View: typeof RequestCodeFormView;
}

export function RequestCodeForm({
  defaultEmail,
  onEmailChange,
  onSent,
  View,
}: RequestCodeFormProps) {
  const request = useMutation(requestOneTimePasscodeMutation());
  const guard = useSubmitGuard();
  const form = useForm<RequestValues>({
    resolver: zodResolver(RequestSchema),
    defaultValues: { email: defaultEmail },
  });
  const { errors } = form.formState;
  const email = form.watch("email");
  const coolingFor = useResendCooldown(email);
  // The cursor starts in the one field, with the address brought from sign-in in it.
  useInitialFocus(() => form.setFocus("email"));

  /** The server's verdict on the address goes on its field; true when it did. */
  const placeOnField = (error: unknown): boolean => {
    if (!isApiError(error) || error.fieldError("email") === undefined) return false;
    form.setError(
      "email",
      { type: "server", message: "The server didn't accept this address. Check it and try again." },
      { shouldFocus: true },
    );
    return true;
  };

  const onSubmit = form.handleSubmit(async ({ email }) => {
    // None while our courtesy wait runs; the guard holds back the rest.
    if (coolingFor > 0) return;
    await guard.run(async () => {
      await request.mutateAsync({ email });
      recordRequest(email);
      onSent(email);
      return undefined;
    }, placeOnField);
  });

  const { onChange, ...emailRegistration } = form.register("email");
  return (
    <View
      form={{ onSubmit }}
      email={{
        ...emailRegistration,
        onChange: (event) => {
          onEmailChange(event.target.value);
          return onChange(event);
        },
      }}
      error={errors.email?.message}
      guards={[guard]}
      submit={guard}
      alert={<ErrorAlert error={guard.failure} describe={describeResetError} />}
      coolingFor={coolingFor}
    />
  );
}
