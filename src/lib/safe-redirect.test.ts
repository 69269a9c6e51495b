import { describe, expect, it } from "vitest";
import { loginPathFor, needsFullPageLoad, safeRedirect } from "./safe-redirect.ts";

describe("safeRedirect", () => {
  const hostile = [
    // Other origins and schemes
    "https://evil.com",
    "http://evil.com/path",
    "HTTPS://EVIL.COM",
    "//evil.com",
    "//evil.com/path",
    "///evil.com",
    "////evil.com",
    "https:evil.com",
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "mailto:a@b.c",
    "evil.com",
    "@evil.com",
    "https://cure53.de//cure53.de",
    // Backslashes: browsers read them as slashes
    "/\\evil.com",
    "\\\\evil.com",
    "/\\/evil.com",
    "\\/evil.com",
    "/path\\..\\..\\evil",
    // Encoded slashes and backslashes, single and double encoded
    "/%2fevil.com",
    "/%2Fevil.com",
    "/%5cevil.com",
    "/%5Cevil.com",
    "/%252fevil.com",
    "/%25252fevil.com",
    "/x/%2e%2e/%2e%2e//evil.com",
    // Dot segments
    "/.//evil.com",
    "/./evil",
    "/../evil",
    "/api/v2/../../..//evil.com",
    "/settings/../../x",
    "/%2e%2e/x",
    "/%2E/x",
    // Whitespace and control characters
    "/\t/evil.com",
    "/\n/evil.com",
    "/\r\n/evil.com",
    " /settings",
    "/settings ",
    "/\u0000",
    "/x\u007f",
    "/\u00a0/evil.com",
    "/\u2028/evil.com",
    "/\ufeff/evil.com",
    "/%09/evil.com",
    "/%0a/evil.com",
    "/%00",
    "/%20/evil.com",
    // Broken encoding, empties and oversize
    "/%E0%A4%A",
    "/%",
    "",
    "   ",
    `/${"a".repeat(3000)}`,
    // The sign-in page itself would loop
    "/login",
    "/login?redirect=/login",
  ];

  it.each(hostile)("falls back to / for %j", (input) => {
    expect(safeRedirect(input)).toBe("/");
  });

  it("has at least 40 hostile cases", () => {
    expect(hostile.length).toBeGreaterThanOrEqual(40);
  });

  it("falls back to / for null and undefined", () => {
    expect(safeRedirect(null)).toBe("/");
    expect(safeRedirect(undefined)).toBe("/");
  });

  it.each([
    ["/", "/"],
    ["/settings/security", "/settings/security"],
    ["/workspaces?filter=owner%3Ame", "/workspaces?filter=owner%3Ame"],
    ["/api/v2/users/oidc/callback?state=x", "/api/v2/users/oidc/callback?state=x"],
    ["/oauth2/authorize?client_id=1&state=2", "/oauth2/authorize?client_id=1&state=2"],
    ["/settings#section", "/settings"],
    ["/@me", "/@me"],
    ["/caf%C3%A9", "/caf%C3%A9"],
  ])("keeps same-origin path %j", (input, expected) => {
    expect(safeRedirect(input)).toBe(expected);
  });
});

describe("needsFullPageLoad", () => {
  it("is true for server-owned paths only", () => {
    expect(needsFullPageLoad("/api/v2/users/oidc/callback")).toBe(true);
    expect(needsFullPageLoad("/oauth2/authorize?x=1")).toBe(true);
    expect(needsFullPageLoad("/settings/security")).toBe(false);
    expect(needsFullPageLoad("/apix")).toBe(false);
  });
});

describe("loginPathFor", () => {
  it("carries where the visitor was going", () => {
    expect(loginPathFor({ pathname: "/settings/security", search: "?tab=1" })).toBe(
      "/login?redirect=%2Fsettings%2Fsecurity%3Ftab%3D1",
    );
    expect(loginPathFor({ pathname: "/", search: "" })).toBe("/login");
  });

  it("adds a message id when there is one to show", () => {
    expect(loginPathFor({ pathname: "/settings/security", search: "" }, "account-suspended")).toBe(
      "/login?redirect=%2Fsettings%2Fsecurity&message=account-suspended",
    );
    expect(loginPathFor({ pathname: "/", search: "" }, "account-suspended")).toBe(
      "/login?message=account-suspended",
    );
  });
});
