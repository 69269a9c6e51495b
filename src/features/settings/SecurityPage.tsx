import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { loginTypeQuery } from "../../api/account.ts";
import { usePermissions } from "../../api/permissions.ts";
import { authMethodsQuery, meQuery } from "../../api/session.ts";
import { Alert } from "../../components/Alert.tsx";
import { AppPage } from "../../components/AppPage.tsx";
import { Button } from "../../components/Button.tsx";
import { useBranding } from "../../components/useBranding.ts";
import { useOneTimeParam } from "../../components/useOneTimeParam.ts";
import { loginTypeLabel } from "../../session/login-types.ts";
import { useCurrentUser } from "../../session/useCurrentUser.ts";
import { ChangePasswordForm } from "./ChangePasswordForm.tsx";
import { CoderVersionNotice } from "./CoderVersionNotice.tsx";
import { settingsMessage } from "./messages.ts";
import { SettingsNav, useSettingsNavItems } from "./SettingsNav.tsx";
import { SingleSignOnSection } from "./SingleSignOnSection.tsx";
import type { SettingsNavItem } from "./settings-nav.ts";

/** Coder's account settings navigation, with this page in it as Security. */
function SecurityFrame({
  applicationName,
  navItems,
  children,
}: {
  applicationName: string;
  navItems: SettingsNavItem[];
  children: ReactNode;
}) {
  return (
    <div className="settings-layout">
      <SettingsNav items={navItems} current="/settings/security" />
      <AppPage title="Security" applicationName={applicationName}>
        {children}
      </AppPage>
    </div>
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

export function SecurityPage() {
  // The layout's account, which stays while an expired session is renewed in place, so the forms
  // (and what was typed into them) stay too.
  const user = useCurrentUser();
  // Nothing is asked of the server while nobody is signed in (after a password change the
  // session is forgotten a moment before this page goes away; an expired one is being renewed).
  const signedIn = useQuery({ ...meQuery(), select: (me) => me !== null }).data === true;
  const loginType = useQuery({ ...loginTypeQuery(), enabled: signedIn });
  const permissions = usePermissions();
  const methods = useQuery(authMethodsQuery());
  const navItems = useSettingsNavItems(signedIn);
  const { applicationName } = useBranding({ signedIn: true });
  // Set by the front door after a switch to single sign-on failed, or by sign-in after one worked.
  const messageParam = useOneTimeParam("message");

  // Both are needed to know what to offer; until then, offer nothing rather than guess.
  if (loginType.isError || permissions.isError) {
    return (
      <SecurityFrame applicationName={applicationName} navItems={navItems}>
        <LoadFailure
          what="Your sign-in settings"
          error={loginType.error ?? permissions.error}
          retry={() => {
            if (loginType.isError) void loginType.refetch();
            if (permissions.isError) void permissions.refetch();
          }}
        />
      </SecurityFrame>
    );
  }
  if (!loginType.data || !permissions.data) {
    return (
      <SecurityFrame applicationName={applicationName} navItems={navItems}>
        <p role="status">Loading your sign-in settings…</p>
      </SecurityFrame>
    );
  }

  const isPasswordAccount = loginType.data === "password";
  const signsInWith = loginTypeLabel(loginType.data, methods.data?.oidc.signInText);
  const notice = settingsMessage(messageParam, {
    email: user.email,
    loginType: loginType.data,
    oidcLabel: loginTypeLabel("oidc", methods.data?.oidc.signInText),
  });

  return (
    <SecurityFrame applicationName={applicationName} navItems={navItems}>
      <CoderVersionNotice />
      {notice ? (
        <Alert tone={notice.tone} focusOnMount={notice.tone === "error"}>
          <p>{notice.text}</p>
        </Alert>
      ) : null}
      {!permissions.data.updateOwnAccount ? (
        <Alert tone="info">
          <p>
            This account can't change its own sign-in settings. Ask an administrator for changes.
          </p>
        </Alert>
      ) : isPasswordAccount ? (
        <>
          <section className="section" aria-labelledby="password-heading">
            <h2 id="password-heading">Password</h2>
            <p>Changing your password signs you out everywhere, this browser included.</p>
            <ChangePasswordForm email={user.email} username={user.username} />
          </section>
          {methods.data ? (
            <SingleSignOnSection
              email={user.email}
              methods={methods.data}
              canManageUsers={permissions.data.manageUsers}
            />
          ) : (
            <section className="section" aria-labelledby="sso-heading">
              <h2 id="sso-heading">Single sign-on</h2>
              {methods.isError ? (
                <LoadFailure
                  what="The sign-in options"
                  error={methods.error}
                  retry={() => void methods.refetch()}
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
          {loginType.data === "github" || loginType.data === "oidc" ? (
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
    </SecurityFrame>
  );
}
