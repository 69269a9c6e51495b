import type { ReactNode } from "react";
import { Alert, type AlertTone } from "../../components/Alert.tsx";
import { type AuthChrome, AuthLayout } from "../../components/AuthLayout.tsx";
import { Button } from "../../components/Button.tsx";
import { useStaticRender } from "../../components/static-render.ts";
import type { SsoOption } from "../../sso/providers.ts";
import { SsoButtons } from "./SsoButtons.tsx";

export interface LoginPageViewProps {
  chrome: AuthChrome;
  /** The message above everything: from the link, or why Coder refused a session. */
  notice: { tone: AlertTone; text: string } | undefined;
  /** Set while the page is on its way to the only provider, on its own. */
  autoStart: { label: string; url: string } | undefined;
  /** The deployment's terms must be accepted before anything else shows. */
  needsTerms: boolean;
  /** The terms' address, when it is one the page may link to. */
  termsLink: string | undefined;
  termsAccepted: boolean;
  onAcceptTerms: () => void;
  passwordEnabled: boolean;
  /** The password form (built by the page); shown when password sign-in is on. */
  form: ReactNode;
  ssoOptions: SsoOption[];
  /** Where sign-in goes on to; the providers' links carry it. */
  redirectTo: string;
  /** The deployment has said it offers no way to sign in. */
  nothingEnabled: boolean;
  /** The deployment's sign-in methods couldn't be loaded. */
  methodsFailed: boolean;
  onRetryMethods: () => void;
}

/** `/login`'s markup, from props alone (LoginPage has the data and the effects). */
export function LoginPageView({
  chrome,
  notice,
  autoStart,
  needsTerms,
  termsLink,
  termsAccepted,
  onAcceptTerms,
  passwordEnabled,
  form,
  ssoOptions,
  redirectTo,
  nothingEnabled,
  methodsFailed,
  onRetryMethods,
}: LoginPageViewProps) {
  const isStatic = useStaticRender();
  const { applicationName } = chrome.branding;
  // Coder's words, "Sign in to <name>", for the tab and for assistive technology; on screen the
  // name (or logo) is the header's, once, and the heading needs no room for a long one.
  const title = `Sign in to ${applicationName}`;
  const heading = (
    <>
      Sign in <span className="visually-hidden">to {applicationName}</span>
    </>
  );

  let content: ReactNode;
  if (autoStart) {
    content = (
      <p role="status">
        Taking you to {autoStart.label}… <a href={autoStart.url}>Continue with {autoStart.label}</a>
      </p>
    );
  } else if (needsTerms) {
    content = (
      <div className="stack">
        <p>
          Before you continue, read and accept this deployment's{" "}
          {termsLink ? (
            <a href={termsLink} target="_blank" rel="noreferrer noopener">
              Terms of Service<span className="visually-hidden"> (opens in a new tab)</span>
            </a>
          ) : (
            "Terms of Service"
          )}
          .
        </p>
        <Button block onClick={onAcceptTerms}>
          I agree
        </Button>
      </div>
    );
  } else {
    content = (
      <>
        {/* The password form first, then single sign-on: the prerendered page can't know the
            deployment's providers, and what arrives with the app goes below everything a
            pointer may already be on, so nothing moves under it. */}
        {passwordEnabled ? form : null}
        {passwordEnabled && ssoOptions.length > 0 ? <p className="divider">or</p> : null}
        <SsoButtons
          options={ssoOptions}
          redirectTo={redirectTo}
          takeFocus={termsAccepted && !passwordEnabled && ssoOptions.length > 0}
        />
        {nothingEnabled ? (
          <Alert tone="warning">
            <p>
              This deployment has no sign-in method turned on. Ask your administrator to enable
              password or single sign-on.
            </p>
          </Alert>
        ) : null}
        {methodsFailed ? (
          <Alert tone="warning">
            <p>Other sign-in options couldn't be loaded.</p>
            <div className="actions">
              <Button variant="secondary" onClick={onRetryMethods}>
                Try again
              </Button>
            </div>
          </Alert>
        ) : null}
      </>
    );
  }

  return (
    <AuthLayout
      chrome={chrome}
      title={title}
      heading={heading}
      documentTitle={title}
      termsUrl={termsAccepted ? termsLink : undefined}
    >
      {/* Prerendered, the entry script puts the message from the URL here, as the prerendered
          HTML serves every query (static-page-controls.ts). */}
      {isStatic ? (
        <template data-notice-slot="" />
      ) : notice ? (
        <Alert tone={notice.tone}>
          <p>{notice.text}</p>
        </Alert>
      ) : null}
      {content}
    </AuthLayout>
  );
}
