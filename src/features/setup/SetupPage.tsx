import { useQuery } from "@tanstack/react-query";
import { useRef } from "react";
import { Navigate } from "react-router";
import { authMethodsQuery } from "../../api/session.ts";
import { firstUserQuery } from "../../api/setup.ts";
import { Alert } from "../../components/Alert.tsx";
import { AuthLayout } from "../../components/AuthLayout.tsx";
import { DeferredForm, deferredForm } from "../../components/DeferredForm.tsx";
import { SetupFormStandIn } from "./SetupFormStandIn.tsx";
import { SetupFormView } from "./SetupFormView.tsx";

/**
 * Coder's GitHub callback, back to Coder's dashboard; with Coder's own GitHub app (the device
 * flow) it may create the first account.
 */
const GITHUB_START = `/api/v2/users/oauth2/github/callback?${new URLSearchParams({ redirect: "/" })}`;

// The form's code (react-hook-form, the password rule) downloads when someone starts using it.
const setupForm = deferredForm(async () => (await import("./SetupForm.tsx")).SetupForm);

/** `/setup`: the first account of a deployment nobody has set up yet. */
export function SetupPage() {
  const firstUser = useQuery(firstUserQuery());
  const methods = useQuery(authMethodsQuery());
  // Once this page has sent the form, it decides where to go itself (success leaves for Coder;
  // a conflict says so here), even though the deployment now has a user.
  const submitted = useRef(false);

  // Set up already (coder/coder#9157: a reachable /setup confused people): sign in instead.
  if (firstUser.data === true && !submitted.current) return <Navigate to="/login" replace />;

  // Until the methods arrive, assume a password form, as most deployments have one.
  const passwordEnabled = methods.data?.password.enabled ?? true;
  const github = methods.data?.github;
  const githubSignUp = github?.enabled === true && github.default_provider_configured === true;

  return (
    <AuthLayout title="Set up Coder" heading="Create the first account">
      <p className="lead">
        Nobody has set up this deployment yet. The account you create now owns it: it can invite
        people, choose how they sign in and change every setting.
      </p>
      {/* The form first: GitHub is known only once the deployment's methods arrive, and
          appearing below the form it pushes no field the prerendered page already showed. */}
      {passwordEnabled ? (
        <DeferredForm
          form={setupForm}
          props={{
            onSubmitStart: () => {
              submitted.current = true;
            },
            View: SetupFormView,
          }}
          standIn={(standIn) => <SetupFormStandIn {...standIn} />}
        />
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
