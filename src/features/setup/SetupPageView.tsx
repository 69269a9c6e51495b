import type { ReactNode } from "react";
import { Alert } from "../../components/Alert.tsx";
import { type AuthChrome, AuthLayout } from "../../components/AuthLayout.tsx";

/**
 * Coder's GitHub callback, back to Coder's dashboard; with Coder's own GitHub app (the device
 * flow) it may create the first account.
 */
const GITHUB_START = `/api/v2/users/oauth2/github/callback?${new URLSearchParams({ redirect: "/" })}`;

export interface SetupPageViewProps {
  chrome: AuthChrome;
  passwordEnabled: boolean;
  /** The first account may come from GitHub (Coder's default GitHub app is on). */
  githubSignUp: boolean;
  /** The setup form (built by the page); shown when password sign-in is on. */
  form: ReactNode;
}

/** `/setup`'s markup, from props alone (SetupPage has the data). */
export function SetupPageView({ chrome, passwordEnabled, githubSignUp, form }: SetupPageViewProps) {
  return (
    <AuthLayout chrome={chrome} title="Set up Coder" heading="Create the first account">
      <p className="lead">
        Nobody has set up this deployment yet. The account you create now owns it: it can invite
        people, choose how they sign in and change every setting.
      </p>
      {/* The form first: GitHub is known only once the deployment's methods arrive, and
          appearing below the form it pushes no field the prerendered page already showed. */}
      {passwordEnabled ? (
        form
      ) : githubSignUp ? null : (
        <Alert tone="warning">
          <p>
            Password sign-in is turned off, and this deployment offers no other way to create its
            first account. Ask whoever runs the server to turn password sign-in on for the setup.
          </p>
        </Alert>
      )}
      {githubSignUp ? (
        <>
          {passwordEnabled ? <p className="divider">or</p> : null}
          <a className="button secondary block" href={GITHUB_START}>
            Continue with GitHub
          </a>
        </>
      ) : null}
    </AuthLayout>
  );
}
