// The deployment's part of a signed-out page's frame, for rendering a View from props alone.
import type { AuthChrome } from "../components/AuthLayout.tsx";
import type { Branding } from "../components/useBranding.ts";

export function testChrome(
  branding: Partial<Branding> = {},
  serverVersion: string | undefined = undefined,
): AuthChrome {
  return {
    branding: {
      applicationName: "Coder",
      logo: undefined,
      banners: [],
      supportLinks: [],
      ...branding,
    },
    serverVersion,
  };
}
