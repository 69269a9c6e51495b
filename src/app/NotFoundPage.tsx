import { Link } from "react-router";
import { AuthLayout } from "../components/AuthLayout.tsx";

export function NotFoundPage() {
  return (
    <AuthLayout title="Page not found">
      <p>There is nothing at this address.</p>
      <Link className="button primary" to="/">
        Go to the home page
      </Link>
    </AuthLayout>
  );
}
