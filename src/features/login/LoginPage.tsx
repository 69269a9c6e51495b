import { useQuery } from "@tanstack/react-query";
import { useEffect, useEffectEvent, useState } from "react";
import { useLocation, useNavigate, useSearchParams } from "react-router";
import type { User } from "../../api/schemas.ts";
import { authMethodsQuery, maybeMeQuery } from "../../api/session.ts";
import { fullPageNavigation, isAppTarget } from "../../app/navigation.ts";
import { Alert } from "../../components/Alert.tsx";
import { AuthLayout } from "../../components/AuthLayout.tsx";
import { Button } from "../../components/Button.tsx";
import { safeRedirect } from "../../lib/safe-redirect.ts";
import {
  type LoginLocationState,
  loginMessage,
  startsAtPassword,
} from "../../session/login-messages.ts";
import { ssoOptions } from "../../sso/providers.ts";
import { LoginForm } from "./LoginForm.tsx";
import { SsoButtons } from "./SsoButtons.tsx";

export function LoginPage() {
  const [params] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const redirectTo = safeRedirect(params.get("redirect"));
  const messageId = params.get("message");
  const notice = loginMessage(messageId);
  const initialEmail = (location.state as LoginLocationState | null)?.email ?? "";

  const me = useQuery(maybeMeQuery());
  const methods = useQuery(authMethodsQuery());
  const [termsAccepted, setTermsAccepted] = useState(false);

  // Where they were heading, by default Coder's dashboard (a full page load, as is any page
  // that is not the app's).
  const goOn = (user: User | null) => {
    if (!user) return;
    if (isAppTarget(redirectTo)) navigate(redirectTo, { replace: true });
    else fullPageNavigation.assign(redirectTo);
  };

  // Already signed in (or just signed in through another tab): go where they were heading. Only
  // the session's arrival runs this; the target is read as it is at that moment.
  const signedInUser = me.data;
  const onSession = useEffectEvent(goOn);
  useEffect(() => {
    if (signedInUser) onSession(signedInUser);
  }, [signedInUser]);

  const options = ssoOptions(methods.data);
  // Until the methods arrive, assume a password form: most deployments have one, and it lets the
  // page be useful at first paint.
  const passwordEnabled = methods.data?.password.enabled ?? true;
  const termsUrl = methods.data?.terms_of_service_url;
  const nothingEnabled = methods.data && !passwordEnabled && options.length === 0;

  return (
    <AuthLayout title="Sign in" heading="Sign in to Coder">
      {notice ? (
        <Alert tone={notice.tone}>
          <p>{notice.text}</p>
        </Alert>
      ) : null}

      {termsUrl && !termsAccepted ? (
        <div className="stack">
          <p>
            Before you continue, read and accept this deployment's{" "}
            <a href={termsUrl} target="_blank" rel="noreferrer noopener">
              Terms of Service<span className="visually-hidden"> (opens in a new tab)</span>
            </a>
            .
          </p>
          <Button block onClick={() => setTermsAccepted(true)}>
            I agree
          </Button>
        </div>
      ) : (
        <>
          {passwordEnabled ? (
            <LoginForm
              initialEmail={initialEmail}
              onSignedIn={goOn}
              takeFocus={termsAccepted || startsAtPassword(messageId, initialEmail)}
            />
          ) : null}
          {passwordEnabled && options.length > 0 ? <p className="divider">or</p> : null}
          <SsoButtons
            options={options}
            redirectTo={redirectTo}
            takeFocus={termsAccepted && !passwordEnabled}
          />
          {nothingEnabled ? (
            <Alert tone="warning">
              <p>
                This deployment has no sign-in method turned on. Ask your administrator to enable
                password or single sign-on.
              </p>
            </Alert>
          ) : null}
          {methods.isError ? (
            <Alert tone="warning">
              <p>Other sign-in options couldn't be loaded.</p>
              <div className="actions">
                <Button variant="secondary" onClick={() => methods.refetch()}>
                  Try again
                </Button>
              </div>
            </Alert>
          ) : null}
        </>
      )}
    </AuthLayout>
  );
}
