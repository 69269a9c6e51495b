import { useQuery } from "@tanstack/react-query";
import { useRef } from "react";
import { Navigate } from "react-router";
import { authMethodsQuery } from "../../api/session.ts";
import { firstUserQuery } from "../../api/setup.ts";
import { DeferredForm, deferredForm } from "../../components/DeferredForm.tsx";
import { useAuthChrome } from "../../components/useAuthChrome.ts";
import { SetupFormStandIn } from "./SetupFormStandIn.tsx";
import { SetupFormView } from "./SetupFormView.tsx";
import { SetupPageView } from "./SetupPageView.tsx";

// The form's code (react-hook-form, the password rule) downloads when someone starts using it.
const setupForm = deferredForm(async () => (await import("./SetupForm.tsx")).SetupForm);

/** `/setup`: the first account of a deployment nobody has set up yet. */
export function SetupPage() {
  const firstUser = useQuery(firstUserQuery());
  const methods = useQuery(authMethodsQuery());
  const chrome = useAuthChrome();
  // Once this page has sent the form, it decides where to go itself (success leaves for Coder;
  // a conflict says so here), even though the deployment now has a user.
  const submitted = useRef(false);

  // Set up already (coder/coder#9157: a reachable /setup confused people): sign in instead.
  if (firstUser.data === true && !submitted.current) return <Navigate to="/login" replace />;

  // Until the methods arrive, assume a password form, as most deployments have one.
  const passwordEnabled = methods.data?.password.enabled ?? true;
  const github = methods.data?.github;

  return (
    <SetupPageView
      chrome={chrome}
      passwordEnabled={passwordEnabled}
      githubSignUp={github?.enabled === true && github.default_provider_configured === true}
      form={
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
      }
    />
  );
}
