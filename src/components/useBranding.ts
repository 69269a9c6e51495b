// The deployment's branding, from whichever source Coder gives this visitor:
// - signed in: GET /api/v2/appearance (name, logo, announcement banners, support links);
// - signed out: Coder answers that with a 401, but its own pages carry the name and the logo in
//   meta tags, so those come from one of its pages (api/coder-page.ts). Banners and support links
//   are not public in Coder: a signed-out visitor gets none, as on Coder's own sign-in page.
// Until (and unless) an answer arrives, everything is Coder's default, which is also what the
// prerendered pages show.
import { useQuery } from "@tanstack/react-query";
import { appearanceQuery, DEFAULT_APPEARANCE } from "../api/appearance.ts";
import { coderPageQuery } from "../api/coder-page.ts";
import type { BannerConfig } from "../api/schemas.ts";
import { hasSessionHint } from "../api/session-hint.ts";
import { httpUrl, imageSource } from "../lib/external-url.ts";

/** The name pages use when the deployment sets none (Coder's own). */
const DEFAULT_APPLICATION_NAME = "Coder";

export interface SupportLink {
  name: string;
  href: string;
}

export interface Branding {
  /** The deployment's name, or Coder's. */
  applicationName: string;
  /** The deployment's logo, when it has one. */
  logo:
    | {
        /** What the page may load (see lib/external-url.ts); undefined: the name stands in for it. */
        src: string | undefined;
      }
    | undefined;
  /** Enabled banners that say something, in the owner's order. */
  banners: BannerConfig[];
  /** Support links with a usable http(s) target. */
  supportLinks: SupportLink[];
}

const pageOrigin = () =>
  typeof window === "undefined" ? "https://prerender.invalid" : window.location.origin;

/**
 * `signedIn`: the page is behind the signed-in layout (ask the API only). Otherwise the API is
 * asked only when this browser may have a session, and Coder's page in any case.
 */
export function useBranding({ signedIn = false }: { signedIn?: boolean } = {}): Branding {
  const appearance = useQuery({
    ...appearanceQuery(),
    enabled: signedIn || hasSessionHint(),
  });
  const page = useQuery({ ...coderPageQuery(), enabled: !signedIn });

  // The API's own answer, not the placeholder or the fallback that stands for "no answer".
  const answered =
    appearance.data !== undefined &&
    !appearance.isPlaceholderData &&
    appearance.data !== DEFAULT_APPEARANCE
      ? appearance.data
      : undefined;

  const name =
    answered?.application_name.trim() ||
    (signedIn ? undefined : page.data?.applicationName) ||
    DEFAULT_APPLICATION_NAME;
  const logo = (answered ? answered.logo_url : signedIn ? undefined : page.data?.logoUrl)?.trim();

  return {
    applicationName: name,
    logo: logo ? { src: imageSource(logo, pageOrigin()) } : undefined,
    banners: (answered?.announcement_banners ?? []).filter(
      (banner) => banner.enabled && banner.message.trim() !== "",
    ),
    supportLinks: (answered?.support_links ?? []).flatMap((link) => {
      const href = httpUrl(link.target);
      const name = link.name.trim();
      return href && name ? [{ name, href }] : [];
    }),
  };
}
