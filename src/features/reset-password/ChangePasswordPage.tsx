import { AuthLayout } from "../../components/AuthLayout.tsx";

// Placeholder until its issue lands.
export function ChangePasswordPage() {
  return <AuthLayout title="ChangePasswordPage">Not built yet.</AuthLayout>;
}
