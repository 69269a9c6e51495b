import { useQuery } from "@tanstack/react-query";
import { loginTypeQuery } from "../../api/account.ts";
import { usePermissions } from "../../api/permissions.ts";
import { authMethodsQuery, meQuery } from "../../api/session.ts";
import { useBranding } from "../../components/useBranding.ts";
import { useOneTimeParam } from "../../components/useOneTimeParam.ts";
import { loginTypeLabel } from "../../session/login-types.ts";
import { useCurrentUser } from "../../session/useCurrentUser.ts";
import { ChangePasswordForm } from "./ChangePasswordForm.tsx";
import { CoderVersionNotice } from "./CoderVersionNotice.tsx";
import { settingsMessage } from "./messages.ts";
import { SecurityPageView, type SecurityScreen } from "./SecurityPageView.tsx";
import { useSettingsNavItems } from "./SettingsNav.tsx";
import { SingleSignOnSection } from "./SingleSignOnSection.tsx";

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

  let screen: SecurityScreen;
  // Both are needed to know what to offer; until then, offer nothing rather than guess.
  if (loginType.isError || permissions.isError) {
    screen = {
      kind: "failed",
      error: loginType.error ?? permissions.error,
      onRetry: () => {
        if (loginType.isError) void loginType.refetch();
        if (permissions.isError) void permissions.refetch();
      },
    };
  } else if (!loginType.data || !permissions.data) {
    screen = { kind: "loading" };
  } else {
    screen = {
      kind: "ready",
      versionNotice: <CoderVersionNotice />,
      notice: settingsMessage(messageParam, {
        email: user.email,
        loginType: loginType.data,
        oidcLabel: loginTypeLabel("oidc", methods.data?.oidc.signInText),
      }),
      canUpdateOwnAccount: permissions.data.updateOwnAccount,
      loginType: loginType.data,
      signsInWith: loginTypeLabel(loginType.data, methods.data?.oidc.signInText),
      passwordForm: <ChangePasswordForm email={user.email} username={user.username} />,
      singleSignOn: methods.data ? (
        <SingleSignOnSection
          email={user.email}
          methods={methods.data}
          canManageUsers={permissions.data.manageUsers}
        />
      ) : undefined,
      methodsFailure: methods.isError
        ? { error: methods.error, onRetry: () => void methods.refetch() }
        : undefined,
    };
  }

  return <SecurityPageView applicationName={applicationName} navItems={navItems} screen={screen} />;
}
