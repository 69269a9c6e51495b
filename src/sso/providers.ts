import type { AuthMethods, SsoProvider } from "../api/schemas.ts";

export interface SsoOption {
  provider: SsoProvider;
  label: string;
  /** Only same-origin or data: icons: anything else would break the CSP and leak the visit. */
  iconUrl: string | undefined;
}

const CALLBACK: Record<SsoProvider, string> = {
  github: "/api/v2/users/oauth2/github/callback",
  oidc: "/api/v2/users/oidc/callback",
};

export function ssoOptions(methods: AuthMethods | undefined): SsoOption[] {
  if (!methods) return [];
  const options: SsoOption[] = [];
  if (methods.github.enabled)
    options.push({ provider: "github", label: "GitHub", iconUrl: undefined });
  if (methods.oidc.enabled) {
    options.push({
      provider: "oidc",
      label: methods.oidc.signInText?.trim() || "OpenID Connect",
      iconUrl: safeIconUrl(methods.oidc.iconUrl),
    });
  }
  return options;
}

function safeIconUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  if (/^data:image\/(png|gif|jpeg|webp);base64,/i.test(url)) return url;
  try {
    const resolved = new URL(url, window.location.origin);
    return resolved.origin === window.location.origin
      ? resolved.pathname + resolved.search
      : undefined;
  } catch {
    return undefined;
  }
}

/** Where the browser goes to start single sign-on (Coder's callback starts the OAuth dance). */
export function ssoStartUrl(provider: SsoProvider, params: Record<string, string>): string {
  return `${CALLBACK[provider]}?${new URLSearchParams(params).toString()}`;
}
