import { AuthLayout } from "../../components/AuthLayout.tsx";

// Placeholder until its issue lands.
export function SecurityPage() {
  return <AuthLayout title="SecurityPage">Not built yet.</AuthLayout>;
}
