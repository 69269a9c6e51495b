import { useQuery } from "@tanstack/react-query";
import { startTransition, useState } from "react";
import { useLocation, useNavigate, useSearchParams } from "react-router";
import { authMethodsQuery } from "../../api/session.ts";
import { DeferredForm, deferredForm } from "../../components/DeferredForm.tsx";
import { useAuthChrome } from "../../components/useAuthChrome.ts";
import { CodeSent } from "./CodeSent.tsx";
import { emailSearch } from "./passcode.ts";
import { RequestCodeFormStandIn } from "./RequestCodeFormStandIn.tsx";
import { RequestCodeFormView } from "./RequestCodeFormView.tsx";
import { RequestCodePageView } from "./RequestCodePageView.tsx";
import { nextRequestAt } from "./resend-cooldown.ts";

// The form's code (and react-hook-form's) downloads when someone starts using it.
const requestCodeForm = deferredForm(
  async () => (await import("./RequestCodeForm.tsx")).RequestCodeForm,
);

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
  const chrome = useAuthChrome();
  const [defaultEmail] = useState(() => initialEmail(params, location.state));
  /**
   * The address a code was last requested for; null while the form shows. After a reload (the
   * address is in the URL by then) the same screen comes back while its resend wait runs.
   */
  const [sentTo, setSentTo] = useState<string | null>(() =>
    defaultEmail !== "" && nextRequestAt(defaultEmail) !== undefined ? defaultEmail : null,
  );
  const [typedEmail, setTypedEmail] = useState(defaultEmail);

  // The screen and the URL change in one commit: the router moves in a transition, so a plain
  // state update would show "Check your email" a render before the address is in the URL (a
  // reload then would show the form again).
  const onSent = (email: string) =>
    startTransition(() => {
      setSentTo(email);
      navigate({ search: emailSearch(email) }, { replace: true });
    });

  return (
    <RequestCodePageView
      chrome={chrome}
      sentTo={sentTo}
      codeSent={
        sentTo === null ? null : (
          <CodeSent
            email={sentTo}
            onChangeEmail={() => {
              // Empty, not the old address: the old one would come back with its wait running.
              // A reload should now show the form, not this screen again: one commit, as above.
              startTransition(() => {
                setTypedEmail("");
                setSentTo(null);
                navigate({ search: "" }, { replace: true });
              });
            }}
          />
        )
      }
      typedEmail={typedEmail}
      passwordDisabled={methods.data?.password.enabled === false}
      form={
        <DeferredForm
          form={requestCodeForm}
          props={{
            defaultEmail: typedEmail,
            onEmailChange: setTypedEmail,
            onSent,
            View: RequestCodeFormView,
          }}
          standIn={(standIn) => (
            <RequestCodeFormStandIn
              {...standIn}
              defaultEmail={typedEmail}
              onEmailChange={setTypedEmail}
            />
          )}
        />
      }
    />
  );
}
