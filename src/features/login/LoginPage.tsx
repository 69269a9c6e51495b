import { useQuery } from "@tanstack/react-query";
import { useEffect, useEffectEvent, useLayoutEffect, useRef, useState } from "react";
import { useLocation, useNavigate, useSearchParams } from "react-router";
import type { User } from "../../api/schemas.ts";
import { authMethodsQuery, maybeMeQuery, signedOutReasonQuery } from "../../api/session.ts";
import { fullPageNavigation, isAppTarget } from "../../app/navigation.ts";
import { DeferredForm, deferredForm } from "../../components/DeferredForm.tsx";
import { useAuthChrome } from "../../components/useAuthChrome.ts";
import { httpUrl } from "../../lib/external-url.ts";
import { safeRedirect } from "../../lib/safe-redirect.ts";
import {
  type LoginLocationState,
  loginMessage,
  loginMessageId,
} from "../../session/login-messages.ts";
import { ssoOptions, ssoStartUrl } from "../../sso/providers.ts";
import { backFromRoundTrip, forgetRoundTrip, markRoundTrip } from "../../sso/round-trip.ts";
import { LoginFormStandIn } from "./LoginFormStandIn.tsx";
import { LoginFormView } from "./LoginFormView.tsx";
import { LoginPageView } from "./LoginPageView.tsx";
import { autoStartedRecently, markAutoStart } from "./single-provider.ts";

// The form's code (and react-hook-form's) downloads when someone starts using it.
const loginForm = deferredForm(async () => (await import("./LoginForm.tsx")).LoginForm);

export function LoginPage() {
  const [params] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const messageId = loginMessageId(params.get("message"));
  // Just switched to single sign-on. Coder signs the browser in with the new method when the old
  // session was already gone, so ask who is here (SSO sets no hint); either way, end on the
  // settings page that shows the new method rather than in a second trip through the provider.
  const justConverted =
    messageId === "login-type-changed-github" || messageId === "login-type-changed-oidc";
  const redirectTo =
    justConverted && !params.has("redirect")
      ? `/settings/security?message=${messageId}`
      : safeRedirect(params.get("redirect"));
  const initialEmail = (location.state as LoginLocationState | null)?.email ?? "";

  // Back from a provider with no word of how it went: a session may have come with it, or one
  // Coder refuses (suspended). Asked once; the trip is forgotten either way.
  const [afterRoundTrip] = useState(backFromRoundTrip);
  // The route's prefetch asks who is here after such a trip (app/routes.ts); this page reads the
  // answer, and asks itself only after a switch to single sign-on.
  const me = useQuery(maybeMeQuery(justConverted));
  // Before the first paint: a reload as soon as the page shows must not find the trip again.
  useLayoutEffect(() => {
    if (afterRoundTrip) forgetRoundTrip();
  }, [afterRoundTrip]);
  // A session Coder refused for a reason (suspended) outranks whatever the link said.
  const reason = useQuery(signedOutReasonQuery()).data;
  const methods = useQuery(authMethodsQuery());
  const chrome = useAuthChrome();
  const notice = loginMessage(reason ?? messageId ?? null);
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
  // After a switch to OpenID Connect, the notice names the provider as its button does, once the
  // deployment has said what it calls it.
  const oidcLabel = options.find((option) => option.provider === "oidc")?.label;
  const shownNotice = notice && {
    tone: notice.tone,
    text:
      (reason ?? messageId) === "login-type-changed-oidc" && oidcLabel
        ? `Your account now signs in with ${oidcLabel}. Use "Sign in with ${oidcLabel}" below.`
        : notice.text,
  };
  // Until the methods arrive, assume a password form: most deployments have one, and it lets the
  // page be useful at first paint.
  const passwordEnabled = methods.data?.password.enabled ?? true;
  const termsUrl = methods.data?.terms_of_service_url;
  const termsLink = httpUrl(termsUrl);
  const needsTerms = Boolean(termsUrl) && !termsAccepted;
  const nothingEnabled = Boolean(methods.data) && !passwordEnabled && options.length === 0;

  // One provider and no password: straight there, unless the visitor just came back with a
  // message, asked to choose (?choose=1), was sent there a moment ago, or may be signed in.
  const onlyProvider =
    methods.data && !passwordEnabled && options.length === 1 ? options[0] : undefined;
  const [stayed, setStayed] = useState(
    () => params.has("message") || params.get("choose") === "1" || autoStartedRecently(),
  );
  useEffect(() => {
    // Back from the provider into a page the browser kept as it was ("Taking you to …"): show
    // the page instead.
    const onShow = (event: PageTransitionEvent) => {
      if (event.persisted) setStayed(true);
    };
    window.addEventListener("pageshow", onShow);
    return () => window.removeEventListener("pageshow", onShow);
  }, []);
  const autoStart =
    onlyProvider && !stayed && !needsTerms && me.fetchStatus === "idle" && !me.data
      ? onlyProvider
      : undefined;
  const autoStartUrl = autoStart
    ? ssoStartUrl(autoStart.provider, { redirect: redirectTo })
    : undefined;
  const started = useRef(false);
  useEffect(() => {
    if (!autoStartUrl || started.current) return;
    started.current = true;
    markAutoStart();
    markRoundTrip();
    fullPageNavigation.assign(autoStartUrl);
  }, [autoStartUrl]);

  return (
    <LoginPageView
      chrome={chrome}
      notice={shownNotice}
      autoStart={
        autoStart && autoStartUrl ? { label: autoStart.label, url: autoStartUrl } : undefined
      }
      needsTerms={needsTerms}
      termsLink={termsLink}
      termsAccepted={termsAccepted}
      onAcceptTerms={() => setTermsAccepted(true)}
      passwordEnabled={passwordEnabled}
      form={
        <DeferredForm
          form={loginForm}
          props={{ initialEmail, onSignedIn: goOn, View: LoginFormView }}
          standIn={(standIn) => <LoginFormStandIn {...standIn} initialEmail={initialEmail} />}
        />
      }
      ssoOptions={options}
      redirectTo={redirectTo}
      nothingEnabled={nothingEnabled}
      methodsFailed={methods.isError}
      onRetryMethods={() => void methods.refetch()}
    />
  );
}
