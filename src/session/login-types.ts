/** Human names for Coder's login types. */
export function loginTypeLabel(loginType: string, oidcName?: string): string {
  switch (loginType) {
    case "password":
      return "Password";
    case "github":
      return "GitHub";
    case "oidc":
      return oidcName?.trim() || "OpenID Connect";
    case "token":
      return "API token";
    case "none":
      return "No login";
    default:
      return loginType;
  }
}
