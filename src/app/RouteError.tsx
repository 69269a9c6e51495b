import type { ReactNode } from "react";
import { isApiError } from "../api/errors.ts";
import { Alert } from "../components/Alert.tsx";
import { AppPage } from "../components/AppPage.tsx";
import { AuthLayout } from "../components/AuthLayout.tsx";
import { isNewBuildError, reloadForNewBuild } from "../components/new-build.ts";
import { useAuthChrome } from "../components/useAuthChrome.ts";
import { useBranding } from "../components/useBranding.ts";

/** What a route's error boundary caught, in plain words. */
function describeRouteError(error: unknown): string {
  if (isApiError(error)) return error.message;
  if (isNewBuildError(error))
    return "A new version of this site was deployed. Reload the page to continue.";
  // Browsers word a failed dynamic import differently; all of them are a TypeError.
  if (error instanceof TypeError && /import|module|fetch/i.test(error.message))
    return "Part of this page couldn't be downloaded. Check your connection and try again.";
  return "Something went wrong while loading this page.";
}

/** Last resort for a page that could not load: say why in plain words and offer a way on. */
export function RouteError({ error, inFrame }: { error: unknown; inFrame: boolean }) {
  const message = describeRouteError(error);
  const body = (
    <>
      <Alert tone="error">
        <p>{message}</p>
      </Alert>
      <div className="actions">
        <button
          type="button"
          className="button primary"
          onClick={() =>
            isNewBuildError(error) ? reloadForNewBuild(document, true) : window.location.reload()
          }
        >
          {isNewBuildError(error) ? "Reload page" : "Try again"}
        </button>
        <a className="button secondary" href="/">
          Go to the dashboard
        </a>
      </div>
    </>
  );
  // Inside the signed-in frame its header stays (navigation, sign out); elsewhere a whole page.
  return inFrame ? <InFrame>{body}</InFrame> : <SignedOut>{body}</SignedOut>;
}

// One each, so each asks only what its own frame shows of the deployment.
function InFrame({ children }: { children: ReactNode }) {
  const { applicationName } = useBranding({ signedIn: true });
  return (
    <AppPage title="Something went wrong" applicationName={applicationName}>
      {children}
    </AppPage>
  );
}

function SignedOut({ children }: { children: ReactNode }) {
  return (
    <AuthLayout chrome={useAuthChrome()} title="Something went wrong">
      {children}
    </AuthLayout>
  );
}
