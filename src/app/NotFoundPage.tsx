import { AuthLayout } from "../components/AuthLayout.tsx";
import { useAuthChrome } from "../components/useAuthChrome.ts";

export function NotFoundPage() {
  return (
    <AuthLayout chrome={useAuthChrome()} title="Page not found">
      <p>There is nothing at this address.</p>
      {/* Coder's dashboard: a full page load. */}
      <a className="button primary" href="/">
        Go to the dashboard
      </a>
    </AuthLayout>
  );
}
