import { describe, expect, it } from "vitest";
import { loginPathFor, safeRedirect } from "./safe-redirect.ts";

// Each hostile input carries a marker where a mistake would let it through: the marker never
// comes back, whatever the function returns. (The fallback alone proves little: "/" is also what
// a broken check returns when another one happens to catch the same input.)
const M = "ESCAPED";

describe("safeRedirect", () => {
  const hostile = [
    // Other origins and schemes
    `https://evil.example/${M}`,
    `http://evil.example/${M}`,
    `HTTPS://EVIL.EXAMPLE/${M}`,
    `//evil.example/${M}`,
    `///evil.example/${M}`,
    `////evil.example/${M}`,
    `https:evil.example/${M}`,
    `javascript:alert("${M}")`,
    `JavaScript:alert("${M}")`,
    `java\tscript:alert("${M}")`,
    `data:text/html,<script>alert("${M}")</script>`,
    `vbscript:msgbox("${M}")`,
    `mailto:${M}@evil.example`,
    `evil.example/${M}`,
    `@evil.example/${M}`,
    `https://cure53.de//cure53.de/${M}`,
    // Backslashes: browsers read them as slashes
    `/\\evil.example/${M}`,
    `\\\\evil.example/${M}`,
    `/\\/evil.example/${M}`,
    `\\/evil.example/${M}`,
    `/path\\..\\..\\evil/${M}`,
    // Encoded slashes and backslashes, single and multiply encoded
    `/%2fevil.example/${M}`,
    `/%2Fevil.example/${M}`,
    `/%5cevil.example/${M}`,
    `/%5Cevil.example/${M}`,
    `/%252fevil.example/${M}`,
    `/%25252fevil.example/${M}`,
    `/%2525252f%2525252fevil.example/${M}`,
    `/x/%2e%2e/%2e%2e//evil.example/${M}`,
    // Dot segments
    `/.//evil.example/${M}`,
    `/./evil/${M}`,
    `/../evil/${M}`,
    `/api/v2/../../..//evil.example/${M}`,
    `/settings/../../${M}`,
    `/%2e%2e/${M}`,
    `/%2E/${M}`,
    `/x/.%252e//evil.example/${M}`,
    // Whitespace and control characters
    `/\t/evil.example/${M}`,
    `/\n/evil.example/${M}`,
    `/\r\n/evil.example/${M}`,
    ` /settings/${M}`,
    `/settings/${M} `,
    `/\u0000/${M}`,
    `/x\u007f/${M}`,
    `/\u00a0/evil.example/${M}`,
    `/\u2028/evil.example/${M}`,
    `/\ufeff/evil.example/${M}`,
    `/%09/evil.example/${M}`,
    `/%0a/evil.example/${M}`,
    `/%00/${M}`,
    `/%20/evil.example/${M}`,
    `/%c2%a0/evil.example/${M}`,
    // Broken encoding and oversize
    `/%E0%A4%A/${M}`,
    `/%/${M}`,
    `/%u002f/${M}`,
    `/${M}${"a".repeat(3000)}`,
    // The sign-in page itself would loop
    `/login?next=${M}`,
    `/login?redirect=/${M}`,
  ];

  it.each(hostile)("refuses %j", (input) => {
    const result = safeRedirect(input);
    expect(result).not.toContain(M);
    expect(result).toBe("/");
  });

  it("falls back to / for nothing at all", () => {
    expect(safeRedirect(null)).toBe("/");
    expect(safeRedirect(undefined)).toBe("/");
    expect(safeRedirect("")).toBe("/");
  });

  // One input per check that only that check refuses: remove the check and its row fails
  // (docs/mutations.md lists the mutations).
  it.each([
    ["the length limit", `/${M}${"a".repeat(3000)}`],
    ["the leading slash (absolute URL)", `https://evil.example/${M}`],
    ["the leading slash (relative path)", `evil.example/${M}`],
    ['no leading "//"', `//evil.example/${M}`],
    ['no leading "//" once decoded', `/%2fevil.example/${M}`],
    ["no backslash", `/\\evil.example/${M}`],
    ["no control character", `/\t/evil.example/${M}`],
    ["no whitespace once decoded", `/%20/evil.example/${M}`],
    ["no dot segment", `/.//evil.example/${M}`],
    ["no dot segment once decoded", `/%2e%2e//evil.example/${M}`],
    ["decodable", `/%E0%A4%A/evil.example/${M}`],
    ["at most three encodings deep", `/%2525252f%2525252fevil.example/${M}`],
    ["not the sign-in page", `/login?next=${M}`],
  ])("each defence: %s", (_check, input) => {
    expect(safeRedirect(input)).toBe("/");
  });

  it.each([
    ["/", "/"],
    ["/settings/security", "/settings/security"],
    ["/workspaces?filter=owner%3Ame", "/workspaces?filter=owner%3Ame"],
    ["/workspaces?next=%2Fdashboard", "/workspaces?next=%2Fdashboard"],
    ["/api/v2/users/oidc/callback?state=x", "/api/v2/users/oidc/callback?state=x"],
    ["/oauth2/authorize?client_id=1&state=2", "/oauth2/authorize?client_id=1&state=2"],
    ["/settings#section", "/settings"],
    ["/@me", "/@me"],
    ["/caf%C3%A9", "/caf%C3%A9"],
    ["/%252541", "/%252541"],
    ["/login-help", "/login-help"],
  ])("keeps same-origin path %j", (input, expected) => {
    expect(safeRedirect(input)).toBe(expected);
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
