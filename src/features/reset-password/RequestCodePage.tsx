import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Link, useLocation, useNavigate, useSearchParams } from "react-router";
import * as z from "zod/mini";
import { isApiError } from "../../api/errors.ts";
import { requestOneTimePasscodeMutation } from "../../api/password-reset.ts";
import { authMethodsQuery } from "../../api/session.ts";
import { Alert } from "../../components/Alert.tsx";
import { AuthLayout } from "../../components/AuthLayout.tsx";
import { EmailField } from "../../components/EmailField.tsx";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { GuardedForm } from "../../components/GuardedForm.tsx";
import { SubmitButton } from "../../components/SubmitButton.tsx";
import { useInitialFocus } from "../../components/useInitialFocus.ts";
import { useSubmitGuard } from "../../components/useSubmitGuard.ts";
import { emailField } from "../../forms/fields.ts";
import { CodeSent } from "./CodeSent.tsx";
import { emailSearch } from "./passcode.ts";
import { nextRequestAt, recordRequest, useResendCooldown } from "./resend-cooldown.ts";
import { describeResetError, passwordAuthDisabledText } from "./reset-errors.ts";

const RequestSchema = z.object({ email: emailField });
type RequestValues = z.infer<typeof RequestSchema>;

/** `/login` passes the typed address in router state; Coder's own links use `?email=`. */
function initialEmail(params: URLSearchParams, state: unknown): string {
  const fromQuery = params.get("email");
  if (fromQuery) return fromQuery.trim();
  if (typeof state === "object" && state !== null && "email" in state) {
    const { email } = state as { email: unknown };
    if (typeof email === "string") return email.trim();
  }
  return "";
}

export function RequestCodePage() {
  const [params] = useSearchParams();
  const location = useLocation();
  const methods = useQuery(authMethodsQuery());
  const navigate = useNavigate();
  const [defaultEmail] = useState(() => initialEmail(params, location.state));
  /**
   * The address a code was last requested for; null while the form shows. After a reload (the
   * address is in the URL by then) the same screen comes back while its resend wait runs.
   */
  const [sentTo, setSentTo] = useState<string | null>(() =>
    defaultEmail !== "" && nextRequestAt(defaultEmail) !== undefined ? defaultEmail : null,
  );
  const [typedEmail, setTypedEmail] = useState(defaultEmail);
  /** Back from "Check your email" to type another address: the field starts empty and focused. */
  const [changingEmail, setChangingEmail] = useState(false);

  const onSent = (email: string) => {
    setSentTo(email);
    navigate({ search: emailSearch(email) }, { replace: true });
  };

  const passwordDisabled = methods.data?.password.enabled === false;

  if (sentTo !== null) {
    return (
      <AuthLayout
        title="Check your email"
        footer={
          <Link to="/login" state={{ email: sentTo }}>
            Back to sign in
          </Link>
        }
      >
        <CodeSent
          email={sentTo}
          onChangeEmail={() => {
            // Empty, not the old address: the old one would come back with its wait running.
            setTypedEmail("");
            setChangingEmail(true);
            setSentTo(null);
            // A reload should now show the form, not this screen again.
            navigate({ search: "" }, { replace: true });
          }}
        />
      </AuthLayout>
    );
  }

  return (
    <AuthLayout
      title="Reset your password"
      footer={
        <>
          <Link to="/login" state={typedEmail.trim() ? { email: typedEmail.trim() } : undefined}>
            Back to sign in
          </Link>
          {/* A code is of no use where there is no password to reset. */}
          {passwordDisabled ? null : (
            <>
              {" · "}
              <Link to={`/reset-password/change${emailSearch(typedEmail.trim() || null)}`}>
                I already have a code
              </Link>
            </>
          )}
        </>
      }
    >
      {passwordDisabled ? (
        <Alert tone="warning">
          <p>{passwordAuthDisabledText}</p>
        </Alert>
      ) : (
        <>
          <p className="lead">
            Enter the email address you sign in with. We'll email you a one-time code with a link to
            choose a new password.
          </p>
          <RequestCodeForm
            defaultEmail={typedEmail}
            takeFocus={changingEmail}
            onEmailChange={setTypedEmail}
            onSent={onSent}
          />
        </>
      )}
    </AuthLayout>
  );
}

interface RequestCodeFormProps {
  defaultEmail: string;
  /** Focus the field when the form appears (not on arrival: the page's heading comes first). */
  takeFocus: boolean;
  onEmailChange: (email: string) => void;
  onSent: (email: string) => void;
}

function RequestCodeForm({ defaultEmail, takeFocus, onEmailChange, onSent }: RequestCodeFormProps) {
  const request = useMutation(requestOneTimePasscodeMutation());
  const guard = useSubmitGuard();
  const form = useForm<RequestValues>({
    resolver: zodResolver(RequestSchema),
    defaultValues: { email: defaultEmail },
  });
  const { errors } = form.formState;
  const email = form.watch("email");
  const coolingFor = useResendCooldown(email);
  useInitialFocus(() => form.setFocus("email"), takeFocus);

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
    <GuardedForm
      guards={[guard]}
      onSubmit={onSubmit}
      alert={<ErrorAlert error={guard.failure} describe={describeResetError} />}
    >
      <EmailField
        autoComplete="email"
        error={errors.email?.message}
        hint={
          coolingFor > 0
            ? "A code was sent to this address less than a minute ago. Check your inbox and spam folder before asking again."
            : undefined
        }
        onChange={(event) => {
          onEmailChange(event.target.value);
          return onChange(event);
        }}
        {...emailRegistration}
      />
      <SubmitButton guard={guard} busyLabel="Sending…" waitSeconds={coolingFor} block>
        Email me a code
      </SubmitButton>
    </GuardedForm>
  );
}
