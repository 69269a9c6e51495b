import type { ReactNode } from "react";
import { Alert } from "../../components/Alert.tsx";
import { AppPage } from "../../components/AppPage.tsx";
import { Button } from "../../components/Button.tsx";
import type { SettingsMessage } from "./messages.ts";
import { SettingsNav } from "./SettingsNav.tsx";
import type { SettingsNavItem } from "./settings-nav.ts";

/** What the page knows of the account's sign-in settings. */
export type SecurityScreen =
  /** The login type or the permissions couldn't be loaded. */
  | { kind: "failed"; error: unknown; onRetry: () => void }
  | { kind: "loading" }
  | {
      kind: "ready";
      /** For owners: the deployment's Coder is outside the tested releases (built by the page). */
      versionNotice: ReactNode;
      /** From the link: how a switch to single sign-on went. */
      notice: SettingsMessage | undefined;
      canUpdateOwnAccount: boolean;
      /** `password`, `github`, `oidc`, … */
      loginType: string;
      /** The login type's name as people know it. */
      signsInWith: string;
      /** The change-password form (built by the page). */
      passwordForm: ReactNode;
      /** The switches to single sign-on (built by the page), once the deployment's methods are in. */
      singleSignOn: ReactNode | undefined;
      /** The methods couldn't be loaded. */
      methodsFailure: { error: unknown; onRetry: () => void } | undefined;
    };

export interface SecurityPageViewProps {
  /** The deployment's name, for the tab's title. */
  applicationName: string;
  navItems: SettingsNavItem[];
  screen: SecurityScreen;
}

/** `/settings/security`'s markup, from props alone (SecurityPage has the data). */
export function SecurityPageView({ applicationName, navItems, screen }: SecurityPageViewProps) {
  return (
    <div className="settings-layout">
      <SettingsNav items={navItems} current="/settings/security" />
      <AppPage title="Security" applicationName={applicationName}>
        {screen.kind === "failed" ? (
          <LoadFailure what="Your sign-in settings" error={screen.error} retry={screen.onRetry} />
        ) : screen.kind === "loading" ? (
          <p role="status">Loading your sign-in settings…</p>
        ) : (
          <Settings {...screen} />
        )}
      </AppPage>
    </div>
  );
}

function Settings({
  versionNotice,
  notice,
  canUpdateOwnAccount,
  loginType,
  signsInWith,
  passwordForm,
  singleSignOn,
  methodsFailure,
}: Extract<SecurityScreen, { kind: "ready" }>) {
  return (
    <>
      {versionNotice}
      {notice ? (
        <Alert tone={notice.tone} focusOnMount={notice.tone === "error"}>
          <p>{notice.text}</p>
        </Alert>
      ) : null}
      {!canUpdateOwnAccount ? (
        <Alert tone="info">
          <p>
            This account can't change its own sign-in settings. Ask an administrator for changes.
          </p>
        </Alert>
      ) : loginType === "password" ? (
        <>
          <section className="section" aria-labelledby="password-heading">
            <h2 id="password-heading">Password</h2>
            <p>Changing your password signs you out everywhere, this browser included.</p>
            {passwordForm}
          </section>
          {singleSignOn ?? (
            <section className="section" aria-labelledby="sso-heading">
              <h2 id="sso-heading">Single sign-on</h2>
              {methodsFailure ? (
                <LoadFailure
                  what="The sign-in options"
                  error={methodsFailure.error}
                  retry={methodsFailure.onRetry}
                />
              ) : (
                <p role="status">Loading the sign-in options…</p>
              )}
            </section>
          )}
        </>
      ) : (
        <section className="section" aria-labelledby="sign-in-heading">
          <h2 id="sign-in-heading">How you sign in</h2>
          <p>
            <strong>Signed in with {signsInWith}</strong>
          </p>
          {loginType === "github" || loginType === "oidc" ? (
            <p>
              {signsInWith} checks who you are, so this account has no password in Coder and there
              is none to change here. Coder only switches password accounts to single sign-on, so
              there is nothing to switch either.
            </p>
          ) : (
            <p>This account doesn't sign in with a password, so there is none to change here.</p>
          )}
        </section>
      )}
    </>
  );
}

function LoadFailure({ what, error, retry }: { what: string; error: unknown; retry: () => void }) {
  return (
    <Alert tone="error">
      <p>
        {what} couldn't be loaded.{" "}
        {error instanceof Error ? error.message : "Something went wrong. Try again."}
      </p>
      <div className="actions">
        <Button variant="secondary" onClick={retry}>
          Try again
        </Button>
      </div>
    </Alert>
  );
}
