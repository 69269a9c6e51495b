import { useQuery } from "@tanstack/react-query";
import { buildInfoQuery } from "../api/session.ts";
import type { AuthChrome } from "./AuthLayout.tsx";
import { useBranding } from "./useBranding.ts";

/**
 * What the frame of a signed-out page shows of the deployment, asked for by the page (a route
 * component) so that its View and AuthLayout render from props alone.
 */
export function useAuthChrome(): AuthChrome {
  const branding = useBranding();
  const serverVersion = useQuery(buildInfoQuery()).data?.version;
  return { branding, serverVersion };
}
