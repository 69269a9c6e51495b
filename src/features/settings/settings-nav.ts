// The account settings Coder's dashboard lists beside each of its settings pages, in its order,
// with the same conditions (docs/test-facts.md, "Account settings navigation"). Every page but
// ours is Coder's: reaching it is a full page load through the front door.

export interface SettingsNavItem {
  label: string;
  href: string;
}

export interface DeploymentFacts {
  /** Licensed features that are on (`features[name].enabled` in GET /entitlements). */
  enabledFeatures: ReadonlySet<string>;
  /** GET /experiments. */
  experiments: readonly string[];
  /** GET /buildinfo's `version`, when known. */
  version: string | undefined;
}

/** A development build of Coder, which shows pages still behind experiments elsewhere. */
function isDevelopmentBuild(version: string | undefined): boolean {
  return version !== undefined && (version.includes("-devel") || version === "v0.0.0");
}

export function settingsNavItems(facts: DeploymentFacts): SettingsNavItem[] {
  const showOAuth2Apps = facts.experiments.includes("oauth2") || isDevelopmentBuild(facts.version);
  const showSchedule = facts.enabledFeatures.has("advanced_template_scheduling");
  return [
    { label: "Account", href: "/settings/account" },
    { label: "Appearance", href: "/settings/appearance" },
    { label: "External Authentication", href: "/settings/external-auth" },
    ...(showOAuth2Apps
      ? [{ label: "OAuth2 Applications", href: "/settings/oauth2-provider" }]
      : []),
    ...(showSchedule ? [{ label: "Schedule", href: "/settings/schedule" }] : []),
    { label: "Security", href: "/settings/security" },
    { label: "SSH Keys", href: "/settings/ssh-keys" },
    { label: "Tokens", href: "/settings/tokens" },
    { label: "Notifications", href: "/settings/notifications" },
  ];
}
