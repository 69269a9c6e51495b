import { isRouteErrorResponse, useRouteError } from "react-router";
import { isApiError } from "../api/errors.ts";
import { Alert } from "../components/Alert.tsx";
import { AuthLayout } from "../components/AuthLayout.tsx";

/** Last resort for a page that could not load: say why in plain words and offer a way on. */
export function RouteError() {
  const error = useRouteError();
  let message = "Something went wrong while loading this page.";
  if (isApiError(error)) message = error.message;
  else if (isRouteErrorResponse(error) && error.status === 404)
    message = "This page doesn't exist.";
  else if (error instanceof TypeError && /import|module|fetch/i.test(error.message))
    message = "Part of this page couldn't be downloaded. Check your connection and try again.";
  else console.error(error);

  return (
    <AuthLayout title="Something went wrong">
      <Alert tone="error">
        <p>{message}</p>
      </Alert>
      <div className="actions">
        <button type="button" className="button primary" onClick={() => window.location.reload()}>
          Try again
        </button>
        <a className="button secondary" href="/">
          Go to the dashboard
        </a>
      </div>
    </AuthLayout>
  );
}
