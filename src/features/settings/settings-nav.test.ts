import { describe, expect, it } from "vitest";
import { type DeploymentFacts, settingsNavItems } from "./settings-nav.ts";

const unlicensed: DeploymentFacts = {
  enabledFeatures: new Set(),
  experiments: [],
  version: "v2.30.0",
};
const labels = (facts: DeploymentFacts) => settingsNavItems(facts).map((item) => item.label);

describe("Coder's account settings navigation", () => {
  it("lists what every deployment has, in Coder's order, each at Coder's path", () => {
    expect(settingsNavItems(unlicensed)).toEqual([
      { label: "Account", href: "/settings/account" },
      { label: "Appearance", href: "/settings/appearance" },
      { label: "External Authentication", href: "/settings/external-auth" },
      { label: "Security", href: "/settings/security" },
      { label: "SSH Keys", href: "/settings/ssh-keys" },
      { label: "Tokens", href: "/settings/tokens" },
      { label: "Notifications", href: "/settings/notifications" },
    ]);
  });

  it("offers Schedule where the licence enables advanced template scheduling", () => {
    const facts = { ...unlicensed, enabledFeatures: new Set(["advanced_template_scheduling"]) };
    expect(labels(facts).slice(2, 5)).toEqual(["External Authentication", "Schedule", "Security"]);
    expect(settingsNavItems(facts)[3]?.href).toBe("/settings/schedule");
    // Another licensed feature is not enough.
    expect(labels({ ...unlicensed, enabledFeatures: new Set(["appearance"]) })).not.toContain(
      "Schedule",
    );
  });

  it("offers OAuth2 Applications with the oauth2 experiment, or on a development build", () => {
    const withExperiment = { ...unlicensed, experiments: ["oauth2"] };
    expect(labels(withExperiment).slice(2, 5)).toEqual([
      "External Authentication",
      "OAuth2 Applications",
      "Security",
    ]);
    expect(settingsNavItems(withExperiment)[3]?.href).toBe("/settings/oauth2-provider");
    expect(labels({ ...unlicensed, version: "v2.31.0-devel+1a2b3c" })).toContain(
      "OAuth2 Applications",
    );
    expect(labels({ ...unlicensed, version: "v0.0.0" })).toContain("OAuth2 Applications");
    expect(labels({ ...unlicensed, experiments: ["workspace-usage"] })).not.toContain(
      "OAuth2 Applications",
    );
    expect(labels({ ...unlicensed, version: "v2.30.0-rc.1" })).not.toContain("OAuth2 Applications");
  });

  it("puts both in Coder's places when both apply", () => {
    expect(
      labels({
        enabledFeatures: new Set(["advanced_template_scheduling"]),
        experiments: ["oauth2"],
        version: undefined,
      }),
    ).toEqual([
      "Account",
      "Appearance",
      "External Authentication",
      "OAuth2 Applications",
      "Schedule",
      "Security",
      "SSH Keys",
      "Tokens",
      "Notifications",
    ]);
  });
});
