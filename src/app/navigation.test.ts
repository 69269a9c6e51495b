import { describe, expect, it } from "vitest";
import { isAppTarget } from "./navigation.ts";

describe("isAppTarget", () => {
  it("is true for the app's own pages only, with or without a query", () => {
    expect(isAppTarget("/settings/security")).toBe(true);
    expect(isAppTarget("/reset-password/change?email=a%40b.c")).toBe(true);
    expect(isAppTarget("/login?message=signed-out")).toBe(true);
  });

  it("is false for Coder's paths, which need a full page load", () => {
    for (const path of [
      "/",
      "/workspaces",
      "/@admin/dev",
      "/api/v2/users/oidc/callback",
      "/oauth2/authorize?x=1",
      "/settings/securityx",
      "/settings",
      "/auth-ui/favicon.svg",
    ]) {
      expect(isAppTarget(path), path).toBe(false);
    }
  });
});
