import { AuthLayout } from "../../components/AuthLayout.tsx";

// Placeholder until its issue lands.
export function RequestCodePage() {
  return <AuthLayout title="RequestCodePage">Not built yet.</AuthLayout>;
}
