import { describe, expect, it } from "vitest";
import { httpUrl, imageSource } from "./external-url.ts";

describe("httpUrl", () => {
  it("keeps absolute http(s) links", () => {
    expect(httpUrl("https://coder.com/docs")).toBe("https://coder.com/docs");
    expect(httpUrl(" http://status.acme.example/ ")).toBe("http://status.acme.example/");
    expect(httpUrl("HTTPS://Example.COM/a?b=c#d")).toBe("https://example.com/a?b=c#d");
  });

  it("refuses everything that is not one", () => {
    for (const bad of [
      "javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      " javascript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "vbscript:x",
      "/relative/path",
      "//evil.example/x",
      "mailto:someone@example.com",
      "https://user:pass@example.com/",
      "https://",
      "",
      undefined,
      null,
    ])
      expect(httpUrl(bad), String(bad)).toBeUndefined();
  });
});

describe("imageSource", () => {
  const page = "https://coder.acme.example";

  it("takes this origin's paths, https images anywhere, and data: images", () => {
    expect(imageSource("/icon/logo.png", page)).toBe("/icon/logo.png");
    expect(imageSource("https://coder.acme.example/x.svg?v=1", page)).toBe("/x.svg?v=1");
    expect(imageSource("https://cdn.acme.example/logo.svg", page)).toBe(
      "https://cdn.acme.example/logo.svg",
    );
    expect(imageSource("//cdn.acme.example/logo.svg", page)).toBe(
      "https://cdn.acme.example/logo.svg",
    );
    expect(imageSource("data:image/png;base64,iVBORw0KGgo=", page)).toBe(
      "data:image/png;base64,iVBORw0KGgo=",
    );
    expect(imageSource("data:image/svg+xml;charset=utf-8,%3Csvg%3E", page)).toBe(
      "data:image/svg+xml;charset=utf-8,%3Csvg%3E",
    );
  });

  it("refuses what the policy would block or what is no image", () => {
    expect(imageSource("http://cdn.acme.example/logo.png", page)).toBeUndefined();
    expect(imageSource("//cdn.acme.example/logo.png", "http://localhost:5173")).toBeUndefined();
    expect(imageSource("javascript:alert(1)", page)).toBeUndefined();
    expect(imageSource("data:text/html,<b>x</b>", page)).toBeUndefined();
    expect(imageSource("https://user:pw@cdn.acme.example/x.png", page)).toBeUndefined();
    expect(imageSource("", page)).toBeUndefined();
  });
});
